"""The email pipeline after Jinja: MJML → HTML (mjml-python) → CSS inlined (premailer).

Kept apart from the channel so the export can compile once and the benchmark can time
each stage. Nothing here opens a socket: MJML's default web fonts are off unless the
project names fonts, and premailer may neither fetch nor read files.

Inlining follows MJML's own compiler: only the CSS of ``<mj-style inline="inline">`` is
inlined (mjml-python would otherwise leave it in the head), the rest of the head CSS stays
in ``<style>`` as MJML wrote it, and without such CSS no inlining runs at all.
Right-to-left locales get MJML's defaults mirrored (:mod:`.email_rtl`).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

import mjml
from premailer import Premailer

from ..kernel.errors import ContentError, InputError
from .css_imports import PARSER_SKIP, drop_imports, drop_imports_in_html, refuse_css_fetches
from .email_rtl import mirror_defaults, mirror_html
from .mjml_check import find_unbalanced, offset_to_position
from .preheader import hide_preheader

_MJML_ROOT = re.compile(r"<mjml\b([^>]*)>", re.I)
_MRML_POSITION = re.compile(r"at position (\d+):(\d+)")
_INLINE_STYLE = re.compile(
    r"""<mj-style\b[^>]*?\binline\s*=\s*["']?inline\b["']?[^>]*>(.*?)</mj-style\s*>""",
    re.I | re.S)
_LINK_TAG = re.compile(r"<link\b", re.I)
_STYLE_TAG = re.compile(r"<style\b", re.I)
_PREMAILER_IGNORE = ' data-premailer="ignore"'
_DOCTYPE = re.compile(r"\s*<!doctype[^>]*>", re.I)
# mrml writes every attribute value with Rust's escape_debug: an LRM in an image's alt
# text (or the isolates mj-title puts into aria-label) would reach the reader as
# "\u{200e}", and a backslash as two. Only values holding a backslash need undoing.
_ESCAPED_ATTRIBUTE = re.compile(r'(\s[\w:.-]+=")([^"<>]*\\[^"<>]*)(")')

_RUST_ESCAPE = re.compile(r"\\(u\{([0-9a-fA-F]{1,6})\}|[\\'\"tnr0])")
_SIMPLE_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "0": ""}
refuse_css_fetches()  # the second lock: cssutils may never fetch an @import


class MjmlError(ContentError):
    """The MJML compiler refused the source."""


def ensure_root_attributes(mjml_source: str, lang: str, direction: str) -> str:
    """Add ``lang`` and ``dir`` to the ``<mjml>`` root if the source did not set them;
    for ``direction="rtl"`` also mirror MJML's left-to-right defaults (:mod:`.email_rtl`)."""
    if direction == "rtl":
        mjml_source = mirror_defaults(mjml_source)
    match = _MJML_ROOT.search(mjml_source)
    if not match:
        return mjml_source
    attrs = match.group(1)
    extra = ""
    if not re.search(r"\blang\s*=", attrs):
        extra += f' lang="{lang}"'
    if not re.search(r"\bdir\s*=", attrs):
        extra += f' dir="{direction}"'
    if not extra:
        return mjml_source
    head = f"<mjml{attrs.rstrip('/')}{extra}>"
    return mjml_source[: match.start()] + head + mjml_source[match.end():]


# mrml's HTML tokenizer panics on a '>' in text when the byte two before it is inside a
# multi-byte character ('שלום > עולם', 'א/>'): it slices the string there.
PANIC_TRIGGER = re.compile(r"(?:[^\x00-\x7f][\x00-\x7f]|[^\x00-\u07ff])>")


