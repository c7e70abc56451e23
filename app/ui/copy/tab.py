"""The Copy tab: the Copy view with the window's one preview beside it.

There is one preview (one render, one set of checks); the tab that is shown holds it.
:meth:`CopyTab.borrow` moves it beside the fields, :meth:`CopyTab.give_back` returns it
to its place in the Write tab's splitter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QWidget

from .view import CopyView


class CopyTab(QSplitter):
    """The Copy view and, while the tab is shown, the preview."""

    def __init__(self, view: CopyView, preview: QWidget, home: QSplitter,
                 parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("copySplit")
        self.view = view
        self.preview = preview
        self.home = home
        self.addWidget(view)

    def borrow(self) -> None:
        """Show the preview beside the fields."""
        if self.preview.parent() is not self:
            self.addWidget(self.preview)
            self.setSizes([820, 640])

    def give_back(self) -> None:
        """Put the preview back between the editor and the comparison."""
        if self.preview.parent() is not self.home:
            sizes = self.home.sizes()
            self.home.insertWidget(1, self.preview)
            if len(sizes) == 2:
                self.home.setSizes([sizes[0], 640, sizes[1]])
