"""Samples as forms: one typed field per variable the template declares.

Money and numbers take numbers, dates a calendar, date-times a date and a time, phone
numbers and web addresses are checked as typed. The fields come from template.toml's
current document (so a variable just added in the settings form is here at once) and
write into the sample's JSON document; "Edit JSON" opens that same document in the code
editor.
"""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, Signal
from PySide6.QtGui import QDoubleValidator, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.project import Project
from ...core.sample_schema import TYPE_SENTENCES
from ...core.workspace.sample_fields import field_text, parse_field, set_sample_value
from ...core.workspace.template_settings import VariableSettings, read_settings
from ...kernel.errors import MissiveError
from ...kernel.formatting import to_date
from ..editor.documents import FileDocuments
from ..i18n import _
from .labels import TYPE_EXAMPLES, TYPE_LABELS, label

_EMPTY_DATE = QDate(1900, 1, 1)  # the minimum: shown as "—", means "no value"


class SampleForm(QWidget):
    """``sig_open_json(rel_path)`` when the user asks for the JSON."""

    sig_open_json = Signal(str)

    def __init__(self, documents: FileDocuments, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sampleForm")
        self.documents = documents
        self.project: Project | None = None
        self.template_id = ""
        self.fields: dict[str, QWidget] = {}
        self.notes: dict[str, QLabel] = {}
        self._writing = False
        self.sample = QComboBox(self)
        self.sample.setObjectName("sampleChoice")
        self.sample.currentIndexChanged.connect(lambda _i: self.refresh())
        edit_json = QPushButton(_("Edit JSON"), self)
        edit_json.setObjectName("editSampleJson")
        edit_json.clicked.connect(lambda: self.rel_path and self.sig_open_json.emit(self.rel_path))
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Sample"), self))
        top.addWidget(self.sample, 1)
        top.addWidget(edit_json)
        self.form = QFormLayout()
        self.message = QLabel(self)
        self.message.setObjectName("sampleFormMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        documents.sig_changed.connect(self._on_document_changed)

    @property
    def rel_path(self) -> str:
        """The chosen sample's JSON file, relative to the project."""
        name = self.sample.currentData()
        return f"samples/{name}.json" if name else ""

    @property
    def template_path(self) -> str:
        return f"templates/{self.template_id}/template.toml" if self.template_id else ""

    def set_template(self, project: Project | None, template_id: str,
                     sample: str = "") -> None:
        """Show the fields of ``template_id`` for ``sample`` (or the first sample)."""
        self.project = project
        self.template_id = template_id if project and template_id in project.templates else ""
        self.sample.blockSignals(True)
        current = sample or self.sample.currentData()
        self.sample.clear()
        for name in (project.samples if project else {}):
            self.sample.addItem(name, name)
        self.sample.setCurrentIndex(max(self.sample.findData(current), 0))
        self.sample.blockSignals(False)
        self.refresh()

    def variables(self) -> list[VariableSettings]:
        """The template's declared variables, as its document says now."""
        try:
            return read_settings(self.documents.text(self.template_path) or "").variables
        except MissiveError:
            return []

    def _data(self) -> dict:
        try:
            data = json.loads(self.documents.text(self.rel_path) or "{}")
        except json.JSONDecodeError as exc:
            self.message.setText(_("The JSON can't be read (line {line}); fix it with Edit "
                                   "JSON.").format(line=exc.lineno))
            return {}
        return data if isinstance(data, dict) else {}

    # -- document → form -----------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the fields from the declarations and fill them from the sample."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields, self.notes = {}, {}
        if not self.template_id or not self.rel_path:
            return
        self.message.setText("")
        data = self._data()
        for var in self.variables():
            field = self._field(var, data.get(var.name))
            note = QLabel(self)
            note.setObjectName(f"sampleNote_{var.name}")
            note.setStyleSheet("color: #b42318;")
            row = QVBoxLayout()
            row.addWidget(field)
            row.addWidget(note)
            # The name is isolated so the caption takes the interface's direction.
            caption = f"\u2068{var.name}\u2069 ({label(TYPE_LABELS, var.type)})"
            if not var.required:
                caption += " · " + _("optional")
            self.form.addRow(caption, row)
            self.fields[var.name] = field
            self.notes[var.name] = note
            self._note(var, data.get(var.name))

    def _field(self, var: VariableSettings, value: object) -> QWidget:
        if var.type == "date":
            field = _iso_edit(QDateEdit(self))
            field.setCalendarPopup(True)
            field.setDisplayFormat("yyyy-MM-dd")
            field.setMinimumDate(_EMPTY_DATE)
            field.setSpecialValueText("—")
            try:
                day = to_date(str(value)) if value else None
            except ValueError:
                day = None
            field.setDate(QDate(day.year, day.month, day.day) if day else _EMPTY_DATE)
            field.dateChanged.connect(lambda d, v=var: self._write(
                v, None if d == _EMPTY_DATE else d.toString("yyyy-MM-dd")))
        elif var.type == "datetime":
            field = _iso_edit(QDateTimeEdit(self))
            field.setCalendarPopup(True)
            field.setDisplayFormat("yyyy-MM-dd HH:mm")
            when = _parse_datetime(value)
            field.setDateTime(QDateTime(when.year, when.month, when.day, when.hour,
                                        when.minute, 0) if when else QDateTime.currentDateTime())
            field.offset = when.strftime("%z") if when and when.tzinfo else ""
            field.dateTimeChanged.connect(lambda d, v=var, f=field: self._write(
                v, _iso(d, f.offset)))
        else:
            field = QLineEdit(field_text(value), self)
            field.setPlaceholderText(TYPE_EXAMPLES.get(var.type, ""))
            if var.type in ("money", "number"):
                field.setValidator(QDoubleValidator(field))
            if var.type == "phone":
                field.setValidator(QRegularExpressionValidator(r"\+?[\d\s().\-]*", field))
            if var.type in ("money", "number", "url", "phone"):
                field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            field.editingFinished.connect(lambda v=var, f=field: self._write(
                v, parse_field(v.type, f.text())[0] if f.text().strip() else None))
        field.setObjectName(f"sampleField_{var.name}")
        return field

    def _note(self, var: VariableSettings, value: object) -> None:
        note = self.notes.get(var.name)
        if note is None:
            return
        if value is None:
            note.setText(_("Missing: this template needs it") if var.required else "")
            return
        _value, problem = parse_field(var.type, field_text(value))
        sentence = TYPE_SENTENCES.get(problem, "")
        note.setText(_(sentence).format(name=var.name, value=json.dumps(value)[:40])
                     if sentence else "")

    # -- form → document -----------------------------------------------------------------
    def _write(self, var: VariableSettings, value: object) -> None:
        text = self.documents.text(self.rel_path)
        if text is None:
            return
        try:
            new_text = set_sample_value(text, var.name, value, self.rel_path)
        except MissiveError as exc:
            self.message.setText(str(exc))
            return
        self._writing = True
        try:
            self.documents.write(self.rel_path, new_text)
        finally:
            self._writing = False
        self._note(var, value)

    def _on_document_changed(self, rel_path: str) -> None:
        if self._writing:
            return
        if rel_path in (self.rel_path, self.template_path):
            self.refresh()


def _iso_edit(field: QDateTimeEdit) -> QDateTimeEdit:
    """ISO dates read left to right with Latin digits in every interface language; Qt
    orders the sections by the direction when the format is set, so this comes first."""
    field.setLocale(QLocale.c())
    field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    return field


def _parse_datetime(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _iso(moment: QDateTime, offset: str) -> str:
    text = moment.toString("yyyy-MM-ddTHH:mm:ss")
    return text + (f"{offset[:3]}:{offset[3:]}" if offset else "")
