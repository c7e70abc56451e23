"""The data a template is rendered with: the customer's data plus what the project knows.

Three names are reserved and filled here: ``message`` (locale, language, direction,
alignment, channel, subject and preheader once rendered), ``sender`` and ``brand``
(from missive.toml).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import ProjectConfig, Template, is_rtl, language_of


def message_info(config: ProjectConfig, template: Template, locale: str, channel: str) -> dict:
    """The ``message`` namespace: where and how this message is written."""
    rtl = is_rtl(locale)
    return {
        "template": template.id,
        "category": template.category,
        "channel": channel,
        "locale": locale,
        "lang": locale.replace("_", "-"),
        "language": language_of(locale),
        "dir": "rtl" if rtl else "ltr",
        "rtl": rtl,
        "align": "right" if rtl else "left",
        "align_end": "left" if rtl else "right",
        "numbering": config.settings_for(locale).numbering,
    }


def build_context(config: ProjectConfig, template: Template, locale: str, channel: str,
                  data: Mapping[str, Any]) -> dict[str, Any]:
    """The full render context for one message."""
    context = dict(data)
    context["message"] = message_info(config, template, locale, channel)
    context["sender"] = config.sender.as_context()
    context["brand"] = {"name": config.brand.name, "domains": list(config.brand.domains)}
    return context
