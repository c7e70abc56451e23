"""Zoom on hover: resting the pointer on a grid cell shows it twice as large beside it.

A frameless tool-tip window with the cell drawn at :data:`HOVER_ZOOM`; it follows the
pointer from cell to cell and hides when the pointer leaves the grid or it scrolls.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QTableWidget

HOVER_ZOOM = 2.0
DELAY_MS = 350


class HoverZoom(QObject):
    """Shows ``draw(row, column)`` (a QImage, or None) beside the hovered cell."""

    def __init__(self, table: QTableWidget,
                 draw: Callable[[int, int], QImage | None]) -> None:
        super().__init__(table)
        self.table = table
        self.draw = draw
        self.popup = QLabel(None, Qt.WindowType.ToolTip)
        self.popup.setObjectName("reviewHoverZoom")
        self.popup.setStyleSheet("border: 1px solid #8c959f; background: white;")
        self._cell = (-1, -1)
        self._timer = QTimer(self, singleShot=True, interval=DELAY_MS)
        self._timer.timeout.connect(self.show_now)
        table.setMouseTracking(True)
        table.cellEntered.connect(self._entered)
        table.viewport().installEventFilter(self)
        table.verticalScrollBar().valueChanged.connect(lambda _v: self.hide())
        table.horizontalScrollBar().valueChanged.connect(lambda _v: self.hide())

    def _entered(self, row: int, column: int) -> None:
        self._cell = (row, column)
        if self.popup.isVisible():
            self.show_now()
        else:
            self._timer.start()

    def show_now(self, row: int | None = None, column: int | None = None) -> bool:
        """Show the zoom of a cell (the hovered one by default); False if there is none."""
        if row is not None and column is not None:
            self._cell = (row, column)
        image = self.draw(*self._cell)
        if image is None or image.isNull():
            self.hide()
            return False
        self.popup.setPixmap(QPixmap.fromImage(image))
        self.popup.adjustSize()
        rect = self.table.visualItemRect(self.table.item(*self._cell))
        viewport = self.table.viewport()
        right = viewport.mapToGlobal(QPoint(rect.right() + 8, rect.top()))
        left = viewport.mapToGlobal(QPoint(rect.left() - 8 - self.popup.width(), rect.top()))
        screen = self.table.screen().availableGeometry()
        rtl = self.table.layoutDirection() == Qt.LayoutDirection.RightToLeft
        spot = left if (rtl and left.x() >= screen.left()) or \
            right.x() + self.popup.width() > screen.right() else right
        spot.setY(max(screen.top(), min(spot.y(), screen.bottom() - self.popup.height())))
        self.popup.move(spot)
        self.popup.show()
        return True

    def hide(self) -> None:
        """Hide the zoom (and forget a pending one)."""
        self._timer.stop()
        self.popup.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Leave, QEvent.Type.MouseButtonPress,
                            QEvent.Type.Wheel, QEvent.Type.Hide):
            self.hide()
        return False
