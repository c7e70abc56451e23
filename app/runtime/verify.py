"""Checking a bundle against its golden files: every sample rendered again, compared.

Text (subject, preheader, plain text, SMS, WhatsApp fields and parameters) must be equal
character for character, and so must the WhatsApp send body; HTML must build the same tree (see
:func:`app.runtime.html_text.html_difference`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from ..kernel.channels import spec_for
from .bundle import Bundle
from .html_text import html_difference
from .messages import WhatsApp
from .whatsapp_send import send_payload


def verify(bundle: Bundle, render: Callable[..., Any] | None = None) -> list[str]:
    """Problems found (one line each); empty when every golden sample is reproduced.

    ``render`` renders instead of ``bundle.render`` (e.g. a BoundedRenderer's).
    """
    render = render or bundle.render
    problems: list[str] = []
    for template in bundle.manifest["templates"]:
        for golden in template["golden"]:
            where = f"{template['id']}/{golden['locale']}/{golden['channel']}/{golden['sample']}"
            try:
                message = render(template["id"], golden["locale"], golden["channel"],
                                        bundle.sample(golden["sample"]))
            except Exception as exc:
                problems.append(f"{where}: {exc}")
                continue
            problems += [f"{where}: {p}" for p in compare(golden, message.to_dict(), bundle)]
            if "send" in golden["files"] and isinstance(message, WhatsApp):
                stored = json.loads(bundle.files[golden["files"]["send"]["path"]])
                if send_payload(message, template["id"], stored.get("to", "")) != stored:
                    problems.append(f"{where}: the WhatsApp send payload differs")
    return problems


def compare(golden: dict[str, Any], actual: dict[str, Any], bundle: Bundle) -> list[str]:
    """How a render differs from its golden files."""
    files = golden["files"]
    expected = json.loads(bundle.files[files["json"]["path"]])
    spec = spec_for(golden["channel"])
    problems = [f"{key} differs: expected {expected.get(key)!r:.80}, got {actual.get(key)!r:.80}"
                for key in spec.golden_fields if expected.get(key) != actual.get(key)]
    for key in spec.html_fields:  # kept in a golden file of its own, compared as a tree
        html = bundle.files[files[key]["path"]].decode("utf-8")
        difference = html_difference(html, actual[key])
        if difference:
            problems.append(f"{key} differs {difference}")
    return problems
