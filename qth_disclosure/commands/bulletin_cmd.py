"""`disclose bulletin`: the 通报, previewed, issued (recorded with its document), listed,
and shown again exactly as issued, as text, markdown, JSON or .docx."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from qth_disclosure.commands.common import (
    MAX_ROW_ID,
    UsageProblem,
    complete_month,
    recorder,
    session,
)
from qth_disclosure.commands.document_output import (
    DocumentFormat,
    DocumentFormatOption,
    OutOption,
    document_format,
    document_target,
    emit_document,
    written_first,
)
from qth_disclosure.commands.office import AsOf, _as_of
from qth_disclosure.output.render import Format, emit

if TYPE_CHECKING:
    from qth_disclosure.session import Session


class BulletinKind(str, Enum):
    """What a bulletin is on (core.bulletin.KINDS)."""

    monthly = "monthly"
    plan = "plan"
    summary = "summary"
    inspection = "inspection"


def bulletin(
    ctx: typer.Context,
    kind: Annotated[BulletinKind | None, typer.Option("--kind")] = None,
    month: Annotated[str | None, typer.Option("--month", "-m", metavar="YYYY-MM",
                                              autocompletion=complete_month)] = None,
    first: Annotated[str | None, typer.Option(
        "--from", metavar="YYYY-MM", autocompletion=complete_month)] = None,
    last: Annotated[str | None, typer.Option(
        "--to", metavar="YYYY-MM", autocompletion=complete_month)] = None,
    as_of: AsOf = None,
    number: Annotated[int | None, typer.Option(
        "--number", min=1, max=MAX_ROW_ID)]
    = None,
    preview: Annotated[bool, typer.Option("--preview")]
    = False,
    reissue: Annotated[bool, typer.Option(
        "--reissue")] = False,
    list_: Annotated[bool, typer.Option(
        "--list")] = False,
    show: Annotated[int | None, typer.Option(
        "--show", min=1, max=MAX_ROW_ID, metavar="N")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME")]
    = None,
    fmt: DocumentFormatOption = DocumentFormat.table,
    out: OutOption = None,
) -> None:
    """Issue the 通报 on a month's reports, or on the plans, summaries or inspections."""
    s = session(ctx)
    ranged = first is not None or last is not None
    if list_:
        if (month is not None or ranged or preview or reissue or number is not None
                or show is not None):
            raise UsageProblem("options_list_alone")
        _list(s, fmt, kind)
        return
    if fmt is DocumentFormat.csv:  # a document has no rows; its listing (--list) has
        raise UsageProblem("bad_choice", what="--format", value=fmt.value,
                           valid="table, text, markdown, json, docx")
    fmt = document_format(fmt, out)
    target = document_target(fmt, out)
    if show is not None:
        if (month is not None or ranged or preview or reissue or number is not None or as_of
                or kind is not None):
            raise UsageProblem("options_show_alone")
        _show(s, show, fmt, target)
        return
    if preview and reissue:
        raise UsageProblem("options_preview_or_reissue")
    if kind not in (None, BulletinKind.monthly):
        # the plans, summaries and inspections are the plan year's, one per unit
        if month is not None or ranged:
            raise UsageProblem("options_bulletin_kind_months", kind=kind.value)
        _issue(s, kind.value, None, as_of, number, preview, reissue, by, fmt, target)
        return
    if (month is None) == (first is None or last is None) or (month is not None and ranged):
        raise UsageProblem("options_bulletin_month")
    _issue(s, "monthly", (month, month) if month is not None else (str(first), str(last)),
           as_of, number, preview, reissue, by, fmt, target)


