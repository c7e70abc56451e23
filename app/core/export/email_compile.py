"""Compiling an email body once at export: MJML and CSS inlining with the Jinja logic kept.

The flattened, constant-folded source (see :mod:`.jinja_source`) still holds the
customer-dependent ``{{ }}`` and ``{% %}`` tags. Each becomes an opaque ASCII token that
MJML and premailer pass through unchanged; afterwards the tokens are turned back into
Jinja. Where a token sits in the MJML source decides how it comes back, so that the
runtime applies the same post-processing the studio applies before MJML:

- **text** (inside ``mj-text``, ``mj-button``, ``mj-raw`` … content): the whole run of
  text between two HTML tags becomes one token and comes back wrapped in
  ``{% filter x_missive_text %}…{% endfilter %}`` (tidy_urls, then markers_to_html);
- **raw** (``mj-title``, ``mj-preview``, ``mj-style``): the same with ``x_missive_raw``
  (tidy_urls only: isolates stay characters there);
- **attribute values**: ``{{ (expr)|x_missive_attr }}`` (isolates removed), or
  ``x_missive_url`` in ``href``/``src``/``action`` where lxml also percent-encodes;
- **structure** (a ``{% if %}`` around MJML components): wrapped in ``<mj-raw>`` so MJML
  keeps it in place.

Everything that does not depend on the customer (literal text, the folded constants) is
post-processed here, once, exactly as the studio does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ...kernel.bidi import markers_to_html, tidy_urls
from ...kernel.errors import ContentError
from ..email_pipeline import (
    compile_mjml,
    ensure_root_attributes,
    inline_css,
    mirror_columns,
    take_inline_styles,
)
from .jinja_source import Part, Tag, balanced

TOKEN = "MsvTk{:05d}kTvsM"
TOKEN_RE = re.compile(r"MsvTk(\d{5})kTvsM")
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^<>]*>", re.S)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][\w:-]*)")
_RAW = frozenset({"mj-title", "mj-preview", "mj-style", "title", "style", "script", "textarea"})
_ENDING = frozenset({"mj-text", "mj-button", "mj-raw", "mj-table", "mj-navbar-link",
                     "mj-accordion-title", "mj-accordion-text", "mj-social-element"})
# Parents whose children MJML measures or validates: logic there can't be kept.
_NO_LOGIC_IN = frozenset({"mj-section", "mj-group", "mj-head", "mj-attributes", "mjml",
                          "mj-navbar", "mj-social", "mj-accordion", "mj-carousel"})
_URL_ATTRS = frozenset({"href", "src", "action"})
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


@dataclass
class _Entry:
    kind: str  # "var" | "stmt" | "run"
    source: str  # Jinja source to put back
    context: str = ""  # "attr" | "text" | "raw" | "structure"


class _Tokens:
    def __init__(self) -> None:
        self.entries: list[_Entry] = []

    def add(self, entry: _Entry) -> str:
        self.entries.append(entry)
        return TOKEN.format(len(self.entries) - 1)

    def get(self, token: str) -> _Entry:
        match = TOKEN_RE.fullmatch(token)
        assert match is not None, token  # only tokens made by add() come back here
        return self.entries[int(match.group(1))]


def compile_email(parts: list[Part], *, lang: str, direction: str, rtl: bool,
                  fonts: Mapping[str, str], path: str) -> str:
    """The email body as one Jinja template of final HTML (see the module docstring)."""
    tokens = _Tokens()
    tagged: dict[str, Tag] = {}
    pieces: list[str] = []
    for part in parts:
        if isinstance(part, str):
            if TOKEN_RE.search(part):
                raise ContentError("the email contains text that looks like an export token",
                                   path=path)
            pieces.append(part)
        elif part.kind == "raw":
            raise ContentError("{% raw %} is not supported in an exported email", path=path,
                               line=part.line, hint="write the text with {{ '{{' }} instead")
        else:
            token = tokens.add(_Entry(part.kind, part.source()))
            tagged[token] = part
            pieces.append(token)
    source = _place_tokens("".join(pieces), tokens, tagged, path)
    source = ensure_root_attributes(source, lang, direction)
    source = markers_to_html(tidy_urls(source, rtl))
    source, css = take_inline_styles(source)
    html = compile_mjml(source, fonts=fonts, path=path)
    if rtl:
        html = mirror_columns(html)
    html = inline_css(html, css)
    return _restore(html, tokens, path)


def _place_tokens(source: str, tokens: _Tokens, tagged: dict[str, Tag], path: str) -> str:
    """Classify every token by where it sits in the MJML, and prepare it for MJML."""
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for match in _MARKUP.finditer(source):
        out.append(_text_chunk(source[pos:match.start()], stack, tokens, tagged, path))
        markup = match.group(0)
        _check_markup(markup, tokens, tagged, path)
        out.append(markup)
        _track(markup, stack)
        pos = match.end()
    out.append(_text_chunk(source[pos:], stack, tokens, tagged, path))
    return "".join(out)


def _track(markup: str, stack: list[str]) -> None:
    if markup.startswith("<!"):
        return
    match = _TAG_NAME.match(markup)
    if not match:
        return
    name = match.group(1).lower()
    if markup.startswith("</"):
        if name in stack:
            while stack and stack.pop() != name:
                pass
    elif not markup.endswith("/>") and name not in ("br", "img", "hr", "meta", "link",
                                                     "input", "area", "col", "wbr"):
        stack.append(name)


def _check_markup(markup: str, tokens: _Tokens, tagged: dict[str, Tag], path: str) -> None:
    for match in TOKEN_RE.finditer(markup):
        entry = tokens.get(match.group(0))
        entry.context = "attr"
        if not markup.startswith("<!--") and markup[:match.start()].count('"') % 2 == 0 \
                and markup[:match.start()].count("'") % 2 == 0:
            raise ContentError(
                f"'{entry.source}' sits inside an MJML/HTML tag but outside an attribute "
                f"value", path=path, line=tagged[match.group(0)].line,
                hint='put logic inside a quoted value, e.g. href="{{ url }}"')


def _text_chunk(text: str, stack: list[str], tokens: _Tokens, tagged: dict[str, Tag],
                path: str) -> str:
    found = TOKEN_RE.search(text)
    if not found:
        return text
    inside = next((n for n in reversed(stack) if n in _RAW or n in _ENDING), None)
    if inside is None:
        return _structure(text, stack, tokens, tagged, path)
    context = "raw" if inside in _RAW else "text"
    if inside == "mj-style":
        first = found.group(0)
        raise ContentError("mj-style may only use values known at export time",
                           path=path, line=tagged[first].line,
                           hint="CSS can't depend on the customer's data; use message.*")
    core_start = len(text) - len(text.lstrip())
    core_end = len(text.rstrip())
    head, core, tail = text[:core_start], text[core_start:core_end], text[core_end:]
    items = _split(core)
    if balanced([tagged.get(i, i) for i in items]):
        return head + _run(items, context, tokens) + tail
    out: list[str] = []
    segment: list[str] = []
    for item in items:
        if item in tagged and tagged[item].kind == "stmt":
            out.append(_run(segment, context, tokens))
            segment = []
            tokens.get(item).context = context
            out.append(item)
        else:
            segment.append(item)
    out.append(_run(segment, context, tokens))
    return head + "".join(out) + tail


def _split(text: str) -> list[str]:
    items: list[str] = []
    pos = 0
    for match in TOKEN_RE.finditer(text):
        if match.start() > pos:
            items.append(text[pos:match.start()])
        items.append(match.group(0))
        pos = match.end()
    if pos < len(text):
        items.append(text[pos:])
    return items


def _run(items: list[str], context: str, tokens: _Tokens) -> str:
    """One token for a run of text and tags; literal-only runs stay text."""
    if not any(TOKEN_RE.fullmatch(i) for i in items):
        return "".join(items)
    source = "".join(tokens.get(i).source if TOKEN_RE.fullmatch(i) else i for i in items)
    for item in items:
        if TOKEN_RE.fullmatch(item):
            tokens.get(item).context = "in-run"
    return tokens.add(_Entry("run", source, context))


def _structure(text: str, stack: list[str], tokens: _Tokens, tagged: dict[str, Tag],
               path: str) -> str:
    parent = stack[-1] if stack else ""
    out: list[str] = []
    for item in _split(text):
        if item not in tagged:
            out.append(item)
            continue
        tag = tagged[item]
        if tag.kind == "var":
            raise ContentError(f"'{tag.source()}' sits between MJML components, where MJML "
                               f"drops text", path=path, line=tag.line,
                               hint="put it inside an mj-text")
        if parent in _NO_LOGIC_IN:
            raise ContentError(
                f"'{tag.source()}' inside <{parent}> can't be kept in an export: MJML "
                f"measures its children when it compiles", path=path, line=tag.line,
                hint="put the logic inside mj-column, or base it on message.* only")
        tokens.get(item).context = "structure"
        out.append(f"<mj-raw>{item}</mj-raw>")
    return "".join(out)


def _restore(html: str, tokens: _Tokens, path: str) -> str:
    """Turn the tokens in compiled HTML back into Jinja, escaping literal Jinja syntax."""
    seen: dict[int, int] = {}
    out: list[str] = []
    pos = 0
    for match in _MARKUP.finditer(html):
        out.append(_restore_text(html[pos:match.start()], tokens, seen))
        out.append(_restore_markup(match.group(0), tokens, seen))
        pos = match.end()
    out.append(_restore_text(html[pos:], tokens, seen))
    for index, entry in enumerate(tokens.entries):
        if entry.context == "in-run":
            continue
        count = seen.get(index, 0)
        if count == 0 or (entry.kind == "stmt" and count != 1):
            what = "was dropped" if count == 0 else "was repeated"
            raise ContentError(f"'{entry.source[:60]}' {what} by MJML; the export can't keep "
                               f"this logic", path=path,
                               hint="move the logic inside mj-text or mj-column content")
    return "".join(out)


def _literal(text: str) -> str:
    return _JINJA_OPEN.sub("{{ '{' }}", text)


def _restore_text(text: str, tokens: _Tokens, seen: dict[int, int]) -> str:
    out: list[str] = []
    pos = 0
    for match in TOKEN_RE.finditer(text):
        out.append(_literal(text[pos:match.start()]))
        out.append(_jinja_for(match, tokens, seen, attribute=None))
        pos = match.end()
    out.append(_literal(text[pos:]))
    return "".join(out)


_ATTR_BEFORE = re.compile(r"([A-Za-z_:][\w:.-]*)\s*=\s*([\"'])([^\"']*)$")


def _restore_markup(markup: str, tokens: _Tokens, seen: dict[int, int]) -> str:
    out: list[str] = []
    pos = 0
    name_match = _TAG_NAME.match(markup)
    element = name_match.group(1).lower() if name_match else ""
    for match in TOKEN_RE.finditer(markup):
        out.append(_literal(markup[pos:match.start()]))
        attr = _ATTR_BEFORE.search(markup[:match.start()]) if not markup.startswith("<!") \
            else None
        attribute = None
        if attr:
            name = attr.group(1).lower()
            is_url = name in _URL_ATTRS or (name == "name" and element == "a")
            attribute = (is_url, attr.group(3).strip(" \t\n\r") == "")
        out.append(_jinja_for(match, tokens, seen, attribute=attribute, in_markup=True))
        pos = match.end()
    out.append(_literal(markup[pos:]))
    return "".join(out)


def _jinja_for(match: re.Match[str], tokens: _Tokens, seen: dict[int, int],
               attribute: tuple[bool, bool] | None, in_markup: bool = False) -> str:
    index = int(match.group(1))
    seen[index] = seen.get(index, 0) + 1
    entry = tokens.entries[index]
    if entry.kind == "run":
        name = "x_missive_text" if entry.context == "text" else "x_missive_raw"
        if in_markup:  # MJML copied mj-title's text into aria-label: plain text there too
            name = "x_missive_raw"
        return f"{{% filter {name} %}}{entry.source}{{% endfilter %}}"
    if entry.kind == "stmt":
        return entry.source
    expression = entry.source[2:-2].strip()
    if attribute and attribute[0]:
        first = "true" if attribute[1] else "false"
        return f"{{{{ ({expression})|x_missive_url({first}) }}}}"
    return f"{{{{ ({expression})|x_missive_attr }}}}"
