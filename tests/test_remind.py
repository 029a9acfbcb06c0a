"""`disclose remind`: the 催报通知 shown, mailed through a real SMTP server (aiosmtpd,
STARTTLS or TLS, with a login), recorded in the chained ledger, never twice a day, one
refused address reported while the others get it; `--list`; the daily report's line."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from pathlib import Path
from urllib.parse import quote

import pytest
import smtpserver as smtp
from conftest import TODAY

from qth_disclosure import calendar
from qth_disclosure.session import Session

AS_OF = "2015-10-05"
TITLE = "七台河市人民政府办公室关于报送政府信息公开工作有关材料的通知"
OFFICE = "    name_en: Qitaihe Municipal People's Government Office\n    kind: office\n"
CZJ = "    name_en: Qitaihe Municipal Finance Bureau\n    kind: bureau\n"
SJJ = "    name_en: Qitaihe Municipal Audit Bureau\n    kind: bureau\n"


@pytest.fixture(scope="session")
def pem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return smtp.certificate(tmp_path_factory.mktemp("tls"))


@pytest.fixture
def mail_registry(registry_copy: Path) -> Path:
    """The shipped registry with the office's contact, two at 市财政局, one at 市审计局."""
    path = registry_copy / "agencies.yaml"
    text = path.read_text(encoding="utf-8")
    for anchor, people in (
            (OFFICE, "      - {name: 赵科长, phone: 0464-8290000, email: gkb@qth.example.cn}\n"),
            (CZJ, "      - {name: 王芳, email: wf@czj.example.cn}\n"
                  "      - {name: 李明, phone: 0464-8290002, email: lm@czj.example.cn}\n"),
            (SJJ, "      - {name: 张伟, email: zw@sjj.example.cn}\n")):
        text = text.replace(anchor, anchor + "    contacts:\n" + people, 1)
    path.write_text(text, encoding="utf-8")
    return registry_copy


@pytest.fixture
def server(pem: Path, monkeypatch: pytest.MonkeyPatch):
    """A STARTTLS server asking for a login; DISCLOSE_SMTP names it with the password
    percent-encoded, and the test's certificate is the one authority trusted."""
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))
    with smtp.serving(pem) as (handler, port):
        monkeypatch.setenv("DISCLOSE_SMTP", f"smtp://{smtp.USER}:{quote(smtp.PASSWORD)}"
                                            f"@127.0.0.1:{port}")
        yield handler


def remind(disclose, registry: Path, *args: str, code: int = 0):
    return disclose("--registry", str(registry), "remind", "--as-of", AS_OF, *args, code=code)


def test_remind_shows_notices_without_sending(disclose, mail_registry: Path) -> None:
    shown = remind(disclose, mail_registry, "-a", "czj").stdout
    assert shown.startswith("czj (市财政局) → wf@czj.example.cn, lm@czj.example.cn\n")
    assert "联系人：赵科长，联系电话：0464-8290000，电子邮箱：gkb@qth.example.cn。" in shown
    (notice,) = disclose.json("--registry", str(mail_registry), "remind", "--as-of", AS_OF,
                              "-a", "czj")
    assert notice["items"] == ["monthly czj K2-1 2015-07", "monthly czj K2-1 2015-08",
                               "monthly czj K2-1 2015-09", "plan czj - -"]


def test_remind_send_mails_and_records(disclose, mail_registry: Path, server) -> None:
    (notice,) = disclose.json("--registry", str(mail_registry), "remind", "--as-of", AS_OF,
                              "-a", "czj")
    sent = remind(disclose, mail_registry, "-a", "czj", "--send", "--format", "json")
    assert "czj (市财政局): mailed to 2 of 2 addresses" in sent.stderr
    (got,) = server.received
    assert got.mail_from == "gkb@qth.example.cn"
    assert got.rcpt_tos == ["wf@czj.example.cn", "lm@czj.example.cn"]
    raw_headers = got.content.split(b"\r\n\r\n", 1)[0]
    assert raw_headers.isascii()  # encoded words: any server takes them
    mail = message_from_bytes(got.content, policy=policy.default)
    assert str(make_header(decode_header(mail["Subject"]))) == TITLE
    assert mail["To"].addresses[0].display_name == "王芳"
    assert mail["From"].addresses[0].display_name == "七台河市人民政府办公室"
    body = mail.get_payload(decode=True)
    assert body.decode("utf-8").replace("\r\n", "\n") == notice["text"]
    (row,) = disclose.json("--registry", str(mail_registry), "remind", "--list")
    assert row["body_sha256"] == hashlib.sha256(body).hexdigest()
    assert row["result"] == {"lm@czj.example.cn": "sent", "wf@czj.example.cn": "sent"}
    assert (row["agency"], row["as_of"], row["sent_on"]) == ("czj", AS_OF, TODAY.isoformat())
    assert row["items"] == notice["items"] and row["subject"] == TITLE
    disclose("db", "verify")  # the row is chained


