"""Helpers the rules share: links in rendered output, Jinja source analysis."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from jinja2 import Environment, nodes

from ....kernel.bidi import strip_markers
from ....kernel.sandbox import make_environment

URL = re.compile(r"""(?:https?://|http://|www\.)[^\s<>"'\u2066-\u2069]+""", re.I)
HREF = re.compile(r"""<a\b[^>]*?\bhref\s*=\s*["']([^"']*)["'][^>]*>(.*?)</a\s*>""", re.I | re.S)
TAG = re.compile(r"<[^>]+>")


def links_in_text(text: str) -> list[str]:
    """URLs written in plain text (SMS, WhatsApp, the email's plain-text part)."""
    return [m.group(0).rstrip(".,;:!?)") for m in URL.finditer(strip_markers(text))]


def anchors(html: str) -> list[tuple[str, str]]:
    """``(href, visible text)`` of each ``<a>`` in HTML."""
    out = []
    for match in HREF.finditer(html):
        text = re.sub(r"\s+", " ", TAG.sub(" ", match.group(2))).strip()
        out.append((strip_markers(match.group(1)).strip(), strip_markers(text)))
    return out


@lru_cache(maxsize=1)
def _parser_env() -> Environment:
    return make_environment()  # the project's filters, so analysis sees what renders


def parse_jinja(source: str) -> nodes.Template | None:
    """The Jinja AST of a source, None when it doesn't parse (render-error reports that)."""
    try:
        return _parser_env().parse(source)
    except Exception:
        return None


def outputs(tree: nodes.Template) -> Iterator[nodes.Node]:
    """Every ``{{ expression }}`` node."""
    for output in tree.find_all(nodes.Output):
        for child in output.nodes:
            if not isinstance(child, nodes.TemplateData):
                yield child


def position(source: str, line: int, needle: str) -> int:
    """The 1-based column of ``needle`` on ``line`` of ``source`` (1 when absent)."""
    lines = source.splitlines()
    if 1 <= line <= len(lines):
        index = lines[line - 1].find(needle)
        if index >= 0:
            return index + 1
    return 1


def walk(node: nodes.Node, parent: nodes.Node | None = None
         ) -> Iterator[tuple[nodes.Node, nodes.Node | None]]:
    """Every node under ``node`` with its parent."""
    yield node, parent
    for child in node.iter_child_nodes():
        yield from walk(child, node)


def names_used(source: str) -> dict[str, int]:
    """Data names a Jinja source reads, with the first line each appears on."""
    tree = parse_jinja(source)
    if tree is None:
        return {}
    found: dict[str, int] = {}
    for node in tree.find_all(nodes.Name):
        if node.ctx == "load":
            found.setdefault(node.name, node.lineno)
    return found


def names_shown(source: str) -> dict[str, int]:
    """Data names that reach the output of ``{{ }}`` (as a value or a filter argument)."""
    tree = parse_jinja(source)
    if tree is None:
        return {}
    found: dict[str, int] = {}
    for expression in outputs(tree):
        for node in expression.find_all(nodes.Name):
            found.setdefault(node.name, node.lineno)
        if isinstance(expression, nodes.Name):
            found.setdefault(expression.name, expression.lineno)
    return found
