"""A WhatsApp template as a bundle holds it: Meta's creation payload and the mapping.

``meta`` is the body of Meta's "create message template" call (name, language, category,
components with examples); ``parameters`` maps each positional parameter to the Jinja
expression the sending system evaluates; ``fields`` and ``buttons`` keep the sources the
runtime fills to show the message as the customer will read it.
"""

from __future__ import annotations

from typing import Any

from ...kernel.bidi import strip_markers
from ...kernel.whatsapp_params import strip_comments
from ...runtime.messages import WhatsApp
from ..channels.whatsapp import WhatsAppMessage


def whatsapp_document(template_id: str, locale: str, fields: dict[str, Any],
                      example: WhatsAppMessage) -> dict[str, Any]:
    """The ``whatsapp.json`` of one locale; ``example`` is the studio render of a sample."""
    sources = {key: strip_comments(str(fields.get(key, ""))) for key in
               ("header", "body", "footer")}
    buttons = []
    for raw in fields.get("buttons", []):
        button = {"type": raw.get("type", ""), "text": str(raw.get("text", ""))}
        if button["type"] == "url":
            button["url"] = str(raw.get("url", ""))
        if button["type"] == "phone":
            button["phone"] = str(raw.get("phone", ""))
        buttons.append(button)
    return {
        "meta": meta_payload(template_id, locale, example),
        "parameters": [{"component": p.component, "position": p.position,
                        "expression": p.expression} for p in example.parameters],
        "fields": sources,
        "buttons": buttons,
    }


def meta_payload(template_id: str, locale: str, message: WhatsAppMessage) -> dict[str, Any]:
    """Meta's template-creation payload, with the example values of ``message``."""
    examples: dict[str, list[str]] = {}
    for p in message.parameters:
        examples.setdefault(p.component, []).append(strip_markers(p.example))
    stored = message.template
    if message.category == "AUTHENTICATION":
        components = _authentication(message, examples)
    else:
        components = []
        if stored.get("header"):
            header: dict[str, Any] = {"type": "HEADER", "format": "TEXT",
                                      "text": stored["header"]}
            if examples.get("header"):
                header["example"] = {"header_text": examples["header"]}
            components.append(header)
        body: dict[str, Any] = {"type": "BODY", "text": stored.get("body", "")}
        if examples.get("body"):
            body["example"] = {"body_text": [examples["body"]]}
        components.append(body)
        if stored.get("footer"):
            components.append({"type": "FOOTER", "text": stored["footer"]})
        buttons = [_button(b, index, message) for index, b in enumerate(stored.get("buttons", []))]
        if buttons:
            components.append({"type": "BUTTONS", "buttons": buttons})
    return {"name": template_id, "language": locale.replace("-", "_"),
            "category": message.category, "parameter_format": "POSITIONAL",
            "components": components}


def _button(button: dict[str, Any], index: int, message: WhatsAppMessage) -> dict[str, Any]:
    kind = button["type"]
    if kind == "url":
        out: dict[str, Any] = {"type": "URL", "text": button["text"], "url": button["url"]}
        if "{{" in button["url"]:
            out["example"] = [message.buttons[index].url]
        return out
    if kind == "phone":
        return {"type": "PHONE_NUMBER", "text": button["text"],
                "phone_number": button.get("phone", "")}
    if kind == "copy_code":
        return {"type": "OTP", "otp_type": "COPY_CODE", "text": button["text"]}
    return {"type": "QUICK_REPLY", "text": button["text"]}


def _authentication(message: WhatsAppMessage,
                    examples: dict[str, list[str]]) -> list[dict[str, Any]]:
    """Meta fixes the text of authentication templates: only these settings are sent."""
    body = message.template.get("body", "")
    components: list[dict[str, Any]] = [
        {"type": "BODY", "add_security_recommendation": len(body.split(".")) > 2},
    ]
    minutes = next((int(v) for v in examples.get("footer", []) if v.strip().isdigit()), None)
    if minutes is not None:
        components.append({"type": "FOOTER", "code_expiration_minutes": minutes})
    copy = next((b for b in message.template.get("buttons", []) if b["type"] == "copy_code"),
                None)
    components.append({"type": "BUTTONS", "buttons": [
        {"type": "OTP", "otp_type": "COPY_CODE",
         "text": copy["text"] if copy else "Copy code"}]})
    return components


def whatsapp_result(data: dict[str, Any]) -> WhatsApp:
    """The runtime's form of a studio WhatsApp render (``to_dict``), for its send payload."""
    return WhatsApp(category=data["category"], language=data["language"],
                    header=data["header"], body=data["body"], footer=data["footer"],
                    buttons=list(data["buttons"]), parameters=list(data["parameters"]))
