"""What each translation was made from: ``translations/<locale>.json`` in the project.

An import records, per unit, the hash of the source text the translator saw. When the
source changes later, the unit is *stale* until it is translated again. The file is
plain JSON, sorted, one unit a line: diffable and mergeable in git.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..workspace.atomic import atomic_write_text

if TYPE_CHECKING:
    from .units import Unit


def state_path(root: Path, locale: str) -> Path:
    """Where a locale's record lives."""
    return root / "translations" / f"{locale}.json"


def recorded_hashes(root: Path, locale: str) -> dict[str, str]:
    """Unit id → the source hash its translation was made from (empty if none)."""
    path = state_path(root, locale)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    units = data.get("units", {}) if isinstance(data, dict) else {}
    return {str(k): str(v) for k, v in units.items()} if isinstance(units, dict) else {}


def record(root: Path, locale: str, hashes: Mapping[str, str]) -> None:
    """Add or update units in the record (atomically)."""
    merged = recorded_hashes(root, locale) | dict(hashes)
    path = state_path(root, locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ",\n".join(f"    {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}"
                       for k, v in sorted(merged.items()))
    atomic_write_text(path, '{\n  "units": {\n' + lines + "\n  }\n}\n")


def baseline(root: Path, locale: str, units: Iterable[Unit]) -> None:
    """Record the source hash of every translated unit that has no record yet."""
    known = recorded_hashes(root, locale)
    fresh = {u.id: u.hash for u in units if u.state == "translated" and u.id not in known}
    if fresh:
        record(root, locale, fresh)
