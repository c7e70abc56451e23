"""Limits on what the studio reads: file size, nesting depth, digits of a number.

Python's TOML and JSON parsers recurse (thousands of nested brackets end in a
RecursionError), and ``int()`` refuses more than 4,300 digits with a ValueError; here
each becomes one line naming the file, the line and the limit, before the parser runs.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .errors import InputError
from .plain_syntax import plain_json

MAX_FILE_CHARS = 2_000_000  # a template, TOML file or sample; real ones are a few KB
MAX_NESTING = 64  # brackets and tables inside one another in TOML or JSON
MAX_DIGITS = 4_300  # Python's own limit for reading an integer

_STRINGS = r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|'
_TOKENS = {True: re.compile(_STRINGS + r"#[^\n]*|[\[\]{}]"),  # TOML: comments too
           False: re.compile(_STRINGS + r"[\[\]{}]")}
_LONG_NUMBER = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_text(text: str, path: str | Path, comments: bool = True) -> None:
    """Refuse a too-large or too-deeply nested TOML/JSON text (InputError with a place)."""
    if len(text) > MAX_FILE_CHARS:
        raise InputError(f"the file is larger than {MAX_FILE_CHARS:,} characters", path=path,
                         line=1, column=1, hint="real project files are a few kilobytes")
    if text.count("[") + text.count("{") > MAX_NESTING:
        depth = 0
        for match in _TOKENS[comments].finditer(text):
            token = match.group(0)
            if token in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    line, column = _position(text, match.start())
                    raise InputError(f"brackets nest more than {MAX_NESTING} deep", path=path,
                                     line=line, column=column,
                                     hint="flatten the structure")
            elif token in "]}":
                depth = max(0, depth - 1)
    number = _LONG_NUMBER.search(text)
    if number:
        line, column = _position(text, number.start())
        raise InputError(f"a number has more than {MAX_DIGITS:,} digits", path=path,
                         line=line, column=column, hint="write it as text, in quotes")


def loads_json(text: str, path: str | Path) -> Any:
    """``json.loads`` with the limits above; a syntax error names its line and column."""
    check_text(text, path, comments=False)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        message, line, column = plain_json(exc.msg, text, exc.lineno, exc.colno)
        raise InputError(f"invalid JSON: {message}", path=path, line=line,
                         column=column, hint="fix the JSON syntax") from None
    except (ValueError, RecursionError) as exc:
        raise InputError(f"cannot read the JSON: {exc}", path=path, line=1,
                         column=1) from None
