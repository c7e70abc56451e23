"""Item labels that are cut at their own end, in any interface direction.

A left-to-right label ("invoice_ready — Your invoice is ready") in a Hebrew or Arabic
interface was laid out right to left, so when it was too long its "…" landed on the
left while the words were cut on the right. This delegate lays out each label in the
direction of its first strong letter and keeps it against the reading edge of the
interface, so a label is cut where it ends and the "…" follows its last visible word.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from ..kernel.bidi import first_strong


class DirectionalDelegate(QStyledItemDelegate):
    """Shows every label in its own direction, aligned to the interface's start edge."""

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text
        if not text:
            return
        own = first_strong(text)
        ui_rtl = option.direction == Qt.LayoutDirection.RightToLeft
        if own is None or (own == "rtl") == ui_rtl:
            return
        option.direction = Qt.LayoutDirection.RightToLeft if own == "rtl" \
            else Qt.LayoutDirection.LeftToRight
        # Still against the interface's start edge (the right in Hebrew and Arabic).
        edge = Qt.AlignmentFlag.AlignRight if ui_rtl else Qt.AlignmentFlag.AlignLeft
        option.displayAlignment = edge | Qt.AlignmentFlag.AlignAbsolute | \
            Qt.AlignmentFlag.AlignVCenter
