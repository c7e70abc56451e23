"""Patterns in a bundle's variable schemas must match in bounded time.

A crafted manifest could give a variable ``"pattern": "^(a+)+$"``; checking a customer's
value against it backtracks exponentially and hangs the sending system. Python's ``re``
can't be interrupted, so a pattern is refused when the bundle is opened (export, verify,
render) unless it keeps to a subset that backtracks at most polynomially, with a low
degree:

- no back-references;
- no repetition inside a repetition (``(a+)+``, ``(a{1,3})*``);
- no alternation inside a repetition (``(a|ab)*``);
- no two open-ended repetitions in a row that can match the same characters (``\\d*\\d*``)
  unless a required character that the first can't match stands between them.

Values checked against a pattern are also limited to :data:`MAX_PATTERN_INPUT`
characters. The exporter's own patterns (:mod:`app.core.export.variables`) all qualify.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # typeshed describes re's private modules under their old names
    import sre_constants as _c
    import sre_parse as _parse
else:
    try:  # Python 3.11+
        from re import _constants as _c
        from re import _parser as _parse
    except ImportError:  # pragma: no cover - Python 3.10
        import sre_constants as _c
        import sre_parse as _parse

MAX_PATTERN_LENGTH = 1000
MAX_PATTERN_INPUT = 4096
_MANY = (_c.MAX_REPEAT, _c.MIN_REPEAT) + ((_c.POSSESSIVE_REPEAT,)
                                          if hasattr(_c, "POSSESSIVE_REPEAT") else ())
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
# The characters a class is tried on (ASCII, Latin-1 and a few of each script we send).
_ALPHABET = tuple(chr(i) for i in range(256)) + tuple("אב٣عé中\u2003\u2066\u200f\u2028")
_ALL = frozenset(_ALPHABET)
_CATEGORIES = {
    "DIGIT": str.isdigit, "SPACE": str.isspace,
    "WORD": lambda ch: ch.isalnum() or ch == "_",
    "LINEBREAK": lambda ch: ch == "\n",
}


class UnsafePattern(ValueError):
    """The pattern could take unbounded time to match; the message says why."""


def _category(code: Any) -> frozenset[str]:
    name = str(code).replace("CATEGORY_", "").replace("UNI_", "").replace("LOC_", "")
    negate = name.startswith("NOT_")
    test = _CATEGORIES.get(name.removeprefix("NOT_"), lambda ch: True)
    return frozenset(ch for ch in _ALPHABET if bool(test(ch)) != negate)


def _in_set(items: list[tuple[Any, Any]]) -> frozenset[str]:
    chars: set[str] = set()
    negate = False
    for op, arg in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            chars.add(chr(arg))
        elif op is _c.RANGE:
            chars |= {ch for ch in _ALPHABET if arg[0] <= ord(ch) <= arg[1]}
        elif op is _c.CATEGORY:
            chars |= _category(arg)
        else:
            return _ALL
    return _ALL - chars if negate else frozenset(chars)


class _Checker:
    def __init__(self, ignore_case: bool) -> None:
        self.ignore_case = ignore_case

    def chars(self, op: Any, arg: Any) -> frozenset[str] | None:
        """The characters a one-character item matches; None for anything longer."""
        if op is _c.LITERAL:
            found = frozenset(chr(arg))
        elif op is _c.NOT_LITERAL:
            found = _ALL - {chr(arg)}
        elif op is _c.ANY:
            found = _ALL
        elif op is _c.IN:
            found = _in_set(arg)
        else:
            return None
        if self.ignore_case:
            found = found | {ch.swapcase() for ch in found}
        return found

    def consumed(self, seq: Any) -> frozenset[str]:
        """Every character the items of ``seq`` can match."""
        out: set[str] = set()
        for op, arg in seq:
            single = self.chars(op, arg)
            if single is not None:
                out |= single
            elif op in _MANY:
                out |= self.consumed(arg[2])
            elif op is _c.SUBPATTERN:
                out |= self.consumed(arg[-1])
            elif op is _c.BRANCH:
                for alt in arg[1]:
                    out |= self.consumed(alt)
            elif hasattr(_c, "ATOMIC_GROUP") and op is _c.ATOMIC_GROUP:
                out |= self.consumed(arg)
        return frozenset(out)

    def no_nesting(self, seq: Any) -> None:
        """Inside a repetition: no other repetition, alternation or back-reference."""
        for op, arg in seq:
            if op in _MANY and arg[1] > 1:
                raise UnsafePattern("a repetition inside a repetition, such as (a+)+")
            if op is _c.BRANCH:
                raise UnsafePattern("an alternation inside a repetition, such as (a|ab)*")
            for inner in _children(op, arg):
                self.no_nesting(inner)

    def sequence(self, seq: Any, open_: list[frozenset[str]]) -> list[frozenset[str]]:
        """Walk ``seq`` with the characters open-ended repetitions could still take."""
        for op, arg in seq:
            if op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
                raise UnsafePattern("a back-reference")
            if op in _ZERO_WIDTH:
                for inner in _children(op, arg):
                    self.sequence(inner, [])
                continue
            single = self.chars(op, arg)
            if single is not None:
                open_ = [s for s in open_ if s & single]  # a required character closes
                continue
            if op is _c.SUBPATTERN:
                open_ = self.sequence(arg[-1], open_)
            elif op is _c.BRANCH:
                merged: list[frozenset[str]] = []
                for alt in arg[1]:
                    merged += self.sequence(alt, list(open_))
                open_ = merged
            elif op in _MANY:
                low, high, body = arg
                if high <= 1:
                    taken = self.sequence(body, list(open_))
                    open_ = taken if low >= 1 else open_ + taken
                    continue
                self.no_nesting(body)
                first = self.consumed(body)
                if low >= 1:
                    open_ = [s for s in open_ if s & first]
                if high == _c.MAXREPEAT or high > 1:
                    if any(s & first for s in open_):
                        raise UnsafePattern("two repetitions in a row that can match the "
                                            "same characters, such as \\d*\\d*")
                    open_ = [*open_, first]
            else:
                for inner in _children(op, arg):
                    open_ = self.sequence(inner, open_)
        return open_


def _children(op: Any, arg: Any) -> Iterator[Any]:
    if op is _c.SUBPATTERN:
        yield arg[-1]
    elif op is _c.BRANCH:
        yield from arg[1]
    elif op in _MANY:
        yield arg[2]
    elif op in (_c.ASSERT, _c.ASSERT_NOT):
        yield arg[1]
    elif hasattr(_c, "ATOMIC_GROUP") and op is _c.ATOMIC_GROUP:
        yield arg
    elif op is _c.GROUPREF_EXISTS:
        raise UnsafePattern("a back-reference")


@lru_cache(maxsize=256)
def check_pattern(pattern: str) -> None:
    """Raise UnsafePattern unless ``pattern`` is in the bounded-time subset above."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"longer than {MAX_PATTERN_LENGTH} characters")
    try:
        parsed = _parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise UnsafePattern(f"not a valid pattern ({exc})") from None
    flags = getattr(parsed.state, "flags", 0)
    _Checker(bool(flags & re.IGNORECASE)).sequence(parsed.data, [])


def schema_patterns(schema: Any, where: str) -> Iterator[tuple[str, str]]:
    """Every ``pattern`` and ``patternProperties`` key in a schema, with where it is."""
    if isinstance(schema, dict):
        if isinstance(schema.get("pattern"), str):
            yield where, schema["pattern"]
        for key in schema.get("patternProperties", {}) or {}:
            if isinstance(key, str):
                yield f"{where}.patternProperties", key
        for key, value in schema.items():
            yield from schema_patterns(value, f"{where}.{key}")
    elif isinstance(schema, list):
        for index, value in enumerate(schema):
            yield from schema_patterns(value, f"{where}[{index}]")
