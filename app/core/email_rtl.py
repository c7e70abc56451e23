"""Right-to-left by default: MJML's left-to-right defaults mirrored for he, ar and the like.

MJML (and mjml-python) lay an email out left to right unless told otherwise: ``mj-text``
and ``mj-table`` default to ``align="left"``, sections, wrappers, groups and columns to
``direction="ltr"``, every column's wrapper carries a hard-coded ``text-align:left``, and
the Outlook-only tables inside ``<!--[if mso | IE]>`` comments have no ``dir``. For a
right-to-left locale this module

- puts an ``<mj-attributes>`` block with the mirrored defaults *first* in ``<mj-head>``:
  the author's own ``<mj-attributes>``, ``mj-class`` and attributes still win, since MJML
  lets later defaults and explicit attributes override earlier ones;
- after compiling, right-aligns the wrappers of columns and groups whose direction is
  rtl (a column the author set to ``direction="ltr"`` keeps ``text-align:left``), and
  gives the Outlook-only tables the email's ``dir`` and ``lang``.

Buttons, images, social icons and navbar links keep MJML's centre; their items follow
the reading order because they are inline boxes inside right-to-left cells (and cells of
``dir="rtl"`` tables in Outlook). Physical paddings stay as the author wrote them.
See ../shared/reference/mjml-rtl.md.
"""

from __future__ import annotations

import re

RTL_DEFAULTS = ('<mj-attributes><mj-text align="right" /><mj-table align="right" />'
                '<mj-section direction="rtl" /><mj-wrapper direction="rtl" />'
                '<mj-group direction="rtl" /><mj-column direction="rtl" /></mj-attributes>')

_ROOT = re.compile(r"<mjml\b[^>]*>", re.I)
_HEAD = re.compile(r"<mj-head\b[^>]*?(/?)>", re.I)
_STYLE = re.compile(r'\bstyle="([^"]*)"')
_LEFT = re.compile(r"(^|;)\s*text-align\s*:\s*left\s*(?=;|$)")
_RTL = re.compile(r"(^|;)\s*direction\s*:\s*rtl\s*(?=;|$)")
_OUTLOOK = re.compile(r"<!--\[if mso \| IE\]>(.*?)<!\[endif\]-->", re.S)
_TABLE = re.compile(r"<table\b(?![^>]*\bdir=)", re.I)
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"", re.I)


def mirror_defaults(mjml_source: str) -> str:
    """``mjml_source`` with right-to-left defaults ahead of the author's own."""
    head = _HEAD.search(mjml_source)
    if head and head.group(1):  # <mj-head/>: give it content
        return (mjml_source[:head.start()] + f"<mj-head>{RTL_DEFAULTS}</mj-head>"
                + mjml_source[head.end():])
    if head:
        return mjml_source[:head.end()] + RTL_DEFAULTS + mjml_source[head.end():]
    root = _ROOT.search(mjml_source)
    if not root:
        return mjml_source
    return (mjml_source[:root.end()] + f"<mj-head>{RTL_DEFAULTS}</mj-head>"
            + mjml_source[root.end():])


def mirror_html(html: str) -> str:
    """Right-align rtl column and group wrappers; ``dir``/``lang`` on Outlook's tables."""
    def style(match: re.Match[str]) -> str:
        value = match.group(1)
        if "text-align" not in value or not _RTL.search(value):
            return match.group(0)
        return 'style="' + _LEFT.sub(r"\1text-align:right", value) + '"'

    html = _STYLE.sub(style, html)
    lang = _HTML_LANG.search(html)
    attrs = 'dir="rtl"' + (f' lang="{lang.group(1)}"' if lang and lang.group(1) else "")
    return _OUTLOOK.sub(lambda m: "<!--[if mso | IE]>" + _TABLE.sub(f"<table {attrs}", m.group(1))
                        + "<![endif]-->", html)