def test_remind_send_twice_a_day_mails_once(disclose, mail_registry: Path, server) -> None:
    remind(disclose, mail_registry, "--send")
    first = len(server.received)
    again = remind(disclose, mail_registry, "--send")
    assert len(server.received) == first == 2  # 市财政局 and 市审计局: the others list nobody
    assert "czj (市财政局): the same notice was mailed today already" in again.stderr
    # the units that list nobody, named on one line
    (nobody,) = [line for line in again.stderr.splitlines() if "for want of" in line]
    assert nobody.startswith("not sent, for want of a contact with an email in agencies.yaml "
                             "(34): bb, gtj, ")
    assert len(disclose.json("--registry", str(mail_registry), "remind", "--list")) == 2


def test_remind_new_items_mail_again(disclose, mail_registry: Path, server) -> None:
    remind(disclose, mail_registry, "-a", "czj", "--send")
    disclose("--registry", str(mail_registry), "remind", "--as-of", "2015-10-06", "-a", "czj",
             "--send")
    assert len(server.received) == 1  # the same four items: once
    disclose("--registry", str(mail_registry), "remind", "--as-of", "2015-10-25", "-a", "czj",
             "--send", "--within", "10")  # October's report now falls due: new items
    assert len(server.received) == 2


def test_remind_one_address_refused_the_rest_get_it(disclose, mail_registry: Path,
                                                    server) -> None:
    server.refuse.add("wf@czj.example.cn")
    sent = remind(disclose, mail_registry, "--send", code=1)
    assert "czj (市财政局): wf@czj.example.cn refused the notice: 550 5.1.1 mailbox " \
           "unavailable" in sent.stderr
    assert [r.rcpt_tos for r in server.received] == [["lm@czj.example.cn"],
                                                     ["zw@sjj.example.cn"]]
    rows = disclose.json("--registry", str(mail_registry), "remind", "--list", "-a", "czj")
    assert rows[0]["result"] == {"lm@czj.example.cn": "sent",
                                 "wf@czj.example.cn": "550 5.1.1 mailbox unavailable"}


def test_remind_all_refused_may_be_sent_again(disclose, mail_registry: Path, server) -> None:
    server.refuse.update({"wf@czj.example.cn", "lm@czj.example.cn"})
    remind(disclose, mail_registry, "-a", "czj", "--send", code=1)
    server.refuse.clear()
    remind(disclose, mail_registry, "-a", "czj", "--send")
    assert [r.rcpt_tos for r in server.received] == [["wf@czj.example.cn",
                                                      "lm@czj.example.cn"]]
    assert len(disclose.json("--registry", str(mail_registry), "remind", "--list")) == 2


def test_remind_over_implicit_tls(disclose, mail_registry: Path, pem: Path,
                                  monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(pem))
    secret = tmp_path / "password"
    secret.write_text(smtp.PASSWORD + "\n", encoding="utf-8")
    monkeypatch.setenv("DISCLOSE_SMTP_PASSWORD_FILE", str(secret))
    with smtp.serving(pem, implicit_tls=True) as (handler, port):
        monkeypatch.setenv("DISCLOSE_SMTP", f"smtps://{smtp.USER}@127.0.0.1:{port}")
        remind(disclose, mail_registry, "-a", "sjj", "--send")
    assert [r.rcpt_tos for r in handler.received] == [["zw@sjj.example.cn"]]


