"""Limits on how deeply a Jinja source nests, checked before Jinja parses it.

Jinja parses and compiles recursively and Python's own compiler has fixed limits (100
indented blocks, about 200 nested parentheses), so 100 nested ``{% if %}``, 2,000
parentheses or 5,000 chained filters used to end in an internal IndentationError,
SyntaxError or RecursionError. Here each becomes a TemplateSyntaxError naming the line
and the limit; :func:`compile_guard` turns what still slips through into one too.
Imports only Jinja and the stdlib (the runtime uses it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from jinja2 import TemplateSyntaxError

MAX_BLOCK_DEPTH = 20  # {% if %}, {% for %}, {% macro %}… inside one another
MAX_BRACKETS = 60  # ( [ { inside one another in one tag
MAX_CHAIN = 300  # filters, tests and operators in one tag
MAX_SOURCE = 2_000_000  # characters of one template

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_OPEN = re.compile(r"\{%-?\s*(if|for|macro|call|filter|with|block|raw|autoescape|trans)\b")
_CLOSE = re.compile(r"\{%-?\s*end(if|for|macro|call|filter|with|block|raw|autoescape|trans)\b")
_SET_BLOCK = re.compile(r"\{%-?\s*set\s+[\w.,\s]+-?%\}")
_END_SET = re.compile(r"\{%-?\s*endset\b")
_CHAIN = re.compile(r"\||~|\+|-|\*|/|%|\band\b|\bor\b|\bnot\b|\bis\b|==|!=|<|>")


def _line(source: str, offset: int) -> int:
    return source.count("\n", 0, offset) + 1


def _bracket_depth(tag: str) -> int:
    depth = deepest = 0
    for char in tag:
        if char in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in ")]}":
            depth = max(0, depth - 1)
    return deepest - 2 if tag.startswith("{{") else deepest - 1  # the tag's own braces


def check_source(source: str, name: str | None, filename: str | None) -> None:
    """Raise TemplateSyntaxError (line and limit) if ``source`` nests past the limits."""
    if len(source) > MAX_SOURCE:
        raise TemplateSyntaxError(f"the template is longer than {MAX_SOURCE:,} characters",
                                  1, name, filename)
    depth = 0
    for match in _TAG.finditer(source):
        tag = match.group(0)
        if _OPEN.match(tag) or _SET_BLOCK.fullmatch(tag):
            depth += 1
            if depth > MAX_BLOCK_DEPTH:
                raise TemplateSyntaxError(
                    f"blocks nest more than {MAX_BLOCK_DEPTH} deep", _line(source, match.start()),
                    name, filename)
        elif _CLOSE.match(tag) or _END_SET.match(tag):
            depth = max(0, depth - 1)
        if tag.count("(") + tag.count("[") + tag.count("{") > MAX_BRACKETS + 2 \
                and _bracket_depth(tag) > MAX_BRACKETS:
            raise TemplateSyntaxError(
                f"brackets nest more than {MAX_BRACKETS} deep in one tag",
                _line(source, match.start()), name, filename)
        if len(tag) > MAX_CHAIN and len(_CHAIN.findall(tag)) > MAX_CHAIN:
            raise TemplateSyntaxError(
                f"more than {MAX_CHAIN} filters or operators in one tag",
                _line(source, match.start()), name, filename)


@contextmanager
def compile_guard(name: str | None, filename: str | None) -> Iterator[None]:
    """Turn Python's compiler and recursion limits into a TemplateSyntaxError."""
    try:
        yield
    except TemplateSyntaxError:
        raise
    except (RecursionError, SyntaxError, MemoryError) as exc:
        kind = "nests too deeply" if not isinstance(exc, MemoryError) else "is too large"
        raise TemplateSyntaxError(f"the template {kind} to compile", 1, name,
                                  filename) from None
