"""What :meth:`Bundle.render` returns: one dataclass per channel, JSON-ready with ``to_dict``.

The keys of ``to_dict`` are those of the studio's ``missive render --format json``
(docs/cli.md) that a sending system needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Email:
    """A rendered email: subject, preheader, final HTML, plain text and the envelope."""

    subject: str
    preheader: str
    html: str
    text: str
    from_: str
    reply_to: str
    lang: str
    dir: str
    text_source: str
    channel: str = "email"

    def to_dict(self) -> dict[str, Any]:
        """JSON form: subject, preheader, html, text, from, reply_to, lang, dir, text_source."""
        return {"subject": self.subject, "preheader": self.preheader, "html": self.html,
                "text": self.text, "from": self.from_, "reply_to": self.reply_to,
                "lang": self.lang, "dir": self.dir, "text_source": self.text_source}


@dataclass
class Sms:
    """A rendered SMS with its encoding (GSM-7 or UCS-2) and billed segments."""

    text: str
    encoding: str
    segments: int
    units: int
    part_units: list[int]
    sender: str
    channel: str = "sms"

    def to_dict(self) -> dict[str, Any]:
        """JSON form: text, encoding, segments, units, part_units, sender."""
        return {"text": self.text, "encoding": self.encoding, "segments": self.segments,
                "units": self.units, "part_units": list(self.part_units), "sender": self.sender}


@dataclass
class WhatsApp:
    """A rendered WhatsApp template message and its positional parameters, in order."""

    category: str
    language: str
    header: str
    body: str
    footer: str
    buttons: list[dict[str, Any]]
    parameters: list[dict[str, Any]]
    template: dict[str, Any] = field(default_factory=dict)
    channel: str = "whatsapp"

    def to_dict(self) -> dict[str, Any]:
        """JSON form: category, language, header, body, footer, buttons, parameters."""
        return {"category": self.category, "language": self.language, "header": self.header,
                "body": self.body, "footer": self.footer, "buttons": self.buttons,
                "parameters": self.parameters}


Message = Email | Sms | WhatsApp
