"""`disclose request ...`: applications for disclosure, their deadlines and answers."""

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from qth_disclosure.commands.common import (
    MAX_EVENT_ID,
    AgencyFilter,
    FormatOption,
    UsageProblem,
    agency_code,
    complete_agency,
    is_row_id,
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
from qth_disclosure.errors import InputError
from qth_disclosure.output.render import Format, emit
from qth_disclosure.vocab import (
    AppealKind,
    AppealResult,
    ApplicantKind,
    Channel,
    CloseReason,
    Ground,
    Outcome,
    PauseReason,
    ReceiptBasis,
)

if TYPE_CHECKING:  # the core loads when a command runs, not when `--help` does
    from qth_disclosure.core.applications import ApplicationStatus, Warning
    from qth_disclosure.ledger import Application, Event, Ledger
    from qth_disclosure.registry import LawProfile
    from qth_disclosure.session import Session

request_app = typer.Typer(no_args_is_help=True)


class StateFilter(str, Enum):
    open = "open"
    overdue = "overdue"
    answered = "answered"


class FeeItemChoice(str, Enum):  # vocab.FeeItem, as a repeatable option takes it
    search = "search"
    copy = "copy"
    post = "post"
    processing = "processing"


Id = Annotated[int, typer.Argument(metavar="ID")]
OnDate = Annotated[str, typer.Option("--date", metavar="YYYY-MM-DD")]
By = Annotated[str | None, typer.Option("--by", metavar="NAME")]


@request_app.command("add")
def add(
    ctx: typer.Context,
    agency: Annotated[str, typer.Option("--agency", "-a", autocompletion=complete_agency)],
    received: Annotated[str, typer.Option("--received", metavar="YYYY-MM-DD")],
    subject: Annotated[str, typer.Option("--subject")],
    applicant: Annotated[str, typer.Option("--applicant", metavar="NAME")] = "",
    applicant_kind: Annotated[ApplicantKind, typer.Option(
        "--applicant-kind")] = "natural_person",
    channel: Annotated[Channel, typer.Option("--channel")] = "in_person",
    receipt_basis: Annotated[ReceiptBasis | None, typer.Option("--receipt-basis")] = None,
    answered_on_spot: Annotated[bool, typer.Option(
        "--answered-on-spot")]
    = False,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Register an application and print its number and due date."""
    from qth_disclosure.core import intake

    s = session(ctx)
    new = intake.application(s.registry, agency=agency, received_on=s.day(received, "--received"),
                             subject=subject, applicant=applicant,
                             applicant_kind=applicant_kind, channel=channel,
                             today=s.today(), basis=receipt_basis)
    with s.ledger(for_writing=True) as ledger:
        s.may_write_for(new.agency, ledger)
        app = ledger.add_application(new, recorder(s, by, ledger),
                                     answered_on_spot=answered_on_spot)
        status = _status(s, ledger, app)
    # DESIGN's contract for `request add`: {id, agency, received_on, due, state}
    _emit_status(s, status, fmt, "request.added", with_outcome=False)


@request_app.command("answer")
def answer(
    ctx: typer.Context,
    application: Id,
    on: OnDate,
    outcome: Annotated[Outcome, typer.Option("--outcome")],
    reason: Annotated[str | None, typer.Option("--reason")] = None,
    basis: Annotated[str | None, typer.Option("--basis")] = None,
    ground: Annotated[Ground | None, typer.Option(
        "--ground")] = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record the answer to an application."""
    from qth_disclosure.core import intake
    from qth_disclosure.core.applications import check_answer

    s = session(ctx)
    day = s.day(on, "--date")
    result, ground_value = outcome, ground
    reason_text = intake.text(reason, "--reason", required=False)
    basis_text = intake.text(basis, "--basis", required=False)

    def details(law: "LawProfile") -> dict[str, Any]:
        if result == "disclosed":
            return {"outcome": result}
        # the answer gives reasons and basis and tells the applicant of the remedies
        return {"outcome": result, "reason": reason_text, "basis": basis_text,
                "remedies": law.remedies, **({"ground": ground_value} if ground_value else {})}

    status = _record(s, application, "answer", day, by, details,
                     lambda app, law, events: check_answer(app, events, day, result,
                                                           reason_text, basis_text,
                                                           ground_value, law))
    _emit_status(s, status, fmt, "request.answered")


@request_app.command("extend")
def extend(
    ctx: typer.Context,
    application: Id,
    on: OnDate,
    approved_by: Annotated[str, typer.Option("--approved-by", metavar="NAME")],
    working_days: Annotated[int | None, typer.Option(
        "--working-days", metavar="N")] = None,
    notified_on: Annotated[str | None, typer.Option(
        "--notified-on", metavar="YYYY-MM-DD")] = None,
    notified_by: Annotated[Channel | None, typer.Option("--notified-by")] = None,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Extend the deadline, once, on or before the current due date."""
    from qth_disclosure.core import intake
    from qth_disclosure.core.applications import check_extension

    s = session(ctx)
    day = s.day(on, "--date")
    approver = intake.name(approved_by, "--approved-by")
    # the notice to the applicant (并告知申请人): the day of the extension unless given
    told = s.day(notified_on, "--notified-on") if notified_on is not None else day
    if told > s.today():
        raise InputError("future_date", what="--notified-on", value=told.isoformat(),
                         today=s.today().isoformat())

    def days(law: "LawProfile") -> int:
        # 0 is a number of days given (and refused), not "the default"
        return law.extension_max_working_days if working_days is None else working_days

    def details(law: "LawProfile") -> dict[str, Any]:
        notice = {"notified_on": told.isoformat(), "notified_by": notified_by} \
            if notified_by is not None else {}
        return {"approved_by": approver, "working_days": days(law), **notice}

    status = _record(s, application, "extend", day, by, details,
                     lambda app, law, events: check_extension(
                         app, events, day, days(law), law, s.registry.work_calendar,
                         notified_on=told, notified_by=notified_by))
    _emit_status(s, status, fmt, "request.extended")


@request_app.command("pause")
def pause(
    ctx: typer.Context,
    application: Id,
    on: OnDate,
    why: Annotated[PauseReason, typer.Option(
        "--why")],
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Stop the clock: a clarification request, or a consultation of a third party or
    another agency."""
    from qth_disclosure.core.applications import check_pause

    s = session(ctx)
    day = s.day(on, "--date")
    status = _record(s, application, "pause", day, by, lambda law: {"why": why},
                     lambda app, law, events: check_pause(app, events, day, law,
                                                          s.registry.work_calendar, why))
    _emit_status(s, status, fmt, "request.paused")


@request_app.command("close")
def close(
    ctx: typer.Context,
    application: Id,
    on: OnDate,
    why: Annotated[CloseReason, typer.Option("--why")],
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Close an application without an answer: not corrected in time (视为放弃), fee unpaid,
    or another reason."""
    from qth_disclosure.core.applications import check_close

    s = session(ctx)
    day = s.day(on, "--date")
    status = _record(s, application, "close", day, by, lambda law: {"why": why},
                     lambda app, law, events: check_close(app, events, day, why, law,
                                                          s.registry.work_calendar))
    _emit_status(s, status, fmt, "request.closed")


@request_app.command("resume")
def resume(
    ctx: typer.Context,
    application: Id,
    on: OnDate,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Restart the clock: the corrected application arrived, or the consultation ended."""
    from qth_disclosure.core.applications import check_resume

    s = session(ctx)
    day = s.day(on, "--date")
    status = _record(s, application, "resume", day, by, lambda law: {},
                     lambda app, law, events: check_resume(app, events, day, law,
                                                           s.registry.work_calendar))
    _emit_status(s, status, fmt, "request.resumed")


@request_app.command("appeal")
def appeal(
    ctx: typer.Context,
    application: Id,
    kind: Annotated[AppealKind, typer.Option("--kind")],
    on: OnDate,
    result: Annotated[AppealResult, typer.Option("--result")]
    = "pending",
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record an administrative reconsideration or lawsuit over an application, or its result."""
    from qth_disclosure.core.applications import check_appeal

    s = session(ctx)
    day = s.day(on, "--date")
    status = _record(s, application, "appeal", day, by,
                     lambda law: {"kind": kind, "result": result},
                     lambda app, law, events: check_appeal(app, day))
    _emit_status(s, status, fmt, "request.appealed")


@request_app.command("fee")
def fee(
    ctx: typer.Context,
    application: Id,
    on: OnDate,
    amount: Annotated[str | None, typer.Option("--amount", metavar="YUAN")] = None,
    item: Annotated[list[FeeItemChoice] | None, typer.Option("--item")] = None,
    paid: Annotated[bool, typer.Option("--paid")] = False,
    by: By = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record a fee: a cost charged (2008), a fee notice (收费通知, 2019: the clock stops),
    or with --paid the notified fee's payment (the clock counts again)."""
    from qth_disclosure.core.applications import check_countable
    from qth_disclosure.core.fees import amount as yuan
    from qth_disclosure.core.fees import check_fee, check_items, kind_of, unpaid_notice
    from qth_disclosure.core.fees import with_fees as fee_clock
    from qth_disclosure.ledger import Fee, NewFee
    from qth_disclosure.views.applications import fee_items_label

    s = session(ctx)
    day = s.day(on, "--date")
    if day > s.today():
        raise InputError("future_date", what="--date", value=day.isoformat(),
                         today=s.today().isoformat())
    if paid and (amount is not None or item):
        raise InputError("fee_paid_takes_notice")
    if not paid and amount is None:
        raise InputError("fee_needs_amount")
    stated = yuan(amount) if amount is not None else None
    warnings: list[Warning] = []
    with s.ledger(for_writing=True) as ledger:
        app = _application(s, ledger, application)
        s.may_write_for(app.agency, ledger)
        stamp = recorder(s, by, ledger)
        law = s.registry.law_for(app.received_on)
        kind, waiting = kind_of(law, paid), None
        if kind == "paid":  # the payment of the notice waiting for it, as notified
            waiting = unpaid_notice(ledger.fees(app.id))
            new = NewFee(app.id, kind, day, waiting.amount if waiting else "0",
                         waiting.items if waiting else ())
        else:
            assert stated is not None
            new = NewFee(app.id, kind, day, stated, check_items([i.value for i in item or []], law))

        def checked(events: list["Event"], fees: list[Fee]) -> None:
            if kind == "paid" and unpaid_notice(fees) != waiting:  # paid meanwhile
                raise InputError("fee_nothing_to_pay", id=app.id)
            warnings[:] = check_fee(app, events, fees, kind, day, law,
                                    s.registry.work_calendar)
            after = [*fees, Fee(**vars(new), id=max((f.id for f in fees), default=0) + 1)]
            check_countable(app, fee_clock(events, after), law, s.registry.work_calendar,
                            what="--date", value=day)

        ledger.add_fee(new, stamp, check=checked)
        status = _status(s, ledger, app)
    for key, params in warnings:
        typer.echo(s.t("warning.line", text=s.t(key, **params)), err=True)
    _emit_status(s, status, fmt, f"request.fee_{kind}", amount=new.amount,
                 items=fee_items_label(s.t, new.items))


@request_app.command("list")
def list_(
    ctx: typer.Context,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="YYYY-MM-DD")]
    = None,
    state: Annotated[StateFilter | None, typer.Option("--state")] = None,
    agency: AgencyFilter = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List applications with their due date and state."""
    from qth_disclosure import queries
    from qth_disclosure.core import intake
    from qth_disclosure.views.applications import applications_blocks, list_data

    s = session(ctx)
    day = intake.check_as_of(s.day(as_of, "--as-of"), s.today())
    code = agency_code(s, agency)
    with s.ledger() as ledger:
        rows = queries.applications(s.registry, ledger, day, code)
    if state is not None:
        rows = [r for r in rows if r.state.startswith(state.value)]
    emit(fmt, [list_data(r) for r in rows],
         lambda: applications_blocks(rows, s.registry, s.t, day))


@request_app.command("show")
def show(ctx: typer.Context, application: Id, fmt: FormatOption = Format.table) -> None:
    """Show one application with every event recorded on it."""
    from qth_disclosure.views.applications import list_data, show_blocks, show_data

    s = session(ctx)
    with s.ledger() as ledger:
        status = _status(s, ledger, _application(s, ledger, application))
        events = ledger.events(application)
        fees = ledger.fees(application)
    emit(fmt, show_data(status, events, fees),
         lambda: show_blocks(status, events, s.registry, s.t, fees),
         rows=[list_data(status)])


@request_app.command("explain")
def explain(ctx: typer.Context, application: Id, fmt: FormatOption = Format.table) -> None:
    """Show the deadline day by day: what counted, what was skipped and why."""
    from qth_disclosure.views.applications import explain_blocks, explain_data

    s = session(ctx)
    with s.ledger() as ledger:
        status = _status(s, ledger, _application(s, ledger, application))
    data = explain_data(status, s.t)
    # as CSV, one row a day (the table people see): the walk always has its day 0
    emit(fmt, data, lambda: explain_blocks(status, s.registry, s.t), rows=data["days"])


@request_app.command("letter")
def letter(
    ctx: typer.Context,
    application: Id,
    event: Annotated[int | None, typer.Option(
        "--event", metavar="N", min=1, max=MAX_EVENT_ID)] = None,
    preview: Annotated[bool, typer.Option("--preview")]
    = False,
    by: By = None,
    fmt: DocumentFormatOption = DocumentFormat.table,
    out: OutOption = None,
) -> None:
    """Issue the 答复书, 告知书 or 收费通知书 of an application, numbered per unit and year."""
    from qth_disclosure import queries
    from qth_disclosure.core.letters import compose_letter, letter_event, numbering
    from qth_disclosure.documents.model import Document, render
    from qth_disclosure.ledger import NewDocument

    s = session(ctx)
    if fmt is DocumentFormat.csv:
        raise UsageProblem("bad_choice", what="--format", value=fmt.value,
                           valid="table, text, markdown, json, docx")
    fmt = document_format(fmt, out)
    target = document_target(fmt, out)
    rules = s.registry.documents
    if rules is None:
        raise InputError("documents_not_configured",
                         file=str(s.registry.source / "tasks.yaml"))
    plan = s.registry.plan.id
    with s.ledger(for_writing=not preview) as ledger:
        app = _application(s, ledger, application)
        stamp = None
        if not preview:
            s.may_write_for(app.agency, ledger)
            stamp = recorder(s, by, ledger)
        # the clock's events: a fee notice is one too (core.fees.fee_events)
        events = queries.clock_events(ledger, app.id)
        chosen = letter_event(app, events, event, ledger.fees(app.id),
                              s.registry.law_for(app.received_on))
        issued = [d for d in ledger.documents(plan, kind="letter", about=app.id)
                  if d.content.get("facts", {}).get("event") == chosen.id]
        if issued:  # a letter is sent once: shown again exactly as it was issued
            doc = Document.from_content(issued[-1].content)
            typer.echo(s.t("letter.already_issued", reference=doc.reference), err=True)
        else:
            unit = s.registry.agency(app.agency)
            year = chosen.occurred_on.year
            number = ledger.next_document_number(plan, numbering(rules, unit.name, year, 1)
                                                 .series, year)
            numbered = numbering(rules, unit.name, year, number)
            doc = compose_letter(s.registry, app, events, chosen, numbered.reference)
        text = render(doc)
        # the file first, then the record; a failed record removes the file again
        with written_first(s, fmt, target, doc, text) as written:
            if stamp is not None and not issued:
                ledger.add_document(NewDocument(plan, "letter", app.agency, numbered.series,
                                                year, number, numbered.reference, app.id,
                                                chosen.occurred_on, doc.to_content()), stamp)
                typer.echo(s.t("letter.issued", reference=doc.reference, id=app.id),
                           err=True)
    data = {"application": app.id, "event": chosen.id, "reference": doc.reference,
            "title": doc.title, "issued": bool(issued) or stamp is not None,
            "facts": doc.facts, "text": text}
    emit_document(s, fmt, target, doc, text, data, written=written)


# ---------------------------------------------------------------- helpers


def _application(s: "Session", ledger: "Ledger", application_id: int) -> "Application":
    found = ledger.applications(s.registry.plan.id, application_id=application_id) \
        if is_row_id(application_id) else []
    if not found:
        raise InputError("unknown_application", value=application_id)
    return found[0]


def _status(s: "Session", ledger: "Ledger", app: "Application") -> "ApplicationStatus":
    """The application as the ledger stands today."""
    from qth_disclosure import queries
    from qth_disclosure.core.applications import assess_application

    return assess_application(app, queries.clock_events(ledger, app.id),
                              s.registry.law_for(app.received_on), s.registry.work_calendar,
                              s.today())


def _record(
    s: "Session", application_id: int, kind: str, day: date, by: str | None,
    details: Callable[["LawProfile"], dict[str, Any]],
    check: Callable[["Application", "LawProfile", list["Event"]], "list[Warning] | None"],
) -> "ApplicationStatus":
    """Validate and append one event in one transaction; return the application's state.

    `check` runs inside the write transaction against the events in the ledger then, and
    so does counting the deadline with the new event included: an event after which the
    clock cannot be counted is refused, not recorded.
    """
    from qth_disclosure.core.applications import check_countable, with_event
    from qth_disclosure.core.fees import with_fees
    from qth_disclosure.ledger import NewEvent

    if day > s.today():
        raise InputError("future_date", what="--date", value=day.isoformat(),
                         today=s.today().isoformat())
    with s.ledger(for_writing=True) as ledger:
        app = _application(s, ledger, application_id)
        s.may_write_for(app.agency, ledger)
        stamp = recorder(s, by, ledger)
        law = s.registry.law_for(app.received_on)
        new = NewEvent(app.id, kind, day, details(law))
        warnings: list[Warning] = []

        def checked(recorded: list["Event"]) -> None:
            # the clock as it stands: the events recorded and those of the fees (a fee
            # notice stops it), read in the same transaction
            events = with_fees(recorded, ledger.fees(app.id))
            warnings[:] = check(app, law, events) or []
            check_countable(app, with_event(events, new), law, s.registry.work_calendar,
                            what="--date", value=day)

        ledger.add_event(new, stamp, check=checked)
        status = _status(s, ledger, app)
    # what the law profile only warns of is recorded, and said once on stderr
    for key, params in warnings:
        typer.echo(s.t("warning.line", text=s.t(key, **params)), err=True)
    return status


def _emit_status(s: "Session", status: "ApplicationStatus", fmt: Format, key: str, *,
                 with_outcome: bool = True, **details: str) -> None:
    from qth_disclosure.views.applications import application_recorded

    data, blocks = application_recorded(status, s.registry, s.t, key,
                                        with_outcome=with_outcome, **details)
    emit(fmt, data, lambda: blocks, rows=[data])


def register(app: typer.Typer) -> None:
    app.add_typer(request_app, name="request")
