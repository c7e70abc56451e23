"""The mail-client support summary beside the email preview: per client family, the
features that will break there; a click jumps to the line that writes the feature."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from ..core.client_summary import summarize
from .i18n import _, ngettext

ROLE = Qt.ItemDataRole.UserRole
BROKEN = "#9a6700"
FINE = "#1a7f37"


def _without(client: str, family: str) -> str:
    """"Gmail iOS" → "iOS" under Gmail; "Outlook.com" stays."""
    return client[len(family) + 1:] if client.startswith(family + " ") else client


def _ltr(text: str) -> str:
    """CSS names, client names and file:line read left to right in a mirrored window."""
    return f"\u202a{text}\u202c"


class SupportSummary(QWidget):
    """Shows :func:`app.core.client_summary.summarize` of a variant's findings."""

    sig_jump = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supportSummary")
        self.heading = QLabel(_("Mail clients: what will break"), self)
        self.heading.setObjectName("supportHeading")
        self.heading.setStyleSheet("#supportHeading { font-weight: bold; padding: 4px 8px; }")
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(2)
        self.tree.setWordWrap(True)
        self.tree.itemClicked.connect(self._on_clicked)
        self.tree.itemActivated.connect(self._on_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 1)
        self.families: list[Any] = []

    def set_findings(self, findings: list[dict[str, Any]]) -> None:
        """Rebuild the summary from one variant's findings."""
        self.families = summarize(findings)
        self.tree.clear()
        bold = QFont(self.font())
        bold.setBold(True)
        for family in self.families:
            count = len(family.breaks)
            status = ngettext("{n} feature will break", "{n} features will break",
                              count).format(n=count) if count else _("nothing breaks")
            if family.partly:
                status += " · " + ngettext("{n} partly supported", "{n} partly supported",
                                           family.partly).format(n=family.partly)
            top = QTreeWidgetItem(self.tree, [family.name, status])
            top.setFont(0, bold)
            top.setForeground(1, QBrush(QColor(BROKEN if count else FINE)))
            for breakage in family.breaks:
                where = breakage.path.rsplit("/", 1)[-1]
                if breakage.line:
                    where += f":{breakage.line}"
                # Under "Gmail", "iOS" says enough; the place first, so it is never cut.
                short = [_without(client, family.name) for client in breakage.clients]
                child = QTreeWidgetItem(top, [_ltr(breakage.feature),
                                              _ltr(f"{where} · {', '.join(short)}")])
                child.setToolTip(0, _("Click to go to the line that writes it"))
                child.setToolTip(1, _("Final HTML line {line}").format(line=breakage.html_line))
                child.setData(0, ROLE, (breakage.path, breakage.line, breakage.column))
            top.setExpanded(bool(count))
        self.tree.resizeColumnToContents(0)

    def _on_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, ROLE)
        if target and target[0]:
            self.sig_jump.emit(target[0], int(target[1]), int(target[2]))
