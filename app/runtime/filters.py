"""The post-processing filters an exported email body calls, and the runtime environment.

The studio post-processes the whole MJML source after Jinja (``tidy_urls`` then
``markers_to_html``, see :mod:`app.kernel.bidi`) and lxml percent-encodes URL attributes
while inlining CSS. An exported body is already compiled, so the export wraps each place
that depends on the customer in one of these filters instead (see docs/bundle-format.md):

- ``x_missive_text``: a run of text between two HTML tags — ``markers_to_html(tidy_urls())``;
- ``x_missive_raw``: text that mail clients show as plain text (title, preheader) —
  ``tidy_urls()`` only;
- ``x_missive_label``: only in bundles exported before the studio undid MJML's Rust
  escaping of ``aria-label``; new bundles use ``x_missive_raw`` there;
- ``x_missive_attr``: a value inside an attribute — escaped, isolate characters removed;
- ``x_missive_url``: the same in ``href``/``src``/``action``, then percent-encoded like
  libxml2 (leading blanks dropped, bytes outside ``!``…``~`` as ``%XX``).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from jinja2 import BaseLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..kernel.bidi import markers_to_html, strip_markers, tidy_urls
from ..kernel.sandbox import SafeEnvironment, make_environment


def _rtl(context: Context) -> bool:
    message = context.get("message")
    return bool(message.get("rtl")) if isinstance(message, dict) else False


@pass_context
def text_filter(context: Context, value: Any) -> Markup:
    """A rendered run of HTML text: URLs kept whole, isolates as ``<span dir>``."""
    return Markup(markers_to_html(tidy_urls(str(value), _rtl(context))))


@pass_context
def raw_filter(context: Context, value: Any) -> Markup:
    """A rendered run of plain-text content (``<title>``, preheader): URLs kept whole."""
    return Markup(tidy_urls(str(value), _rtl(context)))


_DEBUG_ESCAPES = {"\\": "\\\\", '"': '\\"', "\t": "\\t", "\r": "\\r", "\n": "\\n",
                  "\0": "\\0"}
_NOT_PRINTABLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs", "Mn", "Me"})


def debug_escape(text: str) -> str:
    """Escape as Rust's ``{:?}`` does (MJML copies the title into ``aria-label`` so)."""
    out = []
    for ch in text:
        if ch in _DEBUG_ESCAPES:
            out.append(_DEBUG_ESCAPES[ch])
        elif ch != " " and unicodedata.category(ch) in _NOT_PRINTABLE:
            out.append(f"\\u{{{ord(ch):x}}}")
        else:
            out.append(ch)
    return "".join(out)


@pass_context
def label_filter(context: Context, value: Any) -> Markup:
    """The title as MJML copies it into ``aria-label``: URLs kept whole, Rust-escaped."""
    return Markup(debug_escape(tidy_urls(str(value), _rtl(context))))


def _attribute_text(value: Any) -> str:
    """What the attribute holds after the studio's steps: the unescaped, mark-free text."""
    if isinstance(value, Markup):
        return strip_markers(value.unescape())
    return strip_markers(str(value))


def attr_filter(value: Any) -> Markup:
    """A value inside an attribute: no isolate characters (they would show in URLs)."""
    return escape(_attribute_text(value))


def uri_escape(text: str) -> str:
    """Percent-encode as libxml2 does for URL attributes: bytes outside ``!``…``~``."""
    out = []
    for ch in text:
        if "!" <= ch <= "~":
            out.append(ch)
        else:
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
    return "".join(out)


def url_filter(value: Any, first: bool = False) -> Markup:
    """A value inside ``href``/``src``/``action``; ``first`` when it starts the value."""
    text = _attribute_text(value)
    if first:
        text = text.lstrip(" \t\n\r")
    return escape(uri_escape(text))


FILTERS = {
    "x_missive_text": text_filter,
    "x_missive_raw": raw_filter,
    "x_missive_label": label_filter,
    "x_missive_attr": attr_filter,
    "x_missive_url": url_filter,
}


def bundle_environment(loader: BaseLoader | None = None) -> SafeEnvironment:
    """The studio's sandboxed environment plus the export filters."""
    env = make_environment(loader)
    env.filters.update(FILTERS)
    return env
