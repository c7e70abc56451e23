"""Live counters for a block: its length with a sample's data, and for SMS how it travels.

The subject and WhatsApp limits count what the customer sees, so the block's text is
rendered with the sample (placeholders filled, isolate marks and tags left out); the SMS
is rendered whole (its logic decided by the data) and analysed for encoding and segments.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from ...kernel.bidi import strip_markers
from ...kernel.errors import MissiveError
from ...kernel.sms_segments import SmsAnalysis
from ..channels.sms import SmsMessage
from ..context import build_context
from ..project import Project
from ..render import Renderer
from ..templating import StringOrigin
from .model import CopyDeck

_TAG = re.compile(r"<[^<>]*>")
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


@dataclass(frozen=True)
class Measure:
    """``length`` in characters as the customer sees it (with the sample), the block's
    ``limit``, the SMS analysis for SMS blocks, and ``error`` if it could not render
    (then ``length`` counts the text without its placeholders)."""

    length: int
    limit: int | None = None
    sms: SmsAnalysis | None = None
    error: str = ""

    @property
    def over(self) -> bool:
        """Whether the text is longer than its limit."""
        return self.limit is not None and self.length > self.limit


def measure_block(project: Project, deck: CopyDeck, block_id: str, data: Mapping[str, Any],
                  overlay: Mapping[str, str] | None = None) -> Measure:
    """Measure one block of ``deck`` with the sample ``data`` (``overlay``: unsaved text)."""
    block = deck.block(block_id)
    renderer = Renderer(project, overlay)
    try:
        if block.channel == "sms":
            message = cast(SmsMessage, renderer.render(deck.template, deck.locale, "sms", data))
            return Measure(len(message.text), block.limit, message.analysis)
        template = project.template(deck.template)
        context = build_context(project.config, template, deck.locale, block.channel, data)
        text = renderer.engine.render_string(block.text, StringOrigin(block.path, block.line,
                                                                      block.column), context)
    except MissiveError as exc:  # the sample lacks a value: count the words alone
        static = _TAG.sub("", _JINJA.sub("", block.text)) if block.format == "html" else \
            _JINJA.sub("", block.text)
        return Measure(len(re.sub(r"\s+", " ", static).strip()), block.limit, None, str(exc))
    if block.format == "html":
        text = _TAG.sub("", text)
    text = re.sub(r"\s+", " ", strip_markers(text)).strip()
    return Measure(len(text), block.limit)
