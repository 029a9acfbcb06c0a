"""Fixtures that build the world: a pinned today, a throwaway ledger, a copy of the registry.

Every test that touches the ledger (through `disclose`, `ledger_location` or `ledger_rows`)
runs twice: on an SQLite file and on PostgreSQL (tests/pgserver.py says where and how).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

import pgserver as pg
import pytest
from typer.testing import CliRunner

from qth_disclosure import calendar
from qth_disclosure.cli import build_app
from qth_disclosure.ledger import Ledger
from qth_disclosure.ledger.location import is_server
from qth_disclosure.registry import Registry, load_registry, shipped_registry_dir

# Every test runs as if today were this day, well after the plan's year.
TODAY = date(2016, 3, 1)
# a summary holding markup, which the published site must show as text
MARKUP = "<script>alert(1)</script><b>粗</b>"


@pytest.fixture(autouse=True)
def _pinned_world(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(calendar, "today", lambda tz: TODAY)
    monkeypatch.setenv("DISCLOSE_DB", str(tmp_path / "ledger.sqlite3"))
    # the default ledger location, should a test unset DISCLOSE_DB: never the real one
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("DISCLOSE_LANG", "en")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("DISCLOSE_REGISTRY", raising=False)


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry(shipped_registry_dir())


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg.Server]:
    server = pg.Server()
    try:
        # the schema becomes a ledger once (`disclose db init`); `empty` keeps its tables
        Ledger.open(server.url, for_writing=True, missing="create").close()
        yield server
    finally:
        server.close()


@pytest.fixture
def pg_ledger(pg_server: pg.Server, monkeypatch: pytest.MonkeyPatch) -> pg.Server:
    """The session's schema, emptied and migrated, as DISCLOSE_DB."""
    pg_server.empty()
    Ledger.open(pg_server.url, for_writing=True).close()
    monkeypatch.setenv("DISCLOSE_DB", pg_server.url)
    return pg_server


