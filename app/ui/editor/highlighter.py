"""Syntax highlighting: Jinja inside MJML/HTML, TOML, JSON and plain text.

Jinja tags are highlighted in every kind of file (TOML strings and SMS text hold
Jinja too). Multi-line Jinja comments and TOML multi-line strings carry over lines.
Hebrew and Arabic runs are set in a proportional font (a monospace font breaks Arabic
joining and spaces Hebrew oddly); a run kept in reading order by invisible isolate
characters (a quick fix's work) is shown with a subtle dotted underline.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)


def _fmt(color: str, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


FORMATS = {
    "tag": _fmt("#116329"), "attr": _fmt("#953800"), "string": _fmt("#0a3069"),
    "comment": _fmt("#6e7781", italic=True), "jinja": _fmt("#8250df", bold=True),
    "key": _fmt("#0550ae"), "table": _fmt("#0550ae", bold=True), "number": _fmt("#cf222e"),
}

RULES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "mjml": [(re.compile(r"</?[A-Za-z][\w:-]*|/?>"), "tag"),
             (re.compile(r"\b[\w:-]+(?==)"), "attr"),
             (re.compile(r'"[^"\n]*"'), "string"),
             (re.compile(r"<!--.*?-->"), "comment")],
    "toml": [(re.compile(r"^\s*\[\[?[^\]\n]*\]\]?"), "table"),
             (re.compile(r"^\s*[\w.\-\"]+(?=\s*=)"), "key"),
             (re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\''), "string"),
             (re.compile(r"\b(?:true|false|-?\d[\d_.]*)\b"), "number"),
             (re.compile(r"(?<![\"'\w])#.*$"), "comment")],
    "json": [(re.compile(r'"(?:[^"\\\n]|\\.)*"(?=\s*:)'), "key"),
             (re.compile(r':\s*"(?:[^"\\\n]|\\.)*"'), "string"),
             (re.compile(r"\b(?:true|false|null|-?\d[\d.eE+-]*)\b"), "number")],
    "text": [],
}
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")
JINJA_COMMENT = re.compile(r"\{#.*?#\}")

# A run of Hebrew or Arabic words with the spaces and punctuation between them.
_HEBREW = "\u0590-\u05ff\ufb1d-\ufb4f"
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
RTL_RUN = {
    "hebrew": re.compile(rf"[{_HEBREW}]+(?:[\s.,:;!?'\"׳״-]+[{_HEBREW}]+)*"),
    "arabic": re.compile(rf"[{_ARABIC}]+(?:[\s.,:;!?'\"-]+[{_ARABIC}]+)*"),
}
PROPORTIONAL = {
    "hebrew": ["Noto Sans Hebrew", "Arial", "Segoe UI", "DejaVu Sans"],
    "arabic": ["Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", "Arial", "DejaVu Sans"],
}
ISOLATED = re.compile("[\u2066-\u2068][^\u2066-\u2069]*\u2069")


def proportional_families(script: str) -> list[str]:
    """Installed proportional fonts for a script, best first (the UI font last)."""
    installed = set(QFontDatabase.families())
    chosen = [f for f in PROPORTIONAL[script] if f in installed]
    return chosen or [QFont().defaultFamily()]


IN_COMMENT = 1
IN_TOML_STRING = 2


def kind_for(name: str) -> str:
    """The highlighting kind of a file name."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {"mjml": "mjml", "html": "mjml", "htm": "mjml", "toml": "toml",
            "json": "json"}.get(suffix, "text")


class JinjaHighlighter(QSyntaxHighlighter):
    """Highlights one document of a given kind (see :func:`kind_for`)."""

    def __init__(self, document: QTextDocument, kind: str) -> None:
        super().__init__(document)
        self.kind = kind

    def highlightBlock(self, text: str) -> None:
        state = self.previousBlockState()
        self.setCurrentBlockState(0)
        if state == IN_TOML_STRING:
            end = text.find('"""')
            if end < 0:
                self.setFormat(0, len(text), FORMATS["string"])
                self.setCurrentBlockState(IN_TOML_STRING)
                self._jinja(text)
                return
            self.setFormat(0, end + 3, FORMATS["string"])
        for pattern, name in RULES.get(self.kind, []):
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), FORMATS[name])
        if self.kind == "toml" and state != IN_TOML_STRING and text.count('"""') % 2 == 1:
            start = text.find('"""')
            self.setFormat(start, len(text) - start, FORMATS["string"])
            self.setCurrentBlockState(IN_TOML_STRING)
        self._jinja(text)
        self._comments(text, state == IN_COMMENT)
        self._scripts(text)

    def _scripts(self, text: str) -> None:
        """Proportional fonts for Hebrew and Arabic runs; a mark under isolated runs."""
        if text.isascii():
            return

        def units(index: int) -> int:  # Qt counts UTF-16 units, Python code points
            return len(text[:index].encode("utf-16-le")) // 2

        for script, pattern in RTL_RUN.items():
            for match in pattern.finditer(text):
                self._merge(units(match.start()), units(match.end()),
                            families=self._families(script))
        for match in ISOLATED.finditer(text):
            self._merge(units(match.start()), units(match.end()), isolated=True)

    def _families(self, script: str) -> list[str]:
        cache = self.__dict__.setdefault("_family_cache", {})
        if script not in cache:
            cache[script] = proportional_families(script)
        return cache[script]

    def _merge(self, start: int, end: int, families: list[str] | None = None,
               isolated: bool = False) -> None:
        """Add a font or a mark over [start, end), keeping the colours already set.

        One setFormat per stretch of equal formats, not per character: besides being
        faster, PySide6 6.12 on Python 3.11 loses a reference to None on every call that
        returns nothing, so calls into Qt are kept few."""
        index = start
        while index < end:
            base = self.format(index)
            stop = index + 1
            while stop < end and self.format(stop) == base:
                stop += 1
            fmt = QTextCharFormat(base)
            if families:
                fmt.setFontFamilies(families)
            if isolated:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
                fmt.setUnderlineColor(QColor("#8c959f"))
            self.setFormat(index, stop - index, fmt)
            index = stop

    def _jinja(self, text: str) -> None:
        for match in JINJA.finditer(text):
            self.setFormat(match.start(), match.end() - match.start(), FORMATS["jinja"])

    def _comments(self, text: str, continuing: bool) -> None:
        start = 0
        if continuing:
            end = text.find("#}")
            if end < 0:
                self.setFormat(0, len(text), FORMATS["comment"])
                self.setCurrentBlockState(IN_COMMENT)
                return
            self.setFormat(0, end + 2, FORMATS["comment"])
            start = end + 2
        for match in JINJA_COMMENT.finditer(text, start):
            self.setFormat(match.start(), match.end() - match.start(), FORMATS["comment"])
            start = match.end()
        open_at = text.find("{#", start)
        if open_at >= 0:
            self.setFormat(open_at, len(text) - open_at, FORMATS["comment"])
            self.setCurrentBlockState(IN_COMMENT)
