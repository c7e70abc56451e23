"""Small dialogs: About, Preferences, and the questions template operations ask."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from .. import __version__
from .i18n import LANGUAGES, _
from .settings import StudioSettings


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def versions() -> dict[str, str]:
    """The versions the About box shows."""
    return {"Missive Studio": __version__, "Qt": qVersion(), "PySide6": pyside_version,
            "MJML (mjml-python)": _version("mjml-python"), "Babel": _version("babel"),
            "Jinja2": _version("jinja2")}


def about_text() -> str:
    """The About box's rich text."""
    rows = "".join(f"<tr><td>{name}</td><td>&nbsp;&nbsp;{version}</td></tr>"
                   for name, version in versions().items())
    blurb = _("Operational messages for email, SMS and WhatsApp, written, previewed and "
              "checked offline.")
    return f"<h3>Missive Studio</h3><p>{blurb}</p><table dir='ltr'>{rows}</table>"


def show_about(parent: QWidget) -> None:
    """The About box."""
    QMessageBox.about(parent, _("About Missive Studio"), about_text())


class PreferencesDialog(QDialog):
    """Interface language, reviewer name and the SSH key that signs approvals."""

    def __init__(self, settings: StudioSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.language = QComboBox(self)
        self.language.addItem(_("System language"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(settings.ui_language)))
        self.reviewer = QLineEdit(settings.reviewer_name, self)
        self.reviewer.setPlaceholderText(_("Your name, as it appears on approvals"))
        self.signing_key = QLineEdit(settings.signing_key, self)
        self.signing_key.setObjectName("signingKey")
        self.signing_key.setPlaceholderText(_("SSH private key that signs your approvals"))
        browse = QPushButton(_("Choose…"), self)
        browse.clicked.connect(self._choose_key)
        key_row = QHBoxLayout()
        key_row.addWidget(self.signing_key, 1)
        key_row.addWidget(browse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(_("Interface language"), self.language)
        form.addRow(_("Reviewer name"), self.reviewer)
        form.addRow(_("Signing key"), key_row)
        form.addRow(buttons)

    def apply_to(self, settings: StudioSettings) -> None:
        """Copy the chosen values into ``settings``."""
        settings.ui_language = self.language.currentData() or ""
        settings.reviewer_name = self.reviewer.text().strip()
        settings.signing_key = self.signing_key.text().strip()

    def _choose_key(self) -> None:
        start = self.signing_key.text() or str(Path.home() / ".ssh")
        path, _filter = QFileDialog.getOpenFileName(self, _("Signing key"), start)
        if path:
            self.signing_key.setText(path)


def ask_text(parent: QWidget, title: str, label: str, text: str = "") -> str | None:
    """A one-line question; None when cancelled."""
    value, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Normal, text)
    return value.strip() if ok else None


def ask_item(parent: QWidget, title: str, label: str, items: list[str]) -> str | None:
    """A choice from a list; None when cancelled."""
    value, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return value if ok else None


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """A yes/no question whose default is no."""
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
