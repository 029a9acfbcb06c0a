"""A 催报通知 as the email `remind --send` hands the mail server: from the office's
contact, to the unit's contacts, the notice's title as the subject, its text as the body.

Pure: the time the mail is dated with is given, and the Message-ID is made from the
notice itself (never from the clock or a random number), so the same notice composed
twice is the same bytes. Headers are UTF-8 encoded words (RFC 2047) and the body UTF-8,
so any server takes them, with or without SMTPUTF8.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from qth_disclosure.core.reminders import Notice
from qth_disclosure.errors import InputError
from qth_disclosure.registry import Contact, Registry


@dataclass(frozen=True)
class Mail:
    agency: str
    items: tuple[str, ...]  # the deliverables it names, as `items_of` gives them
    sender: str
    recipients: tuple[str, ...]  # the unit's contacts' addresses; empty: nobody to mail
    subject: str
    message: bytes  # as handed to the server, CRLF line ends
    body_sha256: str  # of the body as mailed, once its transfer encoding is undone


def items_of(notice: Notice) -> tuple[str, ...]:
    """What the notice asks for, one text a deliverable ("monthly czj K2-1 2015-09"),
    sorted: the same items on the same day are mailed to a unit once."""
    return tuple(sorted(" ".join(part or "-" for part in d.deliverable.key)
                        for d in (*notice.overdue, *notice.due_soon)))


def sender(registry: Registry) -> Contact:
    """The office's first contact with an email: whom the notices are from."""
    found = next((c for c in registry.contacts_of(registry.plan.office) if c.email), None)
    if found is None:
        raise InputError("remind_no_sender", office=registry.units(registry.plan.office))
    return found


def compose(registry: Registry, notice: Notice, text: str, dated: datetime,
            office: Contact | None = None) -> Mail:
    """The notice as a mail to its unit's contacts that have an email, from `office`
    (default: `sender`)."""
    office = office or sender(registry)
    assert office.email is not None
    to = [c for c in registry.contacts_of(notice.agency) if c.email]
    subject = notice.document.title
    message = EmailMessage(policy=policy.SMTP)
    message["From"] = Address(registry.office.full_name, addr_spec=office.email)
    if to:
        message["To"] = [Address(c.name, addr_spec=str(c.email)) for c in to]
    message["Subject"] = subject
    message["Date"] = format_datetime(dated)
    items = items_of(notice)
    digest = hashlib.sha256("\n".join([notice.agency, str(dated.date()), *items]).encode())
    domain = office.email.rpartition("@")[2]
    message["Message-ID"] = f"<remind.{notice.agency}.{digest.hexdigest()[:24]}@{domain}>"
    message.set_content(text, charset="utf-8")
    body = message.get_payload(decode=True)
    assert isinstance(body, bytes)
    return Mail(notice.agency, items, office.email, tuple(str(c.email) for c in to), subject,
                message.as_bytes(), hashlib.sha256(body).hexdigest())
