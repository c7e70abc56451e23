"""Editing in the preview: a click selects a copy block, a double-click edits it in place.

The email page talks to :class:`~app.ui.preview.edit_bridge.PreviewEditBridge`; the
SMS and WhatsApp bubbles are Qt labels, watched here for clicks. Either way the block is
found in the copy model (:mod:`app.core.copy`) built from the editors' unsaved text,
and an edit goes through :func:`app.core.copy.edit_block` into the file's document
(:class:`~app.ui.editor.documents.FileDocuments`): the same text, undo history, save
and recovery as the code editor and the Copy view.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ..core.copy import CopyDeck, CopyError, build_deck, edit_block
from ..core.errors import MissiveError
from ..core.project import Project
from ..core.workspace.preview_marks import edit_markup, text_from_page
from .editor.documents import FileDocuments
from .i18n import _
from .preview import PreviewPanel
from .preview.bubble_editor import BubbleEditor
from .preview.edit_bridge import PreviewEditBridge


class PreviewEditing(QObject):
    """``sig_block_selected(block_id)`` for the Copy view; ``sig_status(text)``."""

    sig_block_selected = Signal(str)
    sig_status = Signal(str)

    def __init__(self, panel: PreviewPanel, documents: FileDocuments,
                 target: Callable[[], tuple[Project | None, str, str]],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.documents = documents
        self._target = target
        self.bridge = PreviewEditBridge(self)
        self.bridge.edit_markup = self.edit_markup
        self.bridge.commit_edit = self.commit
        self.bridge.sig_clicked.connect(self.sig_block_selected)
        panel.email.enable_editing(self.bridge)
        for label in (panel.sms.bubble, panel.whatsapp.bubble):
            label.installEventFilter(self)
        self.selected = ""

    @property
    def nonce(self) -> str:
        """The block attribute's nonce the renders must use."""
        return self.bridge.nonce

    # -- the copy model of what is shown ---------------------------------------------
    def deck(self) -> CopyDeck | None:
        """The blocks of the shown template × locale, from the unsaved text."""
        project, template, locale = self._target()
        if project is None or not template:
            return None
        overlay = self.documents.editors.modified_buffers()
        try:
            return build_deck(project, template, locale, overlay=overlay or None)
        except (MissiveError, CopyError):
            return None

    def edit_markup(self, block_id: str) -> str:
        """The block as the page edits it ("" when it can't be edited there)."""
        deck = self.deck()
        try:
            block = deck.block(block_id) if deck else None
        except CopyError:
            block = None
        if block is None or block.format != "html":
            return ""
        if block.shared:
            self.sig_status.emit(_("This text is shared: editing it changes {file}, used by "
                                   "{templates}.").format(file=block.path,
                                                         templates=", ".join(block.used_by)))
        return edit_markup(block)

    def commit(self, block_id: str, runs_json: str) -> str:
        """Write the page's edit of a block; "" or why it was refused."""
        try:
            items = json.loads(runs_json)
        except ValueError:
            items = None
        return self.write(block_id, items)

    def write(self, block_id: str, items: object) -> str:
        """Write a block from edited runs (the page's or a bubble's); "" or why not."""
        deck = self.deck()
        project = self._target()[0]
        if deck is None or project is None:
            return _("The preview's template can't be read now.")
        try:
            block = deck.block(block_id)
            if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
                raise CopyError("the preview sent something that is not text")
            edit = edit_block(project, deck, block_id, text_from_page(block, items))
        except (CopyError, MissiveError, ValueError) as exc:
            reason = _("Not changed: {reason}").format(reason=str(exc))
            self.sig_status.emit(reason)
            return reason
        self.documents.write(edit.path, edit.new_source)
        self.sig_status.emit(_("Changed {block} in {file} (not saved yet)").format(
            block=block_id, file=edit.path))
        return ""

    # -- from the studio ---------------------------------------------------------------
    def select(self, block_id: str) -> None:
        """Outline a block in the email preview (the Copy view chose it)."""
        self.selected = block_id
        self.panel.email.run_in_page(f"window.missiveSelect && "
                                     f"window.missiveSelect({json.dumps(block_id)})")

    def begin_edit(self, block_id: str) -> None:
        """Start editing a block in place, as a double-click does."""
        self.panel.email.frame.view.setFocus()
        self.panel.email.run_in_page(f"window.missiveBegin && "
                                     f"window.missiveBegin({json.dumps(block_id)})")

    # -- SMS and WhatsApp bubbles -------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QLabel):
            return False
        block_id = self._bubble_block(watched)
        if block_id and event.type() == QEvent.Type.MouseButtonPress:
            self.sig_block_selected.emit(block_id)
        elif block_id and event.type() == QEvent.Type.MouseButtonDblClick:
            self.edit_bubble(block_id)
            return True
        return False

    def edit_bubble(self, block_id: str) -> BubbleEditor | None:
        """Edit an SMS or WhatsApp text in place, over its bubble."""
        deck = self.deck()
        label = self.panel.sms.bubble if block_id.startswith("sms") else \
            self.panel.whatsapp.bubble
        try:
            block = deck.block(block_id) if deck else None
        except CopyError:
            block = None
        if block is None:
            return None
        editor = BubbleEditor(block, label.parentWidget())
        geometry = label.geometry()
        geometry.setHeight(max(geometry.height(), 90))
        editor.setGeometry(geometry)
        editor.sig_commit.connect(lambda items, b=block_id: self.write(b, items))
        editor.show()
        editor.raise_()
        editor.setFocus()
        self.bubble_editor = editor
        return editor

    def _bubble_block(self, label: QWidget) -> str:
        if label is self.panel.sms.bubble:
            return "sms.body"
        if label is self.panel.whatsapp.bubble:
            return "whatsapp.body"
        return ""
