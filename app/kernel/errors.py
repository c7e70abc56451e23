"""The exceptions the core raises, each able to say where the problem is.

    MissiveError            anything the user can act on; str() is one line
    ├── InputError          the input could not be used (missing file, bad TOML/JSON,
    │                       template syntax): the CLI exits 2
    └── ContentError        the input was read but the content is wrong (undefined
                            variable, sandbox violation, bad value): the CLI exits 1
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a source file; line and column are 1-based, 0 when unknown."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.path}:{self.line}:{self.column}"
        if self.line:
            return f"{self.path}:{self.line}"
        return self.path


class MissiveError(Exception):
    """An error a person can fix; ``str()`` gives one line naming the place and the fix."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int = 0,
        column: int = 0,
        hint: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = Location(str(path), line, column) if path is not None else None
        self.hint = hint

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{hint}"

    def to_dict(self) -> dict:
        """The error as JSON-ready data (file, line, column, message, hint)."""
        loc = self.location
        return {
            "file": loc.path if loc else None,
            "line": loc.line if loc else 0,
            "column": loc.column if loc else 0,
            "message": self.message,
            "hint": self.hint,
        }


class InputError(MissiveError):
    """The input could not be used: a missing file, bad TOML/JSON, a syntax error."""

    exit_code = 2


class ContentError(MissiveError):
    """The input was read, but rendering it failed: an undefined name, a sandbox refusal."""

    exit_code = 1
