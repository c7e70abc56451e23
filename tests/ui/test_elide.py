"""Tree labels in a right-to-left interface are cut at their own end."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem, QTreeWidget, QTreeWidgetItem

from app.ui.elide import DirectionalDelegate


def _option(tree: QTreeWidget, item: QTreeWidgetItem) -> QStyleOptionViewItem:
    option = QStyleOptionViewItem()
    option.initFrom(tree)
    tree.itemDelegate().initStyleOption(option, tree.indexFromItem(item))
    return option


def test_latin_label_in_a_hebrew_tree_is_laid_out_left_to_right(qtbot) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    tree.setItemDelegate(DirectionalDelegate(tree))
    latin = QTreeWidgetItem(tree, ["invoice_ready — Your invoice is ready"])
    hebrew = QTreeWidgetItem(tree, ["תבניות"])
    option = _option(tree, latin)
    assert option.direction == Qt.LayoutDirection.LeftToRight  # "…" after its last word
    assert option.displayAlignment & Qt.AlignmentFlag.AlignRight  # still at the start edge
    assert option.displayAlignment & Qt.AlignmentFlag.AlignAbsolute
    assert _option(tree, hebrew).direction == Qt.LayoutDirection.RightToLeft


def test_hebrew_label_in_an_english_tree_reads_from_the_right(qtbot) -> None:
    tree = QTreeWidget()
    qtbot.addWidget(tree)
    tree.setItemDelegate(DirectionalDelegate(tree))
    option = _option(tree, QTreeWidgetItem(tree, ["חשבונית חודשית"]))
    assert option.direction == Qt.LayoutDirection.RightToLeft
    assert option.displayAlignment & Qt.AlignmentFlag.AlignLeft
