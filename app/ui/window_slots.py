"""The menu actions' slots of the main window (``_on_<action key>``), kept apart so the
window module stays a composition. Each slot is one call into a part of the window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog

from .dialogs import PreferencesDialog, ask_text, show_about
from .i18n import _
from .preview.web_page import preview_guard
from .send_test_dialog import SendTestDialog

if TYPE_CHECKING:
    from .main_window import MainWindow


class MenuSlots:
    """Mixed into :class:`~app.ui.main_window.MainWindow`."""

    # -- File ----------------------------------------------------------------------
    def _on_open_project(self: MainWindow) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Open a project folder"),
                                                  self.settings.last_project)
        if folder:
            self.open_project(folder)

    def _on_save(self: MainWindow) -> None:
        if self.in_copy_view():
            self.copy_view.save()
            return
        self.editors.save()

    def _on_save_all(self: MainWindow) -> None:
        self.editors.save_all()

    def _on_close_tab(self: MainWindow) -> None:
        if self.editors.count():
            self.editors.close_tab(self.editors.currentIndex())

    def _on_preferences(self: MainWindow) -> None:
        dialog = PreferencesDialog(self.settings, self)
        if not dialog.exec():
            return
        before = self.settings.ui_language
        dialog.apply_to(self.settings)
        self.save_settings()
        if self.settings.ui_language != before:
            self.sig_language_changed.emit()

    def _on_send_test(self: MainWindow) -> None:
        if self.project is None:
            return
        c = self.choice
        s = self.settings
        dialog = SendTestDialog(self.project, c.template, c.locale, c.sample, {
            "to": s.send_test_to, "server": s.send_test_server,
            "security": s.send_test_security, "user": s.send_test_user}, self)
        self.send_test_dialog = dialog
        dialog.exec()
        kept = dialog.remembered()
        s.send_test_to, s.send_test_server = kept["to"], kept["server"]
        s.send_test_security, s.send_test_user = kept["security"], kept["user"]
        self.save_settings()

    def _on_proof_pdf(self: MainWindow) -> None:
        if self.project is None or self.proof.running:
            return
        suggested = str(self.project.root / f"{self.project.root.name}-proof.pdf")
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the proof as PDF"),
                                                    suggested, _("PDF files (*.pdf)"))
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self.statusBar().showMessage(_("Making the proof…"))
        self.proof.start(self.project, Path(path), device="")

    def _on_proof_finished(self: MainWindow, path: str, error: str) -> None:
        if error:
            self.banner.show_message(_("The proof was not written: {reason}").format(
                reason=error), "error")
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(_("Proof saved to {file}").format(file=path), 10000)

    def _on_quit(self: MainWindow) -> None:
        self.close()

    # -- Edit ------------------------------------------------------------------------
    def _editor_call(self: MainWindow, name: str) -> None:
        page = self.editors.current_page()
        if page is not None:
            getattr(page.editor, name)()

    def _on_undo(self: MainWindow) -> None:
        if self.in_copy_view():
            self.copy_view.undo()
            return
        self._editor_call("undo")

    def _on_redo(self: MainWindow) -> None:
        if self.in_copy_view():
            self.copy_view.redo()
            return
        self._editor_call("redo")

    def _on_cut(self: MainWindow) -> None:
        self._editor_call("cut")

    def _on_copy(self: MainWindow) -> None:
        widget = QApplication.focusWidget()
        if hasattr(widget, "copy"):
            widget.copy()

    def _on_paste(self: MainWindow) -> None:
        self._editor_call("paste")

    def _on_select_all(self: MainWindow) -> None:
        self._editor_call("selectAll")

    def _on_find(self: MainWindow) -> None:
        page = self.editors.current_page()
        if page is not None:
            page.find_bar.open(replace=False)

    def _on_replace(self: MainWindow) -> None:
        page = self.editors.current_page()
        if page is not None:
            page.find_bar.open(replace=True)

    def _on_complete(self: MainWindow) -> None:
        if self.preview_editing.offer_placeholders():  # editing in the preview
            return
        page = self.editors.current_page()
        if page is not None:
            page.editor.completer.show_popup()

    # -- View ------------------------------------------------------------------------
    def _on_side_by_side(self: MainWindow, on: bool) -> None:
        self.settings.side_by_side = on
        if on and self.project is not None:
            self.compare.set_project(self.project, self.choice.locale, self.choice.sample)
        self.compare.setVisible(on)
        self.render.flush()

    def _on_dark(self: MainWindow, on: bool) -> None:
        self.settings.dark = on
        self._apply_email_options()

    def _on_forced_dark(self: MainWindow, on: bool) -> None:
        self.settings.forced_dark = on
        self._apply_email_options()

    def _on_images_off(self: MainWindow, on: bool) -> None:
        self.settings.images_off = on
        self._apply_email_options()

    def _on_remote_images(self: MainWindow, on: bool) -> None:
        preview_guard().allow_remote_images = on  # for this session only: never stored
        for panel in (self.preview, self.compare.panel):
            panel.email.page.set_remote_images(on)
            panel.email.reload()

    def _on_refresh(self: MainWindow) -> None:
        self.render.flush()

    def _on_review(self: MainWindow) -> None:
        self.tabs.setCurrentWidget(self.review)
        self.review.select_template(self.choice.template)

    def _on_write(self: MainWindow) -> None:
        self.tabs.setCurrentWidget(self.splitter)

    def _on_review_open(self: MainWindow, template: str, locale: str, channel: str,
                        sample: str, device: str) -> None:
        self.tabs.setCurrentWidget(self.splitter)
        self.select(template=template, locale=locale, channel=channel, sample=sample,
                    device=device)

    # -- Template --------------------------------------------------------------------
    def _on_new_template(self: MainWindow) -> None:
        self.operations.run("new", "")

    def _on_new_template_wizard(self: MainWindow) -> None:
        from .forms.view import run_wizard

        created = run_wizard(self.project, self)
        if created:
            self._after_operation(created)
            self.tabs.setCurrentWidget(self.forms)

    def _on_template_settings(self: MainWindow) -> None:
        self.tabs.setCurrentWidget(self.forms)

    def _on_duplicate_template(self: MainWindow) -> None:
        self.operations.run("duplicate", self.choice.template)

    def _on_rename_template(self: MainWindow) -> None:
        self.operations.run("rename", self.choice.template)

    def _on_add_locale(self: MainWindow) -> None:
        self.operations.run("add_locale", self.choice.template)

    def _on_approve_template(self: MainWindow) -> None:
        self._decide("approve", _("Approve {template}"))

    def _on_request_changes(self: MainWindow) -> None:
        self._decide("request_changes", _("Request changes to {template}"))

    def _decide(self: MainWindow, decision: str, title: str) -> None:
        template = self.choice.template
        if self.project is None or not template:
            return
        note = ask_text(self, title.format(template=template), _("Note (optional):"))
        if note is None:
            return
        self.review.note.setText(note)
        if self.review.decide(decision, template):
            self.statusBar().showMessage(_("{template}: {state}").format(
                template=template, state=_review_state(self.review.state(template))), 8000)

    def _on_what_changed(self: MainWindow) -> None:
        self.review.show_changes(self.choice.template)

    def reviewer_name(self: MainWindow) -> str | None:
        """The reviewer's name from Preferences; asked for (and kept) when not set."""
        if not self.settings.reviewer_name:
            name = ask_text(self, _("Your name"),
                            _("Your name, as approvals and comments show it:"))
            if not name:
                return None
            self.settings.reviewer_name = name
            self.save_settings()
        return self.settings.reviewer_name

    def _on_delete_template(self: MainWindow) -> None:
        self.operations.run("delete", self.choice.template)

    # -- Help ------------------------------------------------------------------------
    def _on_about(self: MainWindow) -> None:
        show_about(self)


def _review_state(state: str) -> str:
    from .review.labels import state_label

    return state_label(state)
