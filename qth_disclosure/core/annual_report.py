"""The 年度报告 (annual disclosure report) as a draft: the year's structure, every table of
the year's statistics form filled from the ledger, the narrative left to the unit.

Pure: the statistics (core.stats, counted as `disclose stats` counts them), the
proactive-disclosure figures, the plan's status and the unit in; a `Report` out. The
structure follows the year's form (core.stats.default_template): up to 2018 the items of
the 2008 Regulations art. 32 under an opening 概述 (the 2014-era reports), from 2019 the six
sections of 国办公开办函〔2021〕30号. What only the unit knows (its work, its problems) is a
drafting prompt, （待填写：…）, which a staffer replaces; the plan's 方案落实情况, which the
plan asks every unit to report, is written out from the status of what the unit owed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from qth_disclosure.calendar import chinese_date, chinese_month
from qth_disclosure.core.compliance import Assessed, Status
from qth_disclosure.core.fees import ProcessingFees, yuan
from qth_disclosure.core.proactive import shown
from qth_disclosure.core.reminders import WHAT
from qth_disclosure.core.stats import ProactiveTable, Statistics, TableResult
from qth_disclosure.documents.model import Block
from qth_disclosure.documents.report import Grid, Part, Report
from qth_disclosure.escapes import inline
from qth_disclosure.registry import Registry

NUMERALS = "一二三四五六七八九十"
PROMPT = "（待填写：{}）"

# (heading, drafting prompt) of each section, in order
SECTIONS_2008 = (
    ("一、概述", "本年度政府信息公开工作的总体情况：组织领导、制度建设、工作机构和人员、"
     "公开平台建设等"),
    ("二、主动公开政府信息情况", "本年度主动公开政府信息的数量、主要类别和公开渠道，政策解读和"
     "回应社会关切的情况"),
    ("三、依申请公开政府信息情况", "对上表的说明：申请的主要内容、办理和答复的情况"),
    ("四、政府信息公开的收费及减免情况", "依申请公开政府信息收取检索、复制、邮寄等费用及减免的"
     "情况；未收取费用的，写明本年度未收取费用"),
    ("五、因政府信息公开申请行政复议、提起行政诉讼的情况", "对上表的说明：案件的主要情况和结果"),
    ("六、政府信息公开工作存在的主要问题及改进情况", "工作中存在的主要问题和下一步的改进措施"),
    ("七、其他需要报告的事项", "其他需要报告的事项；没有的，写明无"),
)
SECTIONS_2021 = (
    ("一、总体情况", "本年度政府信息公开工作的总体情况：主动公开、依申请公开、政府信息管理、"
     "平台建设、监督保障等"),
    ("二、主动公开政府信息情况", "对上表的说明"),
    ("三、收到和处理政府信息公开申请情况", "对上表的说明：申请的主要内容、办理和答复的情况"),
    ("四、政府信息公开行政复议、行政诉讼情况", "对上表的说明：案件的主要情况和结果"),
    ("五、存在的主要问题及改进情况", "工作中存在的主要问题、上年度问题的整改情况和下一步的改进"
     "措施"),
    ("六、其他需要报告的事项", "其他需要报告的事项；收取信息处理费的情况在此报告"),
)
STATE_WORDS = {"on_time": "按时报送", "late": "逾期报送", "missing": "未报送",
               "returned": "退回修改", "pending": "未到报送期限"}
KIND_WORDS = {"plan": "政府信息公开工作实施方案", "summary": "工作方案落实情况"}


def compose_report(registry: Registry, statistics: Statistics,
                   proactive: Mapping[str, Decimal] | None, status: Status,
                   agency: str | None, as_of: date,
                   processing: ProcessingFees | None = None) -> Report:
    """The year's report of `agency`, or the city's (the office's, over every unit);
    `processing`: the year's 信息处理费, which the 2021 form reports in its section 六."""
    year = statistics.year
    recent = statistics.template.id != "2014"
    sections = SECTIONS_2021 if recent else SECTIONS_2008
    placed: dict[int, list[Grid]] = {i: [] for i in range(len(sections))}
    if proactive is not None and statistics.template.proactive is not None:
        placed[1] += _table_two(statistics.template.proactive, proactive)
    for table in statistics.tables:
        index = _section_of(table.spec.title, recent)
        placed[index].append(_grid(table, sections[index][0], statistics.template.title))
    parts: list[Part] = []
    last = len(sections) - 1
    for i, (heading, prompt) in enumerate(sections):
        parts.append(Block("heading", heading))
        if i == last:
            parts += _plan_progress(registry, status, agency, year, as_of)
            if recent and processing is not None:
                parts += _processing_fees(processing)
        parts += placed[i]
        parts.append(Block("paragraph", PROMPT.format(prompt)))
    if agency is None:
        office = registry.agency(registry.plan.office)
        issuer, signature = _government(office.full_name), inline(office.full_name)
    else:
        issuer = signature = inline(registry.agency(agency).full_name)
    return Report(
        title=f"{issuer}{year}年政府信息公开工作年度报告", parts=tuple(parts),
        signature=signature, dated=PROMPT.format("成文日期"),
        facts={"year": year, "agency": agency, "template": statistics.template.id,
               "as_of": as_of.isoformat()})


def _government(office_name: str) -> str:
    """The government whose report the office writes: 七台河市人民政府办公室 -> 七台河市人民政府."""
    name = inline(office_name)
    return name[:-len("办公室")] if name.endswith("办公室") else name


def _section_of(title: str, recent: bool) -> int:
    """The section a statistics table belongs in, by what its title says it counts (the
    tables are the template's data, so a table added to a form finds its place by name;
    one this does not know goes under 其他需要报告的事项)."""
    if "主动公开" in title or "回应" in title or "解读" in title:
        return 1
    if recent:
        if "复议" in title or "诉讼" in title:
            return 3
        return 2 if "申请" in title else 5
    if "费" in title:
        return 3
    if "依申请" in title:
        return 2
    if "复议" in title or "诉讼" in title:
        return 4
    return 6


def _grid(table: TableResult, section: str, form: str) -> Grid:
    spec = table.spec
    title = inline(spec.title)
    # the 2021 form's tables are named as the sections they stand in; the 2014 form's
    # numbers are the form's own, so the caption names the form
    caption = "" if title == section else f"{inline(form.split('（')[0])}{title}"
    columns = spec.columns
    rows, headings = [], set()
    for i, row in enumerate(spec.rows):
        values = table.values.get(row.key)
        if values is None:
            headings.add(i)
        rows.append((inline(row.label), *(str(values[c.key]) if values is not None else ""
                                          for c in columns)))
    return Grid(caption, ("项目", *(inline(c.label) for c in columns)),
                ("", *(inline(c.group or "") for c in columns)), tuple(rows),
                frozenset(headings), ("", *(inline(c.band or "") for c in columns)))


def _table_two(table: ProactiveTable, proactive: Mapping[str, Decimal]) -> list[Grid]:
    """The 2021 form's table 二: its blocks, each under its article with its headings."""
    return [Grid("", (block.heading, *block.columns), ("",) * (len(block.columns) + 1),
                 tuple((label, *(shown(proactive[item]) for item in items))
                       for label, items in block.rows))
            for block in table.blocks]


def _processing_fees(fees: ProcessingFees) -> list[Part]:
    """收取信息处理费的情况 (国办公开办函〔2021〕30号: reported in section 六)."""
    heading = Block("subheading", "（二）收取信息处理费的情况")
    if not fees.notices and not fees.payments:
        return [heading, Block("paragraph", "本年度未收取信息处理费。")]
    # a notice of December may be paid in January, one of last year paid this year: the
    # two counts are each the year's own, and neither is said to explain the other
    said = [f"本年度发出信息处理费收费通知{fees.notices}件，金额合计{yuan(fees.notified)}元"
            if fees.notices else "本年度未发出信息处理费收费通知",
            f"实际收取信息处理费{fees.payments}件，合计{yuan(fees.taken)}元"
            if fees.payments else "本年度未实际收取信息处理费"]
    return [heading, Block("paragraph", "；".join(said) + "。")]


# ---------------------------------------------------------------- 方案落实情况


def _plan_progress(registry: Registry, status: Status, agency: str | None, year: int,
                   as_of: date) -> list[Part]:
    """What the plan asked of the unit (or of every unit) with its day in `year`, what it
    reported and whether on time, as known on `as_of`."""
    plan = registry.plan
    owed = [d for d in status.deliverables if d.deliverable.due.year == year
            # the report itself is not among them, nor the office's inspections
            and d.deliverable.kind not in ("annual_report", "inspection")
            and (agency is None or d.deliverable.agency == agency)]
    named = f"《{inline(plan.title)}》（{inline(plan.document_number)}）"
    heading = Block("subheading", f"（一）{named}落实情况")
    if not owed:
        return [heading, Block("paragraph", f"{year}年{named}未规定本单位报送的事项。")]
    counts = {state: sum(d.state == state for d in owed) for state in STATE_WORDS}
    said = "，".join(f"{STATE_WORDS[s]}{n}项" for s, n in counts.items() if n)
    as_of_words = f"截至{chinese_date(as_of)}"
    if agency is not None:
        intro = (f"按照{named}的要求，本单位{year}年应报送材料{len(owed)}项，{as_of_words}，"
                 f"{said}。具体情况如下：")
        sent = tuple((_what(registry, d), chinese_date(d.deliverable.due),
                      chinese_date(d.received_on) if d.received_on else "—",
                      STATE_WORDS.get(d.state, d.state)) for d in owed)
        return [heading, Block("paragraph", intro),
                Grid("", ("报送事项", "报送期限", "报送日期", "情况"), ("",) * 4, sent)]
    units = sorted({d.deliverable.agency for d in owed},
                   key=lambda code: [a.code for a in registry.agencies].index(code))
    intro = (f"按照{named}的要求，{year}年各单位共应报送材料{len(owed)}项，{as_of_words}，"
             f"{said}。各单位情况如下：")
    rows: list[tuple[str, ...]] = []
    for code in units:
        mine = [d for d in owed if d.deliverable.agency == code]
        rows.append((inline(registry.agency(code).name), str(len(mine)),
                     *(str(sum(d.state == s for d in mine)) for s in STATE_WORDS)))
    return [heading, Block("paragraph", intro),
            Grid("", ("单位", "应报送", *STATE_WORDS.values()), ("",) * (2 + len(STATE_WORDS)),
                 tuple(rows))]


def _what(registry: Registry, d: Assessed) -> str:
    kind, task, period = d.deliverable.kind, d.deliverable.task, d.deliverable.period
    if kind == "monthly" and task and period:
        return f"{chinese_month(period)}份月报（{inline(registry.task(task).title)}）"
    return KIND_WORDS.get(kind, WHAT.get(kind, kind))

