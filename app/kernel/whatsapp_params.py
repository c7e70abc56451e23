"""Turning Jinja placeholders in WhatsApp text into Meta's positional parameters.

Meta stores a template with ``{{1}}``, ``{{2}}``… and the sending system supplies the
values in order, so a WhatsApp field may hold only ``{{ expression }}`` placeholders
(filters allowed), never ``{% %}`` logic. Each placeholder becomes the next position of
its component (header, body, or one button's URL).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PLACEHOLDER = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
LOGIC = re.compile(r"\{%.*?%\}", re.S)
COMMENT = re.compile(r"\{#.*?#\}", re.S)
SLOT = re.compile(r"\{\{\d+\}\}")  # a positional parameter as Meta stores it: {{1}}


@dataclass(frozen=True)
class Placeholder:
    """One ``{{ expression }}`` in a field: its text and where it sits (offsets)."""

    expression: str
    start: int
    end: int


def find_logic(text: str) -> re.Match[str] | None:
    """The first ``{% %}`` tag in a field, if any."""
    return LOGIC.search(text)


def strip_comments(text: str) -> str:
    """Remove ``{# #}`` comments; they never reach Meta."""
    return COMMENT.sub("", text)


def placeholders(text: str) -> list[Placeholder]:
    """The placeholders of a field, in order."""
    return [Placeholder(m.group(1), m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]


def positional(text: str, first: int = 1) -> str:
    """The field as Meta stores it, with ``{{1}}``, ``{{2}}``… in place of expressions."""
    counter = iter(range(first, first + 10_000))
    return PLACEHOLDER.sub(lambda _m: f"{{{{{next(counter)}}}}}", text)


def fill(text: str, values: list[str]) -> str:
    """The field with each placeholder replaced by its value, in order."""
    it = iter(values)
    return PLACEHOLDER.sub(lambda _m: next(it), text)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of an offset within a field."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