@pytest.fixture(params=["sqlite", "postgresql"])
def ledger_location(request: pytest.FixtureRequest, tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> str:
    """Where this test's ledger is (DISCLOSE_DB is set to it): a new SQLite file, made as
    `disclose db init` makes one, or the session's PostgreSQL schema, emptied."""
    if request.param == "sqlite":
        location = str(tmp_path / "ledger.sqlite3")
        Ledger.open(location, for_writing=True, missing="create").close()
    else:
        server: pg.Server = request.getfixturevalue("pg_server")
        server.empty()
        location = server.url
    monkeypatch.setenv("DISCLOSE_DB", location)
    return location


@pytest.fixture
def direct_sql(ledger_location: str,
               request: pytest.FixtureRequest) -> Callable[[str], list[tuple[Any, ...]]]:
    """Run SQL on the ledger's database directly, as its owner would with sqlite3 or psql,
    bypassing the tool; each statement in its own transaction."""
    if is_server(ledger_location):
        return request.getfixturevalue("pg_server").execute  # type: ignore[no-any-return]

    def on_sqlite(statement: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(ledger_location) as db:
            return list(db.execute(statement).fetchall())

    return on_sqlite


@pytest.fixture
def ledger_path(ledger_location: str) -> Path:
    """The ledger as an SQLite file, for what only a file has (modes, WAL, a kill -9, a
    full disk, tampering with the sqlite3 shell)."""
    if is_server(ledger_location):
        pytest.skip("a test of the SQLite file itself")
    return Path(ledger_location)


class Disclose:
    """Runs `disclose ARGS...` in-process; fails the test loudly on an unexpected exit."""

    def __init__(self) -> None:
        self.runner = CliRunner()
        self.app = build_app()

    def __call__(self, *args: str, code: int = 0) -> Any:
        result = self.runner.invoke(self.app, list(args), catch_exceptions=False)
        assert result.exit_code == code, (
            f"disclose {' '.join(args)} exited {result.exit_code}, wanted {code}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--format", "json").stdout)

    def monthly(self, agency: str, task: str, month: str, received: str,
                summary: str = "公开了本月信息") -> dict[str, Any]:
        data: dict[str, Any] = self.json("submit", "--agency", agency, "--task", task,
                                         "--month", month, "--summary", summary,
                                         "--received", received)
        return data


@pytest.fixture
def disclose(ledger_location: str) -> Disclose:
    return Disclose()


@pytest.fixture
def august(disclose: Disclose) -> None:
    """August 2015 as the bulletin tests know it: four units' reports (sjj's late), and
    #3 (wjw's) returned on 2015-09-01."""
    disclose("submit", "--agency", "czj", "--task", "K2-1", "--month", "2015-08",
             "--received", "2015-08-31", "--summary", "公开了8月预算执行情况和三公经费",
             "--link", "http://czj.qth.gov.cn/2015/08/")
    disclose.monthly("sjj", "K2-2", "2015-08", "2015-09-02", "发布了审计结果公告及整改情况")
    disclose.monthly("wjw", "K5-4", "2015-08", "2015-08-28", "公开了医疗服务收费信息")
    disclose.monthly("rsj", "K5-2", "2015-08", "2015-08-30", "公开了社会保险参保情况")
    disclose("review", "3", "--return", "--comment", "未附链接", "--date", "2015-09-01")


# a unit's plan as items (czj's: complete, for the one task it leads), and a plan in words
PLAN_ITEM = {"公开事项": "预决算公开", "公开内容": "市本级预算、决算", "公开方式": "政府网站",
             "公开时限": "批准后20日内", "责任人": "张三", "任务": "K2-1"}
PLAN_WORDS = "制定了本局政府信息公开工作方案，明确公开事项、时限和责任人"


@pytest.fixture
def year(disclose: Disclose, tmp_path: Path) -> None:
    """The plan's year as these tests know it: four plans (czj's itemised and on time,
    gtj's on time as free text, sjj's late and short, wjw's returned), two summaries
    (sjj's late and short), and five inspections: czj passed, sjj to rectify, gtj failed,
    zjj passed on its second inspection."""
    import yaml

    items = tmp_path / "items.yaml"
    items.write_text(yaml.safe_dump([PLAN_ITEM], allow_unicode=True), encoding="utf-8")
    disclose("submit", "--agency", "czj", "--kind", "plan", "--items", str(items),
             "--received", "2015-07-30")
    for agency, received, summary in (("gtj", "2015-07-29", PLAN_WORDS),
                                      ("sjj", "2015-08-03", "方案"),
                                      ("wjw", "2015-07-31", PLAN_WORDS)):
        disclose("submit", "--agency", agency, "--kind", "plan", "--received", received,
                 "--summary", summary)
    disclose("review", "4", "--return", "--comment", "未列明责任人", "--date", "2015-08-04")
    disclose("submit", "--agency", "czj", "--kind", "summary", "--received", "2015-12-18",
             "--summary", "全年公开预决算、三公经费和政府采购信息共120条")
    disclose("submit", "--agency", "sjj", "--kind", "summary", "--received", "2015-12-22",
             "--summary", "总结")
    for agency, verdict, day, note in (
            ("czj", "pass", "2016-01-10", ""),
            ("sjj", "rectify", "2016-01-11", "审计结果公告未及时公开整改情况。"),
            ("gtj", "fail", "2016-01-12", "未按方案公开土地出让结果"),
            ("zjj", "rectify", "2016-01-05", "保障房信息不全"),
            ("zjj", "pass", "2016-01-20", "")):
        disclose("inspect", "--agency", agency, "--verdict", verdict, "--date", day,
                 *(["--note", note] if note else []))


@pytest.fixture
def cli() -> Disclose:
    """`disclose` with no ledger made for it: for tests of where ledgers are and how they
    come to be (with `default_ledger`, or DISCLOSE_DB set by the test)."""
    return Disclose()


@pytest.fixture
def default_ledger(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The default ledger location (DISCLOSE_DB unset; XDG_DATA_HOME is in tmp_path), where
    no ledger is yet."""
    from qth_disclosure.paths import default_ledger_path

    monkeypatch.delenv("DISCLOSE_DB")
    path = tmp_path / "data" / "qth-disclosure" / "ledger.sqlite3"
    assert default_ledger_path() == path and not path.exists()
    return path


@pytest.fixture
def registry_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped registry, for breaking on purpose."""
    target = tmp_path / "registry"
    target.mkdir()
    for name in ("tasks.yaml", "agencies.yaml"):
        shutil.copy(shipped_registry_dir() / name, target / name)
    return target


@pytest.fixture
def ledger_rows(ledger_location: str,
                request: pytest.FixtureRequest) -> Callable[[], dict[str, int]]:
    """Rows per ledger table that holds any, to show that a refused command wrote nothing
    (`{}`: nothing recorded at all)."""
    if is_server(ledger_location):
        server: pg.Server = request.getfixturevalue("pg_server")

        def on_server() -> dict[str, int]:
            return {t: n for t, n in server.counts().items() if n and t != "schema_migrations"}

        return on_server
    ledger_path = Path(ledger_location)

    def count() -> dict[str, int]:
        if not ledger_path.exists():
            return {}
        with sqlite3.connect(ledger_path) as db:
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        return {t: n for t, n in counts.items() if n and t != "schema_migrations"}

    return count


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory, registry: Registry) -> Path:
    """A site of August 2015 as `publish` writes it: four reports accepted (one with markup
    in its summary, one with a link `submit` would refuse), one returned, one withheld by
    保密审查, one late."""
    from qth_disclosure import queries
    from qth_disclosure.ledger import NewClearance, NewReview, NewSubmission, Stamp
    from qth_disclosure.site.directory import claim, write_site
    from qth_disclosure.site.pages import build

    stamp = Stamp(datetime(2015, 9, 1, 9, 30, tzinfo=timezone.utc), "王芳", "wangf")
    base = tmp_path_factory.mktemp("published")
    with Ledger.open(str(base / "ledger.sqlite3"), for_writing=True,
                     missing="create") as ledger:
        for agency, task, received, summary, verdict in (
                ("czj", "K2-1", "2015-08-31", MARKUP, "accept"),
                ("sjj", "K2-2", "2015-09-02", "审计结果公告", "accept"),
                ("wjw", "K5-4", "2015-08-28", "医疗服务价格", "return"),
                ("rsj", "K5-4", "2015-08-30", "医保基金", "accept"),
                ("hbj", "K6", "2015-08-27", "空气质量日报", "accept"),
                ("gtj", "K3-1", "2015-08-29", "土地供应计划", "accept")):
            link = "javascript:alert(2)" if agency == "gtj" else f"http://{agency}.qth.gov.cn/8/"
            row = ledger.add_submission(NewSubmission(
                "qth-2015", "monthly", agency, task, "2015-08", date.fromisoformat(received),
                summary, (link,)), stamp)
            ledger.add_review(NewReview(row.id, verdict, "审核", date(2015, 9, 3)), stamp)
            if agency == "hbj":
                ledger.add_clearance(NewClearance(row.id, "withheld", "", date(2015, 9, 4)),
                                     stamp)
        publication = queries.publication(registry, ledger, date(2015, 9, 10))
    write_site(base / "site", build(registry, publication), claim(base / "site"))
    return base / "site"
