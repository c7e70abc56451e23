"""Reading the project's TOML files with errors that name the file, line and column.

``tomllib`` reports syntax errors with a position but knows nothing of unknown keys;
:func:`find_key_line` finds where a key was written so that our own validation can
point at the line too.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..kernel.errors import InputError
from ..kernel.plain_syntax import plain_toml

_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_PART = r"""(?:"[^"]*"|'[^']*'|[A-Za-z0-9_-]+)"""
_KEY = re.compile(rf"^\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def read_text(path: Path) -> str:
    """Read a UTF-8 text file, turning a missing or undecodable file into an InputError;
    only a regular file of bounded size is read (never a FIFO or a device)."""
    from .project_files import read_project_text

    return read_project_text(path)


def parse_toml(text: str, path: Path | str) -> dict[str, Any]:
    """Parse TOML text; a syntax error becomes an InputError at its line and column."""
    from ..kernel.input_limits import check_text

    check_text(text, path)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg = str(exc)
        m = _POSITION.search(msg)
        line, col = (int(m.group(1)), int(m.group(2))) if m else (0, 0)
        if "(at end of document)" in msg:
            lines = text.rstrip("\n").splitlines() or [""]
            line, col = len(lines), len(lines[-1]) + 1
        msg = _POSITION.sub("", msg).replace("(at end of document)", "").strip()
        msg, line, col = plain_toml(msg, text, line, col)
        raise InputError(
            f"TOML syntax error: {msg}", path=path, line=line, column=col,
            hint="see docs/project-format.md",
        ) from None


def load_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Read and parse a TOML file; returns the data and the source text (for key lines)."""
    text = read_text(path)
    return parse_toml(text, path), text


def _split_dotted(s: str) -> list[str]:
    parts = re.findall(r'"[^"]*"|\'[^\']*\'|[^.\s]+', s)
    return [p.strip("\"'") for p in parts]


def find_key_line(text: str, key_path: Iterable[str]) -> int:
    """The 1-based line where the dotted key path is defined in TOML text, 0 if not found."""
    want = list(key_path)
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _split_dotted(header.group(1))
            if table == want:
                return number
            continue
        key = _KEY.match(line)
        if key and table + _split_dotted(key.group(1)) == want:
            return number
        if key and table + _split_dotted(key.group(1))[: len(want) - len(table)] == want:
            return number
    return 0


def reject_unknown_keys(
    data: Mapping[str, Any],
    allowed: Iterable[str],
    *,
    path: Path | str,
    text: str,
    table: tuple[str, ...] = (),
) -> None:
    """Raise an InputError at the line of the first key in ``data`` that is not allowed."""
    allowed = set(allowed)
    for key in data:
        if key not in allowed:
            where = ".".join((*table, key))
            raise InputError(
                f"unknown key '{where}'",
                path=path,
                line=find_key_line(text, (*table, key)),
                column=1,
                hint=f"allowed here: {', '.join(sorted(allowed))}",
            )


def expect_type(
    value: Any, kind: type | tuple[type, ...], *, key: tuple[str, ...], path: Path | str, text: str
) -> Any:
    """Return ``value`` if it has the expected type, else raise an InputError at its line."""
    if isinstance(value, bool) and kind is not bool and bool not in (
        kind if isinstance(kind, tuple) else (kind,)
    ):
        ok = False
    else:
        ok = isinstance(value, kind)
    if not ok:
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise InputError(
            f"'{'.'.join(key)}' must be a {_plain(names)}, not {_plain(type(value).__name__)}",
            path=path, line=find_key_line(text, key), column=1,
        )
    return value


def _plain(type_name: str) -> str:
    return {"str": "string", "int": "number", "float": "number", "list": "list",
            "dict": "table", "bool": "true/false"}.get(type_name, type_name)
