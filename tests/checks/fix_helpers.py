"""Helpers for quick-fix tests: apply a finding's fix to the real files, as --fix does."""

from __future__ import annotations

from pathlib import Path

from app.core.checks import Finding
from app.core.checks.fixes import Fix, apply_edits


def apply_fix(root: Path, finding: Finding, index: int = 0) -> Fix:
    """Write the finding's fix into the project files; returns the fix."""
    assert finding.fixes, f"{finding.rule} has no fix: {finding.message}"
    fix = finding.fixes[index]
    for path in fix.paths:
        file = root / path
        file.write_text(apply_edits(file.read_text(encoding="utf-8"),
                                    [e for e in fix.edits if e.path == path]), encoding="utf-8")
    return fix
