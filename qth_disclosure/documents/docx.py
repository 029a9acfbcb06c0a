"""A `Document` as a .docx in the layout of GB/T 9704-2012 (党政机关公文格式), through
python-docx (imported only when a document is written).

The layout's figures, each from the standard:
- A4; 天头 (top margin) 37 mm, 订口 (left margin) 28 mm; 版心 156 mm × 225 mm, so the
  right margin is 26 mm and the bottom 35 mm;
- 正文 3号仿宋_GB2312 (16 pt); 22 lines of 28 characters: a line grid of 28.95 pt
  (w:docGrid, and exact line spacing) and characters set 0.25 pt closer, so that 28 of
  them fill the 156 mm (a character grid, w:docGrid linesAndChars, is what Word's own
  公文 templates use, but LibreOffice spreads its characters twice as wide);
- 标题 2号小标宋 (22 pt), centred; headings 一、 in 3号黑体, （一） in 3号楷体_GB2312;
- 发文机关标志 in red 小标宋, 发文字号 centred below it, a red line under them;
- page numbers "— 1 —" in 4号宋体 (14 pt), odd pages on the right and even pages on the
  left, one character in from the edge of the 版心;
- 版记: 抄送 and 印发机关/印发日期 between black rules, in 4号仿宋.

The fonts are named as the standard names them, each with the fallbacks a machine without
them uses (the font table's altName, and the run's other scripts), see FONTS.
"""

from __future__ import annotations

from io import BytesIO
from typing import TYPE_CHECKING, Any

from qth_disclosure.documents.model import Document, Table

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph

# the standard's fonts, and what stands in for each where it is missing
FONTS = {
    "仿宋_GB2312": ("仿宋", "FangSong", "Noto Serif CJK SC"),
    "方正小标宋简体": ("华文中宋", "宋体", "Noto Serif CJK SC"),
    "黑体": ("SimHei", "Noto Sans CJK SC"),
    "楷体_GB2312": ("楷体", "KaiTi", "Noto Serif CJK SC"),
    "宋体": ("SimSun", "Noto Serif CJK SC"),
}
BODY_FONT, TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, NUMBER_FONT = (
    "仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312", "宋体")
LATIN_FONT = "Times New Roman"  # digits and Latin letters in the text
BODY_PT, TITLE_PT, SMALL_PT, TABLE_PT = 16, 22, 14, 10.5  # 3号, 2号, 4号, 5号
SHORT_CELL = 20  # half characters: a cell this wide or less is never wrapped (a unit of
# eight characters, 市外事侨务旅游局, as its column in a results table)
LINE_PITCH_PT = 28.95  # 225 mm / 22 lines
CHAR_SPACING_PT = -0.25  # 28 × 15.75 pt = 441 pt, inside the 442.2 pt of 156 mm
RED = "FF0000"
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "left": 28, "right": 26, "bottom": 35}
TEXT_MM = (156, 225)


def write(doc: Document) -> bytes:
    """The document as the bytes of a .docx file."""
    import docx
    from docx.shared import Pt

    out = docx.Document()
    _page(out)
    _styles(out)
    _fallback_fonts(out)
    if doc.form == "official":
        _masthead(out, doc.mark, doc.reference)
    elif doc.form == "brief":
        _brief_masthead(out, doc)
    if doc.form == "letter":
        # 信函格式: the number under the first red double line, the title two lines below
        _letter_head(out, doc.mark or doc.signature)
        number = _paragraph(out, doc.reference, align="right")
        number.paragraph_format.space_before = Pt(BODY_PT * 7 / 8)
        _paragraph(out, "")
    _title(out, doc.title)
    if doc.addressees:
        _paragraph(out, doc.addressees)
    # the last paragraph of the text, the 附件说明 and the signature stay on one page: the
    # standard allows no page with the signature and the date alone
    tail: list[Paragraph] = []
    for block in doc.body:
        if block.kind == "heading":  # never the last line of a page
            _paragraph(out, block.text, font=HEADING_FONT,
                       indent=True).paragraph_format.keep_with_next = True
        elif block.kind == "subheading":
            _paragraph(out, block.text, font=SUBHEADING_FONT, indent=True)
        else:
            tail = [_paragraph(out, block.text, indent=block.kind == "paragraph")]
    if doc.attachments:
        tail.append(_paragraph(out, ""))
        numbered = len(doc.attachments) > 1
        for i, line in enumerate(doc.attachment_note()):
            # 附件说明: 左空二字; a second attachment's number under the first's, and a
            # long name wrapped under the name above it (7.3.5.2: 与上一行附件名称对齐): 附件：
            # is three characters, a number with its point and space one
            p = _paragraph(out, line.strip("\u3000"))
            tail.append(p)
            start = 600 if numbered else 500
            _chars_indent(p, left=start, hanging=start - (200 if i == 0 else 500))
    for p in tail:
        p.paragraph_format.keep_with_next = True
    _signature(out, doc.signature, doc.dated)
    for i, table in enumerate(doc.attachments, 1):
        _attachment(out, doc.attachment_label(i), table)
    if doc.printed_by:
        _colophon(out, doc)
    buffer = BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------ page and styles

