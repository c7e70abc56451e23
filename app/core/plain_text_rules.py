"""The rules of a plain-text alternative, shared by the studio's html5lib walk
(:mod:`app.core.html_text`) and the runtime's stdlib one (:mod:`app.runtime.html_text`),
so the two can never drift apart: which elements end a line, which are left out, how a
link is written, and how the lines are joined. Imports only ``re``.
"""

from __future__ import annotations

import re

_BLOCK_NAMES = (
    "address article aside blockquote center dd div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody "
    "td tfoot th thead tr ul")
BLOCK_TAGS = frozenset(_BLOCK_NAMES.split())
SKIPPED_TAGS = frozenset({"head", "style", "script", "title", "template", "noscript"})
HIDDEN_STYLE = re.compile(r"display\s*:\s*none|max-height\s*:\s*0|mso-hide\s*:\s*all", re.I)


def link_suffix(href: str, label: str) -> str:
    """" (url)" after a link whose http(s)/tel/mailto address differs from its text."""
    href = href.strip()
    label = re.sub(r"\s+", " ", label).strip()
    if href.startswith(("http://", "https://", "tel:", "mailto:")) and href != label:
        return f" ({href.split(':', 1)[1] if href.startswith(('tel:', 'mailto:')) else href})"
    return ""


class TextLines:
    """Text runs gathered into lines: :meth:`flush` ends a line (an empty one once, as a
    paragraph break), :meth:`text` joins them with at most one blank line between."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def add(self, text: str) -> None:
        """Add a run of text to the current line."""
        self.current.append(text)

    def flush(self) -> None:
        """End the current line (whitespace collapsed)."""
        text = re.sub(r"[ \t\r\n\f]+", " ", "".join(self.current)).strip()
        self.current.clear()
        if text:
            self.lines.append(text)
        elif self.lines and self.lines[-1] != "":
            self.lines.append("")

    def text(self) -> str:
        """The finished text."""
        self.flush()
        return re.sub(r"\n{3,}", "\n\n", "\n".join(self.lines)).strip()
