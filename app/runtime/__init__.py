"""The Missive runtime: render messages from an exported bundle, as the studio previewed.

It imports only Jinja, MarkupSafe, Babel, the stdlib and the core modules built on them
(:mod:`app.kernel.sandbox`, ``formatting``, ``bidi``, ``sms_segments``,
``whatsapp_params``, ``errors``): no Qt, MJML, premailer or html5lib.

    from app.runtime import Bundle
    bundle = Bundle.open("messages.zip")
    email = bundle.render("invoice_ready", "he", "email", data)

    # a bundle from elsewhere: render in bounded worker processes (see .bounded)
    with BoundedRenderer("messages.zip") as renderer:
        email = renderer.render("invoice_ready", "he", "email", data)
"""

from __future__ import annotations

from .bounded import BoundedRenderer, Limits, RenderStopped
from .bundle import Bundle
from .errors import BundleError, DataError, RenderError
from .messages import Email, Message, Sms, WhatsApp
from .mime import bundle_email
from .verify import verify

__all__ = ["BoundedRenderer", "Bundle", "BundleError", "DataError", "Email", "Limits",
           "Message", "RenderError", "RenderStopped", "Sms", "WhatsApp", "bundle_email",
           "verify"]
