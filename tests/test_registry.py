"""The shipped registry says what the plan says; `check` finds what is broken, with file:line."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from qth_disclosure.registry import Registry

# Transcribed from the plan's lead notes (…牵头落实), section by section.
PLAN_LEADS = {
    "K1": ["市政府办"], "K2-1": ["市财政局"], "K2-2": ["市审计局"], "K3-1": ["市国土局"],
    "K3-2": ["市住建局"], "K4-1": ["市发改委"], "K4-2": ["市交通运输局"], "K5-1": ["市教育局"],
    "K5-2": ["市人社局"], "K5-3": ["市民政局"], "K5-4": ["市卫生计生委", "市人社局"],
    "K6": ["市环保局"], "K7": ["市食药监局"], "K8-1": ["市安监局"], "K8-2": ["市煤管局"],
    "O1-1": ["市农委"], "O1-2": ["市畜牧兽医局"], "O1-3": ["市林业局"], "O1-4": ["市水务局"],
    "O2-1": ["市文广新局"], "O2-2": ["市体育局"], "O3": ["市民政局"], "O4": ["市物价局"],
    "O5": ["市市场监管局"], "O6-1": ["市工信委"], "O6-2": ["市商务局"], "O6-3": ["市粮食局"],
    "O6-4": ["市外事侨务旅游局"], "O6-5": ["市统计局"], "O7-1": ["市公安局"],
    "O7-2": ["市司法局"], "O8": ["市科技局"], "O9-1": ["市政府办"], "O9-2": ["市法制办"],
}


def names(registry: Registry, codes: tuple[str, ...]) -> list[str]:
    return [registry.agency(c).name for c in codes]


def test_registry_every_lead_the_plan_names(registry: Registry) -> None:
    leads = {t.id: names(registry, t.lead) for t in registry.tasks if not t.all_units}
    assert leads == PLAN_LEADS


def test_registry_monthly_duty_on_exactly_the_key_area_leads(registry: Registry) -> None:
    monthly = {t.id for t in registry.tasks if t.monthly}
    assert monthly == {tid for tid in PLAN_LEADS if tid.startswith("K")}
    assert all(t.section == "一" for t in registry.tasks if t.monthly)
    assert registry.monthly.months == ["2015-07", "2015-08", "2015-09", "2015-10", "2015-11"]
    assert registry.due_on("2015-09") == date(2015, 9, 30)
    assert registry.due_on("2015-11") == date(2015, 11, 30)


def test_registry_task_5_4_has_both_leads(registry: Registry) -> None:
    assert names(registry, registry.task("K5-4").lead) == ["市卫生计生委", "市人社局"]


def test_registry_bianban_cooperates_on_the_power_list(registry: Registry) -> None:
    k1 = registry.task("K1")
    assert names(registry, k1.cooperating) == ["市编办"]
    assert "行政权力" in k1.text


def test_registry_applications_are_every_units_duty(registry: Registry) -> None:
    a1 = registry.task("A1")
    assert a1.section == "三" and a1.all_units and not a1.monthly
    assert set(a1.lead) == {a.code for a in registry.agencies}
    assert "15个工作日" in a1.text


def test_registry_tasks_led_by_each_unit(registry: Registry) -> None:
    # what `agencies` lists as each unit's tasks: every task naming it as a lead, in the
    # registry's order; a task of `lead: all` (A1) is nobody's by name
    for a in registry.agencies:
        assert registry.tasks_led_by(a.code) == tuple(
            t.id for t in registry.tasks if a.code in t.lead and not t.all_units), a.code
    assert registry.tasks_led_by("rsj") == ("K5-2", "K5-4")
    assert registry.tasks_led_by("nobody") == ()


def test_registry_names_every_unit(registry: Registry) -> None:
    plan_names = {n for leads in PLAN_LEADS.values() for n in leads} | {"市编办"}
    districts = {"桃山区": "district", "新兴区": "district", "茄子河区": "district",
                 "勃利县": "county"}
    assert {a.name for a in registry.agencies} == plan_names | set(districts)
    for name, kind in districts.items():
        assert registry.agency(name).kind == kind
    czj = registry.agency("czj")
    assert (czj.name, czj.full_name, czj.kind) == ("市财政局", "七台河市财政局", "bureau")
    assert registry.agency("七台河市财政局") == czj


def test_registry_plan_and_phases(registry: Registry) -> None:
    plan = registry.plan
    assert (plan.document_number, plan.issued_on, plan.timezone, registry.office.name) == (
        "七政办发〔2015〕23号", date(2015, 7, 24), "Asia/Shanghai", "市政府办")
    assert [(p.id, p.name, p.start, p.end, p.deliverable) for p in registry.phases] == [
        ("prepare", "准备阶段", date(2015, 7, 24), date(2015, 7, 31), "plan"),
        ("implement", "实施阶段", date(2015, 7, 1), date(2015, 11, 30), "monthly"),
        ("summarize", "总结阶段", date(2015, 12, 1), date(2015, 12, 20), "summary"),
        ("acceptance", "验收阶段", date(2015, 12, 21), date(2016, 1, 31), "inspection"),
    ]


def test_check_shipped_registry_ok(disclose) -> None:
    result = disclose("check")
    assert "registry ok: 37 agencies, 35 tasks (15 with monthly reporting), 4 phases" in (
        result.stdout)


def _line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if text in line)


BREAKAGES = [
    # (file, original text, replacement, expected message, line found by)
    ("tasks.yaml", "  - id: K2-2", "  - id: [K2-2", "YAML syntax error", "  - id: [K2-2"),
    ("tasks.yaml", "lead: [czj]", "lead: [czx]", "unknown agency code 'czx'; did you mean czj?",
     "lead: [czx]"),
    ("tasks.yaml", "lead: [czj]", "lead: []", "task K2-1 has no lead agency", "lead: []"),
    ("tasks.yaml", "  - id: K2-2", "  - id: K2-1\n    owner: czj", "unknown key 'owner'",
     "owner: czj"),
    ("tasks.yaml", "end: 2015-07-31", "end: 2015-07-20", "phase prepare ends (2015-07-20) "
     "before it starts (2015-07-24)", "end: 2015-07-20"),
    ("agencies.yaml", "  - code: sjj", "  - code: czj", "agency code 'czj' is used twice",
     "  - code: czj\n"),
    ("tasks.yaml", "    clarify: restart\n", "    clarify: sometimes\n",
     "law_profiles[1].clarify is 'sometimes'; valid: restart, pause", "clarify: sometimes"),
    ("tasks.yaml", "    answer_working_days: 15 ", "    answer_working_days: fifteen ",
     "law_profiles[1].answer_working_days must be a whole number", "fifteen"),
    # due rules as recurrence rules (migration-free registry data)
    ("tasks.yaml", "    rule: FREQ=MONTHLY;BYMONTHDAY=-1", "    rule: every month end",
     "not a recurrence rule", "every month end"),
    ("tasks.yaml", "    rule: FREQ=MONTHLY;BYMONTHDAY=-1",
     "    rule: FREQ=MONTHLY;COUNT=3;BYMONTHDAY=-1", "without DTSTART, COUNT or UNTIL",
     "COUNT=3"),
    ("tasks.yaml", "    roll: next_working_day", "    roll: sometimes",
     "monthly_reporting.due.roll is 'sometimes'", "roll: sometimes"),
    ("tasks.yaml", "  every: FREQ=MONTHLY", "  every: FREQ=WEEKLY",
     "starts a period on a day other than a month's first", "every: FREQ=WEEKLY"),
    ("tasks.yaml", "    rule: FREQ=MONTHLY;BYMONTHDAY=-1",
     "    rule: FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "gives no day within four years",
     "  due:"),
    ("tasks.yaml", "    units: [office, bureau]", "    units: [office, ministry]",
     "'ministry'; valid: office, bureau, district, county", "units: [office, ministry]"),
]


@pytest.mark.parametrize(("filename", "old", "new", "message", "locate"), BREAKAGES,
                         ids=["syntax", "unknown-lead", "no-lead", "unknown-key", "phase-dates",
                              "duplicate-code", "clock-rule", "law-days", "due-not-a-rule",
                              "due-tied-rule", "due-roll", "periods-weekly", "due-no-day",
                              "phase-units"])
def test_check_broken_copy_names_file_and_line(
    disclose, registry_copy: Path, filename: str, old: str, new: str, message: str, locate: str
) -> None:
    path = registry_copy / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if locate.endswith("\n"):  # the second occurrence: the duplicate, not the original
        line = [i for i, ln in enumerate(path.read_text().splitlines(), 1)
                if ln == locate.rstrip("\n")][1]
    else:
        line = _line_of(path, locate)

    result = disclose("--registry", str(registry_copy), "check", code=1)

    assert f"{path}:{line}: " in result.stdout, result.stdout
    assert message in result.stdout
    # every other command refuses the same registry, in one line, no traceback
    refused = disclose("--registry", str(registry_copy), "status", "--as-of", "2015-09-10",
                       code=1)
    assert refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and f"{path}:{line}: " in refused.stderr


def test_check_duplicate_task_id_and_missing_field(disclose, registry_copy: Path) -> None:
    path = registry_copy / "tasks.yaml"
    text = path.read_text(encoding="utf-8").replace("  - id: K2-2", "  - id: K2-1", 1)
    text = text.replace("    title: 财政审计结果和整改情况公开\n", "", 1)
    path.write_text(text, encoding="utf-8")
    result = disclose("--registry", str(registry_copy), "check", code=1)
    dup_line = [i for i, ln in enumerate(text.splitlines(), 1) if ln == "  - id: K2-1"][1]
    assert f"tasks.yaml:{dup_line}: id 'K2-1' is used twice" in result.stdout
    assert f"tasks.yaml:{dup_line}: tasks[3] is missing 'title'" in result.stdout
    assert "2 problem(s) found" in result.stderr


def test_check_refuses_a_document_that_is_not_a_mapping(disclose, registry_copy: Path) -> None:
    (registry_copy / "agencies.yaml").write_text("- czj\n- sjj\n", encoding="utf-8")
    result = disclose("--registry", str(registry_copy), "check", code=1)
    assert "agencies.yaml:1: agencies.yaml must be a mapping of keys to values" in result.stdout


def test_check_missing_registry_directory(disclose, tmp_path: Path) -> None:
    result = disclose("--registry", str(tmp_path / "nowhere"), "check", code=1)
    assert "registry directory not found" in result.stdout


def test_registry_cache_is_keyed_by_content(registry_copy: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a registry not seen before is parsed and validated; a cached one is not."""
    from qth_disclosure.registry import load, load_registry
    from qth_disclosure.registry.cache import cache_dir

    validations: list[Path] = []
    validate = load.check_registry

    def counted(directory: Path, files: dict[str, bytes] | None = None) -> Any:
        validations.append(directory)
        return validate(directory, files)

    monkeypatch.setattr(load, "check_registry", counted)
    first = load_registry(registry_copy)
    assert len(list(cache_dir().glob("registry-*.json"))) == 1
    assert load_registry(registry_copy) == first
    assert len(validations) == 1, "validated again: the cache was not used"
    tasks = registry_copy / "tasks.yaml"
    tasks.write_text(tasks.read_text(encoding="utf-8").replace(
        "title: 财政审计结果和整改情况公开", "title: 审计结果公告", 1), encoding="utf-8")
    assert load_registry(registry_copy).task("K2-2").title == "审计结果公告"  # never stale
    for cached in cache_dir().glob("registry-*.json"):
        cached.write_bytes(b"not an entry")
    assert load_registry(registry_copy).task("K2-2").title == "审计结果公告"  # rebuilt
    assert len(validations) == 3


def test_registry_cache_key_changes_with_the_model_source(
        registry_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry made of yesterday's record shapes is never rebuilt into today's records."""
    from qth_disclosure.registry import cache

    files = {"tasks.yaml": b"a", "agencies.yaml": b"b"}
    before = cache.key(registry_copy, files)
    edited = tmp_path / "model.py"
    edited.write_bytes(cache._MODEL_SOURCE.read_bytes() + b"\n# a new field\n")
    monkeypatch.setattr(cache, "_MODEL_SOURCE", edited)
    assert cache.key(registry_copy, files) != before
