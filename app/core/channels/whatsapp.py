"""The WhatsApp channel: header, body, footer and buttons from ``whatsapp.toml``.

Besides the rendered text, the result maps every placeholder to Meta's positional
parameter (``{{1}}``…) with its value for this data set, which is what the sending
system sends and what Meta's template review wants as examples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...kernel.bidi import strip_markers, tidy_urls, with_base_direction
from ...kernel.errors import ContentError, InputError
from ...kernel.whatsapp_params import (
    fill,
    find_logic,
    line_col,
    placeholders,
    positional,
    strip_comments,
)
from ..model import Template
from ..templating import StringOrigin
from ..tomlfile import find_key_line
from .base import BundleExport, Message, RenderJob, StudioChannel

MAX_PLACEHOLDERS = 100  # per field; Meta's body holds at most 1,024 characters
WHATSAPP_TOML_KEYS = ("header", "body", "footer", "buttons")
BUTTON_KEYS = ("type", "text", "url", "phone")
# copy_code is Meta's OTP button (otp_type COPY_CODE) of authentication templates.
BUTTON_TYPES = ("url", "quick_reply", "phone", "copy_code")
META_CATEGORY = {"operational": "UTILITY", "marketing": "MARKETING",
                 "authentication": "AUTHENTICATION"}


@dataclass(frozen=True)
class Parameter:
    """One positional parameter: which component, its number, its expression and value."""

    component: str
    position: int
    expression: str
    example: str

    def to_dict(self) -> dict[str, Any]:
        """JSON form: component, position, expression, example."""
        return {"component": self.component, "position": self.position,
                "expression": self.expression, "example": self.example}


@dataclass(frozen=True)
class Button:
    """A rendered button: url (with its parameter filled), quick_reply, phone or copy_code."""

    type: str
    text: str
    url: str = ""
    phone: str = ""
    url_template: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form: type and text, plus url or phone."""
        data: dict[str, Any] = {"type": self.type, "text": self.text}
        if self.type == "url":
            data["url"] = self.url
        if self.type == "phone":
            data["phone"] = self.phone
        return data


