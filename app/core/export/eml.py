"""A golden email as a ``.eml`` file a mail client opens: built with the stdlib email package.

multipart/alternative (plain text, then HTML), UTF-8, the subject encoded per RFC 2047,
From, Reply-To, a fixed Date and Message-ID (so the bundle is reproducible), and for
marketing templates List-Unsubscribe with List-Unsubscribe-Post (RFC 8058 one-click).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any

_UNSUBSCRIBE_HREF = re.compile(r"""href=["'](https://[^"']*unsubscribe[^"']*)["']""", re.I)


def unsubscribe_url(data: Mapping[str, Any], html: str) -> str | None:
    """The one-click unsubscribe URL: the data's ``unsubscribe_url``, else an
    ``https`` link in the HTML whose address says "unsubscribe"."""
    value = data.get("unsubscribe_url")
    if isinstance(value, str) and value.startswith("https://"):
        return value
    match = _UNSUBSCRIBE_HREF.search(html)
    return match.group(1).replace("&amp;", "&") if match else None


def build_eml(*, subject: str, text: str, html: str, from_: str, reply_to: str, lang: str,
              date: dt.datetime, message_id: str, marketing: bool,
              data: Mapping[str, Any]) -> bytes:
    """The message as RFC 5322 bytes (CRLF line ends)."""
    message = EmailMessage(policy=SMTP)
    message["From"] = from_
    if reply_to:
        message["Reply-To"] = reply_to
    message["Subject"] = subject  # isolates kept: they are part of the approved subject
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Content-Language"] = lang
    if marketing:
        url = unsubscribe_url(data, html)
        if url:
            message["List-Unsubscribe"] = f"<{url}>"
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(text, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    # A boundary from the content, not random: the bundle must be reproducible.
    digest = hashlib.sha256((message_id + text + html).encode("utf-8")).hexdigest()[:32]
    message.set_boundary(f"=_missive_{digest}")
    return message.as_bytes()