def compile_mjml(source: str, *, fonts: Mapping[str, str] | None, path: str,
                 sources: Mapping[str, str] | None = None) -> str:
    """Compile MJML to HTML; on failure name the file, line and column where possible.

    ``sources`` maps file paths to the Jinja sources that produced ``source``: when the
    compiler fails, they are scanned for the unbalanced tag so the error points there.
    """
    try:
        html = mjml.mjml2html(source, fonts=dict(fonts or {}), disable_comments=False,
                              include_loader=_no_includes)
    except ValueError as exc:
        for file_path, text in (sources or {}).items():
            problem = find_unbalanced(text)
            if problem:
                raise MjmlError(f"MJML: {problem.message}", path=file_path, line=problem.line,
                                column=problem.column, hint="close the tag or remove it") from None
        problem = find_unbalanced(source)
        line = column = 0
        message = str(exc)
        if problem:
            message = problem.message
        else:
            m = _MRML_POSITION.search(message)
            if m:
                line, column = offset_to_position(source, int(m.group(1)))
        raise MjmlError(f"MJML could not be compiled: {message}", path=path, line=line,
                        column=column, hint="check the mj-* tags (after Jinja) near here") from None
    except BaseException as exc:  # mrml panics (e.g. on 'א/>') as a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        m = PANIC_TRIGGER.search(source)
        line, column = offset_to_position(source, m.end() - 1) if m else (0, 0)
        raise MjmlError("MJML could not be compiled: its parser stops on this '>' in text",
                        path=path, line=line, column=column,
                        hint="write &gt; for a '>' the customer should see") from None
    html = _ESCAPED_ATTRIBUTE.sub(lambda m: m.group(1) + unescape_rust(m.group(2)) + m.group(3),
                                  html)
    # No @import leaves the studio, inlined or not (MJML's own web-font block aside).
    html = drop_imports_in_html(html).replace(f" {PARSER_SKIP}", "")
    return hide_preheader(html)


def unescape_rust(text: str) -> str:
    """Undo Rust's ``escape_debug`` (``\\u{2066}``, ``\\t``, ``\\\\`` …)."""
    def one(match: re.Match[str]) -> str:
        if match.group(2):
            return chr(int(match.group(2), 16))
        char = match.group(1)
        return _SIMPLE_ESCAPES.get(char, char)

    return _RUST_ESCAPE.sub(one, text)


def _no_includes(path: str) -> str:
    raise InputError(f"mj-include is not supported ('{path}')",
                     hint="use Jinja's {% include \"partials/...\" %} instead")


def mirror_columns(html: str) -> str:
    """Right-to-left output: column wrappers right-aligned, Outlook's tables ``dir="rtl"``."""
    return mirror_html(html)


def take_inline_styles(mjml_source: str) -> tuple[str, str]:
    """The source without its ``<mj-style inline="inline">`` blocks, and their CSS."""
    css: list[str] = []

    def take(match: re.Match[str]) -> str:
        css.append(match.group(1))
        return ""

    return _INLINE_STYLE.sub(take, mjml_source), "\n".join(css)


def inline_css(html: str, css: str = "") -> str:
    """Inline ``css`` (the ``mj-style inline`` CSS) with premailer, offline: no network, no
    local files. The document's own ``<style>`` blocks are left as they are, and rules that
    can't be inlined (media queries) go to the head. Without CSS, ``html`` is returned."""
    if not css.strip():
        return html
    css = drop_imports(css)  # before any CSS parser: @import is never fetched
    html = drop_imports_in_html(html)
    doctype = _DOCTYPE.match(html)
    html = _LINK_TAG.sub("<link" + _PREMAILER_IGNORE, html)
    html = _STYLE_TAG.sub("<style" + _PREMAILER_IGNORE, html)
    result = Premailer(
        html,
        css_text=[css],
        base_url=None,
        allow_network=False,
        allow_loading_external_files=False,
        keep_style_tags=False,  # the head styles are marked "ignore": only leftovers added
        remove_classes=False,
        strip_important=False,
        disable_validation=True,
        disable_link_rewrites=True,
        cssutils_logging_level=logging.CRITICAL,
        cache_css_parsing=True,
        align_floating_images=False,  # MJML's inliner doesn't add align to images
    ).transform(pretty_print=False)
    result = result.replace(_PREMAILER_IGNORE, "")
    # lxml drops the doctype; without it clients render in quirks mode.
    if doctype and not _DOCTYPE.match(result):
        result = doctype.group(0) + result
    return result
