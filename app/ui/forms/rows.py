"""Editable rows of the settings form: declared variables and fallback channels."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from ...core.model import VARIABLE_TYPES
from ...core.workspace.template_settings import FallbackSettings, VariableSettings
from ...kernel.channels import channel_names
from ..i18n import _, channel_label
from .labels import TYPE_LABELS, label


def _combo(parent: QWidget, items: list[tuple[str, str]], current: str | None,
           changed: Callable[[], None]) -> QComboBox:
    combo = QComboBox(parent)
    for text, data in items:
        combo.addItem(text, data)
    index = combo.findData(current or "")
    combo.setCurrentIndex(max(index, 0))
    combo.currentIndexChanged.connect(lambda _i: changed())
    return combo


class _Rows(QWidget):
    """A grid of rows with a remove button each; ``changed`` is called after any edit."""

    def __init__(self, changed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changed = changed
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.rows: list[list[QWidget]] = []

    def _add(self, widgets: list[QWidget]) -> None:
        remove = QToolButton(self)
        remove.setText("✕")
        remove.setToolTip(_("Remove"))
        remove.setObjectName("removeRow")
        row = [*widgets, remove]
        remove.clicked.connect(lambda: self._remove(row))
        self.rows.append(row)
        self._layout()

    def _remove(self, row: list[QWidget]) -> None:
        self.rows.remove(row)
        for widget in row:
            widget.deleteLater()
        self._layout()
        self.changed()

    def _layout(self) -> None:
        for r, row in enumerate(self.rows):
            for c, widget in enumerate(row):
                self.grid.addWidget(widget, r, c)

    def clear(self) -> None:
        for row in self.rows:
            for widget in row:
                widget.deleteLater()
        self.rows = []


class VariableRows(_Rows):
    """Name, type, required, currency — one row per declared variable."""

    def set_variables(self, variables: list[VariableSettings]) -> None:
        self.clear()
        names = [v.name for v in variables]
        for var in variables:
            self.add_row(var, names)

    def add_row(self, var: VariableSettings, names: list[str] | None = None) -> None:
        name = QLineEdit(var.name, self)
        name.setObjectName("variableName")
        name.setPlaceholderText(_("name, e.g. renewal_date"))
        name.original = var.original  # a Python attribute: no QVariant round trip
        name.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # an identifier
        name.editingFinished.connect(self.changed)
        kind = _combo(self, [(label(TYPE_LABELS, t), t) for t in VARIABLE_TYPES], var.type,
                      self.changed)
        kind.setObjectName("variableType")
        required = QCheckBox(_("Required"), self)
        required.setObjectName("variableRequired")
        required.setChecked(var.required)
        required.toggled.connect(lambda _on: self.changed())
        currency = QComboBox(self)
        currency.setObjectName("variableCurrency")
        currency.setEditable(True)
        currency.setToolTip(_("For money: the variable that holds the currency code"))
        currency.addItem("")
        currency.addItems([n for n in (names or []) if n != var.name])
        currency.setCurrentText(var.currency or "")
        currency.setEnabled(var.type == "money")
        currency.lineEdit().editingFinished.connect(self.changed)
        currency.activated.connect(lambda _i: self.changed())
        kind.currentIndexChanged.connect(
            lambda _i: currency.setEnabled(kind.currentData() == "money"))
        self._add([name, kind, required, currency])

    def variables(self) -> list[VariableSettings]:
        out = []
        for name, kind, required, currency, _remove in self.rows:
            out.append(VariableSettings(
                name=name.text().strip(), type=kind.currentData(),
                required=required.isChecked(),
                currency=(currency.currentText().strip() or None)
                if kind.currentData() == "money" else None,
                original=getattr(name, "original", None)))
        return out


class FallbackRows(_Rows):
    """Channel and delay — one row per fallback."""

    def set_fallbacks(self, fallbacks: list[FallbackSettings]) -> None:
        self.clear()
        for fallback in fallbacks:
            self.add_row(fallback)

    def add_row(self, fallback: FallbackSettings) -> None:
        channel = _combo(self, [(channel_label(c), c) for c in channel_names()],
                         fallback.channel, self.changed)
        channel.setObjectName("fallbackChannel")
        after = QLineEdit(fallback.after or "", self)
        after.setObjectName("fallbackAfter")
        after.setPlaceholderText(_("after, e.g. 12h"))
        after.setToolTip(_("How long to wait for the message before: 30m, 4h, 1d"))
        after.editingFinished.connect(self.changed)
        self._add([channel, after])

    def fallbacks(self) -> list[FallbackSettings]:
        return [FallbackSettings(channel.currentData(), after.text().strip() or None)
                for channel, after, _remove in self.rows]
