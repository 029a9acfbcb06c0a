"""`disclose remind`: the 催报通知 due, shown, mailed (`--send`, each recorded in the
ledger) and listed (`--list`)."""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from qth_disclosure.commands.common import (
    AgencyFilter,
    FormatOption,
    UsageProblem,
    agency_code,
    recorder,
    session,
)
from qth_disclosure.commands.office import AsOf, _as_of
from qth_disclosure.output.render import Format, emit

if TYPE_CHECKING:
    from qth_disclosure.core.reminder_mail import Mail
    from qth_disclosure.core.reminders import Notice
    from qth_disclosure.ledger import Ledger
    from qth_disclosure.session import Session

# some address did not take its notice (the others did; all recorded): an error the user
# can act on, exit 1 as the contract has it (DESIGN: exit codes 0-3)
REFUSED_EXIT = 1
SMTP_ENV, PASSWORD_FILE_ENV = "DISCLOSE_SMTP", "DISCLOSE_SMTP_PASSWORD_FILE"


def remind(
    ctx: typer.Context,
    as_of: AsOf = None,
    within: Annotated[int | None, typer.Option("--within", min=0, max=366, metavar="N")]
    = None,
    agency: AgencyFilter = None,
    send: Annotated[bool, typer.Option("--send")] = False,
    list_: Annotated[bool, typer.Option("--list")] = False,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Write the 催报通知 of every unit with overdue or soon-due items; --send mails them."""
    s = session(ctx)
    code = agency_code(s, agency)
    if list_:
        if send or as_of is not None or within is not None:
            raise UsageProblem("options_remind_list_alone")
        _list(s, code, fmt)
        return
    day = _as_of(s, as_of)
    if not send:
        with s.ledger() as ledger:
            due = _due(s, ledger, day, within, code)
        _show(s, due, fmt)
        return
    _send(s, day, within, code, by, fmt)


def _due(s: Session, ledger: Ledger, day: date, within: int | None, code: str | None,
         *, sending: bool = False) -> list[tuple[Notice, Mail, str]]:
    """Each notice due, as the mail it would be (dated now), and its text. Shown without
    --send, a notice needs no sender: a registry naming nobody still previews them."""
    from qth_disclosure import queries
    from qth_disclosure.core.reminder_mail import compose, sender
    from qth_disclosure.core.reminders import notices
    from qth_disclosure.documents.model import render
    from qth_disclosure.registry import Contact

    status = queries.status(s.registry, ledger, day)
    found = notices(s.registry, status, within, code)
    office = (sender(s.registry) if sending or any(
        c.email for c in s.registry.contacts_of(s.registry.plan.office))
        else Contact(s.registry.plan.office, "", None, "office@invalid", None))
    now = s.now()
    return [(n, compose(s.registry, n, text, now, office), text)
            for n in found for text in [render(n.document)]]


def _show(s: Session, due: list[tuple[Notice, Mail, str]], fmt: Format) -> None:
    from qth_disclosure.views.reminders import notices_blocks, notices_data, notices_rows

    emit(fmt, notices_data(due), lambda: notices_blocks(due, s.registry, s.t),
         rows=lambda: notices_rows(due))


def _send(s: Session, day: date, within: int | None, code: str | None, by: str | None,
          fmt: Format) -> None:
    from dataclasses import replace

    from qth_disclosure import mailer
    from qth_disclosure.ledger import NewReminder, Reminder
    from qth_disclosure.views.reminders import reminder_data, reminder_rows, reminders_blocks

    server = mailer.relay(os.environ.get(SMTP_ENV), os.environ.get(PASSWORD_FILE_ENV))
    plan = s.registry.plan.id
    sent: list[Reminder] = []
    refused = False
    with s.ledger(for_writing=True) as ledger:
        s.may_decide("remind", ledger)
        stamp = recorder(s, by, ledger)
        due = _due(s, ledger, day, within, code, sending=True)
        mailable = [(n, m) for n, m, _ in due if m.recipients]
        if mailable:
            with mailer.connected(server) as connection:
                for notice, mail in mailable:
                    def deliver(new: NewReminder, mail: Mail = mail) -> NewReminder:
                        result = connection.send(mail.sender, mail.recipients, mail.message)
                        return replace(new, sent_at=s.now().isoformat(timespec="seconds"),
                                       result=result)

                    row = ledger.add_reminder(NewReminder(
                        plan, notice.agency, day, s.today(), mail.items, mail.recipients,
                        mail.subject, mail.body_sha256, "", {}), stamp, deliver)
                    unit = s.registry.units(notice.agency)
                    if row is None:
                        typer.echo(s.t("remind.already_sent", unit=unit), err=True)
                        continue
                    sent.append(row)
                    for address, said in row.result.items():
                        if said != mailer.SENT:
                            refused = True
                            typer.echo(s.t("remind.refused", unit=unit, address=address,
                                           reason=said), err=True)
                    typer.echo(s.t("remind.sent", unit=unit, id=row.id,
                                   count=sum(v == mailer.SENT for v in row.result.values()),
                                   of=len(row.result)), err=True)
    unaddressed = [n.agency for n, m, _ in due if not m.recipients]
    if unaddressed:  # one line, however many units list nobody
        typer.echo(s.t("remind.not_sent_no_address", count=len(unaddressed),
                       units=", ".join(unaddressed)), err=True)
    emit(fmt, [reminder_data(r) for r in sent], lambda: reminders_blocks(sent, s.registry, s.t),
         rows=lambda: reminder_rows(sent))
    if refused:
        raise typer.Exit(REFUSED_EXIT)


def _list(s: Session, code: str | None, fmt: Format) -> None:
    from qth_disclosure.views.reminders import reminder_data, reminder_rows, reminders_blocks

    with s.ledger() as ledger:
        rows = ledger.reminders(s.registry.plan.id, agency=code)
    emit(fmt, [reminder_data(r) for r in rows], lambda: reminders_blocks(rows, s.registry, s.t),
         rows=lambda: reminder_rows(rows))


def register(app: typer.Typer) -> None:
    app.command()(remind)
