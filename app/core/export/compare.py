"""Comparing two renders of a message: exact text, and HTML as html5lib's DOM.

HTML is compared as the tree a browser builds (html5lib), not byte by byte: the studio's
HTML went through lxml, the runtime's did not, so quoting and entities differ. In text
nodes runs of whitespace count as one space and whitespace-only nodes are ignored (MJML
indents around elements depending on their content); the plain-text alternative, which
is compared exactly, catches any space a reader would see.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

import html5lib

_SPACE = re.compile(r"[ \t\n\f\r]+")


def _text(value: str | None) -> str:
    if not value or not value.strip(" \t\n\f\r"):
        return ""
    return _SPACE.sub(" ", value)


def _walk(element: Element, path: str) -> Iterator[tuple[str, Any]]:
    tag = element.tag if isinstance(element.tag, str) else "#comment"
    here = f"{path}/{tag}"
    yield here, (tag, tuple(sorted(element.attrib.items())), _text(element.text))
    for index, child in enumerate(element):
        yield from _walk(child, f"{here}[{index}]")
        yield f"{here}[{index}]#tail", _text(child.tail)


def dom(html: str) -> list[tuple[str, Any]]:
    """The normalized html5lib tree of a document, as a list of (path, node) pairs."""
    tree = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return list(_walk(tree, ""))


def html_difference(expected: str, actual: str) -> str | None:
    """None when both documents have the same DOM, else where they first differ."""
    a, b = dom(expected), dom(actual)
    for (path_a, node_a), (path_b, node_b) in zip(a, b, strict=False):
        if path_a != path_b or node_a != node_b:
            return f"at {path_a}: expected {node_a!r}, got {node_b!r}"[:400]
    if len(a) != len(b):
        return f"the documents have {len(a)} and {len(b)} nodes"
    return None


def text_difference(expected: str, actual: str) -> str | None:
    """None when both strings are equal, else the first differing position."""
    if expected == actual:
        return None
    index = next((i for i, (x, y) in enumerate(zip(expected, actual, strict=False)) if x != y),
                 min(len(expected), len(actual)))
    return (f"at character {index}: expected {expected[index:index + 40]!r}, "
            f"got {actual[index:index + 40]!r}")
