"""Helpers for rule tests: edit a copy of the demo project, check it, pick findings."""

from __future__ import annotations

from pathlib import Path

from app.core.checks import Finding, run_checks
from app.core.project import Project


def edit(root: Path, rel: str, old: str, new: str) -> None:
    """Replace ``old`` (which must be present) by ``new`` in a project file."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def write(root: Path, rel: str, text: str) -> None:
    """Write a project file (creating folders)."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def findings(root: Path, rule: str, **selection: list[str]) -> list[Finding]:
    """The findings of ``rule`` when checking the project in ``root``."""
    report = run_checks(Project.load(root), **selection)
    return [f for f in report.findings if f.rule == rule]


def policy(root: Path, text: str) -> None:
    """Append settings to the project's policy.toml."""
    path = root / "policy.toml"
    path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
