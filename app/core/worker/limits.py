"""How much one render may use in the bounded worker: CPU seconds, memory, output size.

The defaults hold for every project; a project may change them in ``policy.toml``::

    [limits]
    render_seconds = 2      # CPU time of one render (or one variant's checks)
    render_memory_mb = 512  # memory the worker may grow by
    output_mb = 8           # largest result a render may hand back

The runtime's caller passes :class:`Limits` to :class:`app.runtime.BoundedRenderer`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ...kernel.errors import InputError

_KEYS = {"render_seconds": "cpu_seconds", "render_memory_mb": "memory_mb",
         "output_mb": "output_mb"}
_RANGES = {"render_seconds": (0.5, 600.0), "render_memory_mb": (64, 65536),
           "output_mb": (1, 1024)}


@dataclass(frozen=True)
class Limits:
    """What one render may use before the worker stops it."""

    cpu_seconds: float = 2.0
    memory_mb: int = 512
    output_mb: int = 8

    @property
    def wall_seconds(self) -> float:
        """How long the parent waits in real time (a loaded machine runs slower than
        CPU time; a render blocked on something never uses CPU at all)."""
        return max(self.cpu_seconds + 2, self.cpu_seconds * 1.5)

    def describe(self) -> str:
        """``2 s / 512 MB`` for messages."""
        seconds = f"{self.cpu_seconds:g}"
        return f"{seconds} s / {self.memory_mb} MB"


DEFAULT_LIMITS = Limits()


def limits_from_table(table: Any, path: Path, text: str = "") -> Limits:
    """The ``[limits]`` table of policy.toml as Limits; bad keys or values name the line."""
    from ..tomlfile import find_key_line

    if table is None:
        return DEFAULT_LIMITS
    if not isinstance(table, dict):
        raise InputError("'limits' must be a table", path=path,
                         line=find_key_line(text, ("limits",)), column=1)
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = find_key_line(text, ("limits", key))
        if key not in _KEYS:
            raise InputError(f"unknown key '{key}' in [limits]", path=path, line=line,
                             column=1, hint=f"allowed: {', '.join(_KEYS)}")
        low, high = _RANGES[key]
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not low <= value <= high:
            raise InputError(f"'limits.{key}' must be a number from {low:g} to {high:g}",
                             path=path, line=line, column=1)
        values[_KEYS[key]] = value if key == "render_seconds" else int(value)
    return replace(DEFAULT_LIMITS, **values)


def project_limits(policy_path: Path) -> Limits:
    """The limits a project's policy.toml sets (the defaults when it sets none)."""
    from ..tomlfile import load_toml

    if not policy_path.is_file():
        return DEFAULT_LIMITS
    data, text = load_toml(policy_path)
    return limits_from_table(data.get("limits"), policy_path, text)
