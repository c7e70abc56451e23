"""Editing in the Copy view: fields → copy model → the open documents, and back.

A field's change is written after a short pause (or at once before undo, save or a
change of template), through :func:`~app.core.copy.edit_block` — which refuses a text
that would break a placeholder or logic; the reason shows under the field — into the
file's document as one undoable step. Changes made elsewhere (the code editor, undo)
reload the fields they touch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QInputDialog

from ...core.copy import CopyError, build_deck, edit_block, runs_to_text
from ...core.copy.model import Run
from ...core.copy.translation import mark_translated
from ...kernel.errors import MissiveError
from ..i18n import _

if TYPE_CHECKING:
    from .rows import BlockRow
    from .view import CopyView


def _canonical(runs: tuple[Run, ...] | list[Run], fmt: str) -> str:
    """A block's text as the field would write it (to tell a real change from none)."""
    return runs_to_text([Run(r.kind, r.text, "" if r.kind == "text" else r.source, r.bold,
                             r.italic, r.href, r.link_tag, r.branches) for r in runs], fmt)


class CopyEditing:
    """Mixed into :class:`~app.ui.copy.view.CopyView`."""

    # -- editing ---------------------------------------------------------------------------
    def _on_edited(self: CopyView, block_id: str) -> None:
        self._pending.add(block_id)
        self._edit_timer.start()

    def commit_pending(self: CopyView) -> None:
        """Write the fields edited since the last write into their documents."""
        self._edit_timer.stop()
        pending, self._pending = self._pending, set()
        for block_id in sorted(pending):
            self._commit(block_id)

    def _commit(self: CopyView, block_id: str) -> None:
        project = self._project()
        row = self.rows.get(block_id)
        if project is None or row is None or row.block is None:
            return
        block = row.block
        text = runs_to_text(row.field.runs(), block.format)
        if text.strip() == _canonical(block.runs, block.format).strip():
            row.set_error("")
            return
        try:
            deck = build_deck(project, self.template, self.locale, self.bridge.overlay())
            edit = edit_block(project, deck, block_id, text)
        except CopyError as exc:
            row.set_error(exc.message)
            return
        except MissiveError as exc:
            row.set_error(str(exc))
            return
        row.set_error("")
        self._applying = True
        try:
            applied = self.bridge.apply(edit)
        finally:
            self._applying = False
        if not applied:
            row.set_error(_("The file changed meanwhile; the text was not written"))
            return
        self._last_path = edit.path
        if project.config.default_locale != self.locale:
            self._translated.add((edit.path, block_id))
        self._refresh_texts(keep=block_id)
        self._update_measures(only=block_id)

    def _on_document_changed(self: CopyView, rel_path: str) -> None:
        if self._applying or self.deck is None:
            return
        if rel_path in self.deck.sources or (self.source and rel_path in self.source.sources):
            if self.isVisible():
                self._refresh_timer.start()
            else:
                self._stale = True

    def _refresh_texts(self: CopyView, keep: str | None = None) -> None:
        """Read the documents again; reload fields whose text changed elsewhere."""
        project = self._project()
        if project is None or self.deck is None:
            return
        try:
            deck, source = self._decks(project)
        except MissiveError:
            return
        if [b.id for b in deck.blocks] != [b.id for b in self.deck.blocks]:
            self.rebuild()  # the markup changed in the code editor
            return
        old = self.deck.by_id()
        theirs = source.by_id() if source else {}
        self.deck, self.source = deck, source
        focus = QApplication.focusWidget()
        for block in deck.blocks:
            row = self.rows.get(block.id)
            if row is None:
                continue
            changed = old[block.id].text != block.text
            editing = block.id == keep or block.id in self._pending or \
                (row.field is focus and not changed)
            row.set_blocks(block, theirs.get(block.id), reload_field=changed and not editing)
        self._update_statuses()
        if keep is None:
            self._update_measures()

    def _focused_row(self: CopyView) -> BlockRow | None:
        focus = QApplication.focusWidget()
        return next((r for r in self.rows.values() if r.field is focus), None)

    def _format(self: CopyView, name: str) -> None:
        row = self._focused_row()
        if row is not None and row.block is not None and row.block.format == "html":
            getattr(row.field, name)()

    def add_link(self: CopyView) -> None:
        """Link the focused field's selection (asks for the address)."""
        row = self._focused_row()
        if row is None or row.block is None or row.block.format != "html":
            return
        href, ok = QInputDialog.getText(self, _("Link"), _("Address (or a placeholder such as "
                                                           "{{ pay_url }}):"))
        if ok:
            row.field.set_link(href.strip())
            row.field.setFocus()

    def insert_placeholder(self: CopyView, source: str) -> None:
        """Insert a placeholder chip at the focused field's cursor."""
        row = self._focused_row() or getattr(self, "_last_row", None)
        if row is None or row.block is None:
            self.sig_status.emit(_("Click into a text first"))
            return
        row.field.insert_chip("placeholder", source, source[2:-2].strip())

    def select_block(self: CopyView, block_id: str) -> bool:
        """Scroll to a block and put the cursor in its field (False if it isn't shown)."""
        row = self.rows.get(block_id)
        if row is None:
            return False
        row.show()
        self.scroll.ensureWidgetVisible(row, 0, 40)
        row.field.setFocus()
        return True

    # -- undo, redo, save --------------------------------------------------------------
    def _path_for_undo(self: CopyView) -> str:
        row = self._focused_row()
        if row is not None and row.block is not None:
            return row.block.path
        return self._last_path

    def undo(self: CopyView) -> None:
        """Undo the last step of the focused block's file (the code editor's history)."""
        self.commit_pending()
        path = self._path_for_undo()
        if path:
            self.bridge.undo(path)
            self._refresh_texts()

    def redo(self: CopyView) -> None:
        """Redo in the focused block's file."""
        path = self._path_for_undo()
        if path:
            self.bridge.redo(path)
            self._refresh_texts()

    def save(self: CopyView) -> bool:
        """Save every file this template × locale's blocks live in (atomically)."""
        self.commit_pending()
        if self.deck is None:
            return False
        ok = self.bridge.save(set(self.deck.sources))
        self.sig_status.emit(_("Saved") if ok else _("Not everything was saved"))
        return ok

    def _on_saved(self: CopyView, rel_path: str) -> None:
        project = self._project()
        done = [b for p, b in self._translated if p == rel_path]
        if not done or project is None:
            return
        self._translated = {(p, b) for p, b in self._translated if p != rel_path}
        ref = project.config.default_locale
        try:
            source = build_deck(project, self.template, ref, self.bridge.overlay())
            mark_translated(project.root, source, self.locale, done)
        except MissiveError as exc:
            self.sig_status.emit(str(exc))
        self._update_statuses()

    def _mark_done(self: CopyView, block_id: str) -> None:
        project = self._project()
        if project is None:
            return
        source = build_deck(project, self.template, project.config.default_locale,
                            self.bridge.overlay())
        mark_translated(project.root, source, self.locale, [block_id])
        self._update_statuses()
