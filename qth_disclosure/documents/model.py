"""A document the office or a unit sends out, as its parts (GB/T 9704-2012): pure values.

The same value prints as text (a terminal, the bulletin's stored text), as markdown, and
as a .docx (`documents.docx`); it is stored in the ledger as JSON (`to_content`) when the
document is issued, so it prints again exactly as issued whatever is recorded later.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# official: 公文 (发文机关标志, 发文字号, red line); brief: 简报 (its name and 第N期);
# letter: a unit's answer letter (答复书, 告知书), numbered, in the 信函格式 (its unit's name
# in red between red double lines), without 版记
Form = Literal["official", "brief", "letter"]
# heading: 一、 (黑体); subheading: （一） (楷体); paragraph: indented two characters;
# plain: not indented (a 主送 line inside a letter's body, a closing)
BlockKind = Literal["heading", "subheading", "paragraph", "plain"]

INDENT = "\u3000\u3000"  # two full-width spaces: a paragraph's first-line indent in text


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str


@dataclass(frozen=True)
class Table:
    """An 附件: its title, its column headings and its rows (all text, as printed)."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Document:
    form: Form
    # 发文机关标志 (official, and a letter's: its unit, empty in letters issued before it was
    # recorded, which print their signature there), the 简报's name (brief)
    mark: str
    reference: str  # 发文字号 (七政办函〔2015〕3号), 2015年第3期, or the letter's number
    title: str
    addressees: str  # 主送, ending in a full-width colon
    body: tuple[Block, ...]
    signature: str  # 发文机关署名
    dated: str  # 成文日期, 2015年9月10日
    attachments: tuple[Table, ...] = ()
    copy_to: tuple[str, ...] = ()  # 抄送 (版记)
    printed_by: str = ""  # 印发机关 (版记); empty: no 版记
    printed_on: str = ""  # 印发日期, 2015年9月10日
    facts: dict[str, Any] = field(default_factory=dict)  # the figures it states, for machines

    def to_content(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_content(cls, content: dict[str, Any]) -> Document:
        fields = dict(content)
        fields["body"] = tuple(Block(**b) for b in content["body"])
        fields["attachments"] = tuple(
            Table(a["title"], tuple(a["header"]), tuple(tuple(r) for r in a["rows"]))
            for a in content["attachments"])
        fields["copy_to"] = tuple(content["copy_to"])
        return cls(**fields)

    def attachment_note(self) -> list[str]:
        """附件说明: 附件：1. … (one attachment needs no number)."""
        if len(self.attachments) == 1:
            return [f"附件：{self.attachments[0].title}"]
        return [("附件：" if i == 1 else "\u3000\u3000\u3000") + f"{i}. {a.title}"
                for i, a in enumerate(self.attachments, 1)]

    def attachment_label(self, index: int) -> str:
        return "附件" if len(self.attachments) == 1 else f"附件{index}"


def render(doc: Document, fmt: str = "text") -> str:
    """The document as text (lines as it is laid out) or markdown."""
    if fmt == "markdown":
        return _markdown(doc)
    lines: list[str] = []
    if doc.form == "official":
        lines += [doc.mark, doc.reference, "—" * 20, "", doc.title, ""]
    elif doc.form == "brief":
        lines += [doc.mark, doc.reference, f"{doc.signature}　　{doc.dated}", "—" * 20, "",
                  doc.title, ""]
    else:
        lines += [doc.title, doc.reference, ""]
    if doc.addressees:
        lines.append(doc.addressees)
    for block in doc.body:
        lines.append(block.text if block.kind == "plain" else INDENT + block.text)
    if doc.attachments:
        lines += ["", *(INDENT + line for line in doc.attachment_note())]
    lines += ["", doc.signature, doc.dated]
    for i, table in enumerate(doc.attachments, 1):
        lines += ["", doc.attachment_label(i), table.title, *_text_table(table)]
    if doc.printed_by:
        lines += ["", "—" * 20]
        if doc.copy_to:
            lines.append(f"抄送：{'，'.join(doc.copy_to)}。")
        lines += [f"{doc.printed_by}　　{doc.printed_on}印发", "—" * 20]
    return "\n".join(lines) + "\n"


def _text_table(table: Table) -> list[str]:
    from wcwidth import wcswidth

    rows = [table.header, *table.rows]
    # a bulletin's table repeats a few thousand names and marks over tens of thousands of
    # rows: each distinct cell of a column is measured and padded once
    columns = [dict.fromkeys(column) for column in zip(*rows, strict=True)]
    widths = [{cell: max(wcswidth(cell), 0) for cell in column} for column in columns]
    padded = []
    for measured in widths:
        w = max(measured.values())
        padded.append({cell: cell + " " * (w - width) for cell, width in measured.items()})
    return ["  ".join([cells[cell] for cells, cell in zip(padded, row, strict=True)]).rstrip()
            for row in rows]


def _markdown(doc: Document) -> str:
    parts = [f"# {doc.title}", doc.reference]
    if doc.addressees:
        parts.append(doc.addressees)
    for block in doc.body:
        if block.kind == "heading":
            parts.append(f"## {block.text}")
        elif block.kind == "subheading":
            parts.append(f"### {block.text}")
        else:
            parts.append(block.text)
    if doc.attachments:
        parts.append("  \n".join(doc.attachment_note()))
    parts.append(f"{doc.signature}  \n{doc.dated}")
    for i, table in enumerate(doc.attachments, 1):
        parts.append(f"## {doc.attachment_label(i)}：{table.title}")
        cells = [table.header, tuple("---" for _ in table.header), *table.rows]
        parts.append("\n".join("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |"
                               for row in cells))
    if doc.printed_by:
        copy = f"抄送：{'，'.join(doc.copy_to)}。  \n" if doc.copy_to else ""
        parts.append(f"{copy}{doc.printed_by}　{doc.printed_on}印发")
    return "\n\n".join(parts) + "\n"
