"""Where an MJML source keeps its copy: text elements, attributes, and Jinja structure.

The scan reads the source as written (Jinja tags and HTML comments blanked out, offsets
kept), so every element it finds has an exact span in the file: the inside of each
``mj-text``/``mj-button``/``mj-table``/``mj-raw``, and the ``href`` of a button and the
``alt`` of an image. It also finds ``{% extends %}``, ``{% include %}`` and
``{% block %}`` regions so that layouts and partials can be put in reading order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2.exceptions import TemplateError

from ...kernel.sandbox import make_environment
from .jinja_scan import scan_tags

TEXT_ELEMENTS = ("mj-text", "mj-button", "mj-table", "mj-raw", "mj-image")
_OPEN = re.compile(r"<(mj-text|mj-button|mj-table|mj-raw|mj-image)\b([^<>]*?)(/?)>")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ATTR = r"""(?<![\w-]){name}\s*=\s*(?:"([^"]*)"|'([^']*)')"""
_SUFFIX = re.compile(r"\s+(ignore\s+missing|with\s+context|without\s+context)\s*$")
_env = make_environment()


@dataclass(frozen=True)
class Element:
    """One copy-holding element: its tag, ordinal among same tags in the file, the span
    of its content (None for a self-closing tag) and of its interesting attributes."""

    tag: str
    ordinal: int
    start: int
    inner: tuple[int, int] | None
    attrs: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass
class FileScan:
    """An MJML file's elements, ``{% block %}`` regions, includes and extends target."""

    elements: list[Element] = field(default_factory=list)
    regions: list[tuple[str, int, int]] = field(default_factory=list)
    includes: list[tuple[int, str]] = field(default_factory=list)
    extends: str | None = None


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for s, e in spans:
        for i in range(s, e):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


@lru_cache(maxsize=512)
def _compiled(expr: str) -> Any:
    return _env.compile_expression(expr)


def _target(expr: str, context: Mapping[str, Any]) -> str | None:
    """The file an extends/include expression names, if it depends only on the locale."""
    expr = _SUFFIX.sub("", expr.strip())
    expr = _SUFFIX.sub("", expr)
    try:
        value = _compiled(expr)(**context)
    except (TemplateError, TypeError, ValueError, AttributeError, KeyError):
        return None
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    return value if isinstance(value, str) else None


def scan_mjml(text: str, context: Mapping[str, Any]) -> FileScan:
    """Scan one MJML source; ``context`` holds the locale's ``message`` (for includes).
    The result is shared between calls with the same text and locale: don't change it."""
    message = context.get("message", {})
    key = tuple(sorted((k, v) for k, v in message.items() if isinstance(v, (str, bool))))
    return _scan(text, key)


@lru_cache(maxsize=256)
def _scan(text: str, key: tuple) -> FileScan:
    context = {"message": dict(key)}
    tags = scan_tags(text)
    scan = FileScan()
    stack: list[tuple[str, int]] = []
    for tag in tags:
        word = tag.keyword
        rest = tag.body[len(word):].strip() if word else ""
        if word == "extends":
            scan.extends = _target(rest, context)
        elif word == "include":
            target = _target(rest, context)
            if target:
                scan.includes.append((tag.start, target))
        elif word == "block":
            stack.append((rest.split()[0] if rest else "", tag.end))
        elif word == "endblock" and stack:
            name, start = stack.pop()
            scan.regions.append((name, start, tag.start))
    masked = _blank(text, [(t.start, t.end) for t in tags])
    masked = _blank(masked, [m.span() for m in _COMMENT.finditer(masked)])
    counts: dict[str, int] = {}
    head = re.search(r"<mj-head\b.*?</mj-head\s*>", masked, re.S)
    pos = 0
    while True:
        m = _OPEN.search(masked, pos)
        if not m:
            break
        if head and head.start() <= m.start() < head.end():
            pos = head.end()  # mj-attributes defaults hold no copy
            continue
        name = m.group(1)
        counts[name] = counts.get(name, 0) + 1
        attrs: dict[str, tuple[int, int]] = {}
        for attr in ("href", "alt"):
            a = re.search(_ATTR.format(name=attr), masked[m.start():m.end()])
            if a:
                group = 1 if a.group(1) is not None else 2
                attrs[attr] = (m.start() + a.start(group), m.start() + a.end(group))
        inner = None
        pos = m.end()
        if not m.group(3):
            close = re.compile(rf"</\s*{name}\s*>").search(masked, m.end())
            if close:
                inner = (m.end(), close.start())
                pos = close.end()
        scan.elements.append(Element(name, counts[name], m.start(), inner, attrs))
    return scan
