"""Quick fixes: a finding may carry named edits of the source that make it go away.

A :class:`Fix` is a title in plain words and one or more :class:`Edit` — a span of a
project file (character offsets into its text as the check read it, unsaved text
included) and what to put there. The edit keeps the replaced text, so a fix whose
file changed since the check is refused instead of applied in the wrong place. Only
``safe`` fixes are applied by ``missive check --fix``; all can be offered in the studio.
Rules build fixes with :func:`replace` and :func:`replace_at`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..message_text import Message


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` at ``start``..``end`` of ``path`` (project-relative) by ``new``."""

    path: str
    start: int
    end: int
    old: str
    new: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        return {"path": self.path, "start": self.start, "end": self.end, "old": self.old,
                "new": self.new}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Edit:
        """Back from :meth:`to_dict` (the studio gets findings as dicts)."""
        return cls(str(data["path"]), int(data["start"]), int(data["end"]), str(data["old"]),
                   str(data["new"]))


@dataclass(frozen=True)
class Fix:
    """A named, previewable change: every edit is applied, or none."""

    title: str
    edits: tuple[Edit, ...]
    safe: bool = True

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``title_id``/``title_args`` to translate the title)."""
        out: dict[str, Any] = {"title": str(self.title), "safe": self.safe,
                               "edits": [e.to_dict() for e in self.edits]}
        if isinstance(self.title, Message):
            out["title_id"] = self.title.template
            out["title_args"] = {k: str(v) for k, v in self.title.args.items()}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fix:
        """Back from :meth:`to_dict`."""
        return cls(str(data["title"]), tuple(Edit.from_dict(e) for e in data["edits"]),
                   bool(data.get("safe", True)))

    @property
    def paths(self) -> list[str]:
        """The files the fix changes, in order."""
        return list(dict.fromkeys(e.path for e in self.edits))


def offset(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column in ``text``."""
    start = 0
    for _ in range(max(line, 1) - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(start + max(column, 1) - 1, len(text))


def replace(path: str, text: str, start: int, old: str, new: str) -> Edit:
    """An edit replacing ``old``, which must be at ``start`` in ``text``."""
    if text[start:start + len(old)] != old:
        raise ValueError(f"{old!r} is not at {start} in {path}")
    return Edit(path, start, start + len(old), old, new)


def replace_at(path: str, text: str, line: int, column: int, old: str, new: str) -> Edit | None:
    """An edit replacing ``old`` at (or, failing that, first after) a line and column."""
    start = offset(text, line, column)
    if text[start:start + len(old)] != old:
        start = text.find(old, offset(text, line, 1))
        if start < 0:
            return None
    return Edit(path, start, start + len(old), old, new)


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the edits applied (they must not overlap; checked against ``old``)."""
    out = text
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        if out[edit.start:edit.end] != edit.old:
            raise ValueError(f"{edit.path} changed since the check")
        out = out[:edit.start] + edit.new + out[edit.end:]
    return out


def unified_diff(path: str, before: str, after: str) -> str:
    """A ``diff -u`` of one file (``a/path`` → ``b/path``)."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True),
                                        after.splitlines(keepends=True),
                                        f"a/{path}", f"b/{path}"))


def fix_diff(fix: Fix, texts: Mapping[str, str]) -> str:
    """The fix as a unified diff against ``texts`` (path → current text)."""
    parts = []
    for path in fix.paths:
        before = texts[path]
        parts.append(unified_diff(path, before,
                                  apply_edits(before, [e for e in fix.edits if e.path == path])))
    return "".join(parts)
