"""The previews: email in a locked-down QtWebEngine page, SMS and WhatsApp as bubbles.

Security of the email page is in :mod:`.web_page`; device presets in :mod:`.devices`.
"""

from __future__ import annotations

from .email_preview import EmailPreview
from .panel import PreviewPanel
from .sms_preview import SmsPreview
from .whatsapp_preview import WhatsAppPreview

__all__ = ["EmailPreview", "PreviewPanel", "SmsPreview", "WhatsAppPreview"]
