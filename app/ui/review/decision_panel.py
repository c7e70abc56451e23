"""The reviewer's decision controls and what each part of the chosen template says.

- the *scope* of a decision: the whole template, the chosen cell's locale, or its locale
  and channel (``missive review approve --locale --channel``);
- *sign with my SSH key*, when Preferences names one (``--sign-with``);
- a reason to approve despite check errors (``--override-errors``);
- a larger picture of the chosen cell (the grid's thumbnails zoomed), so it can be read;
- per part: its state, who decided, and whether the signature verifies.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSizePolicy, QWidget

from ...core.review import TemplateReview
from ...core.review.verification import SignatureCheck
from ..i18n import N_, _, channel_label
from .labels import state_label
from .thumbnail import STATE_COLORS

SCOPES = {"template": N_("Whole template"), "locale": N_("This locale"),
          "cell": N_("This locale and channel")}
ZOOM = 2.0


class FitLabel(QLabel):
    """A picture shown as large as the label's room allows, never cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.image: QImage | None = None
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumHeight(160)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_image(self, image: QImage | None) -> None:
        """Show ``image`` (None clears it)."""
        self.image = image
        self._fit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self.image is None or self.image.isNull():
            self.clear()
            return
        pixmap = QPixmap.fromImage(self.image)
        if pixmap.height() > self.height() or pixmap.width() > self.width():
            pixmap = pixmap.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.setPixmap(pixmap)


class DecisionControls:
    """The widgets (made on ``parent``) and how they turn into a decision's arguments."""

    def __init__(self, parent: QWidget) -> None:
        self.scope = QComboBox(parent)
        self.scope.setObjectName("reviewScope")
        for key, label in SCOPES.items():
            self.scope.addItem(_(label), key)
        self.sign = QCheckBox(_("Sign with my SSH key"), parent)
        self.sign.setObjectName("reviewSign")
        self.override = QLineEdit(parent)
        self.override.setObjectName("reviewOverride")
        self.override.setPlaceholderText(_("Reason to approve despite check errors"))
        self.zoom = FitLabel(parent)
        self.zoom.setObjectName("reviewZoom")
        self.parts = QLabel(parent)
        self.parts.setObjectName("reviewParts")
        self.parts.setWordWrap(True)
        self.parts.setTextFormat(Qt.TextFormat.RichText)

    def set_key(self, key: str) -> None:
        """Enable signing when Preferences name a key (checked by default then)."""
        self.sign.setEnabled(bool(key))
        self.sign.setChecked(bool(key))
        self.sign.setToolTip(key or _("Name your SSH key in Preferences to sign approvals"))

    def part_of(self, locale: str, channel: str) -> tuple[str, str]:
        """The (locale, channel) a decision names, from the scope and the chosen cell."""
        scope = self.scope.currentData() or "template"
        if scope == "template" or not locale:
            return "", ""
        return (locale, channel) if scope == "cell" else (locale, "")


def parts_text(status: TemplateReview | None, checks: dict[str, SignatureCheck],
               locale: str = "") -> str:
    """Rich text: one line per part (of ``locale`` when given) with its signature."""
    if status is None:
        return ""
    lines = []
    for part in status.parts:
        if locale and part.locale != locale:
            continue
        color = STATE_COLORS.get(part.state, "#8c959f")
        words = [f"<b>{escape(part.locale)} · {escape(channel_label(part.channel))}</b>",
                 f"<span style='color:{color}'>{escape(state_label(part.state))}</span>"]
        if part.reviewer:
            words.append(escape(part.reviewer))
        if part.signed:
            check = checks.get(part.decision)
            if check is not None and check.ok:
                words.append("<span style='color:#1a7f37'>" + escape(
                    _("signed by {signer}, verified").format(signer=part.signer)) + "</span>")
            else:
                why = check.problem if check is not None else _("not checked yet")
                words.append("<span style='color:#cf222e'>" + escape(
                    _("signed by {signer}, does not verify: {why}").format(
                        signer=part.signer, why=why)) + "</span>")
        elif part.state == "approved":
            words.append(escape(_("not signed")))
        if part.output_identical:
            words.append(escape(_("changed, output identical")))
        if part.override:
            words.append(escape(_("errors overridden: {reason}").format(reason=part.override)))
        lines.append(" — ".join(words))
    return "<br>".join(lines)
