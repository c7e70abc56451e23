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
from html import unescape
from html.parser import HTMLParser

from ..kernel.plain_text_rules import (
    BLOCK_TAGS,
    HIDDEN_STYLE,
    SKIPPED_TAGS,
    TextLines,
    finish_direction,
    is_rtl_document,
    isolate_opener,
    link_suffix,
)

_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                   "param", "source", "track", "wbr"})


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

    def handle_comment(self, data: str) -> None:
        self.stack[-1].children.append(_Node("#comment", {"data": data}))


_TOKEN = re.compile(
    r"<!--.*?-->|<![^>]*>|<(/?)([A-Za-z][^\s/>]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|[^<]+|<",
    re.S)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def quick_parse(html: str) -> _Node:
    """The same tree as :func:`parse` for well-formed HTML, several times faster.

    Only for text derivation: a regular-expression tokenizer instead of html.parser
    (comments are dropped, character references decoded as html.parser does)."""
    root = _Node("#document", {})
    stack = [root]
    for match in _TOKEN.finditer(html):
        token = match.group(0)
        name = match.group(2)
        if name is None:
            if token.startswith("<!"):
                continue
            stack[-1].children.append(unescape(token))
            continue
        tag = name.lower()
        if match.group(1):  # an end tag
            for index in range(len(stack) - 1, 0, -1):
                if stack[index].tag == tag:
                    del stack[index:]
                    break
            continue
        raw = match.group(3)
        attrs = {a.lower(): unescape(b if b is not None else c if c is not None else d or "")
                 for a, b, c, d in _ATTR.findall(raw)} if raw.strip(" /") else {}
        node = _Node(tag, attrs)
        stack[-1].children.append(node)
        if tag not in _VOID and not raw.endswith("/"):
            stack.append(node)
    return root


def parse(html: str) -> _Node:
    """The element tree of an HTML document (comments as ``#comment`` nodes)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


_SPACE = re.compile(r"[ \t\n\f\r]+")
_HEAD = re.compile(r"<head\b.*?</head\s*>", re.S | re.I)


def _flat(node: _Node, path: str, out: list[tuple[str, object]]) -> None:
    out.append((path, (node.tag, tuple(sorted(node.attrs.items())))))
    text: list[str] = []
    index = 0
    for child in node.children:
        if isinstance(child, str):
            text.append(child)
            continue
        joined = "".join(text)
        out.append((f"{path}#text{index}", _SPACE.sub(" ", joined) if joined.strip() else ""))
        text = []
        _flat(child, f"{path}/{child.tag}[{index}]", out)
        index += 1
    joined = "".join(text)
    out.append((f"{path}#end", _SPACE.sub(" ", joined) if joined.strip() else ""))


def html_difference(expected: str, actual: str) -> str | None:
    """None when two documents have the same tree (whitespace as in the studio's check)."""
    a: list[tuple[str, object]] = []
    b: list[tuple[str, object]] = []
    _flat(parse(expected), "", a)
    _flat(parse(actual), "", b)
    for (path_a, node_a), (path_b, node_b) in zip(a, b, strict=False):
        if path_a != path_b or node_a != node_b:
            return f"at {path_a}: expected {node_a!r}, got {node_b!r}"[:300]
    return None if len(a) == len(b) else "the documents differ in length"


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
    return "".join(c if isinstance(c, str) else _itertext(c) for c in node.children
                   if isinstance(c, str) or c.tag != "#comment")


def html_to_text(html: str) -> str:
    """The readable plain text of an HTML document (see the module docstring)."""
    # The head never reaches the text; MJML's is mostly CSS, so skip parsing it.
    root = quick_parse(_HEAD.sub("", html, count=1))
    out = TextLines()
    html_node = _find(root, "html")
    body = _find(root, "body")
    rtl = is_rtl_document((html_node.attrs.get("dir") if html_node else None)
                          or (body.attrs.get("dir") if body else None))

    def walk(node: _Node) -> None:
        if node.tag in SKIPPED_TAGS or node.tag == "#comment" \
                or HIDDEN_STYLE.search(node.attrs.get("style", "")) or "hidden" in node.attrs:
            return
        block = node.tag in BLOCK_TAGS
        if block or node.tag == "br":
            out.flush()
        opener = isolate_opener(node.tag, node.attrs.get("dir"))
        mark = out.open_isolate(opener) if opener else None
        for child in node.children:
            if isinstance(child, str):
                out.add(child)
            else:
                walk(child)
        if mark:
            out.close_isolate(mark)
        if node.tag == "a":
            out.add(link_suffix(node.attrs.get("href", ""), _itertext(node), rtl))
        if block:
            out.flush()

    walk(body if body is not None else root)
    return finish_direction(out.text(), rtl)
