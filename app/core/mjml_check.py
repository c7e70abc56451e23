"""Finding unbalanced MJML tags in a source file, so an error can name line and column.

The MJML compiler says little more than "unexpected end of stream"; this scanner looks
at the source as written (Jinja tags blanked out, lines kept) and reports the first
``mj-*`` element that is never closed or is closed without being opened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_JINJA = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<!--.*?-->|<(/?)\s*(mjml|mj-[a-z-]+)\b[^<>]*?(/?)>", re.S)
# Elements whose content is HTML or raw text, where mj-like tags are not structure.
_RAW = frozenset({"mj-raw", "mj-style"})


@dataclass(frozen=True)
class TagProblem:
    """An unbalanced tag: what is wrong and where (1-based)."""

    message: str
    line: int
    column: int


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def find_unbalanced(source: str) -> TagProblem | None:
    """The first unbalanced ``mj-*``/``mjml`` tag in ``source``, or None if all balance."""
    text = _JINJA.sub(_blank, source)
    stack: list[tuple[str, int]] = []
    for match in _TAG.finditer(text):
        if match.group(0).startswith("<!--"):
            continue
        closing, name, self_closing = match.group(1), match.group(2), match.group(3)
        if stack and stack[-1][0] in _RAW and not (closing and name == stack[-1][0]):
            continue
        if self_closing:
            continue
        if not closing:
            stack.append((name, match.start()))
            continue
        if stack and stack[-1][0] == name:
            stack.pop()
            continue
        line, col = _position(text, match.start())
        if any(open_name == name for open_name, _ in stack):
            inner, offset = stack[-1]
            iline, icol = _position(text, offset)
            return TagProblem(f"<{inner}> opened at line {iline}, column {icol} is not closed "
                              f"before </{name}>", iline, icol)
        return TagProblem(f"</{name}> closes a tag that was never opened", line, col)
    if stack:
        name, offset = stack[-1]
        line, col = _position(text, offset)
        return TagProblem(f"<{name}> is never closed", line, col)
    return None


def offset_to_position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in ``text``."""
    return _position(text, offset)
