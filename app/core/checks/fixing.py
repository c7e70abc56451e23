"""Applying quick fixes to a project: ``missive check --fix`` and ``--diff``.

Fixes are gathered from a check run, the safe ones (of one rule, if asked) applied
without overlapping each other, and the project checked again — a fix can reveal the
next one, as a renamed variable reveals its missing filter — until nothing changes
(a few rounds at most). ``--diff`` does one round in memory and writes nothing.
Files are written atomically; a file that changed since the check is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..project import Project
from ..workspace.atomic import atomic_write_text
from .engine import run_checks
from .fixes import Fix, apply_edits, unified_diff
from .model import Finding, Report

MAX_ROUNDS = 4


@dataclass
class FixRun:
    """What a fix run did: the fixes applied (with their findings), each file's diff,
    and the report of the last check."""

    applied: list[tuple[Finding, Fix]] = field(default_factory=list)
    diffs: dict[str, str] = field(default_factory=dict)
    report: Report = field(default_factory=Report)


def choose_fixes(report: Report, rule: str | None = None,
                 safe_only: bool = True) -> list[tuple[Finding, Fix]]:
    """The first fix of each finding (of ``rule``), without two that touch the same text."""
    chosen: list[tuple[Finding, Fix]] = []
    taken: dict[str, list[tuple[int, int]]] = {}
    for finding in report.findings:
        if rule and finding.rule != rule:
            continue
        for fix in finding.fixes:
            if safe_only and not fix.safe:
                continue
            if any(_overlaps(taken.get(e.path, []), e.start, e.end) for e in fix.edits):
                continue
            for e in fix.edits:
                taken.setdefault(e.path, []).append((e.start, e.end))
            chosen.append((finding, fix))
            break
    return chosen


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    # Two edits starting at one point overlap too: their order would be arbitrary.
    return any(start == a or not (end <= a or b <= start) for a, b in spans)


def apply_to_texts(texts: dict[str, str], fixes: list[tuple[Finding, Fix]]
                   ) -> tuple[dict[str, str], list[tuple[Finding, Fix]]]:
    """New texts for the files the fixes touch; fixes whose text changed are dropped."""
    applied = []
    edits: dict[str, list] = {}
    for finding, fix in fixes:
        if all(texts.get(e.path, "\0")[e.start:e.end] == e.old for e in fix.edits):
            applied.append((finding, fix))
            for e in fix.edits:
                edits.setdefault(e.path, []).append(e)
    return {path: apply_edits(texts[path], found) for path, found in edits.items()}, applied


def fix_project(root: Path, *, rule: str | None = None, write: bool = True,
                check: Callable[[Project], Report] | None = None) -> FixRun:
    """Apply the safe fixes to the project in ``root`` (or, with ``write=False``, only
    compute their diffs); returns what was done and the final report."""
    check = check or (lambda project: run_checks(project))
    run = FixRun()
    originals: dict[str, str] = {}
    for _round in range(MAX_ROUNDS if write else 1):
        project = Project.load(root)
        report = check(project)
        run.report = report
        chosen = choose_fixes(report, rule)
        if not chosen:
            break
        texts = {}
        for path in {e.path for _f, fix in chosen for e in fix.edits}:
            try:
                texts[path] = (root / path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
        changed, applied = apply_to_texts(texts, chosen)
        if not applied:
            break
        run.applied += applied
        for path, text in changed.items():
            originals.setdefault(path, texts[path])
            if write:
                atomic_write_text(root / path, text)
        if not write:
            run.diffs = {p: unified_diff(p, texts[p], t) for p, t in sorted(changed.items())}
            return run
    else:
        run.report = check(Project.load(root))
    for path, before in sorted(originals.items()):
        run.diffs[path] = unified_diff(path, before, (root / path).read_text(encoding="utf-8"))
    return run