def _issue(s: Session, kind: str, months: tuple[str, str] | None, as_of: str | None,
           number: int | None, preview: bool, reissue: bool, by: str | None,
           fmt: DocumentFormat, target: Path | None) -> None:
    from dataclasses import replace

    from qth_disclosure import queries
    from qth_disclosure.calendar import months_between
    from qth_disclosure.core import intake
    from qth_disclosure.core.bulletin import Scope, series
    from qth_disclosure.documents.model import render
    from qth_disclosure.errors import InputError
    from qth_disclosure.ledger import NewBulletin, NewDocument
    from qth_disclosure.views.report import bulletin_data

    if months is None:
        scope = Scope(kind, (), s.registry.plan.issued_on.year)
    else:
        first, last = (intake.reporting_month(s.registry, m) for m in months)
        if last < first:
            raise InputError("bulletin_months_reversed", first=first, last=last)
        scope = Scope(kind, tuple(months_between(first, last)))
    period = scope.label  # what the ledger records: 2015-08, or 2015-07..2015-09
    day = _as_of(s, as_of)
    plan = s.registry.plan.id
    with s.ledger(for_writing=not preview) as ledger:
        stamp = None
        if not preview:
            s.may_decide("bulletin", ledger)
            stamp = recorder(s, by, ledger)
        if number is None:
            number = ledger.next_bulletin_number(plan)
            if number > MAX_ROW_ID:  # the last one issued was given the largest --number
                raise InputError("bulletin_number_exhausted", number=number, limit=MAX_ROW_ID)
        doc = queries.bulletin(s.registry, ledger, scope, day)
        doc = replace(doc, facts={**doc.facts, "bulletin": number})
        text = render(doc)
        issued = None
        # the file first, then the record; a failed record removes the file again
        with written_first(s, fmt, target, doc, text) as written:
            if stamp is not None:
                rules = s.registry.documents
                assert rules is not None  # compose refuses a registry without them
                issued = ledger.add_bulletin(
                    NewBulletin(plan, number, period, day, text), stamp, reissue=reissue,
                    document=NewDocument(plan, "bulletin", s.registry.plan.office,
                                         series(rules), day.year, int(doc.facts["number"]),
                                         doc.reference, None, day, doc.to_content()))
                typer.echo(s.t("bulletin.issued", number=issued.number, month=period,
                               id=issued.id, seq=issued.chain_length,
                               head=issued.chain_head)
                           + " " + s.t("bulletin.reference", reference=doc.reference),
                           err=True)
    data = {**bulletin_data(number, period, day, text, issued), "title": doc.title,
            "reference": doc.reference, "facts": doc.facts}
    emit_document(s, fmt, target, doc, text, data, written=written)


def _show(s: Session, number: int, fmt: DocumentFormat, target: Path | None) -> None:
    from qth_disclosure.documents.model import Document
    from qth_disclosure.errors import InputError
    from qth_disclosure.views.report import bulletin_data

    plan = s.registry.plan.id
    with s.ledger() as ledger:
        found = [b for b in ledger.bulletins(plan) if b.number == number]
        if not found:
            raise InputError("bulletin_not_issued", number=number)
        issued = found[-1]  # a number given again to a reissue names the latest
        documents = ledger.documents(plan, kind="bulletin", about=issued.id)
    doc = Document.from_content(documents[-1].content) if documents else None
    if doc is None and fmt in (DocumentFormat.docx, DocumentFormat.markdown):
        raise InputError("bulletin_without_document", number=number)
    data = bulletin_data(issued.number, issued.month, issued.as_of, issued.text, issued)
    if doc is not None:
        data = {**data, "title": doc.title, "reference": doc.reference, "facts": doc.facts}
    emit_document(s, fmt, target, doc, issued.text, data)


def _list(s: Session, fmt: DocumentFormat, kind: BulletinKind | None) -> None:
    from qth_disclosure.core.bulletin import kind_of
    from qth_disclosure.views.report import bulletins_blocks, bulletins_data

    if fmt is DocumentFormat.docx:
        raise UsageProblem("bad_choice", what="--format", value=fmt.value,
                           valid="table, text, markdown, json, csv")
    plan = s.registry.plan.id
    with s.ledger() as ledger:
        bulletins = [b for b in ledger.bulletins(plan)
                     if kind is None or kind_of(b.month) == kind.value]
        titles = {d.about: str(d.content["title"])
                  for d in ledger.documents(plan, kind="bulletin")}
    listing = Format(fmt.value)
    emit(listing, bulletins_data(bulletins, titles),
         lambda: bulletins_blocks(bulletins, s.t, titles))


def register(app: typer.Typer) -> None:
    app.command()(bulletin)
