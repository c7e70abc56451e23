"""The Template tab: the settings form and the sample form side by side.

The window calls :meth:`FormsView.show_choice` when the chosen template or sample
changes, and :func:`run_wizard` for Template → New template….
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QScrollArea, QSplitter, QWidget

from ...core.project import Project
from ..editor.documents import FileDocuments
from .sample_form import SampleForm
from .settings_form import TemplateSettingsForm
from .wizard import NewTemplateWizard


def _scrolled(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class FormsView(QSplitter):
    """Template settings (start side) and the chosen sample's fields (end side)."""

    def __init__(self, documents: FileDocuments, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("formsView")
        self.documents = documents
        self.settings_form = TemplateSettingsForm(documents, self)
        self.sample_form = SampleForm(documents, self)
        self.addWidget(_scrolled(self.settings_form, self))
        self.addWidget(_scrolled(self.sample_form, self))
        self.setSizes([640, 480])

    def show_choice(self, project: Project | None, template_id: str, sample: str) -> None:
        """Show the template's settings and the sample's fields."""
        if (project, template_id) != (self.settings_form.project,
                                      self.settings_form.template_id):
            self.settings_form.set_template(project, template_id)
        self.sample_form.set_template(project, template_id, sample)


def run_wizard(project: Project | None, parent: QWidget) -> str:
    """Show the new template wizard; the id it created ("" when cancelled)."""
    if project is None:
        return ""
    wizard = NewTemplateWizard(project, parent)
    return wizard.created_id if wizard.exec() == QDialog.DialogCode.Accepted else ""
