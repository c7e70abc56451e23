"""The review grid's cells, locale groups and thumbnail fit: which cell is where, one tab
per locale (and "All"), the thumbnails grown or shrunk to the columns shown and the width.

A mixin of :class:`~app.ui.review.view.ReviewView` (it uses the view's table and tabs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize

from ...core.devices import DEFAULT_DEVICE
from ...core.project import Project
from ...core.workspace.review_grid import Cell, cell_at
from ..i18n import _
from .grid_fit import apply_sizes, columns_fit, fit_zoom
from .thumbnail import thumbnail_size

if TYPE_CHECKING:
    from .view import ReviewView


class GridGroups:
    """Cells, locale groups and fitting (see :class:`ReviewView`)."""

    def _fill_groups(self: ReviewView, project: Project, base: QSize) -> None:
        """One tab per locale and "All"; when every column doesn't fit, start on the
        first locale's (or keep the chosen one)."""
        locales = list(project.config.locales)
        self.groups.blockSignals(True)
        while self.groups.count():
            self.groups.removeTab(0)
        self.groups.addTab(_("All locales"))
        self.groups.setTabData(0, "")
        for locale in locales:
            index = self.groups.addTab(locale)
            self.groups.setTabData(index, locale)
        variants = self.columns if self.rows and self.rows[0].is_template else []
        fits = columns_fit(self.table, len(variants), base)
        if self._group not in locales:
            self._group = "" if fits or not locales else locales[0]
        self.groups.setCurrentIndex(locales.index(self._group) + 1 if self._group else 0)
        self.groups.blockSignals(False)

    def _on_group(self: ReviewView, index: int) -> None:
        self._group = self.groups.tabData(index) or ""
        self.apply_filter()
        self.refit()

    def refit(self: ReviewView) -> None:
        """Grow or shrink the thumbnails to the visible columns and the width."""
        base = thumbnail_size(self.device.currentData() or DEFAULT_DEVICE)
        zoom = fit_zoom(self.table, base)
        if abs(zoom - self.zoom) < 0.04 and zoom >= self.zoom:  # shrinking: always
            return
        self.zoom = zoom
        apply_sizes(self.table, base, zoom)
        for cell in self.cells():
            self._paint(cell)

    def set_group(self: ReviewView, locale: str) -> None:
        """Show only ``locale``'s columns (or rows); "" shows every locale."""
        for index in range(self.groups.count()):
            if (self.groups.tabData(index) or "") == locale:
                self.groups.setCurrentIndex(index)
                return

    def cell(self: ReviewView, row: int, column: int) -> Cell | None:
        """The cell at a grid position (None where the template lacks the channel)."""
        project = self._project()
        if project is None or row < 0 or column < 0 or row >= len(self.rows) \
                or column >= len(self.columns):
            return None
        return cell_at(project, self.rows[row], self.columns[column])

    def cells(self: ReviewView) -> list[Cell]:
        """Every cell of the grid."""
        return [c for r in range(len(self.rows)) for col in range(len(self.columns))
                if (c := self.cell(r, col)) is not None]

    def position(self: ReviewView, cell: Cell) -> tuple[int, int]:
        """The row and column of a cell."""
        for r in range(len(self.rows)):
            for c in range(len(self.columns)):
                if self.cell(r, c) == cell:
                    return r, c
        raise KeyError(cell)

    def current_cell(self: ReviewView) -> Cell | None:
        """The chosen cell."""
        return self.cell(self.table.currentRow(), self.table.currentColumn())

    def state(self: ReviewView, template: str) -> str:
        """A template's review state ("" while not known)."""
        status = self.statuses.get(template)
        return status.state if status else ""

    def cell_state(self: ReviewView, cell: Cell) -> str:
        """The state of the cell's part (its locale × channel), else the template's."""
        status = self.statuses.get(cell.template)
        if status is None:
            return ""
        part = next((p for p in status.parts
                     if p.locale == cell.locale and p.channel == cell.channel), None)
        return part.state if part else status.state

    def cell_text(self: ReviewView, cell: Cell) -> str:
        """What a cell says in words (its tooltip): variant, state and findings."""
        item = self.table.item(*self.position(cell))
        return item.toolTip() if item is not None else ""
