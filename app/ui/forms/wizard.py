"""The new template wizard: id, title, category, channels and locales, then every file.

It calls :func:`app.core.workspace.new_template.create_template`, as ``missive template
new`` does; a problem is shown in the dialog (which stays open), all of them at once.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.model import CATEGORIES
from ...core.project import Project
from ...core.workspace.new_template import create_template, template_problems
from ...kernel.channels import channel_names
from ...kernel.errors import MissiveError
from ..i18n import _, channel_label, tr
from .labels import CATEGORY_LABELS, label


def suggest_id(title: str) -> str:
    """A template id from a title ("Subscription renewal" → "subscription_renewal")."""
    return re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")


class NewTemplateWizard(QDialog):
    """Ask for the new template's id and settings; ``created_id`` after it was made."""

    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newTemplateWizard")
        self.setWindowTitle(_("New template"))
        self.project = project
        self.created_id = ""
        self.title = QLineEdit(self)
        self.title.setObjectName("wizardTitle")
        self.title.setPlaceholderText(_("e.g. Subscription renewal"))
        self.template_id = QLineEdit(self)
        self.template_id.setObjectName("wizardId")
        self.template_id.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.template_id.setPlaceholderText("subscription_renewal")
        self._id_edited = False
        self.template_id.textEdited.connect(lambda _t: setattr(self, "_id_edited", True))
        self.title.textChanged.connect(self._suggest)
        self.category = QComboBox(self)
        self.category.setObjectName("wizardCategory")
        for code in CATEGORIES:
            self.category.addItem(label(CATEGORY_LABELS, code), code)
        self.channels = self._boxes("wizardChannel", {c: channel_label(c)
                                                      for c in channel_names()})
        self.locales = self._boxes("wizardLocale", {loc: loc for loc in
                                                    project.config.locales})
        self.problems = QLabel(self)
        self.problems.setObjectName("wizardProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b42318;")
        intro = QLabel(_("Every file is created with placeholder text marked [WRITE: …]; "
                         "the checks list each one until it is written."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(_("Template id"), self.template_id)
        form.addRow(_("Category"), self.category)
        form.addRow(_("Channels"), self._row(self.channels))
        form.addRow(_("Locales"), self._row(self.locales))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Create"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("wizardCreate")
        buttons.accepted.connect(self.create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addWidget(buttons)
        self.resize(520, 0)

    def _boxes(self, prefix: str, items: dict[str, str]) -> dict[str, QCheckBox]:
        boxes = {}
        for code, text in items.items():
            box = QCheckBox(text, self)
            box.setObjectName(f"{prefix}_{code}")
            box.setChecked(True)
            boxes[code] = box
        return boxes

    def _row(self, boxes: dict[str, QCheckBox]) -> QHBoxLayout:
        row = QHBoxLayout()
        for box in boxes.values():
            row.addWidget(box)
        row.addStretch(1)
        return row

    def _suggest(self, title: str) -> None:
        if not self._id_edited:
            self.template_id.setText(suggest_id(title))

    def create(self) -> None:
        """Create the files; close on success, else say what is wrong."""
        channels = [c for c, box in self.channels.items() if box.isChecked()]
        locales = [loc for loc, box in self.locales.items() if box.isChecked()]
        template_id = self.template_id.text().strip()
        problems = template_problems(self.project, template_id,
                                     self.category.currentData(), channels, locales)
        if problems:
            self.problems.setText("\n".join(tr(p) for p in problems))
            return
        try:
            create_template(self.project, template_id, title=self.title.text().strip(),
                            category=self.category.currentData(), channels=channels,
                            locales=locales)
        except MissiveError as exc:
            self.problems.setText(str(exc))
            return
        self.created_id = template_id
        self.accept()
