"""The findings panel: each finding with severity, rule, message and hint; double-click
jumps to its file, line and column. A finding with quick fixes has a button offering
them (Ctrl+. does the same for the selected finding); ``sig_fix`` carries the chosen one."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QMenu,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.checks.registry import all_rules
from .i18n import N_, _, current_language, ngettext, translate_template

SEVERITY_LABELS = {"error": N_("Error"), "warning": N_("Warning"), "info": N_("Info")}
SEVERITY_COLORS = {"error": "#cf222e", "warning": "#9a6700", "info": "#0969da"}
ROLE = Qt.ItemDataRole.UserRole
MESSAGE_COLUMN = 2
FIX_COLUMN = 4


def translate(finding: dict[str, Any], key: str) -> str:
    """A finding's message or hint in the interface language, from the template and
    values the rule gave (``message_id``/``message_args``); the English text otherwise."""
    english = finding.get(key, "")
    template = finding.get(f"{key}_id")
    if not template:
        return english
    return translate_template(template, finding.get(f"{key}_args"), english)


class FindingsPanel(QTreeWidget):
    """A list of findings (dicts with the check engine's keys); ``sig_jump(path, line, col)``."""

    sig_jump = Signal(str, int, int)
    sig_fix = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([_("Severity"), _("Rule"), _("Message"), _("Where"),
                              _("Quick fix")])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setColumnWidth(0, 90)
        self.setColumnWidth(1, 150)
        self.setColumnWidth(2, 560)
        self.header().sectionResized.connect(self._on_section_resized)
        self.itemDoubleClicked.connect(self._on_double_clicked)
        self.itemActivated.connect(self._on_double_clicked)
        self.findings: list[dict[str, Any]] = []

    def set_findings(self, findings: list[dict[str, Any]]) -> None:
        """Replace the list."""
        self.findings = list(findings)
        self.clear()
        rules = all_rules()
        translated = current_language() != "en"
        for finding in self.findings:
            severity = finding.get("severity", "info")
            rule = rules.get(finding.get("rule", ""))
            message = finding.get("message", "")
            hint = finding.get("hint", "")
            if translated:  # the core writes English; the catalogs hold the rules' words
                message = translate(finding, "message")
                hint = translate(finding, "hint")
                if rule is not None:
                    message = _(rule.summary) + "\n" + message
                    if finding.get("hint") == rule.hint:
                        hint = _(rule.hint)
            if hint:
                message += "\n" + _("Hint: {hint}").format(hint=hint)
            where = finding.get("path", "")
            if finding.get("line"):
                where += f":{finding['line']}"
            item = QTreeWidgetItem(self, [_(SEVERITY_LABELS.get(severity, severity)),
                                          finding.get("rule", ""), message, where])
            item.setForeground(0, QBrush(QColor(SEVERITY_COLORS.get(severity, "#000"))))
            item.setToolTip(2, message)
            if rule is not None:
                item.setToolTip(1, _(rule.summary))
            item.setData(0, ROLE, finding)
            if finding.get("fixes"):
                self._add_fix_button(item, finding["fixes"])
        self._fit_rows()

    def fix_title(self, fix: dict[str, Any]) -> str:
        """A fix's title in the interface language."""
        return translate(fix, "title")

    def _add_fix_button(self, item: QTreeWidgetItem, fixes: list[dict[str, Any]]) -> None:
        button = QToolButton(self)
        button.setText(self.fix_title(fixes[0]) if len(fixes) == 1 else _("Fix…"))
        button.setToolTip(_("Apply this quick fix to the text (Ctrl+.); Ctrl+Z undoes it"))
        button.setAutoRaise(False)
        button.clicked.connect(lambda _c=False, i=item: self._choose(i, button))
        holder = QWidget(self)  # the button at the top of its cell, not stretched over it
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        holder.button = button
        self.setItemWidget(item, FIX_COLUMN, holder)

    def _choose(self, item: QTreeWidgetItem, anchor: QWidget | None = None) -> None:
        self.setCurrentItem(item)
        fixes = (item.data(0, ROLE) or {}).get("fixes") or []
        if len(fixes) == 1:
            self.sig_fix.emit(fixes[0])
            return
        menu = QMenu(self)
        for fix in fixes:
            menu.addAction(self.fix_title(fix), lambda f=fix: self.sig_fix.emit(f))
        where = anchor.mapToGlobal(QPoint(0, anchor.height())) if anchor else \
            self.viewport().mapToGlobal(self.visualItemRect(item).bottomLeft())
        menu.popup(where)

    def offer_fixes(self) -> bool:
        """Ctrl+.: offer the selected finding's fixes; False when it has none."""
        item = self.currentItem()
        if item is None or not (item.data(0, ROLE) or {}).get("fixes"):
            return False
        holder = self.itemWidget(item, FIX_COLUMN)
        self._choose(item, getattr(holder, "button", holder))
        return True

    def select_at(self, path: str, line: int) -> None:
        """Select the first finding with fixes on a file's line (for Ctrl+. in the editor)."""
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            finding = item.data(0, ROLE) or {}
            if finding.get("fixes") and finding.get("path") == path and \
                    finding.get("line") == line:
                self.setCurrentItem(item)
                return

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        if index == MESSAGE_COLUMN:
            self._fit_rows()

    def _fit_rows(self) -> None:
        """Give each row the height its wrapped message needs: the view measures rows
        without the column's width, so a long message was cut after its third line."""
        width = self.columnWidth(MESSAGE_COLUMN) - 8
        metrics = self.fontMetrics()
        for index in range(self.topLevelItemCount()):
            item = self.topLevelItem(index)
            box = metrics.boundingRect(QRect(0, 0, max(width, 50), 100_000),
                                       int(Qt.TextFlag.TextWordWrap), item.text(MESSAGE_COLUMN))
            item.setSizeHint(MESSAGE_COLUMN, QSize(width, box.height() + 6))

    def counts(self) -> dict[str, int]:
        """How many errors, warnings and infos are listed."""
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.get("severity", "info")] = counts.get(finding.get("severity"), 0) + 1
        return counts

    def summary_text(self) -> str:
        """"2 errors · 1 warning · 0 infos" in the interface language."""
        c = self.counts()
        return " · ".join((
            ngettext("{n} error", "{n} errors", c["error"]).format(n=c["error"]),
            ngettext("{n} warning", "{n} warnings", c["warning"]).format(n=c["warning"]),
            ngettext("{n} info", "{n} infos", c["info"]).format(n=c["info"])))

    def _on_double_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, ROLE) or {}
        if finding.get("path"):
            self.sig_jump.emit(finding["path"], int(finding.get("line") or 0),
                               int(finding.get("column") or 0))


def collapse_when_empty(window: Any, dock: Any, has_findings: bool) -> None:
    """An empty findings pane shrinks to its title bar, so the previews and the review
    grid get the room; the first finding opens it again at its usual height."""
    widget = dock.widget()
    if widget is None or widget.isHidden() == (not has_findings):
        return
    widget.setVisible(has_findings)
    if has_findings:
        dock.setMaximumHeight(16777215)
        window.resizeDocks([dock], [170], Qt.Orientation.Vertical)
    else:
        dock.setMaximumHeight(dock.fontMetrics().height() + 16)
    if window.layout() is not None:  # lay out now: a click on a finding must land on it
        window.layout().activate()
