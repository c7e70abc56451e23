"""The WhatsApp channel: an approved template message and its positional parameters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..bidi import strip_markers, tidy_urls, with_base_direction
from ..whatsapp_params import fill, placeholders, positional
from .spec import N_, BundleView, ChannelSpec


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


def render(view: BundleView, files: Mapping[str, str], context: dict[str, Any]) -> WhatsApp:
    """Each field's parameters rendered in order, then filled into Meta's positional text."""
    path = files["whatsapp"]
    doc = view.document(path)
    rtl = bool(context["message"]["rtl"])
    parameters: list[dict[str, Any]] = []
    rendered: dict[str, str] = {}
    for key in ("header", "body", "footer"):
        source = doc["fields"].get(key, "")
        values = [view.expression(p.expression, context, path) for p in placeholders(source)]
        parameters += [{"component": key, "position": n, "expression": p.expression,
                        "example": v}
                       for n, (p, v) in enumerate(zip(placeholders(source), values,
                                                      strict=True), start=1)]
        rendered[key] = with_base_direction(tidy_urls(fill(source, values).strip(), rtl), rtl)
    buttons = []
    for index, button in enumerate(doc["buttons"]):
        out = {"type": button["type"], "text": button["text"]}
        if button["type"] == "url":
            holders = placeholders(button["url"])
            values = [strip_markers(view.expression(p.expression, context, path))
                      for p in holders]
            parameters += [{"component": f"button:{index}", "position": n,
                            "expression": p.expression, "example": v}
                           for n, (p, v) in enumerate(zip(holders, values, strict=True),
                                                      start=1)]
            out["url"] = fill(button["url"], values)
        if button["type"] == "phone":
            out["phone"] = button.get("phone", "")
        buttons.append(out)
    meta = doc["meta"]
    return WhatsApp(category=meta["category"], language=context["message"]["locale"],
                    header=rendered["header"], body=rendered["body"],
                    footer=rendered["footer"], buttons=buttons, parameters=parameters,
                    template={key: positional(doc["fields"].get(key, "")).strip()
                              for key in ("header", "body", "footer")})


def as_text(d: Mapping[str, Any]) -> str:
    """Header, body, footer and buttons, as paragraphs."""
    parts = [d["header"], d["body"], d["footer"]]
    parts += [f"[{b['text']}] {b.get('url') or b.get('phone') or ''}".rstrip()
              for b in d["buttons"]]
    return "\n\n".join(p for p in parts if p)


def gist(d: Mapping[str, Any]) -> str:
    """Its parameter count and the body's first line."""
    return f"{len(d['parameters'])} params  {strip_markers(d['body']).splitlines()[0][:60]}"


SPEC = ChannelSpec(
    name="whatsapp",
    label=N_("WhatsApp"),
    files=("whatsapp.toml",),
    message=WhatsApp,
    bundle_files={"whatsapp": "whatsapp.json"},
    main_role="whatsapp",
    golden_fields=("header", "body", "footer", "buttons", "parameters"),
    output_fields=("header", "body", "footer", "buttons", "parameters", "category",
                   "language"),
    render=render,
    sender_field="whatsapp_number",
    limits={"header": 60, "body": 1024, "footer": 60, "button": 25, "url": 2000},
    as_text=as_text,
    gist=gist,
    by_default=True,
)
