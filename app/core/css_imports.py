"""CSS ``@import`` never reaches a CSS parser: rendering must never touch the network.

premailer's CSS parser (cssutils) fetches every ``@import url(…)`` it meets, whatever
premailer's ``allow_network`` says: one HTTP request from the writer's (or the
exporter's) machine to wherever a template points, and a hang when that host never
answers. So every CSS text is cleaned here before a parser sees it: each ``@import``
rule (however it is written: upper case, CSS escapes such as ``@\\69mport``) is cut
out, and the ``css-import`` check names it. Mail clients ignore ``@import`` anyway.

As a second lock, :func:`refuse_css_fetches` gives cssutils a fetcher that fetches
nothing, so even CSS that reached it some other way cannot open a connection.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_STYLE_ELEMENT = re.compile(r"(<style\b[^>]*>)(.*?)(</style\s*>|$)", re.I | re.S)
# premailer skips an element with this attribute (and removes the attribute).
PARSER_SKIP = 'data-premailer="ignore"'
_IMPORT_URL = re.compile(
    r"""@import\s+(?:url\(\s*(['"]?)([^'")]*)\1\s*\)|(['"])([^'"]*)\3)\s*;?$""", re.I)
_LINK_HREF = re.compile(r"""<link\b(?=[^>]*\brel=["']?stylesheet)[^>]*\bhref=(["'])([^"']*)\1""",
                        re.I)
_MAYBE_IMPORT = re.compile(r"@(?:i|\\)", re.I)
_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
_NAME_CHAR = re.compile(r"[A-Za-z0-9_\-\u0080-\U0010ffff]|\\[0-9a-fA-F]{1,6}\s?|\\[^\n\r\f]")


@dataclass(frozen=True)
class CssImport:
    """One ``@import`` rule in a CSS text: where it starts and ends, and its text."""

    start: int
    end: int
    text: str


def _unescape(name: str) -> str:
    def one(match: re.Match[str]) -> str:
        if match.group(1):
            code = int(match.group(1), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        return match.group(2)

    return _ESCAPE.sub(one, name)


def _skip_string(css: str, pos: int) -> int:
    """The index after the string that starts at ``pos`` (its quote)."""
    quote = css[pos]
    pos += 1
    while pos < len(css):
        char = css[pos]
        if char == "\\":
            pos += 2
            continue
        if char == quote or char == "\n":
            return pos + 1
        pos += 1
    return pos


def _skip_inert(css: str, pos: int) -> int | None:
    """Past a string, a comment or an escaped character starting at ``pos`` (text in which
    no rule can begin or end), or None when there is none there."""
    char = css[pos]
    if char in "\"'":
        return _skip_string(css, pos)
    if css.startswith("/*", pos):
        close = css.find("*/", pos + 2)
        return len(css) if close < 0 else close + 2
    if char == "\\":
        return pos + 2
    return None


def _rule_end(css: str, pos: int) -> int:
    """The end of the at-rule whose prelude starts at ``pos``: after its ``;``, after
    its ``{…}`` block (CSS error recovery), or the end of the text."""
    depth = 0
    while pos < len(css):
        char = css[pos]
        skipped = _skip_inert(css, pos)
        if skipped is not None:
            pos = skipped
            continue
        if char in "({[":
            depth += 1
        elif char in ")]":
            depth = max(0, depth - 1)
        elif char == "}":
            if depth == 0:
                return pos  # the end of an enclosing block: the rule stops before it
            depth -= 1
            if depth == 0:
                return pos + 1
        elif char == ";" and depth == 0:
            return pos + 1
        pos += 1
    return pos


def find_imports(css: str) -> list[CssImport]:
    """Every ``@import`` rule in ``css`` (strings and comments are skipped)."""
    found: list[CssImport] = []
    if not _MAYBE_IMPORT.search(css):  # the usual case (@media only): no scan needed
        return found
    pos = 0
    while pos < len(css):
        char = css[pos]
        skipped = _skip_inert(css, pos)
        if skipped is not None:
            pos = skipped
            continue
        if char == "@":
            end = pos + 1
            while end < len(css):
                match = _NAME_CHAR.match(css, end)
                if not match:
                    break
                end = match.end()
            if _unescape(css[pos + 1:end]).lower() == "import":
                stop = _rule_end(css, end)
                found.append(CssImport(pos, stop, css[pos:stop].strip()))
                pos = stop
                continue
            pos = end
            continue
        pos += 1
    return found


def drop_imports(css: str) -> str:
    """``css`` without its ``@import`` rules."""
    imports = find_imports(css)
    if not imports:
        return css
    out: list[str] = []
    pos = 0
    for rule in imports:
        out.append(css[pos:rule.start])
        pos = rule.end
    out.append(css[pos:])
    return "".join(out)


def _import_url(rule: CssImport) -> str | None:
    match = _IMPORT_URL.match(rule.text)
    return (match.group(2) if match.group(2) is not None else match.group(4)) if match else None


def drop_imports_in_html(html: str) -> str:
    """``html`` with the ``@import`` rules cut out of every ``<style>`` element.

    One exception: MJML's web-font block for ``[email] fonts`` (``mj-font``), a style
    holding nothing but ``@import url(U)`` for URLs the document also links as
    stylesheets. Mail apps may need it, so it is kept, but marked for premailer to skip:
    no CSS parser reads it, so nothing is fetched either."""
    if "@" not in html:
        return html
    linked = {m.group(2) for m in _LINK_HREF.finditer(html)}

    def one(match: re.Match[str]) -> str:
        css = match.group(2)
        imports = find_imports(css)
        if not imports:
            return match.group(0)
        if linked and not drop_imports(css).strip() \
                and all(_import_url(rule) in linked for rule in imports):
            opening = match.group(1).replace("<style", f"<style {PARSER_SKIP}", 1)
            return opening + css + match.group(3)
        return match.group(1) + drop_imports(css) + match.group(3)

    return _STYLE_ELEMENT.sub(one, html)


def imports_in_html(html: str) -> list[str]:
    """The text of every ``@import`` rule in the ``<style>`` elements of ``html``."""
    return [rule.text for match in _STYLE_ELEMENT.finditer(html)
            for rule in find_imports(match.group(2))]


def _no_fetch(url: str) -> None:
    """A cssutils fetcher that fetches nothing (cssutils then skips the import)."""
    return None


def refuse_css_fetches() -> None:
    """Make cssutils' default fetcher fetch nothing, for every parser made after this."""
    try:
        import cssutils.util
    except ImportError:  # pragma: no cover - premailer brings cssutils
        return
    cssutils.util._defaultFetcher = _no_fetch


refuse_css_fetches()  # whoever imports this module gets the second lock too
