"""Parser errors of TOML and JSON in plain words, at the line and column the author sees.

``tomllib`` says "Expected newline or end of document after a statement" where a writer
needs "a quote inside the text ends it early"; :mod:`json` says "Expecting ',' delimiter"
where they need "a comma is missing". Each function takes the parser's message and the
source, and returns what to tell the writer (unknown messages keep their wording).
"""

from __future__ import annotations

import re


def _line_text(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def plain_toml(message: str, text: str, line: int, column: int) -> tuple[str, int, int]:
    """(plain message, line, column) for a ``tomllib`` error at ``line``/``column``."""
    row = _line_text(text, line)
    if message.startswith("Expected newline or end of document after a statement"):
        if row.count('"') > 2 and "=" in row:
            return (f"a quote inside the text ends it early on line {line}: write \\\" for a "
                    "quote inside the text, or put the text in single quotes '…'"), line, column
        return (f"something follows the value on line {line}: put each key = value on a line "
                "of its own"), line, column
    if message.startswith("Illegal character '\\n'") or message.startswith("Expected \"'\"") \
            or message.startswith("Unterminated string"):
        if message.startswith(("Expected \"'\"", "Unterminated string")):
            line, column = _last_open_quote(text)
        return (f"a quote is not closed on line {line}: end the text with the same quote it "
                "starts with"), line, column
    if message.startswith("Unescaped '\\' in a string"):
        return (f"a backslash on line {line} starts an escape: write \\\\ for a backslash, or "
                "use single quotes '…'"), line, column
    if message.startswith("Invalid value"):
        return (f"the value on line {line} is not text, a number, true/false or a list: put "
                "text in quotes"), line, column
    if message.startswith("Cannot overwrite a value"):
        return f"this key is set twice; line {line} repeats it", line, column
    if message.startswith("Expected '=' after a key"):
        return f"line {line} needs an = between the key and its value", line, column
    if message.startswith("Unclosed array"):
        return "a list [ … ] is not closed: add ]", line, column
    if message.startswith("Expected ']' at the end of a table declaration"):
        return f"the [section] name on line {line} is not closed: add ]", line, column
    return message, line, column


def _last_open_quote(text: str) -> tuple[int, int]:
    """Where the last string that never closes starts (line and column, 1-based)."""
    for number, row in reversed(list(enumerate(text.splitlines(), start=1))):
        match = re.search(r"=\s*(\"\"\"|'''|\"|')", row)
        if match:
            return number, match.start(1) + 1
    return 0, 0


_JSON = (
    ("Expecting ',' delimiter", "a comma is missing before this"),
    ("Expecting ':' delimiter", "a colon is missing after the key"),
    ("Expecting property name enclosed in double quotes",
     "a key must be in double quotes, and the last item has no comma after it"),
    ("Unterminated string starting at", "a quote is not closed"),
    ("Expecting value", "a value is missing or is not valid JSON (text goes in double quotes)"),
    ("Extra data", "there is more after the end of the data"),
    ("Invalid control character at", "a line break inside a text: write \\n instead"),
    ("Invalid \\escape", "a backslash starts an escape: write \\\\ for a backslash"),
)


def plain_json(message: str, text: str, line: int, column: int) -> tuple[str, int, int]:
    """(plain message, line, column) for a :mod:`json` error; a missing comma is placed at
    the end of the line that lacks it, not at the start of the next one."""
    if message.startswith("Expecting ',' delimiter") and \
            not _line_text(text, line)[:max(column - 1, 0)].strip():
        previous = line - 1
        while previous > 1 and not _line_text(text, previous).strip():
            previous -= 1
        if previous >= 1:
            line, column = previous, len(_line_text(text, previous).rstrip()) + 1
            return f"a comma is missing at the end of line {line}", line, column
    for start, words in _JSON:
        if message.startswith(start):
            return f"{words} (line {line})", line, column
    return message, line, column
