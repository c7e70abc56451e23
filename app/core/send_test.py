"""Sending yourself a test: the golden ``.eml`` of one template × locale × sample, through
your own SMTP server (``missive send-test`` and the studio's File → Send test…).

The message is the golden's (:mod:`app.runtime.mime`): the same headers and parts, the
sample's ``To``; only the Message-ID is new on every send (clients drop a second message
with the same id) and the Date is now (or ``SOURCE_DATE_EPOCH``). The envelope goes to
the address you give. TLS is required unless the server is on this machine; the password
comes from the system keyring or a prompt and is never written anywhere.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.utils import getaddresses

from ..kernel.errors import ContentError, InputError
from .export.eml import golden_eml
from .export.exporter import export_time
from .project import Project
from .render import Renderer

KEYRING_SERVICE = "missive-studio-smtp"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
DEFAULT_PORTS = {"plain": 25, "starttls": 587, "ssl": 465}
TIMEOUT_S = 20


class SendError(ContentError):
    """The server could not be reached, or refused the login, the sender or the recipient."""


@dataclass(frozen=True)
class Server:
    """Where to send: host, port, TLS mode ("plain", "starttls", "ssl") and the login."""

    host: str
    port: int
    tls: str = "plain"
    user: str = ""

    @property
    def local(self) -> bool:
        """True for a server on this machine (no TLS needed)."""
        return self.host.lower() in LOCAL_HOSTS

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def parse_server(value: str, tls: str, user: str = "") -> Server:
    """``HOST[:PORT]`` with the TLS mode; refuses a remote server without TLS."""
    host, _, port_text = value.strip().rpartition(":") if value.count(":") == 1 else (
        value.strip(), "", "")
    host = host or "localhost"
    try:
        port = int(port_text) if port_text else DEFAULT_PORTS[tls]
    except ValueError:
        raise InputError(f"--smtp '{value}': the port must be a number",
                         hint="write HOST:PORT, e.g. smtp.example.com:587") from None
    server = Server(host, port, tls, user)
    if tls == "plain" and not server.local:
        raise InputError(f"TLS is required to send through {server}",
                         hint="add --starttls (usually port 587) or --ssl (port 465); "
                              "only a server on this machine may go without")
    return server


def test_message(project: Project, template_id: str, locale: str, sample: str) -> bytes:
    """The golden message of ``sample``, with a new Message-ID."""
    template = project.template(template_id)
    if "email" not in template.channels:
        raise InputError(f"template '{template_id}' has no email",
                         hint="pick a template with an email channel")
    if locale not in project.config.locales:
        raise InputError(f"unknown locale '{locale}'",
                         hint=f"the project's locales: {', '.join(project.config.locales)}")
    if sample not in project.samples:
        raise InputError(f"unknown sample '{sample}'",
                         hint=f"the samples: {', '.join(sorted(project.samples))}")
    data = project.samples[sample].data
    message = Renderer(project).render(template_id, locale, "email", data)
    return golden_eml(message, data, template=template, locale=locale, sample=sample,
                      date=export_time(), random_id=True,
                      project_unsubscribe_url=project.config.sender.unsubscribe_url)


def envelope_sender(message: bytes) -> str:
    """The From address of the message, for MAIL FROM."""
    head = message.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    for line in head.split("\r\n"):
        if line.lower().startswith("from:"):
            pairs = getaddresses([line[5:]])
            if pairs and pairs[0][1]:
                return pairs[0][1]
    return ""


def send(message: bytes, to: str, server: Server, password: str | None = None) -> None:
    """Send ``message`` to ``to``; raises SendError with one line on any refusal."""
    if "@" not in to or any(c in to for c in "\r\n<> "):
        raise InputError(f"'{to}' is not an email address", hint="write e.g. you@example.com")
    context = ssl.create_default_context()
    try:
        if server.tls == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port,
                                                    timeout=TIMEOUT_S, context=context)
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_S)
        with client:
            client.ehlo()
            if server.tls == "starttls":
                client.starttls(context=context)
                client.ehlo()
            if server.user:
                client.login(server.user, password or "")
            client.sendmail(envelope_sender(message), [to], message)
    except smtplib.SMTPAuthenticationError as exc:
        raise SendError(f"{server} refused the login for '{server.user}' ({_reply(exc)})",
                        hint="check the user name, and the password in the system keyring "
                             f"(service '{KEYRING_SERVICE}')") from None
    except smtplib.SMTPRecipientsRefused as exc:
        reply = next(iter(exc.recipients.values()), (0, b""))
        raise SendError(f"{server} refused the recipient '{to}' ({_code(reply)})",
                        hint="check the address, or whether this server may send to it") \
            from None
    except smtplib.SMTPSenderRefused as exc:
        code = _code((exc.smtp_code, exc.smtp_error))
        raise SendError(f"{server} refused the sender '{envelope_sender(message)}' ({code})",
                        hint="the server may only send from your own address; use one "
                             "that accepts the project's From") from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendError(f"{server} does not support {exc}",
                        hint="try --ssl, or another port") from None
    except ssl.SSLError as exc:
        raise SendError(f"TLS with {server} failed ({exc.reason or exc})",
                        hint="check the port: --starttls usually 587, --ssl 465") from None
    except smtplib.SMTPException as exc:
        raise SendError(f"{server} refused the message ({exc})",
                        hint="see the server's reply") from None
    except (TimeoutError, OSError) as exc:
        reason = exc.strerror or str(exc) or type(exc).__name__
        raise SendError(f"could not reach the mail server {server} ({reason.lower()})",
                        hint="check --smtp HOST:PORT and your network") from None


def _code(reply: tuple[int, bytes | str]) -> str:
    code, text = reply
    text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(text.split())}".strip()


def _reply(exc: smtplib.SMTPResponseException) -> str:
    return _code((exc.smtp_code, exc.smtp_error))


def keyring_password(server: Server) -> str | None:
    """The password saved in the system keyring for this user and host, if any."""
    if not server.user:
        return None
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, f"{server.user}@{server.host}")
    except (KeyringError, RuntimeError, OSError):
        return None
