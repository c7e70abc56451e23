"""What :meth:`Bundle.render` returns: one dataclass per channel, JSON-ready with ``to_dict``.

The keys of ``to_dict`` are those of the studio's ``missive render --format json``
(docs/cli.md) that a sending system needs. Each class is its channel's, declared with the
channel's spec in :mod:`app.kernel.channels`.
"""

from __future__ import annotations

from ..kernel.channels.email import Email
from ..kernel.channels.sms import Sms
from ..kernel.channels.whatsapp import WhatsApp

Message = Email | Sms | WhatsApp

__all__ = ["Email", "Message", "Sms", "WhatsApp"]
