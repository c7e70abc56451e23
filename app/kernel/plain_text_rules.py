"""The rules of a plain-text alternative, shared by the studio's html5lib walk
(:mod:`app.core.html_text`) and the runtime's stdlib one (:mod:`app.runtime.html_text`),
so the two can never drift apart: which elements end a line, which are left out, how a
link is written, how the lines are joined, and how directions carry over: an inline
element with ``dir`` (the ``<span dir="ltr">`` the renderer puts around a phone number or
an order id) becomes an isolate (LRI/RLI/FSI … PDI), so a right-to-left text view shows
the run in reading order just as the HTML does. Imports only ``re`` and :mod:`..bidi`.
"""

from __future__ import annotations

import re

from .bidi import FSI, LRI, PDI, RLI, tidy_urls, with_base_direction

_BLOCK_NAMES = (
    "address article aside blockquote center dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody "
    "td tfoot th thead tr ul")
BLOCK_TAGS = frozenset(_BLOCK_NAMES.split())
SKIPPED_TAGS = frozenset({"head", "style", "script", "title", "template", "noscript"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|max-height\s*:\s*0|mso-hide\s*:\s*all", re.I)


_ISOLATE_OPENERS = {"ltr": LRI, "rtl": RLI, "auto": FSI}


def link_suffix(href: str, label: str, rtl: bool = False) -> str:
    """" (url)" after a link whose http(s)/tel/mailto address differs from its text; the
    address is isolated in right-to-left text ("+972…" would show as "…972+")."""
    href = href.strip()
    label = re.sub(r"\s+", " ", label).strip()
    if href.startswith(("http://", "https://", "tel:", "mailto:")) and href != label:
        address = href.split(":", 1)[1] if href.startswith(("tel:", "mailto:")) else href
        return f" ({LRI}{address}{PDI})" if rtl else f" ({address})"
    return ""


def isolate_opener(tag: str, direction: str | None) -> str:
    """The isolate an inline element with ``dir`` opens in the text ("" for none)."""
    if tag in BLOCK_TAGS or not direction:
        return ""
    return _ISOLATE_OPENERS.get(direction.strip().lower(), "")


def is_rtl_document(direction: str | None) -> bool:
    """True when the ``dir`` of ``<html>`` (or ``<body>``) says right to left."""
    return (direction or "").strip().lower() == "rtl"


def finish_direction(text: str, rtl: bool) -> str:
    """The final text of a right-to-left email: URLs typed in the text kept whole and
    isolated, and a line that opens with a Latin word ("Northwind …") started with an
    RLM so it is still laid out right to left, as its ``<p>`` is in the HTML."""
    if not rtl:
        return text
    return with_base_direction(tidy_urls(text, True), True)


class TextLines:
    """Text runs gathered into lines: :meth:`flush` ends a line (an empty one once, as a
    paragraph break), :meth:`text` joins them with at most one blank line between."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def add(self, text: str) -> None:
        """Add a run of text to the current line."""
        self.current.append(text)

    def open_isolate(self, opener: str) -> tuple[int, int]:
        """Start an isolate; returns the mark :meth:`close_isolate` takes."""
        self.current.append(opener)
        return len(self.lines), len(self.current)

    def close_isolate(self, mark: tuple[int, int]) -> None:
        """End an isolate: dropped when it holds no text, left to the end of the line
        (where the bidi algorithm closes it) when a line break cut it."""
        lines, runs = mark
        if len(self.lines) != lines:
            return
        if not "".join(self.current[runs:]).strip():
            del self.current[runs - 1:]
            return
        self.current.append(PDI)

    def flush(self) -> None:
        """End the current line (whitespace collapsed)."""
        text = re.sub(r"[ \t\r\n\f]+", " ", "".join(self.current)).strip()
        self.current.clear()
        if text.strip(LRI + RLI + FSI + PDI + " "):
            self.lines.append(text)
        elif self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self) -> str:
        """The finished text."""
        self.flush()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.lines)).strip()