# the order WordprocessingML gives the children of a paragraph's and a run's properties:
# Word refuses a file whose elements are out of it (LibreOffice is more forgiving)
_PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
              "numPr", "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens",
              "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE",
              "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
              "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
              "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
              "sectPr", "pPrChange")
_RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike",
              "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid",
              "vanish", "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs",
              "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs",
              "em", "lang", "eastAsianLayout", "specVanish", "oMath")


def _in_order(parent: Any, child: Any, order: tuple[str, ...]) -> None:
    """Insert `child` among `parent`'s children where `order` puts it."""
    local = child.tag.rsplit("}", 1)[-1]
    later = order[order.index(local) + 1:]
    parent.insert_element_before(child, *(f"w:{name}" for name in later))



def _page(out: DocxDocument) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    section = out.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    # the page number's rule sits 7 mm below the 版心
    section.footer_distance = Mm(MARGINS_MM["bottom"] - 7 - 6)
    section.header_distance = Mm(15)
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_PITCH_PT * 20)))
    sect.append(grid)
    out.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        _page_number(footer.paragraphs[0], align)


def _styles(out: DocxDocument) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    normal = out.styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    rpr = normal.element.get_or_add_rPr()
    _fonts(rpr, BODY_FONT)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(round(CHAR_SPACING_PT * 20)))
    _in_order(rpr, spacing, _RPR_ORDER)
    # no extra space between Chinese and digits or Latin letters (七政办函〔2015〕1号, not
    # 〔 2015 〕): a 公文 sets them as they are written, and the lines keep 28 characters
    ppr = normal.element.get_or_add_pPr()
    for name in ("w:autoSpaceDE", "w:autoSpaceDN"):
        off = OxmlElement(name)
        off.set(qn("w:val"), "0")
        _in_order(ppr, off, _PPR_ORDER)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False  # the standard fills every line of a page


