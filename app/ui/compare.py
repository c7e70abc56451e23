"""Side by side: a second preview of the same template and channel, in another locale
or with another sample."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..core.project import Project
from ..core.workspace.selection import best_sample
from .i18n import _
from .preview import PreviewPanel


class ComparePanel(QWidget):
    """Its own locale and sample pickers over a :class:`PreviewPanel`."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locale = QComboBox(self)
        self.locale.setObjectName("compareLocale")
        self.sample = QComboBox(self)
        self.sample.setObjectName("compareSample")
        self.panel = PreviewPanel(self)
        self.project: Project | None = None
        row = QHBoxLayout()
        row.addWidget(QLabel(_("Compare with"), self))
        row.addWidget(self.locale)
        row.addWidget(self.sample)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.panel, 1)
        self.locale.activated.connect(lambda _i: self._on_locale())
        self.sample.activated.connect(lambda _i: self.sig_changed.emit())

    def set_project(self, project: Project, locale: str, sample: str) -> None:
        """Fill the pickers; start with another locale than the main preview's."""
        self.project = project
        for combo, values in ((self.locale, project.config.locales),
                              (self.sample, list(project.samples))):
            combo.clear()
            for value in values:
                combo.addItem(value, value)
        others = [loc for loc in project.config.locales if loc != locale]
        self.locale.setCurrentIndex(max(0, self.locale.findData(others[0] if others else locale)))
        self._follow_locale(sample)

    def choose(self, locale: str | None = None, sample: str | None = None) -> None:
        """Pick a locale and/or sample (unknown values keep the current pick); a new
        locale without a sample brings a sample written for it, as the main pickers do."""
        for combo, value in ((self.locale, locale), (self.sample, sample)):
            if value is not None and combo.findData(value) >= 0:
                combo.setCurrentIndex(combo.findData(value))
        if locale is not None and sample is None:
            self._follow_locale(self.sample.currentData() or "")

    def _on_locale(self) -> None:
        self._follow_locale(self.sample.currentData() or "")
        self.sig_changed.emit()

    def _follow_locale(self, current: str) -> None:
        """Keep ``current`` if it suits the chosen locale, else a sample written for it."""
        if self.project is not None:
            chosen = best_sample(self.project, self.locale.currentData() or "", current)
            self.sample.setCurrentIndex(max(0, self.sample.findData(chosen)))

    def choice(self) -> tuple[str, str]:
        """The chosen (locale, sample)."""
        return self.locale.currentData() or "", self.sample.currentData() or ""
