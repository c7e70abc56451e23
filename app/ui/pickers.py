"""The always-visible pickers: template, locale, channel, sample and device.

They show and change a :class:`Choice`; ``sig_changed(field)`` says which one the user
changed. Setting them from code (:meth:`PickerBar.set_choice`) emits nothing.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QWidget

from ..core.project import Project
from ..core.workspace.selection import Choice
from ..kernel.channels import channel_names
from .i18n import _, channel_label
from .preview.devices import DEVICES, device_label


class PickerBar(QToolBar):
    """A toolbar of combo boxes bound to a :class:`Choice`."""

    sig_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Preview"), parent)
        self.setObjectName("pickerBar")
        self.setMovable(False)
        self.combos: dict[str, QComboBox] = {}
        for field, label in (("template", _("Template")), ("locale", _("Locale")),
                             ("channel", _("Channel")), ("sample", _("Sample")),
                             ("device", _("Device"))):
            self.addWidget(QLabel(f" {label} ", self))
            combo = QComboBox(self)
            combo.setObjectName(f"{field}Picker")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.activated.connect(lambda _i, f=field: self.sig_changed.emit(f))
            self.addWidget(combo)
            self.combos[field] = combo
        for key, device in DEVICES.items():
            self.combos["device"].addItem(device_label(device), key)
        self.project: Project | None = None

    def set_project(self, project: Project) -> None:
        """Fill the template, locale and sample lists."""
        self.project = project
        self._fill("template", [(f"{t.id}", t.id) for t in project.templates.values()])
        self._fill("locale", [(loc, loc) for loc in project.config.locales])
        self._fill("sample", [(name, name) for name in project.samples])

    def _fill(self, field: str, items: list[tuple[str, str]]) -> None:
        combo = self.combos[field]
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for label, value in items:
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def choice(self) -> Choice:
        """What the pickers show now."""
        return Choice(**{f: self.combos[f].currentData() or "" for f in self.combos})

    def set_choice(self, choice: Choice) -> None:
        """Show ``choice`` (the channel list follows the template's channels)."""
        if self.project and choice.template in self.project.templates:
            channels = self.project.templates[choice.template].channels
        else:
            channels = channel_names()
        self._fill("channel", [(channel_label(c), c) for c in channels])
        for field in self.combos:
            combo = self.combos[field]
            combo.blockSignals(True)
            index = combo.findData(getattr(choice, field))
            if index >= 0:
                combo.setCurrentIndex(index)
            combo.blockSignals(False)