def _fonts(rpr: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Name the font for Chinese (w:eastAsia) and for Latin text and digits."""
    from docx.oxml.ns import qn

    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:hint"), "eastAsia")


def _fallback_fonts(out: DocxDocument) -> None:
    """The font table names each standard font with its stand-ins (w:altName) and as a
    GB2312 font (charset 86), so Word, WPS and LibreOffice substitute a Chinese face of the
    same kind rather than any font."""
    from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

    table = next(p for p in out.part.package.iter_parts()
                 if str(p.partname) == "/word/fontTable.xml")
    root = etree.fromstring(table.blob)
    w = root.nsmap["w"]
    for name, alternates in FONTS.items():
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": name})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": ",".join(alternates)})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "86"})
        family = "swiss" if name == HEADING_FONT else "roman"
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": family})
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 standalone=True)


# ------------------------------------------------------------------ parts


def _paragraph(out: DocxDocument, text: str, *, font: str = BODY_FONT, size: float = BODY_PT,
               align: str = "left", indent: bool = False, bold: bool = False,
               color: str | None = None, line_pt: float | None = None) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    p = out.add_paragraph()
    p.alignment = {"left": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                   "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
    if indent:
        _chars_indent(p, first=200)
    if line_pt is not None:
        p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        p.paragraph_format.line_spacing = Pt(line_pt)
    if text:
        run = p.add_run(text)  # a "\n" in text is a line break
        run.font.size = Pt(size)
        run.font.bold = bold
        _fonts(run._r.get_or_add_rPr(), font)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
    return p


def _chars_indent(p: Paragraph, *, first: int = 0, left: int = 0, right: int = 0,
                  hanging: int = 0, size: float = BODY_PT) -> None:
    """Indents in hundredths of a character: as characters (w:firstLineChars …, which
    Word and WPS follow) and as lengths of characters of `size` (which LibreOffice reads)."""
    from docx.oxml.ns import qn

    ind = p._p.get_or_add_pPr().get_or_add_ind()
    pitch_twips = (size + CHAR_SPACING_PT) * 20
    for name, value in (("firstLine", first), ("left", left), ("right", right),
                        ("hanging", hanging)):
        if value:
            ind.set(qn(f"w:{name}"), str(round(value / 100 * pitch_twips)))
            ind.set(qn(f"w:{name}Chars"), str(value))


def _rule(p: Paragraph, edge: str, color: str, eighths: int, *, style: str = "single",
          space_pt: int = 1) -> None:
    """A line along the paragraph's edge (top or bottom), the paragraph's width (the
    版心's unless it is indented); `style` a WordprocessingML border (single, or a double
    line: thickThinSmallGap, thinThickSmallGap), `space_pt` its distance from the text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = p._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _in_order(ppr, borders, _PPR_ORDER)
    line = OxmlElement(f"w:{edge}")
    for key, value in (("w:val", style), ("w:sz", str(eighths)), ("w:space", str(space_pt)),
                       ("w:color", color)):
        line.set(qn(key), value)
    borders.append(line)


def _masthead(out: DocxDocument, mark: str, reference: str) -> None:
    """版头: the red 发文机关标志 35 mm below the top of the 版心, the 发文字号 two lines
    below it, and the red line 4 mm under the 发文字号."""
    from docx.shared import Mm, Pt

    size = min(36, int(TEXT_MM[0] / 25.4 * 72 / max(len(mark), 1) * 0.96))
    top = _paragraph(out, "", line_pt=LINE_PITCH_PT)
    top.paragraph_format.space_after = Mm(35) - Pt(LINE_PITCH_PT)
    _paragraph(out, mark, font=TITLE_FONT, size=size, align="center", color=RED,
               line_pt=size * 1.25)
    _paragraph(out, "")
    number = _paragraph(out, reference, align="center")
    number.paragraph_format.space_after = Mm(4)
    _rule(number, "bottom", RED, 12)
    _paragraph(out, "")


def _brief_masthead(out: DocxDocument, doc: Document) -> None:
    """A 简报's head: its name in red, 第N期, then the issuer and the date above a red line."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    _paragraph(out, "", line_pt=LINE_PITCH_PT)
    _paragraph(out, doc.mark, font=TITLE_FONT, size=36, align="center", color=RED, line_pt=48)
    _paragraph(out, doc.reference, align="center")
    p = _paragraph(out, f"{doc.signature}\t{doc.dated}")
    p.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_MM[0]), WD_TAB_ALIGNMENT.RIGHT)
    _rule(p, "bottom", RED, 12)
    _paragraph(out, "")


# 信函格式 (GB/T 9704-2012 §10.1): red double lines 170 mm long, centred on the 版心 (7 mm
# beyond each of its sides); thick over thin under the 发文机关标志, thin over thick 20 mm
# above the bottom edge; the mark's top edge 30 mm below the top edge of the page
LETTER_LINE_MM = 170
LETTER_MARK_TOP_MM = 30
LETTER_BOTTOM_LINE_MM = 20
# a double line's width in eighths of a point (both lines and the gap)
DOUBLE_LINE_EIGHTHS = 18


def _letter_head(out: DocxDocument, mark: str) -> None:
    """A letter's first page: the 发文机关标志 in red with the red double line 4 mm under it
    (the first page's header, so it stands 30 mm from the top whatever the text), the red
    double line near the bottom (the first page's footer), and no page number there."""
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm, Pt

    section = out.sections[0]
    section.different_first_page_header_footer = True
    section.header_distance = Mm(LETTER_MARK_TOP_MM)
    size = min(30, int(TEXT_MM[0] / 25.4 * 72 / max(len(mark), 1) * 0.96))
    head = section.first_page_header.paragraphs[0]
    _into(head, mark, font=TITLE_FONT, size=size, color=RED)
    head.alignment = 1  # centred
    fmt = head.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size * 1.2)
    _wide(head)
    _rule(head, "bottom", RED, DOUBLE_LINE_EIGHTHS, style="thickThinSmallGap",
          space_pt=round(4 / 25.4 * 72))
    foot = section.first_page_footer.paragraphs[0]
    foot.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    foot.paragraph_format.line_spacing = Pt(2)
    _wide(foot)
    # the footer's text ends footer_distance above the edge; the line is drawn below it
    below = (section.footer_distance.mm if section.footer_distance else 22) \
        - LETTER_BOTTOM_LINE_MM
    _rule(foot, "bottom", RED, DOUBLE_LINE_EIGHTHS, style="thinThickSmallGap",
          space_pt=max(0, round(below / 25.4 * 72)))


def _wide(p: Paragraph) -> None:
    """The paragraph, and so its borders, LETTER_LINE_MM wide: out beyond both sides of the
    版心 by the same length."""
    from docx.shared import Mm

    beyond = Mm((LETTER_LINE_MM - TEXT_MM[0]) / 2)
    p.paragraph_format.left_indent = -beyond
    p.paragraph_format.right_indent = -beyond


def _into(p: Paragraph, text: str, *, font: str, size: float, color: str | None) -> None:
    from docx.shared import Pt, RGBColor

    run = p.add_run(text)
    run.font.size = Pt(size)
    _fonts(run._r.get_or_add_rPr(), font)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _title(out: DocxDocument, title: str) -> None:
    _paragraph(out, _balanced(title), font=TITLE_FONT, size=TITLE_PT, align="center",
               line_pt=35)
    _paragraph(out, "")


# where a title may break: after these words, or before those, so each line keeps its
# sense (…关于2015年 / 政府信息公开工作部门方案报送情况的通报)
_BREAKS = ("关于", "月份", "信息公开", "情况", "排名", "的", "、")
_BREAKS_BEFORE = ("政府信息公开",)


def _balanced(title: str) -> str:
    """A title too long for one line, broken into two of even length at a word the
    standard's 词意完整 allows (a line break, which the paragraph keeps)."""
    def width(text: str) -> float:  # in characters of the title's size; digits are half
        return sum(1 if ord(c) > 0x2E80 else 0.5 for c in text)

    per_line = TEXT_MM[0] / 25.4 * 72 / TITLE_PT
    if width(title) <= per_line:
        return title
    cuts = [i + len(word) for word in _BREAKS for i in range(len(title))
            if title.startswith(word, i) and 0 < i + len(word) < len(title)]
    cuts += [i for word in _BREAKS_BEFORE for i in range(1, len(title))
             if title.startswith(word, i)]
    fits = [c for c in cuts if max(width(title[:c]), width(title[c:])) <= per_line]
    if not fits:
        return title
    best = min(fits, key=lambda c: abs(width(title[:c]) - width(title[c:])))
    return title[:best] + "\n" + title[best:]


def _signature(out: DocxDocument, signature: str, dated: str) -> None:
    """发文机关署名 and 成文日期 (a sealed document): the date four characters in from the
    right, the issuer's name centred over it; one empty line above, room for the seal."""
    for _ in range(2):
        _paragraph(out, "").paragraph_format.keep_with_next = True
    date_chars = sum(1 if ord(c) > 0x2E80 else 0.5 for c in dated)
    name_chars = sum(1 if ord(c) > 0x2E80 else 0.5 for c in signature)
    name_right = max(0.0, 4 + (date_chars - name_chars) / 2)
    name = _paragraph(out, signature, align="right")
    name.paragraph_format.keep_with_next = True
    _chars_indent(name, right=round(name_right * 100))
    _chars_indent(_paragraph(out, dated, align="right"), right=400)


def _attachment(out: DocxDocument, label: str, table: Table) -> None:
    """An 附件 on a page of its own: 附件N in 黑体 at the top left, its title, the table."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.shared import Pt

    # a page of its own: the label starts it (a break added to the last paragraph would
    # land before the table of an attachment before it, which holds no paragraph of `out`)
    _paragraph(out, label, font=HEADING_FONT).paragraph_format.page_break_before = True
    _paragraph(out, "")
    _paragraph(out, _balanced(table.title), font=TITLE_FONT, size=TITLE_PT, align="center",
               line_pt=35)
    _paragraph(out, "")
    grid = out.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = _column_widths(table)
    widths_short = _short_columns(table)
    for c, width in enumerate(widths):
        grid.columns[c].width = width
    _repeat_as_header(grid.rows[0])
    for r, row in enumerate((table.header, *table.rows)):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.width = widths[c]
            p = cell.paragraphs[0]
            p.paragraph_format.line_spacing = Pt(TABLE_PT * 1.5)
            _off_grid(p)
            # short cells centred, text that wraps set from the left
            p.alignment = 1 if widths_short[c] or r == 0 else 0
            run = p.add_run(text)
            run.font.size = Pt(TABLE_PT)
            run.font.bold = r == 0
            _fonts(run._r.get_or_add_rPr(), HEADING_FONT if r == 0 else BODY_FONT)


def _off_grid(p: Paragraph) -> None:
    """A table's lines follow their own spacing, not the page's 22-line grid."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    _in_order(p._p.get_or_add_pPr(), snap, _PPR_ORDER)


def _repeat_as_header(row: Any) -> None:
    """The heading row repeats at the top of every page the table runs onto, and no row
    is split between pages."""
    from docx.oxml import OxmlElement

    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:tblHeader"))


def _needs(table: Table) -> list[int]:
    """Each column's longest cell in half characters of the table's type, and four more
    for a cell's margins and the space set between Chinese and digits."""
    from wcwidth import wcswidth

    return [max(max(wcswidth(row[c]), 0) for row in (table.header, *table.rows)) + 4
            for c in range(len(table.header))]


def _short_columns(table: Table) -> list[bool]:
    return [n <= SHORT_CELL for n in _needs(table)]


def _column_widths(table: Table) -> list[Any]:
    """Widths sharing the 版心: a column of short cells (a number, a name, a date) as wide
    as its longest cell and its margins, so it never wraps; the columns of longer text share
    what is left, by their longest cells."""
    from docx.shared import Mm

    needs = _needs(table)
    room = TEXT_MM[0] / 25.4 * 72 / (TABLE_PT / 2)
    short = _short_columns(table)
    fixed = sum(n for n, s in zip(needs, short, strict=True) if s)
    wide = sum(n for n, s in zip(needs, short, strict=True) if not s)
    scale = (room - fixed) / wide if wide else 0
    units = [n if s else n * scale for n, s in zip(needs, short, strict=True)]
    total = sum(units)
    return [Mm(TEXT_MM[0] * u / total) for u in units]


def _colophon(out: DocxDocument, doc: Document) -> None:
    """版记: 抄送 and 印发机关/印发日期 in 4号仿宋, one character in from each side, between
    a thick first rule, a thin rule between them and a thick last rule."""
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    for _ in range(2):
        _paragraph(out, "").paragraph_format.keep_with_next = True
    if doc.copy_to:
        copy = _paragraph(out, f"抄送：{'，'.join(doc.copy_to)}。", size=SMALL_PT)
        copy.paragraph_format.keep_with_next = True
        _chars_indent(copy, left=100, right=100, size=SMALL_PT)
        _rule(copy, "top", "000000", 8)
        _rule(copy, "bottom", "000000", 4)
    printed = _paragraph(out, f"{doc.printed_by}\t{doc.printed_on}印发", size=SMALL_PT)
    _chars_indent(printed, left=100, right=100, size=SMALL_PT)
    printed.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_MM[0] - 11), WD_TAB_ALIGNMENT.RIGHT)
    if not doc.copy_to:
        _rule(printed, "top", "000000", 8)
    _rule(printed, "bottom", "000000", 8)


def _page_number(p: Paragraph, align: str) -> None:
    """"— N —": the PAGE field between two 一字线, one character in from the 版心's edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if align == "right" else WD_ALIGN_PARAGRAPH.LEFT
    _chars_indent(p, size=SMALL_PT, **{align: 100})

    def run(text: str = "") -> Any:
        r = p.add_run(text)
        r.font.size = Pt(SMALL_PT)
        _fonts(r._r.get_or_add_rPr(), NUMBER_FONT, NUMBER_FONT)
        return r

    run("— ")
    for kind, instruction in (("begin", None), (None, " PAGE "), ("separate", None),
                              (None, "1"), ("end", None)):
        r = run()
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            r._r.append(char)
        elif instruction == " PAGE ":
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = instruction
            r._r.append(code)
        else:
            r.text = instruction
    run(" —")
