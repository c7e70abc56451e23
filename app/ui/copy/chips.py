"""Placeholders and logic as chips: one indivisible character drawn as a rounded label.

A chip is an object replacement character (U+FFFC) whose character format carries the
run's kind and source. Qt treats it as one character, so the cursor cannot enter it and
Backspace removes it whole: a placeholder is never half-deleted. Its label is drawn left
to right whatever the paragraph's direction, so ``amount_paid`` stays readable inside
Hebrew or Arabic, isolated from the text around it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPen,
    QPyTextObject,
    QTextCharFormat,
    QTextDocument,
    QTextFormat,
    QTextOption,
)

from ...core.copy.jinja_scan import words

CHIP_TYPE = QTextFormat.ObjectTypes.UserObject + 1
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


def chip_format(kind: str, source: str, label: str, text: str = "",
                branches: tuple[str, ...] = ()) -> QTextCharFormat:
    """The character format of a chip."""
    fmt = QTextCharFormat()
    fmt.setObjectType(CHIP_TYPE)
    fmt.setProperty(PROP_KIND, kind)
    fmt.setProperty(PROP_SOURCE, source)
    fmt.setProperty(PROP_LABEL, label)
    fmt.setProperty(PROP_TEXT, text)
    fmt.setProperty(PROP_BRANCHES, "\n".join(branches))
    fmt.setToolTip(source)
    fmt.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignBottom)
    return fmt


class ChipPainter(QPyTextObject):
    """The document layout's handler that sizes and draws chips."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)

    def _metrics(self, fmt: QTextFormat) -> QFontMetricsF:
        font = fmt.toCharFormat().font()
        font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        font.setBold(False)
        font.setItalic(False)
        return QFontMetricsF(font)

    def intrinsicSize(self, doc: QTextDocument, pos: int, fmt: QTextFormat) -> QSizeF:
        metrics = self._metrics(fmt)
        label = str(fmt.property(PROP_LABEL) or "")
        return QSizeF(metrics.horizontalAdvance(label) + 14, metrics.height() + 4)

    def drawObject(self, painter: QPainter, rect: QRectF, doc: QTextDocument, pos: int,
                   fmt: QTextFormat) -> None:
        kind = str(fmt.property(PROP_KIND) or "placeholder")
        fill, ink = COLORS.get(kind, COLORS["markup"])
        font = fmt.toCharFormat().font()
        font.setPointSizeF(max(font.pointSizeF() * 0.9, 7.0))
        font.setBold(False)
        font.setItalic(False)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = rect.adjusted(1, 1, -1, -1)
        painter.setPen(QPen(QColor(ink), 1))
        painter.setBrush(QColor(fill))
        painter.drawRoundedRect(box, 6, 6)
        painter.setFont(font)
        option = QTextOption(Qt.AlignmentFlag.AlignCenter)
        # A placeholder is an identifier: left to right, isolated from the text around
        # it. Logic is said in the interface's language, in its direction.
        option.setTextDirection(QGuiApplication.layoutDirection() if kind == "logic"
                                else Qt.LayoutDirection.LeftToRight)
        painter.drawText(box.translated(QPointF(0, 0)), str(fmt.property(PROP_LABEL) or ""),
                         option)
        painter.restore()


def install(doc: QTextDocument, owner: QObject) -> ChipPainter:
    """Register the chip painter on ``doc`` (kept alive by ``owner``)."""
    painter = ChipPainter(owner)
    doc.documentLayout().registerHandler(CHIP_TYPE, painter)
    return painter
