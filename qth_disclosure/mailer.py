"""Handing composed mails to the office's mail server (`DISCLOSE_SMTP`), through smtplib.

`smtp://[user[:password]@]host[:port]` speaks STARTTLS (port 587 unless given) and goes no
further when the server does not offer it: the password and the notices never cross the
network in clear. `smtps://…` is TLS from the first byte (port 465). The server's
certificate is checked against the system's authorities (or `SSL_CERT_FILE`). The
password comes from the URL (percent-encoded) or, kept out of the environment and the
shell's history, from the first line of the file `DISCLOSE_SMTP_PASSWORD_FILE` names.

One connection serves every notice of a run; a refusal of one address is that address's
result, and the others still get the mail.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from qth_disclosure.errors import InputError

SENT = "sent"
TIMEOUT_SECONDS = 60
_PORTS = {"smtp": 587, "smtps": 465}


@dataclass(frozen=True)
class Relay:
    scheme: str  # smtp (STARTTLS) | smtps
    host: str
    port: int
    user: str | None
    password: str | None

    @property
    def shown(self) -> str:
        """The server as a message names it: never the password."""
        return f"{self.scheme}://{self.user + '@' if self.user else ''}{self.host}:{self.port}"


def relay(url: str | None, password_file: str | None = None) -> Relay:
    """The server `url` names; one line naming what is wrong otherwise."""
    if not url:
        raise InputError("smtp_not_set")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise InputError("smtp_bad_url", value=_without_password(url), reason=str(exc)) from exc
    if parts.scheme not in _PORTS or not parts.hostname or parts.path not in ("", "/") \
            or parts.query or parts.fragment:
        raise InputError("smtp_bad_url", value=_without_password(url),
                         reason="smtp://[user[:password]@]host[:port] or smtps://…")
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password is not None else None
    if password_file:
        try:
            lines = Path(password_file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError("smtp_password_file", path=password_file,
                             reason=getattr(exc, "strerror", None) or str(exc)) from exc
        password = lines[0] if lines else ""
    if password is not None and user is None:
        raise InputError("smtp_password_without_user", value=_without_password(url))
    return Relay(parts.scheme, parts.hostname, port or _PORTS[parts.scheme], user, password)


def _without_password(url: str) -> str:
    head, at, tail = url.rpartition("@")
    if not at or ":" not in head.partition("//")[2]:
        return url
    return head.rsplit(":", 1)[0] + ":***@" + tail


class Connection:
    def __init__(self, client: smtplib.SMTP) -> None:
        self._client = client

    def send(self, sender: str, recipients: tuple[str, ...], message: bytes) -> dict[str, str]:
        """Address -> SENT, or the server's refusal of it (or of the whole mail)."""
        try:
            refused = self._client.sendmail(sender, list(recipients), message)
        except smtplib.SMTPRecipientsRefused as exc:
            refused = exc.recipients
        except (smtplib.SMTPException, OSError) as exc:
            return dict.fromkeys(recipients, _reason(exc))
        return {a: _refusal(*refused[a]) if a in refused else SENT for a in recipients}


def _refusal(code: int, text: bytes | str) -> str:
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(said.split())}"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        return _refusal(exc.smtp_code, exc.smtp_error)
    return " ".join(str(exc).split()) or type(exc).__name__


@contextmanager
def connected(server: Relay) -> Iterator[Connection]:
    """A session with the server, TLS and login done; one line when that fails."""
    context = ssl.create_default_context()
    client: smtplib.SMTP | None = None
    try:
        if server.scheme == "smtps":
            client = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT_SECONDS,
                                      context=context)
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
            client.ehlo()
            if not client.has_extn("starttls"):
                raise InputError("smtp_no_starttls", server=server.shown)
            client.starttls(context=context)
            client.ehlo()
        if server.user is not None:
            _login(client, server.user, server.password or "")
    except (smtplib.SMTPException, OSError) as exc:
        if client is not None:
            _close(client)
        raise InputError("smtp_unreachable", server=server.shown, reason=_reason(exc)) from exc
    except BaseException:
        if client is not None:
            _close(client)
        raise
    try:
        yield Connection(client)
    finally:
        _close(client)


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    client.ehlo_or_helo_if_needed()
    if (user + password).isascii():
        client.login(user, password)
        return
    # smtplib encodes credentials as ASCII; RFC 4616 PLAIN carries UTF-8, as an office's
    # Chinese password needs
    if "plain" not in client.esmtp_features.get("auth", "").lower().split():
        raise smtplib.SMTPException("the server offers no AUTH PLAIN for a non-ASCII login")
    token = base64.b64encode(f"\0{user}\0{password}".encode()).decode("ascii")
    code, said = client.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, said)


def _close(client: smtplib.SMTP) -> None:
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()
