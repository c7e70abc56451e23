"""A golden email as a ``.eml`` file a mail client opens, built by the runtime's
:mod:`app.runtime.mime` so the golden, ``missive send-test`` and a sending system that
uses the runtime send the same message.

The Date is the export time and the Message-ID is derived from template, locale and
sample on the sender's domain, so the bundle is reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ...runtime.mime import HEADERS_TO_KEEP, HEADERS_TO_SET, PLACEHOLDER_TO, email_message
from ..model import Template


def golden_key(template_id: str, locale: str, sample: str) -> str:
    """What a golden's Message-ID is derived from."""
    return f"{template_id}.{locale}.{sample}"


def promotional(template: Template) -> bool:
    """Marketing templates, and operational ones the author marked promotional, carry
    List-Unsubscribe and List-Unsubscribe-Post; the others carry neither."""
    return template.category == "marketing" or bool(template.promotional)


def golden_eml(message: Any, data: Mapping[str, Any], *, template: Template, locale: str,
               sample: str, date: dt.datetime, project_unsubscribe_url: str = "",
               random_id: bool = False) -> bytes:
    """The message as RFC 5322 bytes (CRLF line ends); ``random_id`` for a real send."""
    key = None if random_id else golden_key(template.id, locale, sample)
    return email_message(message, data, promotional=promotional(template), date=date,
                         message_id_key=key, project_unsubscribe_url=project_unsubscribe_url)


def email_headers() -> dict[str, Any]:
    """The manifest's ``email_headers``: what the sending system keeps as written, what it
    sets for every send (docs/bundle-format.md, "Mail headers")."""
    return {"keep": list(HEADERS_TO_KEEP), "set_when_sending": list(HEADERS_TO_SET),
            "placeholder_to": PLACEHOLDER_TO}
