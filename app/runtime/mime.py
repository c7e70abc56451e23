"""The complete MIME message of a rendered email: what the golden ``.eml``, ``missive
send-test`` and a sending system built on the runtime all send (stdlib only).

multipart/alternative with the plain text first and the HTML last (clients show the
last part they understand), UTF-8, the subject encoded per RFC 2047, Date, a Message-ID
on the sender's domain, From, Reply-To, To, MIME-Version, Content-Language, and for
marketing or promotional templates List-Unsubscribe with List-Unsubscribe-Post
(RFC 8058 one-click), as Gmail and Yahoo require of bulk senders.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import uuid
from collections.abc import Mapping
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, getaddresses
from typing import Any

# Used when the sample has no ``email`` field (RFC 2606 reserves example.com).
PLACEHOLDER_TO = "recipient@example.com"

# What the sending system must add (it knows the recipient, signs and relays), and what it
# must keep as the bundle wrote it (docs/bundle-format.md, "Mail headers").
HEADERS_WRITTEN = ("From", "Reply-To", "To", "Subject", "Date", "Message-ID", "MIME-Version",
                   "Content-Language", "Content-Type", "List-Unsubscribe",
                   "List-Unsubscribe-Post")
HEADERS_TO_KEEP = ("From", "Reply-To", "Subject", "MIME-Version", "Content-Language",
                   "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post")
HEADERS_TO_SET = ("To", "Date", "Message-ID", "DKIM-Signature")

_UNSUBSCRIBE_HREF = re.compile(r"""href=["'](https://[^"']*unsubscribe[^"']*)["']""", re.I)


def unsubscribe_url(data: Mapping[str, Any], html: str, project_url: str = "") -> str | None:
    """The one-click unsubscribe URL: the data's ``unsubscribe_url`` (one per customer),
    else the project's (``[sender] unsubscribe_url``), else an ``https`` link in the HTML
    whose address says "unsubscribe"."""
    for value in (data.get("unsubscribe_url"), project_url):
        if isinstance(value, str) and value.startswith("https://"):
            return value
    match = _UNSUBSCRIBE_HREF.search(html)
    return match.group(1).replace("&amp;", "&") if match else None


def recipient(data: Mapping[str, Any]) -> str:
    """The To address: the sample's ``email`` field (with its name), else the placeholder."""
    address = data.get("email")
    if not isinstance(address, str) or "@" not in address:
        return PLACEHOLDER_TO
    name = " ".join(str(data[k]) for k in ("first_name", "last_name")
                    if isinstance(data.get(k), str) and data[k].strip())
    if not name:
        return address.strip()
    user, _, domain = address.strip().rpartition("@")
    return str(Address(display_name=name, username=user, domain=domain))


def sender_domain(from_: str) -> str:
    """The domain of the From address, as ASCII (IDNA), for Message-IDs."""
    pairs = getaddresses([from_])
    address = pairs[0][1] if pairs else ""
    domain = address.rpartition("@")[2].strip().rstrip(".") or "localhost"
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return "localhost"


def message_id(from_: str, key: str | None = None) -> str:
    """A Message-ID on the sender's domain: derived from ``key`` (reproducible goldens)
    or random (every real send: clients drop a second message with the same id)."""
    local = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] if key else \
        uuid.uuid4().hex
    return f"<{local}@{sender_domain(from_)}>"


def build_message(*, subject: str, text: str, html: str, from_: str, reply_to: str,
                  to: str, lang: str, date: dt.datetime, message_id: str,
                  unsubscribe: str | None = None) -> bytes:
    """The message as RFC 5322 bytes (CRLF line ends); ``unsubscribe`` adds the RFC 8058
    one-click headers (pass it for marketing and promotional templates only)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = from_
    if reply_to:
        message["Reply-To"] = reply_to
    message["To"] = to
    message["Subject"] = subject  # isolates kept: they are part of the approved subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    if unsubscribe:
        message["List-Unsubscribe"] = f"<{unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    # After the parts: set_content moves Content-* headers into the first part.
    message["Content-Language"] = lang
    # A boundary from the content, not random: the same content gives the same bytes.
    digest = hashlib.sha256((text + html).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"=_missive_{digest}")
    return message.as_bytes()


def email_message(email: Any, data: Mapping[str, Any], *, promotional: bool,
                  to: str | None = None, date: dt.datetime | None = None,
                  message_id_key: str | None = None, project_unsubscribe_url: str = "") -> bytes:
    """The complete message of a rendered email (the runtime's ``Email`` or the studio's
    ``EmailMessage``) for ``data``: To from ``to`` or the data; Date now unless given;
    a random Message-ID unless ``message_id_key`` makes it reproducible."""
    from_ = getattr(email, "from_", "")
    url = unsubscribe_url(data, email.html, project_unsubscribe_url) if promotional else None
    return build_message(
        subject=email.subject, text=email.text, html=email.html, from_=from_,
        reply_to=getattr(email, "reply_to", ""), to=to or recipient(data), lang=email.lang,
        date=date or dt.datetime.now(dt.UTC).replace(microsecond=0),
        message_id=message_id(from_, message_id_key), unsubscribe=url)


def bundle_email(bundle: Any, template_id: str, locale: str, data: Mapping[str, Any], *,
                 to: str | None = None, date: dt.datetime | None = None) -> bytes:
    """Render ``template_id`` in ``locale`` from an exported bundle and return the complete
    message, ready for the sending system to sign (DKIM) and relay."""
    email = bundle.render(template_id, locale, "email", data)
    template = bundle.template(template_id)
    promotional = template.get("category") == "marketing" or bool(template.get("promotional"))
    return email_message(email, data, promotional=promotional, to=to, date=date,
                         project_unsubscribe_url=bundle.manifest["sender"].get(
                             "unsubscribe_url", ""))
