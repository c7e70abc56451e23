"""missive send-test against a real SMTP server (aiosmtpd) started on 127.0.0.1."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

TIME = "2026-11-29T09:00:00Z"
EPOCH = "1795942800"  # the same moment as seconds since 1970
GOLDEN = "golden/invoice_ready/he/dana_he/email.eml"


class _Inbox:
    """aiosmtpd handler: keeps every message as the raw bytes it received."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("nobody@"):
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"


def _authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"dana" and \
        auth_data.password == b"correct horse"
    return AuthResult(success=ok, handled=False)  # False: the server answers 535


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(),
                            authenticator=_authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield inbox, f"127.0.0.1:{controller.port}"
    finally:
        controller.stop()


def _without_message_id(raw: bytes) -> bytes:
    return re.sub(rb"\r\nMessage-ID: <[^>]+>", b"", raw)


def test_the_received_message_is_the_golden_eml(demo: Path, cli, smtp, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, address = smtp
    bundle = tmp_path / "bundle"
    assert cli("export", demo, "--out", bundle, "--allow-warnings", "--time", TIME).code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = cli("send-test", demo, "--template", "invoice_ready", "--locale", "he",
                 "--sample", "dana_he", "--to", "me@example.org", "--smtp", address)
    assert result.code == 0, result.err
    assert result.out == (f"sent invoice_ready (he, dana_he) to me@example.org through "
                          f"{address}\n")
    [(sender, recipients, received)] = inbox.messages
    assert sender == "billing@northwind.example" and recipients == ["me@example.org"]
    golden = (bundle / GOLDEN).read_bytes()
    assert _without_message_id(received) == _without_message_id(golden)
    ids = re.findall(rb"\r\nMessage-ID: <([^>]+)>", received)
    assert len(ids) == 1 and ids[0].endswith(b"@northwind.example")
    assert ids[0] not in golden  # a new id on every send


def test_login_with_the_prompted_password(demo: Path, cli, smtp,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, address = smtp
    monkeypatch.setattr("getpass.getpass", lambda prompt: "correct horse")
    result = cli("send-test", demo, "--template", "invoice_ready", "--locale", "en",
                 "--sample", "emily_en", "--to", "me@example.org", "--smtp", address,
                 "--user", "dana")
    assert result.code == 0, result.err
    assert len(inbox.messages) == 1


def test_refused_login_is_one_clear_line(demo: Path, cli, smtp,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, address = smtp
    monkeypatch.setattr("getpass.getpass", lambda prompt: "wrong")
    result = cli("send-test", demo, "--template", "invoice_ready", "--locale", "en",
                 "--sample", "emily_en", "--to", "me@example.org", "--smtp", address,
                 "--user", "dana")
    assert result.code == 1 and not inbox.messages
    assert result.err.count("\n") == 1
    assert f"{address} refused the login for 'dana' (535" in result.err
    assert "wrong" not in result.err + result.out  # the password is never shown


def test_refused_recipient_is_one_clear_line(demo: Path, cli, smtp) -> None:
    inbox, address = smtp
    result = cli("send-test", demo, "--template", "invoice_ready", "--locale", "en",
                 "--sample", "emily_en", "--to", "nobody@example.org", "--smtp", address)
    assert result.code == 1 and not inbox.messages
    assert result.err == (f"missive: error: {address} refused the recipient "
                          f"'nobody@example.org' (550 5.1.1 No such user here) (check the "
                          f"address, or whether this server may send to it)\n")


def test_unreachable_server_is_one_clear_line(demo: Path, cli) -> None:
    port = _free_port()  # nobody listens there
    result = cli("send-test", demo, "--template", "invoice_ready", "--locale", "en",
                 "--sample", "emily_en", "--to", "me@example.org", "--smtp",
                 f"127.0.0.1:{port}")
    assert result.code == 1 and result.err.count("\n") == 1
    assert f"could not reach the mail server 127.0.0.1:{port} (connection refused)" \
        in result.err


def test_tls_is_required_for_a_remote_server(demo: Path, cli) -> None:
    result = cli("send-test", demo, "--template", "invoice_ready", "--locale", "en",
                 "--sample", "emily_en", "--to", "me@example.org", "--smtp",
                 "smtp.example.com:25")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "TLS is required to send through smtp.example.com:25" in result.err
    assert "--starttls" in result.err
