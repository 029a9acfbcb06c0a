"""A real SMTP server for the reminder tests (aiosmtpd), on a free local port, speaking
STARTTLS or TLS with a certificate made for the test session (openssl), asking for a
login, keeping every mail it takes and refusing the addresses it is told to."""

from __future__ import annotations

import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "gkb", "密码 with spaces"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class Handler:
    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      envelope.original_content))
        return "250 OK"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str,
                  auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (
        auth_data.login.decode(), auth_data.password.decode()) == (USER, PASSWORD)
    return AuthResult(success=ok)


def certificate(directory: Path) -> Path:
    """A self-signed certificate for 127.0.0.1 and localhost, key in the same file."""
    pem = directory / "smtp.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext",
                    "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", str(pem), "-out", str(pem)],
                   check=True, capture_output=True)
    return pem


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(pem: Path | None, *, implicit_tls: bool = False,
            handler: Handler | None = None) -> Iterator[tuple[Handler, int]]:
    """A server on 127.0.0.1: STARTTLS (pem given), TLS from the start (implicit_tls), or
    plain (no pem: it offers no STARTTLS)."""
    handler = handler or Handler()
    port = _free_port()
    kwargs: dict[str, Any] = {}
    if pem is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(pem)
        kwargs = {"authenticator": _authenticate, "auth_required": True}
        if implicit_tls:
            # aiosmtpd counts only STARTTLS as TLS for AUTH; this session is TLS throughout
            kwargs.update(ssl_context=context, auth_require_tls=False)
        else:
            kwargs.update(tls_context=context, require_starttls=True)
    controller = Controller(handler, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()