@pytest.mark.parametrize(("url", "message"), [
    (None, "--send needs DISCLOSE_SMTP"),
    ("http://mail.example.cn", "DISCLOSE_SMTP is 'http://mail.example.cn': smtp://"),
    ("smtp://:secret@127.0.0.1:1", "gives a password but no user"),
    ("smtp://127.0.0.1:1", "cannot use the mail server smtp://127.0.0.1:1:"),
])
def test_remind_send_refused_writes_nothing(disclose, mail_registry: Path, ledger_rows,
                                            monkeypatch: pytest.MonkeyPatch, url: str | None,
                                            message: str) -> None:
    if url is None:
        monkeypatch.delenv("DISCLOSE_SMTP", raising=False)
    else:
        monkeypatch.setenv("DISCLOSE_SMTP", url)
    refused = remind(disclose, mail_registry, "--send", code=1)
    assert message in refused.stderr and "secret" not in refused.stderr
    assert refused.stderr.count("\n") == 1
    assert ledger_rows() == {}


def test_remind_refuses_a_server_without_starttls(disclose, mail_registry: Path, ledger_rows,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp.serving(None) as (handler, port):
        monkeypatch.setenv("DISCLOSE_SMTP", f"smtp://127.0.0.1:{port}")
        refused = remind(disclose, mail_registry, "--send", code=1)
    assert "does not offer STARTTLS: nothing was sent" in refused.stderr
    assert handler.received == [] and ledger_rows() == {}


def test_remind_send_needs_the_office_address(disclose, ledger_rows, server) -> None:
    refused = disclose("remind", "--as-of", AS_OF, "--send", code=1)
    assert "the office szfb (市政府办) lists no contact with an email" in refused.stderr
    assert ledger_rows() == {} and server.received == []


def test_remind_send_only_by_a_coordinator(disclose, mail_registry: Path, server,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = mail_registry / "agencies.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "agencies:\n", "coordinators: [chen]\nagencies:\n", 1), encoding="utf-8")
    monkeypatch.setattr(Session, "user", staticmethod(lambda: "wangf"))
    refused = remind(disclose, mail_registry, "--send", code=1)
    assert "user 'wangf' may not remind" in refused.stderr
    assert server.received == []


def test_report_says_what_was_mailed_yesterday(disclose, mail_registry: Path, server,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    server.refuse.add("wf@czj.example.cn")
    yesterday = TODAY - timedelta(days=1)
    with monkeypatch.context() as sending_day:
        sending_day.setattr(calendar, "today", lambda tz: yesterday)
        remind(disclose, mail_registry, "--send", code=1)
    page = disclose("--registry", str(mail_registry), "report").stdout
    assert "催报 mailed the day before (2)" in page
    assert "市财政局 to wf@czj.example.cn lm@czj.example.cn; refused: wf@czj.example.cn" in page
    data = disclose.json("--registry", str(mail_registry), "report")
    assert [r["agency"] for r in data["reminders_sent"]] == ["czj", "sjj"]
    assert data["reminders_sent"][0]["refused"] == {
        "wf@czj.example.cn": "550 5.1.1 mailbox unavailable"}
    assert "催报 mailed the day before (0)" in disclose(
        "--registry", str(mail_registry), "report", "--as-of", yesterday.isoformat()).stdout


def test_remind_mail_reaches_the_server_byte_for_byte(disclose, mail_registry: Path, server,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """What the server took is exactly the message the tool composed and handed over:
    headers in ASCII (the subject and the names as UTF-8 encoded words), CR LF line ends,
    the body as UTF-8 whose digest the ledger keeps."""
    from qth_disclosure import mailer

    handed: list[bytes] = []
    send = mailer.Connection.send

    def recording(self: mailer.Connection, sender: str, recipients: tuple[str, ...],
                  message: bytes) -> dict[str, str]:
        handed.append(message)
        return send(self, sender, recipients, message)

    monkeypatch.setattr(mailer.Connection, "send", recording)
    remind(disclose, mail_registry, "-a", "czj", "--send")
    (got,) = server.received
    assert [got.content] == handed
    headers = got.content.partition(b"\r\n\r\n")[0]
    assert headers.isascii() and b"\n" not in headers.replace(b"\r\n", b"")
    unfolded = headers.replace(b"\r\n ", b" ").split(b"\r\n")  # a long subject folds
    subject = next(h for h in unfolded if h.startswith(b"Subject: "))
    assert subject.startswith(b"Subject: =?utf-8?")
    assert str(make_header(decode_header(subject[len(b"Subject: "):].decode()))) == TITLE
    mail = message_from_bytes(got.content, policy=policy.default)
    assert mail.get_content_charset() == "utf-8"
    (row,) = disclose.json("--registry", str(mail_registry), "remind", "--list")
    assert row["body_sha256"] == hashlib.sha256(mail.get_payload(decode=True)).hexdigest()
