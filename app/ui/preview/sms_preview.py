"""The SMS preview: the text in a phone's message bubble, with its encoding, segments
and units live, and the characters that force UCS-2 highlighted."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.workspace.preview_text import UCS2_HIGHLIGHT, sms_html
from ..i18n import _, ngettext
from .phone import PhoneScreen, PhoneWithDetails, bubble_label, paragraph

BUBBLE = ("QLabel { background: #e9e9eb; color: #111; border-radius: 18px;"
          " padding: 10px 14px; }")
PER_MESSAGE = {"GSM-7": (160, 153), "UCS-2": (70, 67)}


class SmsPreview(PhoneWithDetails):
    """One SMS: sender, bubble, and what it costs to send."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.phone = PhoneScreen("#ffffff", "#f2f2f7", "#111111", self)
        self.bubble = bubble_label(BUBBLE, self)
        self.phone.add_row(self.bubble)
        self.counter = QLabel(self)
        self.counter.setObjectName("smsCounter")
        self.counter.setStyleSheet("#smsCounter { font-weight: bold; }")
        self.parts = QLabel(self)
        self.forcing = QLabel(self)
        self.forcing.setTextFormat(Qt.TextFormat.RichText)
        info = QVBoxLayout()
        info.setSpacing(6)
        for label in (self.counter, self.parts, self.forcing):
            label.setWordWrap(True)  # side by side, two previews share the width
            info.addWidget(label)
        info.addStretch(1)
        self.place(self.phone, info)
        self.text = ""

    def set_message(self, message: dict[str, Any], rtl: bool) -> None:
        """Show a rendered SMS (the documented dict of docs/cli.md)."""
        self.text = message.get("text", "")
        forcing = message.get("forcing_ucs2", [])
        self.phone.title.setText(message.get("sender", ""))
        self.phone.set_rtl(rtl)
        # Highlight the few characters that push a GSM-7 text into UCS-2; in Hebrew or
        # Arabic every letter does, and marking them all only hides the text.
        marked = [f["index"] for f in forcing] if len(forcing) <= MAX_MARKED else []
        self.bubble.setText(paragraph(sms_html(self.text, marked), rtl))
        encoding = message.get("encoding", "")
        segments = int(message.get("segments", 0))
        units = int(message.get("units", 0))
        single, multi = PER_MESSAGE.get(encoding, (160, 153))
        self.counter.setText(
            _("{encoding} · {segments} · {units} units").format(
                encoding=encoding, units=units,
                segments=ngettext("{n} segment", "{n} segments", segments).format(n=segments)))
        per_part = " + ".join(str(u) for u in message.get("part_units", []))
        self.parts.setText(_("One message holds {single} units; longer ones are cut into "
                             "parts of {multi}. Parts: {parts}").format(
                                 single=single, multi=multi, parts=per_part or "0"))
        self.forcing.setText(_forcing_text(forcing))


MAX_MARKED = 10  # as the sms-encoding rule's max_characters


def _forcing_text(forcing: list[dict[str, Any]]) -> str:
    if not forcing:
        return _("Every character is in the GSM-7 alphabet.")
    count = len(forcing)
    if count > MAX_MARKED:  # a Hebrew or Arabic text: UCS-2 by nature, nothing to fix
        return ngettext("{n} character is outside GSM-7: this text is sent as UCS-2. ",
                        "{n} characters are outside GSM-7: this text is sent as UCS-2. ",
                        count).format(n=count).strip()
    seen: dict[str, str] = {}
    for item in forcing:
        seen.setdefault(item["char"], item["codepoint"])
    # Each "char U+XXXX" isolated left to right, so a right-to-left window keeps it whole.
    shown = ", ".join(
        f'\u2066<span style="background-color:{UCS2_HIGHLIGHT}; color:#000">&nbsp;'
        f'{_visible(char)}&nbsp;</span> {code}\u2069' for char, code in seen.items())
    return ngettext("{n} character forces UCS-2 (highlighted): ",
                    "{n} characters force UCS-2 (highlighted): ", count).format(n=count) \
        + shown


def _visible(char: str) -> str:
    import html
    import unicodedata

    if unicodedata.category(char) in ("Cf", "Zs", "Cc"):
        return "·"
    return html.escape(char)
