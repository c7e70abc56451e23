"""The review grid's shape, headless: which template × locale × channel cells exist,
how they are laid out (templates as rows, or as columns), and which templates a
filter keeps.

The studio's review view draws what these functions compute; the tests check them
without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...kernel.channels import channel_names
from ..project import Project

FILTERS = ("all", "needs_review", "changed_since_approval")
NEEDS_REVIEW = frozenset({"unreviewed", "changes_requested", "changed_since_approval"})


@dataclass(frozen=True)
class Cell:
    """One variant a reviewer looks at."""

    template: str
    locale: str
    channel: str


@dataclass(frozen=True)
class Axis:
    """One row or column: a template, or a locale × channel pair."""

    template: str = ""
    locale: str = ""
    channel: str = ""

    @property
    def is_template(self) -> bool:
        """Whether this row or column stands for a template."""
        return bool(self.template)


def variant_axes(project: Project) -> list[Axis]:
    """Every locale × channel pair some template has, locale first."""
    channels = [c for c in channel_names()
                if any(c in t.channels for t in project.templates.values())]
    return [Axis(locale=loc, channel=ch) for loc in project.config.locales for ch in channels]


def grid_axes(project: Project, templates_as_rows: bool = True
              ) -> tuple[list[Axis], list[Axis]]:
    """The rows and the columns of the grid."""
    templates = [Axis(template=t) for t in sorted(project.templates)]
    variants = variant_axes(project)
    return (templates, variants) if templates_as_rows else (variants, templates)


def cell_at(project: Project, row: Axis, column: Axis) -> Cell | None:
    """The cell where a row and a column meet (None when the template lacks the channel)."""
    template, variant = (row, column) if row.is_template else (column, row)
    spec = project.templates.get(template.template)
    if spec is None or variant.channel not in spec.channels:
        return None
    return Cell(template.template, variant.locale, variant.channel)


def all_cells(project: Project) -> list[Cell]:
    """Every cell of the grid, template by template."""
    rows, columns = grid_axes(project)
    return [c for r in rows for col in columns if (c := cell_at(project, r, col))]


def keeps(state: str, review_filter: str) -> bool:
    """Whether a template in ``state`` is shown under ``review_filter``."""
    if review_filter == "needs_review":
        return state in NEEDS_REVIEW
    if review_filter == "changed_since_approval":
        return state == "changed_since_approval"
    return True
