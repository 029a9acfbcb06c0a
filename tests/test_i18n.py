"""Both catalogues are complete, every key the code uses exists, and the locale is honoured."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from qth_disclosure.i18n import catalogue, resolve_language
from qth_disclosure.output.render import Cell, Line, Table, render_document

PACKAGE = Path(__file__).resolve().parent.parent / "qth_disclosure"


def test_i18n_catalogues_have_the_same_keys() -> None:
    en, zh = catalogue("en"), catalogue("zh")
    assert sorted(set(en) - set(zh)) == []
    assert sorted(set(zh) - set(en)) == []


def test_i18n_placeholders_match() -> None:
    def fields(text: str) -> set[str]:
        return set(re.findall(r"{(\w+)", text.replace("{{", "").replace("}}", "")))

    en, zh = catalogue("en"), catalogue("zh")
    # on purpose: Chinese leaves out the English phase name, and each language names the
    # scoring rules and grades in its own words; English names a point by its state alone
    # (月报未报 is "missing" beside the deliverable's column)
    differ = {k for k in en if fields(en[k]) != fields(zh[k])}
    assert differ == {"status.phase_name", "score.rules_name", "score.grade_name",
                      "score.rule.state"}


def test_i18n_every_literal_key_in_the_code_exists() -> None:
    used: set[str] = set()
    # the published site's templates call t("key") too
    for path in [*PACKAGE.rglob("*.py"), *PACKAGE.rglob("*.html")]:
        text = path.read_text(encoding="utf-8")
        # t("key" / s.t("key" / Error("key" / Problem(..., "key" / c.add(line, "key"
        used |= set(re.findall(r'\bt\(\s*(?:\w+,\s*|"(?:en|zh)",\s*)?"([\w.-]+)"', text))
        used |= set(re.findall(r'(?:Error|Problem)\(\s*"([\w.-]+)"', text))
        used |= set(re.findall(r'\.add\([^,]+,\s*"([\w.-]+)"', text))
    missing = sorted(k for k in used - {"en", "zh"} if k not in catalogue("en"))
    assert missing == []
    assert len(used) > 60


@pytest.mark.parametrize(("env", "lang"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
    ({"DISCLOSE_LANG": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({}, "en"),
])
def test_i18n_language_from_the_environment(monkeypatch, env: dict[str, str],
                                            lang: str) -> None:
    for var in ("DISCLOSE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert resolve_language(None) == lang


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(("no_color", "escapes"), [(False, True), (True, False)])
def test_render_colour_only_on_a_terminal_without_no_color(monkeypatch, no_color: bool,
                                                           escapes: bool) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    out = FakeTerminal()
    blocks = [Line.of(Cell("市财政局", "ok")), Table(["单位"], [[Cell("[bold]x", "bad")]])]
    render_document(blocks, "table", out)
    assert ("\x1b[" in out.getvalue()) == escapes
    assert "[bold]x" in out.getvalue()   # text is never parsed as markup


def test_render_escapes_control_characters() -> None:
    out = io.StringIO()
    render_document([Table(["summary"], [["clear\x1b[2Jscreen\nnext"]])], "table", out)
    assert "\x1b" not in out.getvalue() and "clear\\x1b[2Jscreen next" in out.getvalue()


def test_i18n_chinese_punctuation_is_full_width() -> None:
    """Chinese text takes ；（） and not ; ( ) (a function's name() and code such as an
    RRULE, FREQ=MONTHLY;BYMONTHDAY=-1, aside)."""

    def prose(text: str) -> str:
        return re.sub(r"[\x21-\x7e]*=[\x21-\x7e]*", "", text.replace("}()", "}"))

    mixed = {k: v for k, v in catalogue("zh").items()
             if re.search(r"[\u4e00-\u9fff]", v) and re.search(r"[;()]", prose(v))}
    assert mixed == {}


@pytest.mark.parametrize(("args", "words", "not_words"), [
    (["agencies"], ["牵头任务"], ["牵头单位"]),
    (["bulletin", "--list"], ["标题"], ["任务"]),
    (["db", "info"], ["位置", "结构版本", "哈希链长度", "报送 1，审核 0"],
     ["location", "submissions", "chain_head"]),
])
def test_i18n_chinese_headers_and_ledger_facts(disclose, args: list[str], words: list[str],
                                               not_words: list[str]) -> None:
    disclose.monthly("czj", "K2-1", "2015-08", "2015-08-28")
    disclose("bulletin", "--month", "2015-08", "--as-of", "2015-09-10")
    out = disclose("--lang", "zh", *args).stdout
    assert all(w in out for w in words) and not any(w in out for w in not_words), out


@pytest.mark.parametrize(("lang", "line"), [
    ("zh", "错误：rsj（市人社局）牵头 2 项按月上报的任务，请用 --task 指明："
           "K5-2（社会保险和就业信息公开）、K5-4（医疗卫生、医保和计划生育信息公开）\n"),
    ("en", "error: rsj (市人社局) leads 2 monthly tasks; name one with --task: "
           "K5-2 (社会保险和就业信息公开), K5-4 (医疗卫生、医保和计划生育信息公开)\n"),
])
def test_i18n_errors_name_units_and_tasks_as_the_language_punctuates(disclose, lang: str,
                                                                     line: str) -> None:
    result = disclose("--lang", lang, "submit", "--agency", "rsj", "--month", "2015-09",
                      "--summary", "公开了本月信息", code=1)
    assert result.stderr == line
