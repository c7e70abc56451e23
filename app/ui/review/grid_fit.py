"""Fitting the review grid into the window: thumbnails grow to fill the width of the
visible columns (up to twice their size, so their text can be read), and one locale's
columns are shown at a time when all of them don't fit (:class:`ReviewView` groups)."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QTableWidget

MAX_ZOOM = 2.0
PADDING = 8


def fit_zoom(table: QTableWidget, base: QSize) -> float:
    """How much larger than ``base`` the visible columns can be drawn."""
    visible = sum(not table.isColumnHidden(c) for c in range(table.columnCount()))
    if not visible:
        return 1.0
    room = table.viewport().width() or table.width() - table.verticalHeader().width() - 20
    if not table.verticalScrollBar().isVisible():  # taller rows will bring it
        room -= table.verticalScrollBar().sizeHint().width()
    zoom = (room - 4) / (visible * (base.width() + PADDING)) - 0.005
    return max(1.0, min(MAX_ZOOM, round(zoom, 2)))


def apply_sizes(table: QTableWidget, base: QSize, zoom: float) -> QSize:
    """Icon, row and column sizes for ``zoom``; returns the thumbnail size."""
    size = QSize(round(base.width() * zoom), round(base.height() * zoom))
    table.setIconSize(size)
    for row in range(table.rowCount()):
        table.setRowHeight(row, size.height() + PADDING)
    for column in range(table.columnCount()):
        table.setColumnWidth(column, size.width() + PADDING)
    return size


def columns_fit(table: QTableWidget, count: int, base: QSize) -> bool:
    """Whether ``count`` columns of ``base`` thumbnails fit the table's width."""
    room = table.viewport().width() or table.width() - 20
    return count * (base.width() + PADDING) <= room
