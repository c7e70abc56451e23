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

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QMenu

from ..core.copy import CopyDeck, CopyError, build_deck, edit_block, insertable_placeholders
from ..core.project import Project
from ..core.workspace.preview_marks import edit_markup, text_from_page
from ..kernel.errors import MissiveError
from .copy.chips import placeholder_label
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
        self.bridge.sig_placeholder_menu.connect(self._page_placeholder_menu)
        self.page_block = ""  # the block being edited in the email page
        self.bridge.sig_editing.connect(lambda block_id: setattr(self, "page_block", block_id))
        self.bridge.sig_committed.connect(lambda *_a: setattr(self, "page_block", ""))
        self.bridge.sig_cancelled.connect(lambda *_a: setattr(self, "page_block", ""))
        panel.email.enable_editing(self.bridge)
        self._watch()
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
        return edit_markup(block, placeholder_label)

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
            insertable = [source for _name, source in self._insertables()]
            edit = edit_block(project, deck, block_id,
                              text_from_page(block, items, insertable))
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

    def insert_in_page(self, source: str, label: str) -> None:
        """Insert a placeholder chip where the caret is in the block being edited."""
        self.panel.email.run_in_page(f"window.missiveInsert && window.missiveInsert("
                                     f"{json.dumps(source)}, {json.dumps(label)})")

    def offer_placeholders(self) -> bool:
        """Show the variables' menu if a block is being edited in the preview (Ctrl+Space
        there); False when nothing is being edited."""
        editor = getattr(self, "bubble_editor", None)
        if editor is not None and editor.isVisible() and editor.hasFocus():
            editor.placeholder_menu().exec(editor.mapToGlobal(
                editor.cursorRect().bottomLeft()))
            return True
        if self.page_block and self.panel.email.frame.view.hasFocus():
            self.bridge.sig_placeholder_menu.emit(self.page_block)
            return True
        return False

    def _page_placeholder_menu(self, _block_id: str) -> None:
        menu = QMenu(_("Insert placeholder"), self.panel)
        for name, source in self._insertables():
            menu.addAction(name, lambda s=source, n=name: self.insert_in_page(s, n))
        menu.exec(QCursor.pos())

    # -- SMS and WhatsApp bubbles, subject and preheader ---------------------------------
    def _watch(self) -> None:
        inbox = self.panel.email.inbox
        for label in (self.panel.sms.bubble, self.panel.whatsapp.bubble,
                      inbox.subject_label, inbox.preheader_label):
            label.installEventFilter(self)
        self.panel.whatsapp.watcher = self

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not isinstance(watched, QLabel) or kind not in (
                QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            return False
        block_id = self.block_at(watched, event.position().toPoint())
        if not block_id:
            return False
        if kind == QEvent.Type.MouseButtonPress:
            self.sig_block_selected.emit(block_id)
            return False
        self.edit_label(watched, block_id)
        return True

    def block_at(self, label: QLabel, pos: QPoint) -> str:
        """The block a click on one of the preview's labels means ("" for none)."""
        inbox, whatsapp = self.panel.email.inbox, self.panel.whatsapp
        fixed = {id(inbox.subject_label): "email.subject",
                 id(inbox.preheader_label): "email.preheader",
                 id(self.panel.sms.bubble): "sms.body"}
        if id(label) in fixed:
            return fixed[id(label)]
        if label in whatsapp.buttons:
            return f"whatsapp.button{whatsapp.buttons.index(label) + 1}"
        if label is whatsapp.bubble:
            return "whatsapp." + whatsapp_part(label, pos, whatsapp.message)
        return ""

    def edit_label(self, label: QLabel, block_id: str) -> BubbleEditor | None:
        """Edit the text of a label of the preview in place, over it."""
        deck = self.deck()
        try:
            block = deck.block(block_id) if deck else None
        except CopyError:
            block = None
        if block is None:
            return None
        editor = BubbleEditor(block, label.parentWidget())
        editor.insertables = self._insertables()
        geometry = label.geometry()
        geometry.setHeight(max(geometry.height(), 90 if block.channel != "email" else 56))
        editor.setGeometry(geometry)
        editor.sig_commit.connect(lambda items, b=block_id: self.write(b, items))
        editor.show()
        editor.raise_()
        editor.setFocus()
        self.bubble_editor = editor
        return editor

    def edit_bubble(self, block_id: str) -> BubbleEditor | None:
        """Edit an SMS or WhatsApp text (or the subject, preheader) in place."""
        inbox, whatsapp = self.panel.email.inbox, self.panel.whatsapp
        labels = {"email.subject": inbox.subject_label,
                  "email.preheader": inbox.preheader_label, "sms.body": self.panel.sms.bubble}
        label = labels.get(block_id)
        if label is None and block_id.startswith("whatsapp.button"):
            index = int(block_id.removeprefix("whatsapp.button").split(".")[0]) - 1
            label = whatsapp.buttons[index] if 0 <= index < len(whatsapp.buttons) else None
        if label is None and block_id.startswith("whatsapp."):
            label = whatsapp.bubble
        return self.edit_label(label, block_id) if label is not None else None

    def _insertables(self) -> list[tuple[str, str]]:
        """(label, source) of the placeholders the template declares, for the editors."""
        project, template_id, _locale = self._target()
        if project is None or template_id not in project.templates:
            return []
        return [(placeholder_label(item.source[2:-2].strip()), item.source)
                for item in insertable_placeholders(project.templates[template_id])]


def whatsapp_part(label: QLabel, pos: QPoint, message: dict) -> str:
    """"header", "body" or "footer": which part of the WhatsApp bubble is at ``pos``."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setHtml(label.text())
    area = label.contentsRect()
    doc.setTextWidth(area.width())
    hit = doc.documentLayout().hitTest(QPointF(pos - area.topLeft()),
                                       Qt.HitTestAccuracy.FuzzyHit)
    text = doc.toPlainText()
    header, footer = message.get("header", ""), message.get("footer", "")
    if header and 0 <= hit <= len(header):
        return "header"
    if footer and hit >= len(text.rstrip()) - len(footer):
        return "footer"
    return "body"
