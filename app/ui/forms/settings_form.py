"""The template settings form: template.toml's title, category, channels, locales,
variables and channel strategy, without TOML.

Every change is written into template.toml's document (the code editor's text, unsaved)
by :func:`app.core.workspace.template_settings.apply_settings`, which keeps comments and
keys the form doesn't show. Typing in the code editor refreshes the form. Locales are
the template's locale folders: ticking one adds it (a copy of the default locale's text,
marked for translation).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.model import CATEGORIES
from ...core.project import Project, list_template_locales
from ...core.workspace import add_locale
from ...core.workspace.template_settings import (
    FallbackSettings,
    TemplateSettings,
    VariableSettings,
    apply_settings,
    read_settings,
    settings_problems,
)
from ...kernel.channels import channel_names
from ...kernel.errors import MissiveError
from ..editor.documents import FileDocuments
from ..i18n import _, channel_label, tr
from .labels import CATEGORY_LABELS, label
from .rows import FallbackRows, VariableRows


class TemplateSettingsForm(QWidget):
    """``sig_locale_added(template_id)`` after a locale's folder was created."""

    sig_locale_added = Signal(str)

    def __init__(self, documents: FileDocuments, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateSettingsForm")
        self.documents = documents
        self.project: Project | None = None
        self.template_id = ""
        self._loading = False
        self._writing = False
        self.heading = QLabel(self)
        self.heading.setObjectName("formHeading")
        self.title = QLineEdit(self)
        self.title.setObjectName("settingsTitle")
        self.title.editingFinished.connect(self._changed)
        self.category = QComboBox(self)
        self.category.setObjectName("settingsCategory")
        for code in CATEGORIES:
            self.category.addItem(label(CATEGORY_LABELS, code), code)
        self.category.currentIndexChanged.connect(lambda _i: self._changed())
        self.channels = {c: QCheckBox(channel_label(c), self) for c in channel_names()}
        channel_row = QHBoxLayout()
        for code, box in self.channels.items():
            box.setObjectName(f"settingsChannel_{code}")
            box.toggled.connect(lambda _on: self._changed())
            channel_row.addWidget(box)
        channel_row.addStretch(1)
        self.locale_row = QHBoxLayout()
        self.locales: dict[str, QCheckBox] = {}
        self.variables = VariableRows(self._changed, self)
        add_variable = QPushButton(_("Add a variable"), self)
        add_variable.setObjectName("addVariable")
        add_variable.clicked.connect(self.add_variable)
        self.primary = QComboBox(self)
        self.primary.setObjectName("primaryChannel")
        self.primary.currentIndexChanged.connect(lambda _i: self._changed())
        self.fallbacks = FallbackRows(self._changed, self)
        add_fallback = QPushButton(_("Add a fallback"), self)
        add_fallback.setObjectName("addFallback")
        add_fallback.clicked.connect(self.add_fallback)
        self.problems = QLabel(self)
        self.problems.setObjectName("settingsProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b42318;")
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow(_("Category"), self.category)
        form.addRow(_("Channels"), channel_row)
        form.addRow(_("Locales"), self.locale_row)
        form.addRow(_("Variables"), self.variables)
        form.addRow("", add_variable)
        form.addRow(_("Send first on"), self.primary)
        form.addRow(_("If not read, then"), self.fallbacks)
        form.addRow("", add_fallback)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.problems)
        layout.addStretch(1)
        documents.sig_changed.connect(self._on_document_changed)

    # -- which template ------------------------------------------------------------------
    @property
    def rel_path(self) -> str:
        """template.toml of the shown template, relative to the project."""
        return f"templates/{self.template_id}/template.toml" if self.template_id else ""

    def set_template(self, project: Project | None, template_id: str) -> None:
        """Show ``template_id``'s settings (from its document, saved or not)."""
        self.project = project
        self.template_id = template_id if project and template_id in project.templates else ""
        self.setEnabled(bool(self.template_id))
        self.heading.setText(_("Settings of {template}").format(template=self.template_id)
                             if self.template_id else _("No template chosen"))
        self._build_locales()
        self.refresh()

    def _build_locales(self) -> None:
        for box in self.locales.values():
            box.deleteLater()
        self.locales = {}
        if not self.template_id or self.project is None:
            return
        present = set(list_template_locales(self.project.templates[self.template_id]))
        for locale in self.project.config.locales:
            box = QCheckBox(locale, self)
            box.setObjectName(f"settingsLocale_{locale}")
            box.setChecked(locale in present)
            # Removing a locale deletes its words: that stays a deliberate file operation.
            box.setEnabled(locale not in present)
            box.setToolTip(_("Has its own text") if locale in present else
                           _("Tick to add it: a copy of the default locale's text, "
                             "marked for translation"))
            box.toggled.connect(lambda on, loc=locale: on and self._add_locale(loc))
            self.locale_row.addWidget(box)
            self.locales[locale] = box

    def _add_locale(self, locale: str) -> None:
        if self.project is None:
            return
        try:
            add_locale(self.project, self.template_id, locale)
        except MissiveError as exc:
            self.problems.setText(str(exc))
            return
        self.locales[locale].setEnabled(False)
        self.sig_locale_added.emit(self.template_id)

    # -- document → form -----------------------------------------------------------------
    def refresh(self) -> None:
        """Fill the fields from template.toml's current text."""
        if not self.template_id:
            return
        text = self.documents.text(self.rel_path) or ""
        try:
            settings = read_settings(text, self.rel_path)
        except MissiveError as exc:
            self.problems.setText(_("The file can't be read as settings: {error}").format(
                error=str(exc)))
            return
        self._loading = True
        try:
            self.title.setText(settings.title)
            self.category.setCurrentIndex(max(self.category.findData(settings.category), 0))
            for code, box in self.channels.items():
                box.setChecked(code in settings.channels)
            self.variables.set_variables(settings.variables)
            self._fill_primary(settings.channels, settings.primary)
            self.fallbacks.set_fallbacks(settings.fallbacks)
            self.problems.setText("")
        finally:
            self._loading = False

    def _fill_primary(self, channels: list[str], primary: str | None) -> None:
        self.primary.blockSignals(True)
        self.primary.clear()
        self.primary.addItem(_("(not set)"), "")
        for code in channels:
            self.primary.addItem(channel_label(code), code)
        self.primary.setCurrentIndex(max(self.primary.findData(primary or ""), 0))
        self.primary.blockSignals(False)

    def _on_document_changed(self, rel_path: str) -> None:
        if rel_path == self.rel_path and not self._writing:
            self.refresh()

    # -- form → document -----------------------------------------------------------------
    def settings(self) -> TemplateSettings:
        """What the form shows, as settings."""
        channels = [c for c, box in self.channels.items() if box.isChecked()]
        return TemplateSettings(
            title=self.title.text().strip(), category=self.category.currentData(),
            channels=channels, variables=self.variables.variables(),
            primary=self.primary.currentData() or None, fallbacks=self.fallbacks.fallbacks())

    def add_variable(self) -> None:
        """A new, empty row (written once it has a name)."""
        names = [v.name for v in self.variables.variables()]
        self.variables.add_row(VariableSettings(name=""), names)
        self.variables.rows[-1][0].setFocus()

    def add_fallback(self) -> None:
        """A row for the first channel not used yet."""
        settings = self.settings()
        used = {settings.primary, *(f.channel for f in settings.fallbacks)}
        free = [c for c in settings.channels if c not in used] or list(channel_names())
        self.fallbacks.add_row(FallbackSettings(free[0], "12h"))
        self._changed()

    def _changed(self) -> None:
        if self._loading or not self.template_id:
            return
        settings = self.settings()
        if any(not v.name for v in settings.variables):  # a new row being named
            settings.variables = [v for v in settings.variables if v.name]
        primary = self.primary.currentData()
        self._fill_primary(settings.channels, primary)
        problems = settings_problems(settings)
        if problems:
            self.problems.setText("\n".join(tr(p) for p in problems))
            return
        text = self.documents.text(self.rel_path) or ""
        try:
            new_text = apply_settings(text, settings, self.rel_path)
        except MissiveError as exc:
            self.problems.setText(str(exc))
            return
        self.problems.setText("")
        self._writing = True
        try:
            self.documents.write(self.rel_path, new_text)
        finally:
            self._writing = False
        # Renamed variables now have their new name in the file.
        for row in self.variables.rows:
            if row[0].text().strip():
                row[0].original = row[0].text().strip()
