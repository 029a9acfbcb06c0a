"""A 年度报告 as a value (its text and its tables in the order they stand), printed as
markdown or written as a .docx in the page and type of GB/T 9704-2012 (documents.docx: A4,
the 版心, 22 lines of 28 characters, 3号仿宋, headings in 黑体 and 楷体, page numbers), its
tables in the text where the form puts them. core.annual_report composes it."""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING, Any

from qth_disclosure.documents import docx as layout
from qth_disclosure.documents.model import Block

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

# a table of many columns (the 2021 form's table 四 has 15) is set smaller, to fit the 版心
WIDE_TABLE_COLUMNS = 9
WIDE_TABLE_PT = 9
LABEL_SHARE = 0.34  # of the 版心's width, at most, for the column of row labels
CELL_MM = 4  # a cell's left and right margins together
NARROW_CELL_TWIPS = 40  # 2 pt each side in a wide table: two characters of 9 pt a line


@dataclass(frozen=True)
class Grid:
    """A table inside the report's text: its caption (empty: the section's heading says
    it), its columns' headings, the heading above several columns (or ""), its rows as
    printed, which rows are headings of the rows below them (no figures), and the heading
    above the groups (申请人情况, 行政诉讼; none: empty)."""

    caption: str
    header: tuple[str, ...]
    groups: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    headings: frozenset[int] = frozenset()
    bands: tuple[str, ...] = ()

    @property
    def levels(self) -> list[tuple[str, ...]]:
        """The heading rows above the columns' own, top first: bands, then groups."""
        return [names for names in (self.bands, self.groups) if any(names)]


Part = Block | Grid


@dataclass(frozen=True)
class Report:
    title: str
    parts: tuple[Part, ...]
    signature: str
    dated: str
    facts: dict[str, Any] = field(default_factory=dict)  # for machines and tests


def markdown(report: Report) -> str:
    parts = [f"# {report.title}"]
    for part in report.parts:
        if isinstance(part, Grid):
            parts.append(_markdown_table(part))
        elif part.kind == "heading":
            parts.append(f"## {part.text}")
        elif part.kind == "subheading":
            parts.append(f"### {part.text}")
        else:
            parts.append(part.text)
    parts.append(f"{report.signature}  \n{report.dated}")
    return "\n\n".join(parts) + "\n"


