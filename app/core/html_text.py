"""HTML parsing with html5lib: parse errors as data, and the plain-text alternative.

The plain text is what a customer sees in a text-only mail client or a watch
notification: headings, paragraphs and table rows on their own lines, links as
"text (url)", hidden preheader and styles left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

import html5lib
from html5lib.constants import E as HTML5LIB_MESSAGES

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


@dataclass(frozen=True)
class ParseIssue:
    """One error html5lib reported while parsing, with its 1-based position."""

    line: int
    column: int
    code: str
    message: str

    def to_dict(self) -> dict:
        """The issue as JSON-ready data."""
        return {"line": self.line, "column": self.column, "code": self.code,
                "message": self.message}


def parse_html(html: str) -> tuple[Element, list[ParseIssue]]:
    """Parse HTML as a browser would; returns the tree and every parse error."""
    parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"),
                                 namespaceHTMLElements=False)
    document = parser.parse(html)
    issues = []
    for (line, column), code, datavars in parser.errors:
        issues.append(ParseIssue(line=line, column=column + 1, code=code,
                                 message=_message(code, datavars)))
    return document, issues


def _message(code: str, datavars: object) -> str:
    """html5lib's English message for an error code."""
    template = HTML5LIB_MESSAGES.get(code, code)
    try:
        return template % datavars
    except (TypeError, KeyError, ValueError):
        return template


def _is_hidden(el: Element) -> bool:
    return bool(HIDDEN_STYLE.search(el.get("style", ""))) or el.get("hidden") is not None


def html_to_text(root: Element) -> str:
    """The readable plain text of a parsed HTML document."""
    out = TextLines()
    html = root if root.tag == "html" else root.find(".//html")
    body = root.find(".//body")
    rtl = is_rtl_document((html.get("dir") if html is not None else None)
                          or (body.get("dir") if body is not None else None))

    def walk(el: Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in SKIPPED_TAGS or not isinstance(el.tag, str) or _is_hidden(el):
            return  # the parent adds the tail
        block = tag in BLOCK_TAGS
        if block or tag == "br":
            out.flush()
        opener = isolate_opener(tag, el.get("dir"))
        mark = out.open_isolate(opener) if opener else None
        if el.text:
            out.add(el.text)
        for child in el:
            walk(child)
            if child.tail:
                out.add(child.tail)
        if mark:
            out.close_isolate(mark)
        if tag == "a":
            out.add(link_suffix(el.get("href") or "", "".join(el.itertext()), rtl))
        if block:
            out.flush()

    walk(body if body is not None else root)
    return finish_direction(out.text(), rtl)


# MJML "ending tags": their content is raw HTML written by the author. MJML's parser
# repairs it silently, so it is checked here, before compiling.
_ENDING_TAGS = re.compile(
    r"<(mj-text|mj-button|mj-raw|mj-table|mj-navbar-link|mj-accordion-title|mj-accordion-text)"
    r"\b[^>]*(?<!/)>(.*?)</\1\s*>",
    re.S,
)


def mjml_html_issues(mjml: str) -> list[ParseIssue]:
    """Parse errors in the HTML inside MJML's ending tags, positioned in ``mjml``."""
    issues: list[ParseIssue] = []
    for match in _ENDING_TAGS.finditer(mjml):
        content = match.group(2)
        if "<" not in content and "&" not in content:
            continue
        parser = html5lib.HTMLParser(tree=html5lib.getTreeBuilder("etree"),
                                     namespaceHTMLElements=False)
        container = "table" if match.group(1) == "mj-table" else "div"
        parser.parseFragment(content, container=container)
        if not parser.errors:
            continue
        start = match.start(2)
        base_line = mjml.count("\n", 0, start) + 1
        base_col = start - (mjml.rfind("\n", 0, start) + 1)
        for (line, column), code, datavars in parser.errors:
            if code == "eof-in-table":  # the fragment ends where </mj-table> closes it
                continue
            col = base_col + column + 1 if line == 1 else column + 1
            issues.append(ParseIssue(line=base_line + line - 1, column=col, code=code,
                                     message=f"<{match.group(1)}>: {_message(code, datavars)}"))
    return issues
