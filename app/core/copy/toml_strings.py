"""Where a TOML file writes its string values, and how to write a new value in place.

``tomllib`` gives values, not positions. This scanner walks the file once (comments,
table headers, multi-line strings and arrays included), records the exact span of every
``key = "string"`` and decodes it; :func:`encode` writes a new value in the literal's own
style (basic, literal, multi-line), switching style only when the text needs it, so a
write replaces only that literal's characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KEY = re.compile(r"""[ \t]*((?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+)"""
                  r"""(?:[ \t]*\.[ \t]*(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+))*)[ \t]*=[ \t]*""")
_HEADER = re.compile(r"[ \t]*(\[\[?)[ \t]*([^\]\n]+?)[ \t]*\]\]?")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


@dataclass(frozen=True)
class TomlString:
    """A string value: its key path (array-of-tables entries as ``buttons[0]``), the
    literal's span (quotes included), its style and decoded value."""

    key: tuple[str, ...]
    start: int
    end: int
    style: str  # basic | ml_basic | literal | ml_literal
    value: str
    leading_newline: bool = False


def _key_parts(raw: str) -> list[str]:
    return [p.strip("\"'") for p in re.findall(r'"[^"]*"|\'[^\']*\'|[^.\s]+', raw)]


def _decode_basic(body: str, multiline: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1] if i + 1 < len(body) else ""
        if nxt in _ESCAPES:
            out.append(_ESCAPES[nxt])
            i += 2
        elif nxt in ("u", "U"):
            width = 4 if nxt == "u" else 8
            out.append(chr(int(body[i + 2:i + 2 + width], 16)))
            i += 2 + width
        elif multiline and re.match(r"\\[ \t]*\r?\n", body[i:]):
            i += 1
            while i < len(body) and body[i] in " \t\r\n":
                i += 1
        else:
            raise ValueError(f"bad escape \\{nxt}")
    return "".join(out)


def _read_string(text: str, pos: int) -> tuple[int, str, str, bool] | None:
    """At a string literal starting at ``pos``: (end, style, value, leading newline)."""
    for delim, style in (('"""', "ml_basic"), ("'''", "ml_literal"), ('"', "basic"),
                         ("'", "literal")):
        if not text.startswith(delim, pos):
            continue
        i = pos + len(delim)
        body_start = i
        while i < len(text):
            if style in ("basic", "ml_basic") and text[i] == "\\":
                i += 2
                continue
            if text.startswith(delim, i):
                # A closing run may hold up to two more quotes that belong to the value.
                if style.startswith("ml"):
                    while text.startswith(delim, i + 1) and i + 1 - body_start < len(text):
                        i += 1
                break
            if not style.startswith("ml") and text[i] == "\n":
                return None
            i += 1
        else:
            return None
        body = text[body_start:i]
        lead = False
        if style.startswith("ml") and body.startswith(("\n", "\r\n")):
            lead = True
            body = body[1:] if body.startswith("\n") else body[2:]
        value = _decode_basic(body, style == "ml_basic") if "basic" in style else body
        return i + len(delim), style, value, lead
    return None


def _skip_value(text: str, pos: int) -> int:
    """The end of a non-string value (arrays and inline tables may span lines)."""
    depth = 0
    i = pos
    while i < len(text):
        ch = text[i]
        if ch in "\"'":
            read = _read_string(text, i)
            i = read[0] if read else i + 1
            continue
        if ch == "#":
            while i < len(text) and text[i] != "\n":
                i += 1
            continue
        if ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
        elif ch == "\n" and depth <= 0:
            return i
        i += 1
    return i


def find_strings(text: str) -> list[TomlString]:
    """Every ``key = string`` of the file (top level and in tables), in file order."""
    found: list[TomlString] = []
    table: list[str] = []
    arrays: dict[tuple[str, ...], int] = {}
    pos = 0
    while pos < len(text):
        eol = text.find("\n", pos)
        eol = len(text) if eol < 0 else eol
        line = text[pos:eol]
        stripped = line.strip()
        header = _HEADER.match(line)
        if not stripped or stripped.startswith("#"):
            pos = eol + 1
        elif header:
            name = tuple(_key_parts(header.group(2)))
            if header.group(1) == "[[":
                arrays[name] = arrays.get(name, -1) + 1
                table = [*name[:-1], f"{name[-1]}[{arrays[name]}]"]
            else:
                table = list(name)
            pos = eol + 1
        else:
            key = _KEY.match(text, pos)
            if not key:
                pos = eol + 1
                continue
            start = key.end()
            read = _read_string(text, start)
            if read:
                end, style, value, lead = read
                found.append(TomlString((*table, *_key_parts(key.group(1))), start, end,
                                        style, value, lead))
                nl = text.find("\n", end)
                pos = len(text) if nl < 0 else nl + 1
            else:
                pos = _skip_value(text, start) + 1
    return found


def _control(ch: str, allowed: str) -> bool:
    return (ord(ch) < 0x20 or ord(ch) == 0x7F) and ch not in allowed


def _escape_basic(value: str, multiline: bool) -> str:
    out: list[str] = []
    for i, ch in enumerate(value):
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"' and (not multiline or i + 1 == len(value) or value[i + 1] == '"'):
            out.append('\\"')
        elif ch == "\n" and multiline:
            out.append("\n")
        elif ch == "\t":
            out.append("\t" if multiline else "\\t")
        elif _control(ch, ""):
            out.append({"\n": "\\n", "\r": "\\r", "\b": "\\b", "\f": "\\f"}.get(
                ch, f"\\u{ord(ch):04X}"))
        else:
            out.append(ch)
    return "".join(out)


def encode(value: str, style: str, leading_newline: bool = False) -> str:
    """``value`` as a TOML literal, in ``style`` when that style can hold it."""
    multiline = "\n" in value
    if style == "literal" and not multiline and "'" not in value and \
            not any(_control(c, "\t") for c in value):
        return f"'{value}'"
    if style == "ml_literal" and "'''" not in value and not value.endswith("'") and \
            not any(_control(c, "\t\n") for c in value):
        return "'''" + ("\n" if leading_newline or value.startswith("\n") else "") + value + "'''"
    if style in ("ml_basic", "ml_literal") or multiline:
        lead = "\n" if leading_newline or value.startswith("\n") else ""
        return '"""' + lead + _escape_basic(value, True) + '"""'
    return '"' + _escape_basic(value, False) + '"'