def _markdown_table(grid: Grid) -> str:
    def cells(row: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"

    # markdown has one heading row: a column's band and group go before its own heading
    header = tuple("：".join(name for name in (*(names[c] for names in grid.levels), h)
                            if name) for c, h in enumerate(grid.header))
    lines = [cells(header), cells(tuple("---" for _ in header)),
             *(cells(row) for row in grid.rows)]
    return (f"**{grid.caption}**\n\n" if grid.caption else "") + "\n".join(lines)


def write(report: Report) -> bytes:
    """The report as the bytes of a .docx file."""
    import docx

    out = docx.Document()
    layout._page(out)
    layout._styles(out)
    layout._fallback_fonts(out)
    layout._title(out, report.title)
    for part in report.parts:
        if isinstance(part, Grid):
            _table(out, part)
        elif part.kind == "heading":
            layout._paragraph(out, part.text, font=layout.HEADING_FONT,
                              indent=True).paragraph_format.keep_with_next = True
        elif part.kind == "subheading":
            layout._paragraph(out, part.text, font=layout.SUBHEADING_FONT,
                              indent=True).paragraph_format.keep_with_next = True
        else:
            layout._paragraph(out, part.text, indent=part.kind == "paragraph")
    layout._signature(out, report.signature, report.dated)
    buffer = BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def _table(out: DocxDocument, grid: Grid) -> None:
    """The table under its caption, its heading rows repeated on every page it runs onto;
    a band (申请人情况) or group heading (法人或其他组织) spans its columns, and a heading
    with none above it takes the heading rows above it too, as on the form."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Mm, Pt

    if grid.caption:
        caption = layout._paragraph(out, grid.caption, font=layout.HEADING_FONT,
                                    align="center", size=layout.SMALL_PT)
        caption.paragraph_format.keep_with_next = True
    top = 1 + len(grid.levels)
    size = WIDE_TABLE_PT if len(grid.header) > WIDE_TABLE_COLUMNS else layout.TABLE_PT
    table = out.add_table(rows=top + len(grid.rows), cols=len(grid.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # the labels' column as wide as its longest label needs (with the cell's margins), at
    # most LABEL_SHARE of the 版心; the figures' columns share the rest evenly
    longest = max(_chars(row[0]) for row in (grid.header, *grid.rows))
    label_mm = min(LABEL_SHARE * layout.TEXT_MM[0], longest * size / 72 * 25.4 + CELL_MM)
    rest = (layout.TEXT_MM[0] - label_mm) / max(len(grid.header) - 1, 1)
    widths = [Mm(label_mm if c == 0 else rest) for c in range(len(grid.header))]
    for c, width in enumerate(widths):
        table.columns[c].width = width
        for row in table.rows:
            row.cells[c].width = width
    if len(grid.header) > WIDE_TABLE_COLUMNS:
        _narrow_margins(table)
    for r, row in enumerate(table.rows):
        _unsplit(row)  # w:cantSplit before w:tblHeader, as WordprocessingML orders them
        if r < top:
            layout._repeat_as_header(row)
    if grid.levels:
        _merged_heading(table, grid, size)
    else:
        for c, text in enumerate(grid.header):
            _cell(table.cell(0, c), text, size, bold=True, centred=True)
    for r, row in enumerate(grid.rows):
        for c, text in enumerate(row):
            _cell(table.cell(top + r, c), text, size, bold=r in grid.headings,
                  centred=c > 0)
    layout._paragraph(out, "").paragraph_format.space_after = Pt(0)


def _chars(text: str) -> float:
    """A text's width in characters of its size: digits and Latin letters are half."""
    return sum(1 if ord(c) > 0x2E80 else 0.5 for c in text)


def _narrow_margins(table: Any) -> None:
    """Cells of a wide table keep 2 pt on each side rather than the 5.4 pt default, so that a
    heading such as 结果维持 takes two lines, not four."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(NARROW_CELL_TWIPS))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr = table._tbl.tblPr
    look = tbl_pr.find(qn("w:tblLook"))  # tblCellMar comes before it in the schema
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def _unsplit(row: Any) -> None:
    """A row is never split between two pages (its label would be cut in half)."""
    from docx.oxml import OxmlElement

    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def _merged_heading(table: Any, grid: Grid, size: float) -> None:
    """The heading rows: each band's and group's name in one cell over its columns, each
    column's own heading under them; a heading starts in the row below the nearest one
    above it (the first row if there is none), so that 项目 spans every heading row,
    自然人 the rows under 申请人情况, and 行政复议 the rows above its columns."""
    from qth_disclosure.output.plaintable import spans

    levels = grid.levels
    last = len(levels)  # the row of the columns' own headings

    def start(c: int, level: int) -> int:
        """The first row a heading of column `c` at `level` takes."""
        above = [r for r in range(level) if levels[r][c]]
        return above[-1] + 1 if above else 0

    for level, names in enumerate(levels):
        outer = levels[level - 1] if level else None
        for span in spans(names, outer):
            first, end = span[0], span[-1]
            if not names[first]:
                continue
            cell = table.cell(start(first, level), first).merge(table.cell(level, end))
            _cell(cell, names[first], size, bold=True, centred=True)
    for c, text in enumerate(grid.header):
        cell = table.cell(start(c, last), c)
        if start(c, last) < last:
            cell = cell.merge(table.cell(last, c))
        _cell(cell, text, size, bold=True, centred=True)


def _cell(cell: Any, text: str, size: float, *, bold: bool, centred: bool) -> None:
    from docx.enum.table import WD_ALIGN_VERTICAL
    from docx.shared import Pt

    cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
    p = cell.paragraphs[0]
    for extra in cell.paragraphs[1:]:  # a merge leaves the merged cells' paragraphs
        extra._p.getparent().remove(extra._p)
    p.paragraph_format.line_spacing = Pt(size * 1.4)
    p.paragraph_format.first_line_indent = None
    layout._off_grid(p)
    p.alignment = 1 if centred else 0
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.font.bold = bold
    layout._fonts(run._r.get_or_add_rPr(), layout.HEADING_FONT if bold else layout.BODY_FONT)
