"""File → Send test…: send yourself the email on screen through your own SMTP server.

The same message as ``missive send-test`` (:mod:`app.core.send_test`), sent in a worker
thread; the outcome is one line under the form. The password is taken from the system
keyring when it has one for this user and server, else from the password field; it is
never stored (the settings keep the address, server, security and user only).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.project import Project
from ..core.send_test import keyring_password, parse_server, send, test_message
from ..kernel.errors import MissiveError
from .background import run_in_background
from .i18n import N_, _

SECURITY = (("starttls", N_("STARTTLS (port 587)")), ("ssl", N_("SSL/TLS (port 465)")),
            ("plain", N_("None (only a server on this computer)")))


class SendTestDialog(QDialog):
    """Asks where to send the current template × locale × sample, and sends it."""

    def __init__(self, project: Project, template: str, locale: str, sample: str,
                 remembered: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Send test"))
        self.setObjectName("sendTestDialog")
        self.project, self.template, self.locale, self.sample = project, template, locale, sample
        self.what = QLabel(_("The email {template} in {locale} for sample {sample}, exactly as "
                             "exported (.eml).").format(template=template, locale=locale,
                                                        sample=sample), self)
        self.what.setWordWrap(True)
        self.to = QLineEdit(remembered.get("to", ""), self)
        self.to.setPlaceholderText("you@example.com")
        self.server = QLineEdit(remembered.get("server", ""), self)
        self.server.setPlaceholderText("smtp.example.com:587")
        self.security = QComboBox(self)
        for key, label in SECURITY:
            self.security.addItem(_(label), key)
        index = self.security.findData(remembered.get("security", "starttls"))
        self.security.setCurrentIndex(max(index, 0))
        self.user = QLineEdit(remembered.get("user", ""), self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("from the system keyring, or type it here"))
        form = QFormLayout()
        form.addRow(_("Send to:"), self.to)
        form.addRow(_("SMTP server:"), self.server)
        form.addRow(_("Security:"), self.security)
        form.addRow(_("User name:"), self.user)
        form.addRow(_("Password:"), self.password)
        self.status = QLabel(self)
        self.status.setObjectName("sendTestStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.send_button = QPushButton(_("Send"), self)
        self.send_button.setDefault(True)
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.send_button.clicked.connect(self.start)
        layout = QVBoxLayout(self)
        layout.addWidget(self.what)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.sent = 0

    def remembered(self) -> dict[str, str]:
        """What the settings may keep (never the password)."""
        return {"to": self.to.text().strip(), "server": self.server.text().strip(),
                "security": str(self.security.currentData()), "user": self.user.text().strip()}

    def start(self) -> None:
        """Check the form, then send in a worker thread."""
        try:
            server = parse_server(self.server.text() or "localhost",
                                  str(self.security.currentData()), self.user.text().strip())
        except MissiveError as exc:
            self._show(str(exc), ok=False)
            return
        password = self.password.text() or keyring_password(server) or ""
        self.send_button.setEnabled(False)
        self._show(_("Sending…"), ok=True)
        run_in_background(_send, self.project, self.template, self.locale, self.sample,
                          self.to.text().strip(), server, password,
                          on_done=self._on_sent, on_error=self._on_failed, context=self)

    def _on_sent(self, _result: Any) -> None:
        self.sent += 1
        self.send_button.setEnabled(True)
        self._show(_("Sent to {address}.").format(address=self.to.text().strip()), ok=True)

    def _on_failed(self, exc: Exception) -> None:
        self.send_button.setEnabled(True)
        self._show(str(exc), ok=False)

    def _show(self, text: str, ok: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("#sendTestStatus { color: %s; }" % ("#1a7f37" if ok
                                                                    else "#cf222e"))


def _send(project: Project, template: str, locale: str, sample: str, to: str, server: Any,
          password: str) -> None:
    send(test_message(project, template, locale, sample), to, server, password or None)
