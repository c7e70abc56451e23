"""The main window: a composition of the explorer, editors, previews, findings and
pickers, wired together. Work happens in the parts and in the core; the window only
routes signals between them and turns menu actions into calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.project import Project
from ..core.workspace import PreviewRequest, PreviewResult, RecoveryStore
from ..core.workspace.atomic import clean_stale_temp_files
from ..core.workspace.navigation import main_file, needs_reload, target_of
from ..core.workspace.selection import Choice, choose
from ..kernel.channels import CHANNELS
from ..kernel.errors import MissiveError
from . import quick_fix
from .actions import build_menus
from .banner import Banner
from .compare import ComparePanel
from .copy import CopyTab, CopyView
from .editor import EditorArea
from .editor.documents import FileDocuments
from .editor.sample_check import SampleChecker
from .explorer import ProjectExplorer
from .findings import FindingsPanel, collapse_when_empty
from .forms import FormsView
from .i18n import _
from .pickers import PickerBar
from .preview import PreviewPanel
from .preview.web_page import preview_guard
from .preview_editing import PreviewEditing
from .recovery import RecoveryKeeper
from .render_service import RenderService
from .review import CommentsPanel, ProofExport, ReviewView
from .settings import SettingsStore
from .support_summary import SupportSummary
from .template_ops import TemplateOperations
from .translation_slots import TranslationSlots
from .window_slots import MenuSlots


class MainWindow(MenuSlots, TranslationSlots, QMainWindow):
    """The studio window. ``sig_preview_ready`` when the current preview is painted and
    checked; ``sig_language_changed`` when Preferences chose another interface language."""

    sig_preview_ready = Signal()
    sig_language_changed = Signal()

    def __init__(self, settings_store: SettingsStore, recovery: RecoveryStore) -> None:
        super().__init__()
        self.settings_store = settings_store
        self.settings = settings_store.load()
        self.project: Project | None = None
        self.choice = Choice(device=self.settings.device)
        self._build_parts()
        self.actions, self.menus = build_menus(self)
        self.render = RenderService(self._build_requests, parent=self)
        self.keeper = RecoveryKeeper(recovery, self.editors.modified_buffers, self)
        self.operations = TemplateOperations(self, lambda: self.project, self._after_operation)
        self.sample_checker = SampleChecker(self.editors, lambda: self.project,
                                            lambda: self.choice.template, self)
        self._connect()
        self._restore_layout()

    # -- construction ----------------------------------------------------------------
    def _build_parts(self) -> None:
        self.setWindowTitle("Missive Studio")
        self.pickers = PickerBar(self)
        self.addToolBar(self.pickers)
        self.banner = Banner(self)
        self.editors = EditorArea(self)
        self.preview = PreviewPanel(self)
        self.compare = ComparePanel(self)
        self.compare.hide()
        # The comments on the open file sit under its editor.
        self.comments = CommentsPanel(self.reviewer_name, self)
        self.editor_column = QSplitter(Qt.Orientation.Vertical, self)
        self.editor_column.addWidget(self.editors)
        self.editor_column.addWidget(self.comments)
        self.editor_column.setSizes([700, 190])
        # Beside the email preview: which mail clients will break what.
        self.support = SupportSummary(self)
        self.preview_column = QSplitter(Qt.Orientation.Vertical, self)
        self.preview_column.addWidget(self.preview)
        self.preview_column.addWidget(self.support)
        self.preview_column.setSizes([640, 220])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        for widget in (self.editor_column, self.preview_column, self.compare):
            self.splitter.addWidget(widget)
        self.splitter.setSizes([560, 640, 480])
        self.review = ReviewView(lambda: self.project, self.editors.modified_buffers,
                                 self.reviewer_name, self,
                                 signing_key=lambda: self.settings.signing_key,
                                 preferred=self._review_start)
        self.proof = ProofExport(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.copy_view = CopyView(self.editors, lambda: self.project, self._sample_data, self)
        self.copy_split = CopyTab(self.copy_view, self.preview, self.splitter, self)
        self.tabs.addTab(self.splitter, _("Write"))
        self.tabs.addTab(self.review, _("Review"))
        self.tabs.addTab(self.copy_split, _("Copy"))
        # Settings and samples as forms, editing the same documents as the code editor.
        self.documents = FileDocuments(self.editors)
        self.forms = FormsView(self.documents, self)
        self.tabs.addTab(self.forms, _("Template"))
        self.preview_editing = PreviewEditing(
            self.preview, self.documents,
            lambda: (self.project, self.choice.template, self.choice.locale), self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.explorer = ProjectExplorer(self)
        self.findings = FindingsPanel(self)
        self.import_findings: list[dict[str, Any]] = []  # refused units of the last import
        # Dock areas are not mirrored by Qt: the tree goes where a reader starts.
        start = Qt.DockWidgetArea.RightDockWidgetArea if self.layoutDirection() == \
            Qt.LayoutDirection.RightToLeft else Qt.DockWidgetArea.LeftDockWidgetArea
        for name, title, widget, area in (
                ("explorerDock", _("Project"), self.explorer, start),
                ("findingsDock", _("Findings"), self.findings,
                 Qt.DockWidgetArea.BottomDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            setattr(self, name, dock)
        self.counts_label = QLabel(self)
        self.render_label = QLabel(self)
        self.cursor_label = QLabel(self)
        for label in (self.cursor_label, self.render_label, self.counts_label):
            self.statusBar().addPermanentWidget(label)

    def _review_start(self) -> tuple[str, str, str]:
        """The variant the review grid starts on: the one the pickers show."""
        choice = self.pickers.choice()
        return choice.template, choice.locale, choice.channel

    def _connect(self) -> None:
        self.pickers.sig_changed.connect(self._on_picker_changed)
        self.explorer.sig_open.connect(self.open_file)
        self.explorer.sig_template_selected.connect(
            lambda t, loc: self.select(template=t, locale=loc or None))
        self.explorer.sig_operation.connect(self.operations.run)
        self.editors.sig_text_changed.connect(lambda _rel: self.render.schedule())
        self.editors.sig_current_changed.connect(self._on_current_file)
        self.editors.sig_saved.connect(self._on_saved)
        self.editors.sig_status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.findings.sig_jump.connect(self.jump_to)
        self.support.sig_jump.connect(self.jump_to)
        self.fix_shortcut = quick_fix.install(self)
        self.compare.sig_changed.connect(self.render.flush)
        self.render.sig_rendered.connect(self._on_rendered)
        self.render.sig_completed.connect(self._on_completed)
        self.render.sig_checked.connect(self._on_checked)
        self.preview.sig_painted.connect(self._check_ready)
        self.compare.panel.sig_painted.connect(self._check_ready)
        self.review.sig_open.connect(self._on_review_open)
        self.review.sig_reviewed.connect(lambda _t: self.comments.refresh())
        self.comments.sig_changed.connect(lambda _t: self.review.invalidate())
        self.proof.sig_finished.connect(self._on_proof_finished)
        self.forms.settings_form.sig_locale_added.connect(self._after_operation)
        self.forms.sample_form.sig_open_json.connect(self._open_sample_json)
        self.preview_editing.sig_status.connect(
            lambda text: self.statusBar().showMessage(text, 10000))
        self.preview_editing.sig_block_selected.connect(self._on_block_selected)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.copy_view.sig_status.connect(lambda text: self.statusBar().showMessage(text, 8000))
        for panel in (self.preview, self.compare.panel):
            panel.email.page.sig_link_refused.connect(self._on_link_refused)
        for key in ("dark", "forced_dark", "images_off", "side_by_side"):
            self.actions[key].setChecked(getattr(self.settings, key))
        self.pickers.addSeparator()
        for key in ("dark", "forced_dark", "images_off", "remote_images", "side_by_side"):
            self.pickers.addAction(self.actions[key])
        self.addAction(self.explorerDock.toggleViewAction())
        self.menus["view"].addActions([self.explorerDock.toggleViewAction(),
                                       self.findingsDock.toggleViewAction()])

    def _restore_layout(self) -> None:
        if self.settings.geometry:
            self.restoreGeometry(QByteArray(self.settings.geometry))
        else:
            self.resize(1500, 920)
        if self.settings.window_state and self.settings.state_direction == self._direction():
            self.restoreState(QByteArray(self.settings.window_state))
        else:
            self.resizeDocks([self.explorerDock], [270], Qt.Orientation.Horizontal)
            self.resizeDocks([self.findingsDock], [170], Qt.Orientation.Vertical)
        if self.settings.splitter_state:
            self.splitter.restoreState(QByteArray(self.settings.splitter_state))
        self._apply_email_options()

    # -- project -----------------------------------------------------------------------
    def open_project(self, root: str | Path, offer_recovery: bool = True) -> bool:
        """Open a project folder; problems are shown in the banner."""
        if not self.editors.close_all(ask=True):
            return False
        try:
            project = Project.load(root)
        except MissiveError as exc:
            self.banner.show_message(str(exc), "error")
            return False
        self.keeper.clear()
        clean_stale_temp_files(project.root)  # what saves killed midway left behind
        self._set_project(project)
        self.settings.last_project = str(project.root)
        first = next(iter(project.templates), "")
        self.select(template=first, locale=project.config.default_locale)
        if offer_recovery:
            self.keeper.offer(self.banner, self.restore_buffers)
        return True

    def _set_project(self, project: Project) -> None:
        self.project = project
        self.setWindowTitle(f"{project.config.name} — Missive Studio")
        preview_guard().project_root = project.root
        self.editors.set_root(project.root)
        self.explorer.show_project(project)
        self.pickers.set_project(project)
        self.keeper.set_root(project.root)
        self.compare.set_project(project, self.choice.locale, self.choice.sample)
        self.review.invalidate()
        self.copy_view.invalidate()

    def reload_project(self) -> None:
        """Read the project's declarations and samples again (after saving them)."""
        if self.project is None:
            return
        try:
            project = Project.load(self.project.root)
        except MissiveError as exc:
            self.preview.error_bar.setText(str(exc))
            self.preview.error_bar.show()
            return
        self._set_project(project)
        self.select(open_file=False)

    def restore_buffers(self, buffers: dict[str, str]) -> None:
        """Put recovered (or carried-over) text into editors, marked as unsaved."""
        for rel, text in buffers.items():
            page = self.editors.open(rel)
            if page is not None:
                page.set_text(text, modified=True)
        self.keeper.save_now()  # on disk in this window's own area at once
        self.render.schedule()

    # -- what is previewed ---------------------------------------------------------------
    def select(self, template: str | None = None, locale: str | None = None,
               channel: str | None = None, sample: str | None = None,
               device: str | None = None, open_file: bool = True) -> None:
        """Change what the preview shows (and open its file when ``open_file``)."""
        project = self.project
        if project is None:
            return
        choice = choose(project, self.choice, template, locale, channel, sample, device)
        changed = choice != self.choice
        self.choice = choice
        self.pickers.set_choice(choice)
        self.comments.set_target(project, choice.template, choice.locale, choice.channel,
                                 choice.sample)
        self.forms.show_choice(project, choice.template, choice.sample)
        self.copy_view.set_target(choice.template, choice.locale)
        if device is not None:
            self.settings.device = device
            self._apply_email_options()
        if open_file:
            rel = main_file(project, choice.template, choice.locale, choice.channel)
            if rel:
                self.open_file(rel)
        if changed:
            self.render.flush()
            self.sample_checker.check_now()

    def show_preview_options(self, dark: bool = False, forced_dark: bool = False,
                             images_off: bool = False, view: str = "preview") -> None:
        """Turn on appearance options and pick the email tab (the command line's flags)."""
        for key, on in (("dark", dark), ("forced_dark", forced_dark),
                        ("images_off", images_off)):
            if on:
                self.actions[key].setChecked(True)
        for panel in (self.preview, self.compare.panel):
            panel.email.set_mode(view)

    def compare_with(self, locale: str | None = None, sample: str | None = None) -> None:
        """Show a second preview beside the first, of another locale and/or sample."""
        self.actions["side_by_side"].setChecked(True)
        self.compare.choose(locale, sample)
        self.render.flush()

    def _sample_data(self) -> dict:
        sample = self.project.samples.get(self.choice.sample) if self.project else None
        return dict(sample.data) if sample else {}

    def in_copy_view(self) -> bool:
        """Whether the Copy tab is the one shown."""
        return self.tabs.currentWidget() is self.copy_split

    def _on_tab_changed(self, _index: int) -> None:
        if self.in_copy_view():
            self.copy_split.borrow()
        else:
            self.copy_split.give_back()

    def _on_picker_changed(self, field: str) -> None:
        value = getattr(self.pickers.choice(), field)
        self.select(**{field: value}, open_file=field in ("template", "locale", "channel"))

    def open_file(self, rel_path: str) -> None:
        """Open a project file in an editor tab."""
        page = self.editors.open(rel_path)
        if page is None:
            self.statusBar().showMessage(_("Cannot open {file}").format(file=rel_path), 8000)
            return
        page.editor.sig_cursor_moved.connect(self._on_cursor_moved)

    def _on_block_selected(self, block_id: str) -> None:
        """A text clicked in the preview: its block in the Copy view."""
        self.copy_view.select_block(block_id)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        """A field of the Copy view got the cursor: outline its text in the preview."""
        row = next((r for r in self.copy_view.rows.values() if r.field is new), None)
        if row is not None and self.in_copy_view():
            self.preview_editing.select(row.block_id)

    def _open_sample_json(self, rel_path: str) -> None:
        self.tabs.setCurrentWidget(self.splitter)
        self.open_file(rel_path)

    def _on_current_file(self, rel_path: str) -> None:
        target = target_of(rel_path) if rel_path else None
        if target and self.project:
            self.select(template=target.template or None, locale=target.locale or None,
                        channel=target.channel or None, sample=target.sample or None,
                        open_file=False)
            self.explorer.select_file(rel_path)
        page = self.editors.current_page()
        if page and self.project and self.choice.template in self.project.templates:
            names = list(self.project.templates[self.choice.template].variables)
            sample = self.project.samples.get(self.choice.sample)
            page.editor.completer.set_names(names + list(sample.data if sample else {}))

    def _on_saved(self, rel_path: str) -> None:
        if needs_reload(rel_path):
            self.reload_project()
        if not self.editors.modified_buffers():
            self.keeper.clear()
        self.render.schedule()
        self.review.invalidate()

    def _after_operation(self, template_id: str) -> None:
        self.reload_project()
        self.select(template=template_id or None)

    # -- rendering -----------------------------------------------------------------------
    def _build_requests(self) -> list[PreviewRequest]:
        if self.project is None or not self.choice.template:
            return []
        c = self.choice
        overlay = self.editors.modified_buffers()
        requests = [PreviewRequest(self.project, c.template, c.locale, c.channel, c.sample,
                                   overlay, slot="main", mark_nonce=self.preview_editing.nonce)]
        if self.compare.isVisible():
            locale, sample = self.compare.choice()
            requests.append(PreviewRequest(self.project, c.template, locale, c.channel,
                                           sample, overlay, slot="compare", with_checks=False))
        return requests

    def _on_rendered(self, result: PreviewResult) -> None:
        panel = self.compare.panel if result.slot == "compare" else self.preview
        sender = self.project.config.sender if self.project else None
        spec = CHANNELS.get(result.channel)  # the sender the customer sees on this channel
        name = sender.as_context().get(spec.sender_field, "") if sender and spec else ""
        panel.show_result(result, self.project.root, self.project.config.brand.name or name)
        if result.slot == "main":
            self.render_label.setText(_("rendered in {ms} ms").format(ms=round(result.render_ms)))

    def _on_completed(self, result: PreviewResult) -> None:
        """The plain text and parse errors, which follow the paint."""
        (self.compare.panel if result.slot == "compare" else self.preview).complete(result)

    def _on_checked(self, result: PreviewResult) -> None:
        if result.slot != "main":
            return
        if result.marked_html and result.message:
            self.preview.email.set_marked(result.marked_html, result.message.get("html", ""))
        self.findings.set_findings([*result.findings, *self.import_findings])
        self.support.set_findings(result.findings)
        self.support.setVisible(result.channel == "email")
        collapse_when_empty(self, self.findingsDock, bool(result.findings))
        self.counts_label.setText(self.findings.summary_text())
        self._checked_generation = result.generation
        self._check_ready()

    def _check_ready(self) -> None:
        result = self.preview.result
        if result is None or getattr(self, "_checked_generation", -1) != result.generation:
            return
        if not self._painted(self.preview):
            return
        if self.compare.isVisible() and not self._painted(self.compare.panel):
            return
        self.sig_preview_ready.emit()

    def _painted(self, panel: PreviewPanel) -> bool:
        """Whether the panel shows the newest result of its slot, fully loaded."""
        result = panel.result
        if result is None or not self.render.is_current(result):
            return False
        return not (result.channel == "email" and not result.error and panel.email.busy())

    def jump_to(self, rel_path: str, line: int, column: int) -> None:
        """Open a file and put the cursor on a line and column (from a finding)."""
        self.open_file(rel_path)
        page = self.editors.page_for(rel_path)
        if page is not None and line:
            page.editor.go_to(line, column)

    def _on_link_refused(self, url: str) -> None:
        self.statusBar().showMessage(
            _("Links open nothing in the preview (this one goes to {url})").format(url=url),
            10000)

    def _on_cursor_moved(self, line: int, column: int) -> None:
        self.cursor_label.setText(_("Line {line}, column {column}").format(
            line=line, column=column))

    def _apply_email_options(self) -> None:
        s = self.settings
        for panel in (self.preview, self.compare.panel):
            panel.email.apply_options(s.device, s.dark, s.forced_dark, s.images_off)

    # -- closing -----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.editors.close_all(ask=True):
            event.ignore()
            return
        self.keeper.release()  # own text cleared; recovered text not chosen stays
        self.save_settings()
        self.render.wait_for_done()
        self.review.render.wait_for_done()
        event.accept()

    def _direction(self) -> str:
        return "rtl" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "ltr"

    def save_settings(self) -> None:
        """Store the window layout and preview settings."""
        self.settings.geometry = bytes(self.saveGeometry().data())
        self.settings.window_state = bytes(self.saveState().data())
        self.settings.state_direction = self._direction()
        self.copy_split.give_back()
        self.settings.splitter_state = bytes(self.splitter.saveState().data())
        self.settings_store.save(self.settings)