@dataclass
class WhatsAppMessage:
    """A rendered WhatsApp template message."""

    category: str
    language: str
    header: str
    body: str
    footer: str
    buttons: list[Button]
    parameters: list[Parameter]
    template: dict[str, Any] = field(default_factory=dict)
    channel: str = "whatsapp"

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (docs/cli.md)."""
        return {
            "category": self.category,
            "language": self.language,
            "header": self.header,
            "body": self.body,
            "footer": self.footer,
            "buttons": [b.to_dict() for b in self.buttons],
            "parameters": [p.to_dict() for p in self.parameters],
            "template": self.template,
        }


class WhatsAppChannel(StudioChannel):
    """Renders ``whatsapp.toml``."""

    name = "whatsapp"

    def render(self, job: RenderJob) -> WhatsAppMessage:
        """Render the WhatsApp message and its parameter mapping for one data set."""
        data, text = job.read_toml("whatsapp.toml", WHATSAPP_TOML_KEYS)
        params: list[Parameter] = []
        rendered: dict[str, str] = {}
        meta: dict[str, Any] = {}
        for key in ("header", "body", "footer"):
            value = data.get(key, "")
            if not isinstance(value, str):
                raise InputError(f"'{key}' must be text", path=job.path("whatsapp.toml"),
                                 line=find_key_line(text, (key,)), column=1)
            origin = job.origin("whatsapp.toml", text, (key,))
            _, mapped = self._field(job, value, origin, key)
            filled = fill(strip_comments(value), [p.example for p in mapped]).strip()
            rtl = job.context["message"]["rtl"]
            rendered[key] = with_base_direction(tidy_urls(filled, rtl), rtl)
            meta[key] = positional(strip_comments(value)).strip()
            params.extend(mapped)
        buttons = self._buttons(job, data.get("buttons", []), text, params)
        meta["buttons"] = [
            {"type": b.type, "text": b.text, **({"url": b.url_template} if b.type == "url" else {}),
             **({"phone": b.phone} if b.type == "phone" else {})}
            for b in buttons
        ]
        return WhatsAppMessage(
            category=META_CATEGORY[job.template.category], language=job.locale,
            header=rendered["header"], body=rendered["body"], footer=rendered["footer"],
            buttons=buttons, parameters=params, template=meta,
        )

    def _field(self, job: RenderJob, value: str, origin: StringOrigin,
               component: str) -> tuple[list[str], list[Parameter]]:
        logic = find_logic(value)
        if logic:
            line, col = line_col(value, logic.start())
            raise ContentError(
                "WhatsApp text can't use {% %} logic", path=origin.path,
                line=origin.line + line - 1, column=(origin.column + col - 1) if line == 1 else col,
                hint="use {{ expression }} placeholders only; Meta fills them by position",
            )
        result = []
        holders = placeholders(strip_comments(value))
        if len(holders) > MAX_PLACEHOLDERS:
            line, col = line_col(value, holders[MAX_PLACEHOLDERS].start)
            raise ContentError(
                f"more than {MAX_PLACEHOLDERS} placeholders in the {component}",
                path=origin.path, line=origin.line + line - 1,
                column=(origin.column + col - 1) if line == 1 else col,
                hint="Meta's fields are short (the body at most 1,024 characters)")
        for position, holder in enumerate(holders, start=1):
            line, col = line_col(value, holder.start)
            where = StringOrigin(origin.path, origin.line + line - 1,
                                 (origin.column + col - 1) if line == 1 else col)
            example = job.engine.render_string(f"{{{{ {holder.expression} }}}}", where,
                                               job.context)
            result.append(Parameter(component, position, holder.expression, example))
        return [p.example for p in result], result

    def _buttons(self, job: RenderJob, raw: Any, text: str,
                 params: list[Parameter]) -> list[Button]:
        path = job.path("whatsapp.toml")
        if not isinstance(raw, list):
            raise InputError("'buttons' must be a list of [[buttons]] tables", path=path,
                             line=find_key_line(text, ("buttons",)), column=1)
        headers = [n for n, line in enumerate(text.splitlines(), 1)
                   if line.strip().startswith("[[buttons]]")]
        buttons = []
        for index, item in enumerate(raw):
            line = headers[index] if index < len(headers) else 0
            if not isinstance(item, dict):
                raise InputError("each button must be a table", path=path, line=line, column=1)
            unknown = set(item) - set(BUTTON_KEYS)
            if unknown:
                raise InputError(f"unknown button key '{sorted(unknown)[0]}'", path=path,
                                 line=line, column=1, hint=f"allowed: {', '.join(BUTTON_KEYS)}")
            kind = item.get("type", "")
            if kind not in BUTTON_TYPES:
                raise InputError(f"button type must be one of {', '.join(BUTTON_TYPES)}",
                                 path=path, line=line, column=1)
            label = str(item.get("text", ""))
            if "{{" in label or "{%" in label:
                raise ContentError("button labels can't hold placeholders", path=path,
                                   line=line, column=1, hint="Meta keeps button labels fixed")
            if kind == "url":
                url = str(item.get("url", ""))
                origin = StringOrigin(str(path), line or 1, 1)
                _, mapped = self._field(job, url, origin, f"button:{index}")
                # A URL parameter is part of a link: no direction marks inside it.
                mapped = [Parameter(p.component, p.position, p.expression,
                                    strip_markers(p.example)) for p in mapped]
                params.extend(mapped)
                buttons.append(Button("url", label, url=fill(url, [p.example for p in mapped]),
                                      url_template=positional(url)))
            elif kind == "phone":
                buttons.append(Button("phone", label, phone=str(item.get("phone", ""))))
            else:
                buttons.append(Button(kind, label))
        return buttons

    def bundle_sources(self, export: BundleExport, template: Template,
                       locale: str) -> dict[str, str | bytes]:
        """``whatsapp.json``: Meta's creation payload (examples from one sample) and the
        mapping from positional parameters to expressions."""
        from ..export.whatsapp_payload import whatsapp_document

        example = export.renderer.render(template.id, locale, self.name,
                                         export.example(template, locale))
        doc = whatsapp_document(template.id, locale,
                                export.builder.whatsapp_fields(template, locale), example)
        return {"whatsapp": export.json(doc)}

    def golden_files(self, export: BundleExport, template: Template, locale: str,
                     sample: str, data: dict[str, Any],
                     message: Message) -> dict[str, tuple[str, str | bytes]]:
        """The JSON render, then the Cloud API send payload built from it."""
        from ...runtime.whatsapp_send import send_payload
        from ..export.whatsapp_payload import whatsapp_result

        rendered = message.to_dict()
        return {"json": (".json", export.json(rendered)),
                "send": (".send.json",
                         export.json(send_payload(whatsapp_result(rendered), template.id)))}


CHANNEL = WhatsAppChannel()
