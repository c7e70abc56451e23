"""Preview helpers that are plain text work: rich text for the SMS and WhatsApp
bubbles, dark-mode emulation for email HTML, and what an inbox row shows.

The rich text is the HTML subset Qt's text engine draws (``<b>``, ``<i>``, ``<s>``,
``<code>``, ``<span style>``), so the bubbles need no browser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

UCS2_HIGHLIGHT = "#ffd166"

_MONO = re.compile(r"```(.+?)```", re.S)
_STYLES = (
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])", re.S), "b"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])", re.S), "i"),
    (re.compile(r"(?<![\w~])~(?=\S)(.+?)(?<=\S)~(?![\w~])", re.S), "s"),
)


def _lines_to_html(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "<br>")


def whatsapp_html(text: str) -> str:
    """WhatsApp's *bold*, _italic_, ~strike~ and ```mono``` as rich text (escaped)."""
    monos: list[str] = []

    def keep_mono(match: re.Match[str]) -> str:
        monos.append(match.group(1))
        return f"\x00{len(monos) - 1}\x00"

    out = _MONO.sub(keep_mono, text)
    out = html.escape(out, quote=False)
    for pattern, tag in _STYLES:
        out = pattern.sub(rf"<{tag}>\1</{tag}>", out)
    out = re.sub(r"\x00(\d+)\x00",
                 lambda m: f"<code>{html.escape(monos[int(m.group(1))], quote=False)}</code>",
                 out)
    return _lines_to_html(out)


def sms_html(text: str, forcing: Iterable[int] = ()) -> str:
    """The SMS text as rich text, each character that forces UCS-2 highlighted."""
    marked = set(forcing)
    parts = []
    for index, char in enumerate(text):
        escaped = html.escape(char, quote=False)
        if index in marked and char not in "\n\r":
            parts.append(f'<span style="background-color:{UCS2_HIGHLIGHT}; color:#000">'
                         f"{escaped}</span>")
        else:
            parts.append(escaped)
    return _lines_to_html("".join(parts))


_DARK_QUERY = re.compile(r"@media\s*\(\s*prefers-color-scheme\s*:\s*dark\s*\)", re.I)
_LIGHT_QUERY = re.compile(r"@media\s*\(\s*prefers-color-scheme\s*:\s*light\s*\)", re.I)


def emulate_dark_scheme(document: str) -> str:
    """The email as a client in dark mode shows it: its ``prefers-color-scheme: dark``
    rules switched on, its light-only rules off, and a dark canvas behind it."""
    out = _DARK_QUERY.sub("@media all", document)
    out = _LIGHT_QUERY.sub("@media not all", out)
    return _into_head(out, "<style>:root{color-scheme:dark} html,body{background:#0d1117}"
                           "</style>")


def _into_head(document: str, style: str) -> str:
    """``style`` first thing in the head (or the document, when it has none)."""
    head = re.search(r"<head[^>]*>", document, re.I)
    if head:
        return document[:head.end()] + style + document[head.end():]
    return style + document


_IMAGE_SOURCE = re.compile(r"(<(?:img|source|input)\b[^>]*?\s)(src|srcset)(\s*=)", re.I)
_BACKGROUND_ATTR = re.compile(r"(<[a-z][a-z0-9]*\b[^>]*?\s)(background)(\s*=)", re.I)
_BLOCKED_STYLE = ("<style>*{background-image:none !important}"
                  "img[data-blocked-src]{outline:1px dashed #8c959f;color:#57606a}</style>")


def block_images(document: str) -> str:
    """The email as a client that blocks images shows it: no image loads (sources are
    renamed, background images dropped), so the alt text stands where each image was.
    Done on the HTML, not with a browser setting, so no cached picture can slip in."""
    def rename(match: re.Match[str]) -> str:
        return f"{match.group(1)}data-blocked-{match.group(2)}{match.group(3)}"

    out = _BACKGROUND_ATTR.sub(rename, _IMAGE_SOURCE.sub(rename, document))
    return _into_head(out, _BLOCKED_STYLE)


def display_name(address: str) -> str:
    """What an inbox shows as the sender: the name of ``Name <a@b>``, else the address."""
    match = re.match(r'\s*"?([^"<]*?)"?\s*<([^>]*)>', address or "")
    if match and match.group(1).strip():
        return match.group(1).strip()
    if match:
        return match.group(2).strip()
    return (address or "").strip()
