"""The review view: every template × locale × channel as a thumbnail with its findings
count, each template's review state, approve / request changes, what changed, and the
comment threads of the chosen cell.

Thumbnails come from the same preview job as the editor's preview (render, then check),
run by a :class:`~app.ui.render_service.RenderService` of its own, one slot per cell.
Review states are computed by :class:`app.core.review.ReviewStore` in a worker thread
(hashing renders every variant). Nothing here blocks the GUI thread on the project.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTabBar,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.devices import DEFAULT_DEVICE
from ...core.project import Project
from ...core.review import TemplateReview
from ...core.workspace import PreviewRequest, PreviewResult
from ...core.workspace.review_grid import Axis, Cell, grid_axes, keeps
from ...core.workspace.selection import best_sample
from ..background import run_in_background
from ..i18n import _, channel_label, is_rtl
from ..preview.devices import DEVICES, device_label
from ..render_service import RenderService
from .comments import CommentsPanel, short_time
from .decision_panel import ZOOM, DecisionControls, parts_text
from .decisions import ReviewDecisions
from .grid_fit import apply_sizes, fit_zoom
from .grid_groups import GridGroups
from .hover_zoom import HOVER_ZOOM, HoverZoom
from .labels import (
    FILTER_LABELS,
    ROLE,
    cell_item,
    findings_summary,
    header_item,
    load_signatures,
    load_statuses,
    state_label,
    template_label,
)
from .snapshots import EmailSnapshotter
from .thumbnail import STATE_COLORS, draw_thumbnail, thumbnail_size


class ReviewView(ReviewDecisions, GridGroups, QWidget):
    """The grid and the reviewer's controls.

    ``project()`` and ``overlay()`` give the loaded project and the editors' unsaved text;
    ``who()`` the reviewer's name (it may ask). ``sig_open(template, locale, channel,
    sample, device)`` asks the window to show a cell's full preview; ``sig_reviewed``
    says a template's review or comments changed; ``sig_filled`` that every thumbnail is
    drawn and every state known.
    """

    sig_open = Signal(str, str, str, str, str)
    sig_reviewed = Signal(str)
    sig_filled = Signal()

    def __init__(self, project: Callable[[], Project | None],
                 overlay: Callable[[], dict[str, str]], who: Callable[[], str | None],
                 parent: QWidget | None = None,
                 signing_key: Callable[[], str] | None = None,
                 preferred: Callable[[], tuple[str, str, str]] | None = None) -> None:
        super().__init__(parent)
        self._project = project
        self._overlay = overlay
        self._who = who
        self._signing_key = signing_key or (lambda: "")
        self._preferred = preferred or (lambda: ("", "", ""))
        self.signatures: dict = {}  # decision id → SignatureCheck
        self._group = ""             # the locale whose columns are shown ("" = all)
        self.statuses: dict[str, TemplateReview] = {}
        self.results: dict[Cell, PreviewResult] = {}
        self.findings: dict[Cell, list[dict]] = {}
        self.pictures: dict[Cell, QImage] = {}
        self.snapshotter = EmailSnapshotter(self)
        self.snapshotter.sig_snapshot.connect(self._on_snapshot)
        self.snapshotter.sig_idle.connect(self._report_progress)
        self.rows: list[Axis] = []
        self.columns: list[Axis] = []
        self._status_generation = 0
        self._states_pending = False
        self._dirty = True
        self.render = RenderService(self._requests, delay_ms=250, parent=self)
        self.render.sig_rendered.connect(self._on_rendered)
        self.render.sig_checked.connect(self._on_checked)
        self._refresh_timer = QTimer(self, singleShot=True, interval=300)
        self._refresh_timer.timeout.connect(self.refresh)
        self.zoom = 1.0
        self._refit_timer = QTimer(self, singleShot=True, interval=150)
        self._refit_timer.timeout.connect(self.refit)
        self._build()

    # -- construction ----------------------------------------------------------------
    def _build(self) -> None:
        self.orientation = QComboBox(self)
        self.orientation.setObjectName("reviewRows")
        self.orientation.addItem(_("Templates as rows"), True)
        self.orientation.addItem(_("Locales × channels as rows"), False)
        self.sample = QComboBox(self)
        self.sample.setObjectName("reviewSample")
        self.device = QComboBox(self)
        self.device.setObjectName("reviewDevice")
        for key, device in DEVICES.items():
            self.device.addItem(device_label(device), key)
        self.filter = QComboBox(self)
        self.filter.setObjectName("reviewFilter")
        for key, label in FILTER_LABELS.items():
            self.filter.addItem(_(label), key)
        refresh = QPushButton(_("Refresh"), self)
        refresh.clicked.connect(self.refresh)
        self.orientation.activated.connect(lambda _i: self._lay_out())
        self.sample.activated.connect(lambda _i: self._rerender())
        self.device.activated.connect(lambda _i: self._lay_out())
        self.filter.activated.connect(lambda _i: self.apply_filter())
        bar = QHBoxLayout()
        for label, widget in ((_("Rows"), self.orientation), (_("Sample"), self.sample),
                              (_("Device"), self.device), (_("Show"), self.filter)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
            bar.addSpacing(8)
        bar.addStretch(1)
        self.progress = QLabel(self)
        bar.addWidget(self.progress)
        bar.addWidget(refresh)
        # Columns by locale: at 1600 px all nine don't fit, so one locale's group is shown
        # at a time (its tab), or every column when there is room ("All").
        self.groups = QTabBar(self)
        self.groups.setObjectName("reviewGroups")
        self.groups.setDrawBase(False)
        self.groups.setExpanding(False)
        self.groups.currentChanged.connect(self._on_group)
        self.table = QTableWidget(self)
        self.table.setObjectName("reviewGrid")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.currentCellChanged.connect(lambda *_a: self._on_current())
        self.table.cellActivated.connect(lambda r, c: self.open_cell(self.cell(r, c)))
        self.table.cellDoubleClicked.connect(lambda r, c: self.open_cell(self.cell(r, c)))
        self.hover = HoverZoom(self.table, lambda r, c: self.zoomed(self.cell(r, c),
                                                                    HOVER_ZOOM))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self._side_panel())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([1000, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.groups)
        layout.addWidget(splitter, 1)

    def _side_panel(self) -> QWidget:
        panel = QWidget(self)
        self.controls = DecisionControls(panel)
        self.status_label = QLabel(panel)
        self.status_label.setObjectName("reviewStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLineEdit(panel)
        self.note.setObjectName("reviewNote")
        self.note.setPlaceholderText(_("Note (optional)"))
        self.approve_button = QPushButton(_("Approve"), panel)
        self.request_button = QPushButton(_("Request changes"), panel)
        self.changes_button = QPushButton(_("What changed…"), panel)
        self.open_button = QPushButton(_("Open preview"), panel)
        self.approve_button.clicked.connect(lambda: self.decide("approve"))
        self.request_button.clicked.connect(lambda: self.decide("request_changes"))
        self.changes_button.clicked.connect(self.show_changes)
        self.open_button.clicked.connect(lambda: self.open_cell(self.current_cell()))
        decisions = QHBoxLayout()
        for button in (self.approve_button, self.request_button):
            decisions.addWidget(button)
        more = QHBoxLayout()
        for button in (self.changes_button, self.open_button):
            more.addWidget(button)
        scope = QHBoxLayout()
        scope.addWidget(self.controls.scope, 1)
        scope.addWidget(self.controls.sign)
        self.comments = CommentsPanel(self._who, panel)
        self.comments.sig_changed.connect(self._on_commented)
        lower = QWidget(panel)
        layout = QVBoxLayout(lower)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.status_label)
        layout.addWidget(self.controls.parts)
        layout.addLayout(scope)
        layout.addWidget(self.note)
        layout.addWidget(self.controls.override)
        layout.addLayout(decisions)
        layout.addLayout(more)
        layout.addWidget(self.comments, 1)
        # The chosen cell, large enough to read, above the decision and the comments;
        # the reviewer can move the line between them.
        self.side_split = QSplitter(Qt.Orientation.Vertical, panel)
        self.side_split.setObjectName("reviewSideSplit")
        self.side_split.setChildrenCollapsible(False)
        self.side_split.addWidget(self.controls.zoom)
        self.side_split.addWidget(lower)
        self.side_split.setStretchFactor(0, 3)
        self.side_split.setStretchFactor(1, 2)
        self.side_split.setSizes([460, 400])
        outer = QVBoxLayout(panel)
        outer.setContentsMargins(6, 0, 0, 0)
        outer.addWidget(self.side_split)
        return panel

    # -- filling -----------------------------------------------------------------------
    def invalidate(self) -> None:
        """The project or its files changed: refresh now if shown, else when shown."""
        self._dirty = True
        if self.isVisible():
            self._refresh_timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh()

    def refresh(self) -> None:
        """Read the states again and render every cell."""
        project = self._project()
        self._dirty = False
        if project is None:
            return
        self._fill_samples(project)
        self._status_generation += 1
        generation = self._status_generation
        self._states_pending = True
        run_in_background(load_statuses, project,
                          on_done=lambda s: self._on_statuses(s, generation),
                          on_error=lambda e: self._on_status_error(e, generation),
                          context=self)
        self._load_signatures(project)
        self._lay_out()

    def _load_signatures(self, project: Project) -> None:
        """Check every signature (ssh-keygen) in a worker; the panel says the verdicts."""
        def done(checks: dict) -> None:
            self.signatures = checks
            self._on_current()

        run_in_background(load_signatures, project, on_done=done,
                          on_error=lambda _e: None, context=self)

    def _fill_samples(self, project: Project) -> None:
        current = self.sample.currentData() or ""
        self.sample.clear()
        self.sample.addItem(_("Each locale's own sample"), "")
        for name in project.samples:
            self.sample.addItem(name, name)
        self.sample.setCurrentIndex(max(0, self.sample.findData(current)))

    def _lay_out(self) -> None:
        """Build the rows and columns for the chosen orientation, then render."""
        project = self._project()
        if project is None:
            return
        self.rows, self.columns = grid_axes(project, bool(self.orientation.currentData()))
        size = thumbnail_size(self.device.currentData() or DEFAULT_DEVICE)
        self.table.clear()
        self.table.setRowCount(len(self.rows))
        self.table.setColumnCount(len(self.columns))
        for index, axis in enumerate(self.rows):
            self.table.setVerticalHeaderItem(index, header_item(self.statuses, axis))
        for index, axis in enumerate(self.columns):
            self.table.setHorizontalHeaderItem(index, header_item(self.statuses, axis))
        for r in range(len(self.rows)):
            for c in range(len(self.columns)):
                self.table.setItem(r, c, cell_item(self.cell(r, c)))
        self._fill_groups(project, size)
        self.apply_filter()
        self.zoom = fit_zoom(self.table, size)
        apply_sizes(self.table, size, self.zoom)
        self._rerender()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.rows:
            self._refit_timer.start()

    def _rerender(self) -> None:
        self.results.clear()
        self.findings.clear()
        self.pictures.clear()
        self.snapshotter.clear()
        for r in range(self.table.rowCount()):
            for c in range(self.table.columnCount()):
                self._paint(self.cell(r, c))
        self.render.flush()

    def _requests(self) -> list[PreviewRequest]:
        project = self._project()
        if project is None:
            return []
        overlay = self._overlay()
        chosen = self.sample.currentData() or ""
        return [PreviewRequest(project, cell.template, cell.locale, cell.channel,
                               chosen or best_sample(project, cell.locale), overlay,
                               slot=f"{cell.template}/{cell.locale}/{cell.channel}")
                for cell in self.cells()]

    def _on_rendered(self, result: PreviewResult) -> None:
        cell = Cell(result.template, result.locale, result.channel)
        self.results[cell] = result
        self.pictures.pop(cell, None)
        self._paint(cell)
        project = self._project()
        if result.channel == "email" and result.message and project is not None:
            self.snapshotter.request(cell, result.message.get("html", ""),
                                     self.device.currentData() or DEFAULT_DEVICE, project.root)

    def _on_snapshot(self, cell: Cell, image: QImage) -> None:
        if cell in self.results:
            self.pictures[cell] = image
            self._paint(cell)

    def _on_checked(self, result: PreviewResult) -> None:
        cell = Cell(result.template, result.locale, result.channel)
        self.results[cell] = result
        self.findings[cell] = result.findings
        self._paint(cell)
        self._report_progress()

    def _on_statuses(self, statuses: dict[str, TemplateReview], generation: int) -> None:
        if generation != self._status_generation:
            return
        self._states_pending = False
        self.statuses = statuses
        for index, axis in enumerate(self.rows):
            self.table.setVerticalHeaderItem(index, header_item(self.statuses, axis))
        for index, axis in enumerate(self.columns):
            self.table.setHorizontalHeaderItem(index, header_item(self.statuses, axis))
        for cell in self.cells():
            self._paint(cell)
        self.apply_filter()
        if self.current_cell() is None:  # start on the window's variant, else the first
            wanted = Cell(*self._preferred())
            if wanted in self.cells():
                if self._group and self._group != wanted.locale:
                    self.set_group(wanted.locale)
            else:
                wanted = next((c for c in self.cells()
                               if not self.table.isRowHidden(self.position(c)[0])
                               and not self.table.isColumnHidden(self.position(c)[1])), None)
            if wanted is not None:
                self.table.setCurrentCell(*self.position(wanted))
        self._on_current()
        self._report_progress()
        self._refit_timer.start()  # the headers' new labels may have changed the room

    def _on_status_error(self, exc: Exception, generation: int) -> None:
        if generation == self._status_generation:
            self._states_pending = False
            self.status_label.setText(str(exc))

    def _report_progress(self) -> None:
        total = len(self.cells())
        done = len(self.findings)
        self.progress.setText(_("{done} of {total} variants checked").format(
            done=done, total=total))
        if done >= total and not self._states_pending and not self.snapshotter.busy:
            self.sig_filled.emit()

    # -- cells ---------------------------------------------------------------------------
    def _paint(self, cell: Cell | None) -> None:
        if cell is None:
            return
        item = self.table.item(*self.position(cell))
        if item is None:
            return
        result = self.results.get(cell)
        findings = self.findings.get(cell)
        counts, summary = findings_summary(findings or [])
        if result is not None and findings is None:
            summary = _("checking…")
        state = self.cell_state(cell)
        image = draw_thumbnail(result, self.device.currentData() or DEFAULT_DEVICE, state, counts,
                               summary, is_rtl(), waiting=_("rendering…"),
                               picture=self.pictures.get(cell), zoom=self.zoom)
        item.setData(Qt.ItemDataRole.DecorationRole, QPixmap.fromImage(image))
        item.setData(ROLE, cell)
        if cell == self.current_cell():
            self._show_zoom(cell)
        words = [f"{cell.template} · {cell.locale} · {channel_label(cell.channel)}"]
        if state:
            words.append(state_label(state))
        if findings is not None:
            words.append(summary)
        item.setToolTip("\n".join(words))

    def apply_filter(self) -> None:
        """Hide the templates the filter doesn't keep (rows or columns)."""
        chosen = self.filter.currentData() or "all"

        def hidden(axis: Axis) -> bool:
            if not axis.is_template:
                return bool(self._group) and axis.locale != self._group
            return bool(self.statuses) and not keeps(self.state(axis.template), chosen)

        for index, axis in enumerate(self.rows):
            self.table.setRowHidden(index, hidden(axis))
        for index, axis in enumerate(self.columns):
            self.table.setColumnHidden(index, hidden(axis))

    def visible_templates(self) -> list[str]:
        """The templates the filter shows."""
        if self.rows and self.rows[0].is_template:
            return [a.template for i, a in enumerate(self.rows) if not self.table.isRowHidden(i)]
        return [a.template for i, a in enumerate(self.columns)
                if not self.table.isColumnHidden(i)]

    # -- the chosen template -------------------------------------------------------------
    def current_template(self) -> str:
        """The template of the chosen cell (or of the chosen row or column)."""
        cell = self.current_cell()
        if cell is not None:
            return cell.template
        row, column = self.table.currentRow(), self.table.currentColumn()
        for axis in (self.rows[row] if 0 <= row < len(self.rows) else None,
                     self.columns[column] if 0 <= column < len(self.columns) else None):
            if axis is not None and axis.is_template:
                return axis.template
        return ""

    def _on_current(self) -> None:
        template = self.current_template()
        status = self.statuses.get(template)
        for button in (self.approve_button, self.request_button):
            button.setEnabled(bool(template))
        self.changes_button.setEnabled(bool(status and status.state == "changed_since_approval"))
        self.open_button.setEnabled(self.current_cell() is not None)
        if not template:
            self.status_label.setText(_("Choose a cell to review its template."))
        elif status is None:
            self.status_label.setText(f"<b>{template}</b>")
        else:
            color = STATE_COLORS[status.state]
            text = (f"<b>{template}</b> — <span style='color:{color}'>"
                    f"{template_label(status)}</span>")
            if status.reviewer:
                text += "<br>" + _("by {name}, {time}").format(
                    name=status.reviewer, time=short_time(status.time))
            if status.note:
                text += "<br><i>" + _("Note: {note}").format(note=status.note) + "</i>"
            self.status_label.setText(text)
        cell = self.current_cell()
        self.controls.set_key(self._signing_key())
        self.controls.parts.setText(parts_text(status, self.signatures,
                                               cell.locale if cell else ""))
        self._show_zoom(cell)
        project = self._project()
        if cell is not None and project is not None:
            sample = self.sample.currentData() or best_sample(project, cell.locale)
            self.comments.set_target(project, cell.template, cell.locale, cell.channel, sample)
        else:
            self.comments.set_target(project, "", "", "")

    def _show_zoom(self, cell: Cell | None) -> None:
        """The chosen cell drawn larger in the side panel, so it can be read."""
        self.controls.zoom.set_image(self.zoomed(cell, ZOOM))

    def zoomed(self, cell: Cell | None, zoom: float) -> QImage | None:
        """A cell drawn ``zoom`` times its grid size (None before it is rendered)."""
        if cell is None or cell not in self.results:
            return None
        counts, summary = findings_summary(self.findings.get(cell) or [])
        return draw_thumbnail(self.results.get(cell), self.device.currentData() or DEFAULT_DEVICE,
                              self.cell_state(cell), counts, summary, is_rtl(),
                              picture=self.pictures.get(cell), zoom=zoom)

    def select_template(self, template: str) -> None:
        """Choose the first cell of a template."""
        for cell in self.cells():
            if cell.template == template:
                self.table.setCurrentCell(*self.position(cell))
                return
