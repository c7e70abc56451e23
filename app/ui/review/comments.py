"""Comment threads pinned to a template (and locale, channel, sample): read, start,
reply, resolve and reopen. The same panel sits beside the editor (following the open
file) and in the review view (following the chosen cell).

Threads are read from and written to :class:`app.core.review.ReviewStore`; the log is
small text, so reading it on the GUI thread is instant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.project import Project
from ...core.review import Event, ReviewStore, Thread
from ...kernel.errors import MissiveError
from ..editor.code_editor import editor_text
from ..i18n import _, channel_label

ROLE = Qt.ItemDataRole.UserRole


def short_time(stamp: str) -> str:
    """``2026-05-01T09:30:00Z`` as local time, ``2026-05-01 12:30``."""
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def applies(thread: Thread, locale: str, channel: str) -> bool:
    """Whether a thread concerns this locale and channel (empty pins concern all)."""
    return thread.locale in ("", locale) and thread.channel in ("", channel)


class CommentsPanel(QWidget):
    """The threads of one template × locale × channel; ``sig_changed`` after a write.

    ``who()`` gives the author's name (it may ask; "" or None cancels).
    """

    sig_changed = Signal(str)  # template id

    def __init__(self, who: Callable[[], str | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._who = who
        self.project: Project | None = None
        self.template = self.locale = self.channel = self.sample = ""
        self.title = QLabel(self)
        self.title.setObjectName("commentsTitle")
        self.title.setStyleSheet("#commentsTitle { color: #57606a; }")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("commentThreads")
        self.tree.setHeaderLabels([_("Comment"), _("Author"), _("Time"), _("Pinned to")])
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("commentText")
        self.text.setPlaceholderText(_("Write a comment…"))
        self.text.setFixedHeight(54)
        self.comment_button = QPushButton(_("Comment"), self)
        self.reply_button = QPushButton(_("Reply"), self)
        self.resolve_button = QPushButton(_("Resolve"), self)
        self.comment_button.clicked.connect(self.add_comment)
        self.reply_button.clicked.connect(self.reply)
        self.resolve_button.clicked.connect(self.toggle_resolved)
        buttons = QHBoxLayout()
        for button in (self.comment_button, self.reply_button, self.resolve_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.threads: list[Thread] = []
        self._update_buttons()

    # -- what is shown -------------------------------------------------------------
    def set_target(self, project: Project | None, template: str, locale: str, channel: str,
                   sample: str = "") -> None:
        """Follow another template × locale × channel (``sample`` pins new threads)."""
        self.project = project
        self.template, self.locale, self.channel, self.sample = template, locale, channel, sample
        self.refresh()

    def refresh(self) -> None:
        """Read the threads again."""
        self.tree.clear()
        self.threads = []
        if self.project is None or self.template not in self.project.templates:
            self.title.setText(_("No template chosen"))
            self._update_buttons()
            return
        try:
            threads = ReviewStore(self.project).threads(self.template)
        except MissiveError as exc:
            self.title.setText(str(exc))
            return
        self.threads = [t for t in threads if applies(t, self.locale, self.channel)]
        open_count = sum(not t.resolved for t in self.threads)
        self.title.setText(_("Comments on {template} · {locale} · {channel}: {open} open, "
                             "{total} in all").format(
            template=self.template, locale=self.locale,
            channel=channel_label(self.channel) if self.channel
            else self.channel,
            open=open_count, total=len(self.threads)))
        for thread in self.threads:
            top = self._item(self.tree, thread.comments[0], thread)
            for reply in thread.comments[1:]:
                self._item(top, reply, thread)
            top.setExpanded(True)
        self._update_buttons()

    def _item(self, parent: QTreeWidget | QTreeWidgetItem, event: Event,
              thread: Thread) -> QTreeWidgetItem:
        pinned = " · ".join(p for p in (thread.locale, thread.channel, thread.sample) if p)
        text = event.note
        if thread.resolved and event is thread.comments[0]:
            text = _("[resolved]") + " " + text
        item = QTreeWidgetItem(parent, [text, event.author, short_time(event.time),
                                        pinned or _("all variants")])
        item.setData(0, ROLE, thread.id)
        item.setToolTip(0, event.note)
        if thread.resolved:
            for column in range(4):
                item.setForeground(column, QBrush(QColor("#8c959f")))
        elif event is thread.comments[0]:
            font = QFont(item.font(0))
            font.setBold(True)
            item.setFont(0, font)
        return item

    def selected_thread(self) -> Thread | None:
        """The thread of the selected comment."""
        item = self.tree.currentItem()
        thread_id = item.data(0, ROLE) if item is not None else None
        return next((t for t in self.threads if t.id == thread_id), None)

    def _update_buttons(self) -> None:
        thread = self.selected_thread()
        has_template = self.project is not None and bool(self.template)
        self.comment_button.setEnabled(has_template)
        self.reply_button.setEnabled(thread is not None)
        self.resolve_button.setEnabled(thread is not None)
        self.resolve_button.setText(_("Reopen") if thread and thread.resolved else _("Resolve"))

    # -- writing -------------------------------------------------------------------------
    def add_comment(self) -> None:
        """Start a thread pinned to the current template, locale, channel and sample."""
        self._write(lambda store, who, text: store.comment(
            self.template, who, text, locale=self.locale, channel=self.channel,
            sample=self.sample))

    def reply(self) -> None:
        """Reply to the selected thread."""
        thread = self.selected_thread()
        if thread is not None:
            self._write(lambda store, who, text: store.comment(
                self.template, who, text, locale=thread.locale, channel=thread.channel,
                sample=thread.sample, reply_to=thread.id))

    def toggle_resolved(self) -> None:
        """Resolve the selected thread, or reopen it when it is resolved."""
        thread = self.selected_thread()
        if thread is not None:
            self._write(lambda store, who, _text: store.resolve(
                self.template, thread.id, who, reopen=thread.resolved), needs_text=False)

    def _write(self, action: Callable[[ReviewStore, str, str], object],
               needs_text: bool = True) -> None:
        if self.project is None:
            return
        text = editor_text(self.text).strip()  # no-break spaces kept
        if needs_text and not text:
            self.text.setFocus()
            self.title.setText(_("Write the comment first."))
            return
        who = self._who()
        if not who:
            return
        try:
            action(ReviewStore(self.project), who, text)
        except MissiveError as exc:
            self.title.setText(str(exc))
            return
        if needs_text:
            self.text.clear()
        self.refresh()
        self.sig_changed.emit(self.template)
