"""Forms for people who don't write code: template settings, samples and the new
template wizard. Each edits its file's document through
:class:`app.ui.editor.documents.FileDocuments`, never the file itself."""

from __future__ import annotations

from .sample_form import SampleForm
from .settings_form import TemplateSettingsForm
from .view import FormsView
from .wizard import NewTemplateWizard

__all__ = ["FormsView", "NewTemplateWizard", "SampleForm", "TemplateSettingsForm"]
