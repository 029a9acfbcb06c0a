"""Durability of the ledger: concurrent writers, a killed writer, read-only, full and busy files.

The README promises that every write is one `BEGIN IMMEDIATE` transaction (all of it or
none, concurrent liaisons queue instead of interleaving), that readers never block, and that
a write which cannot happen says why in one line and writes nothing. These tests hold the
real CLI to that, mostly as separate processes, because locking and crash recovery only
mean something across processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
import typing
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from qth_disclosure.ledger import Ledger
from qth_disclosure.ledger import sqlite as store  # the SQLite backend's file handling
from qth_disclosure.ledger.location import is_server

MONTHS = ("2015-07", "2015-08", "2015-09", "2015-10", "2015-11")
# the deliverable every writer revises, so that revision_of chains are fought over
HOT = ("czj", "K2-1", "2015-08")
WRITERS, PER_WRITER = 64, 25
# rows in one crashing transaction, and after how many it says it is inside: on SQLite enough
# to spill megabytes into the WAL; on PostgreSQL every row is a round trip, so fewer
BATCH = {"sqlite": (2_000, 300), "postgresql": (400, 100)}
KILLS = 30

# Runs many `disclose` commands in one interpreter, so 400 submissions do not cost 400
# interpreter starts. Each call is a full submit: own Session, own Ledger.open, own
# transaction. The click command is built once: typer rebuilds it on every call otherwise,
# which would double the cost of each submit without touching the ledger.
DRIVER = """
import contextlib, io, json, sys
import typer
from qth_disclosure.cli import build_app

command = typer.main.get_command(build_app())
for args in json.loads(sys.argv[1]):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = command.main(args, prog_name="disclose", standalone_mode=False)
    if code not in (None, 0):
        sys.exit(f"disclose {' '.join(args)} exited {code}")
    print(json.dumps(json.loads(out.getvalue())), flush=True)
"""

# One huge transaction, written the way add_submission writes a row; says "inside" once the
# transaction holds MARKER_AT rows, "holding" (and waits to be killed) in mode "hold" with
# every row written but no COMMIT, and "committed" after COMMIT.
CRASHER = """
import json, sys
from datetime import date, datetime
from zoneinfo import ZoneInfo
from qth_disclosure.ledger import Ledger, NewSubmission, Stamp

path, plan, batch, marker_at, mode = sys.argv[1:6]
stamp = Stamp(datetime.now(ZoneInfo("Asia/Shanghai")).replace(microsecond=0), "crash", "crash")
new = NewSubmission(plan=plan, kind="monthly", agency="gtj", task="K3-1", period="2015-09",
                    received_on=date(2015, 9, 28), summary="国土资源信息" * 100)
with Ledger.open(path, for_writing=True) as ledger, ledger._b.write():
    previous = ledger._b.execute(
        "SELECT max(id) FROM submissions WHERE agency = 'gtj' AND task = 'K3-1' "
        "AND period = '2015-09'").fetchone()[0]
    for i in range(int(batch)):
        columns = {k: v.isoformat() if isinstance(v, date) else v for k, v in vars(new).items()}
        previous = ledger._insert("submissions", {
            **columns, "links": json.dumps(list(new.links)), "revision_of": previous}, stamp)
        if i + 1 == int(marker_at):
            print("inside", flush=True)
    if mode == "hold":
        print("holding", flush=True)
        sys.stdin.readline()
print("committed", flush=True)
"""


def cli_env(db: Path | str) -> dict[str, str]:
    """The environment of a real user: nothing of the test's DISCLOSE_* settings leaks in."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISCLOSE_")}
    env.update(DISCLOSE_DB=str(db), DISCLOSE_LANG="en", NO_COLOR="1")
    return env


def disclose_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "qth_disclosure", *args]


