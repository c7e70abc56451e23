"""One row of the Copy view: what the block is, the other locale's text beside its field,
its translation status, a live counter and the reason an edit was refused."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.copy import Block
from ...core.copy.measure import Measure
from ..i18n import N_, _, ngettext
from .field import CopyField, say

KIND_LABELS = {
    "subject": N_("Subject"), "preheader": N_("Preheader"),
    "plain_text": N_("Plain-text version"), "text": N_("Text"), "button": N_("Button"),
    "button_link": N_("Button link"), "image_alt": N_("Image description"),
    "table_cell": N_("Table cell"), "raw": N_("Text in raw HTML"),
    "sms_body": N_("SMS text"), "whatsapp_header": N_("Header"),
    "whatsapp_body": N_("Body"), "whatsapp_footer": N_("Footer"),
    "whatsapp_button": N_("Button label"), "whatsapp_button_url": N_("Button link"),
    "text_file": N_("Text"),  # a channel's text file without a reader of its own
}
STATUS_LABELS = {"missing": N_("Missing"), "identical": N_("Same as the source"),
                 "source_changed": N_("Source changed")}
STATUS_STYLE = {"missing": "background:#ffebe9; color:#82071e;",
                "identical": "background:#fff8c5; color:#4d2d00;",
                "source_changed": "background:#ddf4ff; color:#0a3069;"}
MULTILINE = frozenset({"plain_text", "sms_body", "whatsapp_body", "raw", "text", "branch",
                       "text_file"})


def kind_label(block: Block) -> str:
    """What the block is, in the interface language."""
    if block.kind == "branch":
        return say(block.condition)
    return _(KIND_LABELS.get(block.kind, block.kind))


class BlockRow(QWidget):
    """A block (or, when it is missing in this locale, the source's) with its field."""

    sig_mark_done = Signal(str)

    def __init__(self, block: Block | None, source: Block | None, direction: str,
                 source_direction: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        shown = block or source
        assert shown is not None
        self.block_id = shown.id
        self.block = block
        self.source = source
        depth = shown.id.count(".if") + shown.id.count(".for")
        outer = QVBoxLayout(self)
        indent = 8 + 22 * depth  # a branch sits under its logic, on the reading side
        rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        outer.setContentsMargins(8 if rtl else indent, 6, indent if rtl else 8, 6)
        outer.setSpacing(3)
        head = QHBoxLayout()
        self.title = QLabel(kind_label(shown), self)
        self.title.setStyleSheet("font-weight: bold; color: #424a53;")
        head.addWidget(self.title)
        self.note = QLabel(self)
        self.note.setStyleSheet("color: #57606a;")
        if shown.shared:
            self.note.setText(ngettext("Shared: editing it changes {n} template ({names})",
                                       "Shared: editing it changes {n} templates ({names})",
                                       len(shown.used_by)).format(
                n=len(shown.used_by), names=", ".join(shown.used_by)))
        head.addWidget(self.note)
        head.addStretch(1)
        self.status = QLabel(self)
        self.status.hide()
        head.addWidget(self.status)
        self.done = QToolButton(self)
        self.done.setText(_("Mark as translated"))
        self.done.setAutoRaise(True)
        self.done.clicked.connect(lambda: self.sig_mark_done.emit(self.block_id))
        self.done.hide()
        head.addWidget(self.done)
        outer.addLayout(head)
        body = QHBoxLayout()
        body.setSpacing(8)
        self.reference = CopyField(shown.format, source_direction, parent=self)
        self.reference.setReadOnly(True)
        self.reference.setStyleSheet("QTextEdit { background: #f6f8fa; color: #424a53; }")
        self.reference.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.reference, 1)
        multiline = shown.kind in MULTILINE
        self.field = CopyField(shown.format, direction, multiline, self)
        self.field.setObjectName(f"copyField:{shown.id}")
        self.missing = QLabel(_("Not in this locale: add it in the code editor"), self)
        self.missing.setStyleSheet("color: #82071e;")
        self.missing.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        body.addWidget(self.field, 1)
        body.addWidget(self.missing, 1)
        outer.addLayout(body)
        foot = QHBoxLayout()
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #cf222e;")
        self.error.hide()
        self.counter = QLabel(self)
        self.counter.setStyleSheet("color: #57606a;")
        self.counter.hide()
        foot.addWidget(self.error, 1)
        foot.addStretch(0)
        foot.addWidget(self.counter)
        outer.addLayout(foot)
        self.set_blocks(block, source)

    def set_blocks(self, block: Block | None, source: Block | None,
                   reload_field: bool = True) -> None:
        """Show new versions of the block and its source."""
        self.block, self.source = block, source
        self.field.setVisible(block is not None)
        self.missing.setVisible(block is None)
        if block is not None and reload_field:
            self.field.set_runs(block.runs)
        if source is not None:
            self.reference.set_runs(source.runs)
        elif block is not None:
            self.reference.set_runs(())

    def show_reference(self, on: bool) -> None:
        """Show or hide the other locale's column."""
        self.reference.setVisible(on)

    def set_status(self, status: str) -> None:
        """Mark the row missing / same as the source / source changed (or nothing)."""
        self.status_value = status
        label = STATUS_LABELS.get(status)
        self.status.setVisible(bool(label))
        self.done.setVisible(status in ("identical", "source_changed"))
        if label:
            self.status.setText(f" {_(label)} ")
            self.status.setStyleSheet(f"{STATUS_STYLE[status]} border-radius: 4px;")

    def set_error(self, text: str) -> None:
        """Say why the last edit was not written (empty: it was)."""
        self.error.setText(text)
        self.error.setVisible(bool(text))
        self.field.setStyleSheet("QTextEdit { border: 1px solid #cf222e; }" if text else "")

    def set_measure(self, measure: Measure | None) -> None:
        """Show the live counter (SMS encoding and parts, or length against the limit)."""
        if measure is None:
            self.counter.hide()
            return
        if measure.sms is not None:
            sms = measure.sms
            text = ngettext("{encoding} · {n} part · {units} units",
                            "{encoding} · {n} parts · {units} units", sms.segments).format(
                encoding=sms.encoding, n=sms.segments, units=sms.units)
            over = sms.segments > 1
        elif measure.limit is not None:
            text = _("{length} / {limit} characters").format(length=measure.length,
                                                             limit=measure.limit)
            if measure.error:  # counted without the placeholders: at least this long
                text = "≥ " + text
            over = measure.over
        else:
            self.counter.hide()
            return
        self.counter.setText(text)
        self.counter.setStyleSheet("color: #cf222e; font-weight: bold;" if over
                                   else "color: #57606a;")
        self.counter.setToolTip(measure.error)
        self.counter.show()
