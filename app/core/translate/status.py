"""How far each locale's translation is: per template, blocks by state."""

from __future__ import annotations

from collections import Counter

from ..project import Project
from .units import STATES, collect


def status(project: Project) -> list[dict[str, object]]:
    """One row per locale × template: translated, missing, identical and stale counts."""
    rows: list[dict[str, object]] = []
    for locale in project.config.locales:
        if locale == project.config.default_locale:
            continue
        by_template: dict[str, Counter[str]] = {}
        for unit in collect(project, locale):
            by_template.setdefault(unit.template, Counter())[unit.state] += 1
        for template, counts in sorted(by_template.items()):
            rows.append({"locale": locale, "template": template,
                         **{state: counts.get(state, 0) for state in STATES}})
    return rows
