"""The plain-text alternative of an email, derived from its HTML with the stdlib only.

The same rules as the studio's :func:`app.core.html_text.html_to_text` (which parses with
html5lib): headings, paragraphs, table rows and ``<br>`` end lines; ``<a>`` adds
" (url)" when the URL differs from its text; ``<head>``, styles and hidden elements
(``display:none``, ``max-height:0``, ``mso-hide:all``, ``hidden``) are left out. The HTML
of a bundle is MJML's well-formed output, where :mod:`html.parser` and html5lib build
the same tree; ``missive bundle verify`` proves it on every golden sample.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK_TAGS = ("address article aside blockquote center dd div dl dt fieldset figcaption figure "
               "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table "
               "tbody td tfoot th thead tr ul")
_BLOCK = frozenset(_BLOCK_TAGS.split())
_SKIP = frozenset({"head", "style", "script", "title", "template", "noscript"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})
_HIDDEN = re.compile(r"display\s*:\s*none|max-height\s*:\s*0|mso-hide\s*:\s*all", re.I)


class _Node:
    __slots__ = ("attrs", "children", "tag")

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = _Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(_Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def _find(node: _Node, tag: str) -> _Node | None:
    for child in node.children:
        if isinstance(child, _Node):
            if child.tag == tag:
                return child
            found = _find(child, tag)
            if found is not None:
                return found
    return None


def _itertext(node: _Node) -> str:
    return "".join(c if isinstance(c, str) else _itertext(c) for c in node.children)


def html_to_text(html: str) -> str:
    """The readable plain text of an HTML document (see the module docstring)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = re.sub(r"[ \t\r\n\f]+", " ", "".join(current)).strip()
        current.clear()
        if text:
            lines.append(text)
        elif lines and lines[-1] != "":
            lines.append("")

    def walk(node: _Node) -> None:
        if node.tag in _SKIP or _HIDDEN.search(node.attrs.get("style", "")) \
                or "hidden" in node.attrs:
            return
        block = node.tag in _BLOCK
        if block or node.tag == "br":
            flush()
        for child in node.children:
            if isinstance(child, str):
                current.append(child)
            else:
                walk(child)
        if node.tag == "a":
            href = node.attrs.get("href", "").strip()
            label = re.sub(r"\s+", " ", _itertext(node)).strip()
            if href.startswith(("http://", "https://", "tel:", "mailto:")) and href != label:
                shown = href.split(":", 1)[1] if href.startswith(("tel:", "mailto:")) else href
                current.append(f" ({shown})")
        if block:
            flush()

    body = _find(builder.root, "body")
    walk(body if body is not None else builder.root)
    flush()
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