def count_rows(location: Path | str, table: str = "submissions") -> int:
    with Ledger.open(str(location), for_writing=False) as ledger:
        return int(ledger._b.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def one_error_line(stderr: str) -> str:
    """The single line a refused command must print: no traceback, no second line."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1 and stderr.endswith("\n"), stderr
    return lines[0]


@contextmanager
def reaped(processes: list[subprocess.Popen[str]]) -> Iterator[list[subprocess.Popen[str]]]:
    """Kill whatever is still running when the block exits, so a failure leaves no orphans."""
    try:
        yield processes
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.communicate()


def submit_args(agency: str, task: str, month: str, summary: str) -> list[str]:
    return ["submit", "--agency", agency, "--task", task, "--month", month,
            "--summary", summary, "--received", f"{month}-28"]


# ---------------------------------------------------------------- 1. concurrency


def test_durability_concurrent_submissions(tmp_path, registry, ledger_location) -> None:
    path, env = ledger_location, cli_env(ledger_location)
    if not is_server(ledger_location):
        # on SQLite the default location, where no ledger is yet: the writers also race to
        # create and migrate it, and exactly one of them says it created it
        path = str(tmp_path / "data" / "qth-disclosure" / "ledger.sqlite3")
        env = {k: v for k, v in env.items() if k != "DISCLOSE_DB"}
        env["XDG_DATA_HOME"] = str(tmp_path / "data")
    pairs = [(lead, t.id) for t in registry.monthly_tasks for lead in t.lead]
    script = tmp_path / "driver.py"
    script.write_text(DRIVER)

    with reaped([]) as writers, reaped([]) as readers:
        for w in range(WRITERS):
            rng = random.Random(w)  # seeded: the same workload every run
            jobs = []
            for i in range(PER_WRITER):
                agency, task, month = (HOT if i % 5 < 2 else
                                       (*rng.choice(pairs), rng.choice(MONTHS)))
                jobs.append([*submit_args(agency, task, month, f"writer {w} job {i}"),
                             "--format", "json"])
            writers.append(subprocess.Popen(
                [sys.executable, str(script), json.dumps(jobs)], env=env, cwd=tmp_path,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))

        # once writer 0 has one submission in, the ledger exists and it alone has 24 more
        # to make: readers started now run against a ledger being written
        first = writers[0].stdout.readline() if writers[0].stdout else ""
        assert first, writers[0].communicate()[1]
        readers += [subprocess.Popen(
            disclose_cmd("status", "--as-of", "2015-09-10", "--format", "json"), env=env,
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(4)]
        for reader in readers:
            out, err = reader.communicate()
            assert reader.returncode == 0 and err == "", err
            assert json.loads(out)["as_of"] == "2015-09-10"

        ids, errors = [], ""
        for w, writer in enumerate(writers):
            out, err = writer.communicate()
            errors += err
            assert writer.returncode == 0, f"writer {w}: {err}"
            lines = (first + out).splitlines() if w == 0 else out.splitlines()
            assert len(lines) == PER_WRITER, f"writer {w}: {err}"
            ids += [json.loads(line)["id"] for line in lines]
    assert sorted(ids) == list(range(1, WRITERS * PER_WRITER + 1))
    assert errors == ("" if is_server(path) else
                      f"created a new ledger at {path} (the default location; --db or "
                      "DISCLOSE_DB names another)\n")

    with Ledger.open(path, for_writing=False) as ledger:
        rows = [tuple(r) for r in ledger._b.execute(
            "SELECT id, agency, kind, task, period, revision_of FROM submissions "
            "ORDER BY id").fetchall()]
        chained = ledger._b.execute("SELECT count(*) FROM chain").fetchone()[0]
    assert len(rows) == chained == WRITERS * PER_WRITER
    deliverables: dict[tuple[object, ...], list[tuple[int, int | None]]] = defaultdict(list)
    for row_id, *key, revision_of in rows:
        deliverables[tuple(key)].append((row_id, revision_of))
    assert len(deliverables[(HOT[0], "monthly", HOT[1], HOT[2])]) >= WRITERS * 2 * PER_WRITER // 5
    for key, revisions in deliverables.items():
        # one chain per deliverable: each revision names the one before, none is skipped
        # or revised twice, which is what two writers reading max(id) at once would leave
        ids_in_order = [row_id for row_id, _ in revisions]
        assert [rev for _, rev in revisions] == [None, *ids_in_order[:-1]], key

    verify = subprocess.run(disclose_cmd("db", "verify"), env=env, cwd=tmp_path,
                            capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    total = WRITERS * PER_WRITER
    assert verify.stdout.startswith(f"ok: integrity check passed; {total} rows (submissions "
                                    f"{total},")
    assert f"hash chain of {total} entries intact" in verify.stdout


# ---------------------------------------------------------------- 2. crash safety


def test_durability_sigkill_mid_transaction(tmp_path, registry, disclose,
                                            ledger_location) -> None:
    path = ledger_location  # the conftest's DISCLOSE_DB, for the in-process verify
    batch, marker_at = BATCH["postgresql" if is_server(path) else "sqlite"]
    disclose(*submit_args("czj", "K2-1", "2015-08", "第一份"))
    script = tmp_path / "crasher.py"
    script.write_text(CRASHER)
    rng = random.Random(20150724)
    before, outcomes = count_rows(path), []
    for loop in range(KILLS):
        # every fourth child holds its finished transaction open (about 3 MB of it already
        # spilled into the WAL), so some kills are certainly mid-transaction whatever the
        # machine's speed; two children finish, so recovery is followed by real commits;
        # the rest die wherever a random 0-50 ms after the marker lands
        mode = "hold" if loop % 4 == 0 else "finish" if loop % 10 == 9 else "kill"
        child = subprocess.Popen(
            [sys.executable, str(script), str(path), registry.plan.id, str(batch),
             str(marker_at), mode],
            env=cli_env(path), cwd=tmp_path, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        awaited = {"hold": "holding\n", "kill": "inside\n", "finish": "committed\n"}[mode]
        with reaped([child]):
            assert child.stdout is not None
            while (line := child.stdout.readline()) not in (awaited, ""):
                pass
            assert line == awaited, child.communicate()[1]
            if mode != "finish":
                time.sleep(rng.uniform(0, 0.05) if mode == "kill" else 0)
                child.send_signal(signal.SIGKILL)  # a no-op if it has already finished
            out, err = child.communicate()
        assert child.returncode in (0, -signal.SIGKILL), err

        if not is_server(path):
            db = sqlite3.connect(path)
            try:
                assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                db.close()
        after = count_rows(path)
        # all of the batch or none of it; "committed" printed means it must be there, but a
        # kill between COMMIT and the print may also leave a whole batch
        assert after in (before, before + batch), (loop, mode, before, after)
        if "committed" in line + out:
            assert after == before + batch, (loop, mode)
        if mode == "hold":
            assert after == before, loop
        outcomes.append("committed" if after > before else "rolled back")
        before = after
        assert disclose("db", "verify").stdout.startswith("ok: integrity check passed")
    assert (count_rows(path) - 1) % batch == 0
    assert outcomes.count("rolled back") >= 5 and outcomes.count("committed") >= 2, outcomes


# ---------------------------------------------------------------- 3. read-only ledger


@contextmanager
def readonly_ledger(tmp_path: Path, dir_writable: bool) -> Iterator[tuple[Path, list[str]]]:
    """A ledger the CLI's user can read but not write, and how to run the CLI as that user.

    Root writes anything whatever the mode bits, so as root the CLI runs as `nobody`, on
    a root-owned file 0644 in a directory outside tmp_path (pytest's is 0700 to others).
    `dir_writable` gives the directory the sticky 1777 of /tmp, where the user may create
    SQLite's -wal/-shm files next to a ledger it still cannot write.
    """
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv(1) is missing: cannot drop to nobody")
        prefix = [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
        probe = subprocess.run([*prefix, sys.executable, "-c", "import qth_disclosure.cli"],
                               cwd="/", capture_output=True, text=True)
        if probe.returncode != 0:
            pytest.skip(f"user nobody cannot run {sys.executable} with the package: "
                        f"{probe.stderr.strip()[-200:]}")
        directory = Path(tempfile.mkdtemp(prefix="disclose-ro-", dir="/tmp"))
    else:
        prefix = []
        directory = tmp_path / "ro"
        directory.mkdir()
    path = directory / "ledger.sqlite3"
    siblings = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    try:
        for args in (["db", "init"], submit_args("czj", "K2-1", "2015-08", "第一份")):
            made = subprocess.run(disclose_cmd(*args), env=cli_env(path), cwd=directory,
                                  capture_output=True, text=True)
            assert made.returncode == 0, made.stderr
        root = os.geteuid() == 0
        for f in siblings:
            if f.exists():
                f.chmod(0o644 if root else 0o444)
        directory.chmod(0o1777 if dir_writable else 0o755 if root else 0o555)
        yield path, prefix
    finally:
        directory.chmod(0o700)
        for f in siblings:
            if f.exists():
                f.chmod(stat.S_IRUSR | stat.S_IWUSR)
        if os.geteuid() == 0:
            shutil.rmtree(directory, ignore_errors=True)


@pytest.mark.parametrize("dir_writable", [
    pytest.param(False, id="directory-not-writable"),
    pytest.param(True, id="file-not-writable"),
])
def test_durability_readonly_ledger(tmp_path, dir_writable: bool) -> None:
    with readonly_ledger(tmp_path, dir_writable) as (path, prefix):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        result = subprocess.run(
            [*prefix, *disclose_cmd(*submit_args("czj", "K2-1", "2015-08", "修订"))],
            env=cli_env(path), cwd=path.parent, capture_output=True, text=True)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest
        # immutable: SQLite cannot open a WAL file read-only in a read-only directory otherwise
        db = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        try:
            assert db.execute("SELECT count(*) FROM submissions").fetchone()[0] == 1
        finally:
            db.close()
        assert result.returncode == 1 and result.stdout == "", result.stderr
        line = one_error_line(result.stderr)
        assert "read-only" in line and "nothing written" in line, line


# ---------------------------------------------------------------- 4. full disk


def test_durability_disk_full(disclose, ledger_path, ledger_rows, monkeypatch) -> None:
    disclose(*submit_args("czj", "K2-1", "2015-08", "第一份"))
    original = store._connect
    # the wrapper stands in for it, so it must keep its contract
    assert typing.get_type_hints(original) == {"target": str, "uri": bool,
                                               "return": sqlite3.Connection}

    def nearly_full(target: str, *, uri: bool = False) -> sqlite3.Connection:
        # SQLite's own SQLITE_FULL: the file may grow by one page, far less than the summary
        db = original(target, uri=uri)
        if target != ":memory:":
            pages = db.execute("PRAGMA page_count").fetchone()[0]
            db.execute(f"PRAGMA max_page_count = {pages + 1}")
        return db

    monkeypatch.setattr(store, "_connect", nearly_full)
    before = ledger_rows()
    long_summary = "本月公开了财政预决算信息。" * 1_154  # 15,002 characters
    refused = disclose(*submit_args("czj", "K2-1", "2015-08", long_summary), code=1)
    assert refused.stdout == ""
    line = one_error_line(refused.stderr)
    assert "full" in line and "nothing written" in line, line
    assert ledger_rows() == before

    monkeypatch.setattr(store, "_connect", original)  # room again: the same submit goes in
    assert disclose.json(*submit_args("czj", "K2-1", "2015-08", long_summary))["id"] == 2
    assert disclose("db", "verify").stdout.startswith("ok: integrity check passed; 2 rows")


# ---------------------------------------------------------------- 5. busy ledger


def test_durability_busy_ledger(disclose, ledger_path, ledger_rows, monkeypatch) -> None:
    disclose(*submit_args("czj", "K2-1", "2015-08", "第一份"))
    # the product waits 3 x 10 s; a fifth of a second twice says the same thing faster
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(store, "BUSY_ATTEMPTS", 2)
    before = ledger_rows()
    holder = sqlite3.connect(ledger_path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer, mid-transaction
        refused = disclose(*submit_args("czj", "K2-1", "2015-08", "修订"), code=1)
        assert refused.stdout == ""
        line = one_error_line(refused.stderr)
        assert "ledger busy" in line and "nothing written" in line, line
        holder.execute("ROLLBACK")
    finally:
        holder.close()
    assert ledger_rows() == before
    again = disclose(*submit_args("czj", "K2-1", "2015-08", "修订"))
    assert "revision of #1" in again.stdout
