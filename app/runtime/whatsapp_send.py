"""The WhatsApp Cloud API send payload of a rendered template message.

A sending system posts this body to Meta's ``/{phone-number-id}/messages`` endpoint: the
template's name and language, and the parameters of each component in order (header,
body, then each URL button by its index). It is built from the same rendered parameters
the studio previews, so what Meta fills in is what the reviewer approved.

Text parameters keep the invisible direction characters the runtime inserts around
left-to-right runs in right-to-left text (see docs/bundle-format.md, "Invisible
characters"): they keep an order number or an amount in reading order on the phone.
Button parameters (a URL suffix, a one-time code to copy) are stripped of them: a copied
code or a followed link must hold only what the customer would type.
"""

from __future__ import annotations

from typing import Any

from ..kernel.bidi import strip_markers
from .messages import WhatsApp

RECIPIENT_PLACEHOLDER = "+15550100000"


def send_payload(message: WhatsApp, name: str, to: str = RECIPIENT_PLACEHOLDER
                 ) -> dict[str, Any]:
    """The ``messages`` body that sends ``message`` as template ``name`` to ``to``."""
    by_component: dict[str, list[dict[str, Any]]] = {}
    for parameter in sorted(message.parameters, key=lambda p: p["position"]):
        by_component.setdefault(parameter["component"], []).append(parameter)
    components: list[dict[str, Any]] = []
    authentication = message.category == "AUTHENTICATION"
    for component in ("header", "body"):
        values = [str(p["example"]) for p in by_component.get(component, [])]
        if authentication:
            values = [strip_markers(v) for v in values]
        if values:
            components.append({"type": component,
                               "parameters": [{"type": "text", "text": v} for v in values]})
    for index, button in enumerate(message.buttons):
        values = [strip_markers(str(p["example"]))
                  for p in by_component.get(f"button:{index}", [])]
        if button.get("type") == "copy_code" and authentication:
            # Meta sends the code of a copy-code button as the URL button's parameter.
            values = values or [strip_markers(str(p["example"]))
                                for p in by_component.get("body", [])][:1]
        if values:
            components.append({"type": "button", "sub_type": "url", "index": str(index),
                               "parameters": [{"type": "text", "text": v} for v in values]})
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": to,
        "type": "template",
        "template": {"name": name, "language": {"code": message.language},
                     "components": components},
    }
