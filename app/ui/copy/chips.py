"""Placeholders and logic as chips: one indivisible character shown as a rounded label.

A chip is an inline picture (one object replacement character, U+FFFC) whose character
format also carries the run's kind and source. Qt treats it as one character, so the
cursor cannot enter it and Backspace removes it whole: a placeholder is never
half-deleted. Its label is drawn left
to right whatever the paragraph's direction, so ``amount_paid`` stays readable inside
Hebrew or Arabic, isolated from the text around it.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPen,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextImageFormat,
    QTextOption,
)

from ...core.copy.jinja_scan import words

PROP_KIND = QTextFormat.Property.UserProperty + 1
PROP_SOURCE = QTextFormat.Property.UserProperty + 2
PROP_LABEL = QTextFormat.Property.UserProperty + 3
PROP_TEXT = QTextFormat.Property.UserProperty + 4
PROP_BRANCHES = QTextFormat.Property.UserProperty + 5
PROP_LINK_TAG = QTextFormat.Property.UserProperty + 6
OBJECT_CHAR = "\ufffc"
COLORS = {"placeholder": ("#ddf4ff", "#0969da"), "logic": ("#fff8c5", "#9a6700"),
          "markup": ("#eaeef2", "#57606a")}


def placeholder_label(expression: str) -> str:
    """What a placeholder chip says: ``amount_paid|money(currency)`` → "amount paid · money"."""
    name, _, rest = expression.partition("|")
    label = words(name.strip())
    filters = [f.split("(")[0].strip() for f in rest.split("|") if f.strip()] if rest else []
    shown = [f for f in filters if f not in ("default", "e", "escape")]
    return f"{label} · {shown[0]}" if shown else label


def prop(fmt: QTextFormat, key: int) -> str:
    """A text property of a format, "" when it is not set. (PySide6's ``property()``
    returns None for a missing key without counting the reference: called often, that
    crashes the interpreter when None's count reaches zero, so it is never called then.)"""
    return str(fmt.property(key)) if fmt.hasProperty(key) else ""


def is_chip(fmt: QTextFormat) -> bool:
    """Whether a character format is a chip's."""
    return fmt.hasProperty(PROP_KIND)


def _chip_font(font: QFont) -> QFont:
    font = QFont(font)
    font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
    font.setBold(False)
    font.setItalic(False)
    font.setUnderline(False)
    return font


def _draw(kind: str, label: str, font: QFont, ratio: float) -> QImage:
    """The chip as a picture: a rounded label, its text in its own direction."""
    font = _chip_font(font)
    metrics = QFontMetricsF(font)
    width, height = metrics.horizontalAdvance(label) + 14, metrics.height() + 4
    image = QImage(int(width * ratio) + 1, int(height * ratio) + 1,
                   QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    fill, ink = COLORS.get(kind, COLORS["markup"])
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    box = QRectF(1, 1, width - 2, height - 2)
    painter.setPen(QPen(QColor(ink), 1))
    painter.setBrush(QColor(fill))
    painter.drawRoundedRect(box, 6, 6)
    painter.setFont(font)
    option = QTextOption(Qt.AlignmentFlag.AlignCenter)
    # A placeholder is an identifier: left to right, isolated from the text around it.
    # Logic is said in the interface's language, in its direction.
    option.setTextDirection(QGuiApplication.layoutDirection() if kind == "logic"
                            else Qt.LayoutDirection.LeftToRight)
    painter.setPen(QColor("#1f2328"))
    painter.drawText(box, label, option)
    painter.end()
    return image


def chip_format(doc: QTextDocument, font: QFont, ratio: float, kind: str, source: str,
                label: str, text: str = "", branches: tuple[str, ...] = ()) -> QTextImageFormat:
    """The character format of a chip (its picture added to ``doc`` once)."""
    key = hashlib.sha1(f"{kind}\0{label}\0{font.key()}\0{ratio}".encode()).hexdigest()[:16]
    url = QUrl(f"missive-chip://{key}")
    image = doc.resource(QTextDocument.ResourceType.ImageResource, url)
    if not isinstance(image, QImage) or image.isNull():
        image = _draw(kind, label, font, ratio)
        doc.addResource(QTextDocument.ResourceType.ImageResource, url, image)
    fmt = QTextImageFormat()
    fmt.setName(url.toString())
    fmt.setWidth(image.width() / ratio)
    fmt.setHeight(image.height() / ratio)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignBottom)
    fmt.setProperty(PROP_KIND, kind)
    fmt.setProperty(PROP_SOURCE, source)
    fmt.setProperty(PROP_LABEL, label)
    fmt.setProperty(PROP_TEXT, text)
    fmt.setProperty(PROP_BRANCHES, "\n".join(branches))
    fmt.setToolTip(source)
    return fmt
