"""The tabbed editor area: opening, saving (atomically) and watching project files.

A file changed on disk by someone else is never reloaded or overwritten silently: the
page shows a banner with "Reload" and "Keep my text", and saving over a changed file
asks the same question first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Signal
from PySide6.QtWidgets import QMessageBox, QTabWidget, QWidget

from ...core.workspace import SaveError, atomic_write_text
from ..i18n import _
from .page import EditorPage


class EditorArea(QTabWidget):
    """Tabs of :class:`EditorPage`; paths are project-relative with ``/``."""

    sig_text_changed = Signal(str)       # rel path of the edited file
    sig_current_changed = Signal(str)    # rel path of the active file ("" for none)
    sig_saved = Signal(str)
    sig_status = Signal(str)             # a short message for the status bar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.root: Path | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_file_changed)
        self.tabCloseRequested.connect(self.close_tab)
        self.currentChanged.connect(self._on_current_changed)

    # -- pages ---------------------------------------------------------------------
    def pages(self) -> list[EditorPage]:
        """Every open page, in tab order."""
        return [self.widget(i) for i in range(self.count())]

    def page_for(self, rel_path: str) -> EditorPage | None:
        """The page of an open file."""
        return next((p for p in self.pages() if p.rel_path == rel_path), None)

    def current_page(self) -> EditorPage | None:
        """The active page."""
        widget = self.currentWidget()
        return widget if isinstance(widget, EditorPage) else None

    def set_root(self, root: Path) -> None:
        """Work in another project (the caller has closed the old pages)."""
        self.root = root

    def open(self, rel_path: str, focus: bool = True) -> EditorPage | None:
        """Open a project file (or switch to its tab); None if it isn't a readable file."""
        page = self.page_for(rel_path)
        if page is None:
            if self.root is None or not (self.root / rel_path).is_file():
                return None
            page = EditorPage(self.root, rel_path, self)
            page.editor.textChanged.connect(lambda p=page: self.sig_text_changed.emit(p.rel_path))
            page.sig_modified_changed.connect(lambda _m, p=page: self._update_title(p))
            index = self.addTab(page, "")
            self._update_title(page)
            self.setTabToolTip(index, rel_path)
            self.watcher.addPath(str(page.path))
        if focus:
            self.setCurrentWidget(page)
        return page

    def _update_title(self, page: EditorPage) -> None:
        parts = page.rel_path.split("/")
        # Every template has an en/email.mjml: the template's id tells the tabs apart.
        if parts[0] == "templates":
            title = "/".join(parts[1:])
        else:
            title = "/".join(parts[-2:]) if parts[0] == "partials" else parts[-1]
        index = self.indexOf(page)
        if index >= 0:
            self.setTabText(index, ("● " if page.modified else "") + title)

    def _on_current_changed(self, _index: int) -> None:
        page = self.current_page()
        self.sig_current_changed.emit(page.rel_path if page else "")

    # -- text for the renderer and the recovery area --------------------------------------
    def modified_buffers(self) -> dict[str, str]:
        """{rel path: text} of every page with unsaved changes."""
        return {p.rel_path: p.text for p in self.pages() if p.modified}

    # -- saving --------------------------------------------------------------------------
    def save(self, page: EditorPage | None = None, force: bool = False) -> bool:
        """Save a page atomically; on failure the banner says why and the disk is unchanged."""
        page = page or self.current_page()
        if page is None:
            return False
        disk = page.read_disk()
        if not force and not page.keep_mine and disk is not None and disk != page.disk_text:
            self._show_changed(page, saving=True)
            return False
        text = page.text
        try:
            atomic_write_text(page.path, text)
        except SaveError as exc:
            page.banner.show_message(str(exc), "error")
            self.sig_status.emit(_("Not saved: {reason}").format(reason=exc.message))
            return False
        page.mark_saved(text)
        page.banner.hide()
        self._rewatch(page)
        self.sig_status.emit(_("Saved {file}").format(file=page.rel_path))
        self.sig_saved.emit(page.rel_path)
        return True

    def save_all(self) -> bool:
        """Save every modified page; False if one failed."""
        return all(self.save(page) for page in self.pages() if page.modified)

    # -- closing ---------------------------------------------------------------------------
    def close_tab(self, index: int) -> bool:
        """Close a tab, asking first when it has unsaved changes."""
        page = self.widget(index)
        if not isinstance(page, EditorPage):
            return False
        if page.modified:
            answer = ask_unsaved(self, [page.rel_path])
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not self.save(page):
                return False
        self.watcher.removePath(str(page.path))
        self.removeTab(index)
        page.deleteLater()
        return True

    def take_folder(self, prefix: str) -> dict[str, str]:
        """Close every page under ``prefix`` (a folder being renamed) without asking;
        returns {rel path: text} of those with unsaved changes, to reopen elsewhere."""
        taken = {p.rel_path: p.text for p in self.pages()
                 if p.rel_path.startswith(prefix) and p.modified}
        for page in [p for p in self.pages() if p.rel_path.startswith(prefix)]:
            self.watcher.removePath(str(page.path))
            self.removeTab(self.indexOf(page))
            page.deleteLater()
        return taken

    def close_all(self, ask: bool = True) -> bool:
        """Close every tab (asking once about unsaved changes when ``ask``)."""
        modified = [p for p in self.pages() if p.modified]
        if ask and modified:
            answer = ask_unsaved(self, [p.rel_path for p in modified])
            if answer == QMessageBox.StandardButton.Cancel:
                return False
            if answer == QMessageBox.StandardButton.Save and not self.save_all():
                return False
        for page in self.pages():
            self.watcher.removePath(str(page.path))
        while self.count():
            page = self.widget(0)
            self.removeTab(0)
            page.deleteLater()
        return True

    # -- changes on disk ----------------------------------------------------------------
    def _rewatch(self, page: EditorPage) -> None:
        # Replacing a file (our atomic save, or another editor's) ends the watch on it.
        path = str(page.path)
        if path not in self.watcher.files() and page.path.exists():
            self.watcher.addPath(path)

    def _on_file_changed(self, path: str) -> None:
        page = next((p for p in self.pages() if str(p.path) == path), None)
        if page is None:
            return
        self._rewatch(page)
        disk = page.read_disk()
        if disk == page.disk_text:
            return  # our own save, or a touch without changes
        if disk is None and not page.path.exists():
            page.banner.show_message(
                _("{file} was deleted on disk. Save to write your text back.").format(
                    file=page.rel_path), "warning")
            return
        self._show_changed(page, saving=False)

    def _show_changed(self, page: EditorPage, saving: bool) -> None:
        text = _("{file} was changed on disk by someone else.").format(file=page.rel_path)
        if saving:
            text += " " + _("It was not saved, so that change is not lost.")
        page.banner.show_message(text, "warning", [
            (_("Reload from disk"), lambda: self._reload(page)),
            (_("Keep my text"), lambda: self._keep(page)),
        ])
        self.sig_status.emit(text)

    def _reload(self, page: EditorPage) -> None:
        page.reload()
        self.sig_text_changed.emit(page.rel_path)

    def _keep(self, page: EditorPage) -> None:
        page.keep_mine = True
        page.editor.document().setModified(True)


def ask_unsaved(parent: QWidget, files: list[str]) -> QMessageBox.StandardButton:
    """Ask Save / Discard / Cancel about unsaved files."""
    box = QMessageBox(QMessageBox.Icon.Warning, _("Unsaved changes"),
                      _("These files have changes that are not saved:") + "\n\n"
                      + "\n".join(files[:12]), parent=parent)
    box.setInformativeText(_("Save them before closing?"))
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setObjectName("unsavedChangesBox")
    return QMessageBox.StandardButton(box.exec())
