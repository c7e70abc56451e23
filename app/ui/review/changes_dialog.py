"""The "What changed" dialog: the diffs since a template's approval, one entry per
source file and per rendered locale/channel, each shown as a coloured unified diff."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.review import Changes
from ..i18n import _

ROLE = Qt.ItemDataRole.UserRole
LINE_STYLES = {"+": "background:#dafbe1; color:#116329", "-": "background:#ffebe9; color:#82071e",
               "@": "color:#8250df"}


def diff_html(diff: str) -> str:
    """A unified diff as rich text: additions green, removals red, hunks violet."""
    rows = []
    for line in diff.splitlines():
        style = "color:#57606a" if line.startswith(("+++", "---")) else \
            LINE_STYLES.get(line[:1], "")
        rows.append(f'<div style="{style}; white-space:pre-wrap">{html.escape(line) or " "}</div>')
    return "<div style=\"font-family:monospace\">" + "".join(rows) + "</div>"


class ChangesDialog(QDialog):
    """Lists what changed since the approval; selecting an entry shows its diff."""

    def __init__(self, template: str, changes: Changes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changesDialog")
        self.setWindowTitle(_("What changed in {template} since its approval").format(
            template=template))
        self.resize(980, 640)
        self.entries = QListWidget(self)
        self.entries.setObjectName("changedEntries")
        self.view = QTextEdit(self)
        self.view.setReadOnly(True)
        self.view.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        for label, group in ((_("Source: {name}"), changes.sources),
                             (_("Rendered text: {name}"), changes.rendered)):
            for name, diff in group.items():
                item = QListWidgetItem(label.format(name=name), self.entries)
                item.setData(ROLE, diff)
        if not self.entries.count():
            self.view.setPlainText(_("Nothing changed since the approval."))
        self.entries.currentItemChanged.connect(self._on_entry)
        splitter = QSplitter(self)
        splitter.addWidget(self.entries)
        splitter.addWidget(self.view)
        splitter.setSizes([300, 680])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if self.entries.count():
            self.entries.setCurrentRow(0)

    def _on_entry(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.view.setHtml(diff_html(item.data(ROLE)))
