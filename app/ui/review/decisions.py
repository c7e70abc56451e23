"""The review view's decisions: approve or request changes for a part, and "what changed".

A mixin of :class:`~app.ui.review.view.ReviewView` (it uses the view's widgets); the
store does the work (:class:`app.core.review.ReviewStore`), off the GUI thread where it
renders.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from ...core.devices import DEFAULT_DEVICE
from ...core.review import ReviewStore
from ...core.workspace.review_grid import Cell
from ...core.workspace.selection import best_sample
from ...kernel.errors import MissiveError
from ..background import run_in_background
from .labels import load_statuses

if TYPE_CHECKING:
    from .view import ReviewView


class ReviewDecisions:
    """Approve, request changes, show what changed (see :class:`ReviewView`)."""

    def decide(self: ReviewView, decision: str, template: str = "") -> bool:
        """Approve or request changes for a template with the note; False if not done."""
        project = self._project()
        template = template or self.current_template()
        if project is None or not template:
            return False
        who = self._who()
        if not who:
            return False
        store = ReviewStore(project)
        cell = self.current_cell()
        locale, channel = self.controls.part_of(cell.locale if cell else "",
                                                cell.channel if cell else "")
        key = self._signing_key() if self.controls.sign.isChecked() else ""
        sign = {"sign_with": Path(key)} if key else {}
        try:
            if decision == "approve":
                status = store.approve(template, who, self.note.text().strip(), locale=locale,
                                       channel=channel,
                                       override_errors=self.controls.override.text(), **sign)
            else:
                status = store.request_changes(template, who, self.note.text().strip(),
                                               locale=locale, channel=channel, **sign)
        except MissiveError as exc:
            self.status_label.setText(escape(str(exc)))
            return False
        self.note.clear()
        self.controls.override.clear()
        self._load_signatures(project)
        self.statuses[template] = status
        self._on_statuses(dict(self.statuses), self._status_generation)
        self.sig_reviewed.emit(template)
        return True

    def show_changes(self: ReviewView, template: str = "") -> None:
        """Open the "What changed" dialog (the diffs are computed in a worker)."""
        from .changes_dialog import ChangesDialog

        project = self._project()
        template = template or self.current_template()
        if project is None or not template:
            return

        def show(changes: object) -> None:
            self.changes_dialog = ChangesDialog(template, changes, self)
            self.changes_dialog.open()

        run_in_background(lambda: ReviewStore(project).changes(template), on_done=show,
                          on_error=lambda exc: self.status_label.setText(str(exc)),
                          context=self)

    def open_cell(self: ReviewView, cell: Cell | None) -> None:
        """Ask the window for the full preview of a cell."""
        project = self._project()
        if cell is None or project is None:
            return
        sample = self.sample.currentData() or best_sample(project, cell.locale)
        self.sig_open.emit(cell.template, cell.locale, cell.channel, sample,
                           self.device.currentData() or DEFAULT_DEVICE)

    def _on_commented(self: ReviewView, template: str) -> None:
        self.sig_reviewed.emit(template)
        self.refresh_states()

    def refresh_states(self: ReviewView) -> None:
        """Read the review states again (not the thumbnails)."""
        project = self._project()
        if project is None:
            return
        self._status_generation += 1
        generation = self._status_generation
        run_in_background(load_statuses, project,
                          on_done=lambda s: self._on_statuses(s, generation),
                          on_error=lambda e: self._on_status_error(e, generation),
                          context=self)
        self._load_signatures(project)
