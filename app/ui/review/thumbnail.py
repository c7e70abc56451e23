"""Thumbnails of rendered messages for the review grid.

An email is its subject over the picture the web engine painted (:mod:`.snapshots`);
until that arrives, a mail app's reading pane in miniature (sender, subject, preheader
and the first lines of its plain text). An SMS and a WhatsApp message are their bubbles.
Qt's text engine lays the text out, so right-to-left messages read from the right and
mixed Hebrew/Latin lines keep their order. Painting a QImage works offscreen.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QTextDocument,
)

from ...core.devices import device as device_preset
from ...core.model import is_rtl
from ...core.workspace import PreviewResult
from ...core.workspace.preview_text import display_name, sms_html, whatsapp_html
from ...kernel.channels import spec_for

STATE_COLORS = {"unreviewed": "#8c959f", "approved": "#1a7f37",
                "changes_requested": "#cf222e", "changed_since_approval": "#bf8700"}
FOOTER = 22
SEVERITY_COLORS = {"error": "#cf222e", "warning": "#9a6700"}


def thumbnail_size(device: str | None) -> QSize:
    """The size of a cell's picture for a device preset (the default's if unknown)."""
    return QSize(*device_preset(device).thumbnail)


def _document(markup: str, width: float, point_size: float, rtl: bool) -> QTextDocument:
    doc = QTextDocument()
    font = QFont()
    font.setPointSizeF(point_size)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setTextWidth(width)
    direction = "rtl" if rtl else "ltr"
    align = "right" if rtl else "left"
    doc.setHtml(f'<div dir="{direction}" align="{align}">{markup}</div>')
    return doc


def _draw(painter: QPainter, doc: QTextDocument, x: float, y: float, max_height: float) -> float:
    painter.save()
    painter.translate(x, y)
    height = min(doc.size().height(), max_height)
    doc.drawContents(painter, QRectF(0, 0, doc.textWidth(), height))
    painter.restore()
    return height


def _lines(text: str, count: int) -> str:
    rows = [r.strip() for r in text.replace("\r\n", "\n").split("\n") if r.strip()]
    return "<br>".join(html.escape(r) for r in rows[:count])


def _email(painter: QPainter, message: dict[str, Any], rect: QRectF, rtl: bool) -> None:
    painter.fillRect(rect, QColor("#ffffff"))
    pad = 8
    width = rect.width() - 2 * pad
    y = rect.top() + pad
    sender = html.escape(display_name(message.get("from", "")))
    subject = html.escape(message.get("subject", ""))
    preheader = html.escape(message.get("preheader", ""))
    head = _document(f'<span style="color:#57606a">{sender}</span><br>'
                     f"<b>{subject}</b><br>"
                     f'<span style="color:#6e7781">{preheader}</span>', width, 6.5, rtl)
    y += _draw(painter, head, rect.left() + pad, y, rect.height() * 0.5) + 4
    painter.setPen(QPen(QColor("#d0d7de")))
    painter.drawLine(int(rect.left() + pad), int(y), int(rect.right() - pad), int(y))
    y += 4
    body = _document(_lines(message.get("text", ""), 14), width, 5.5, rtl)
    _draw(painter, body, rect.left() + pad, y, rect.bottom() - y - pad)


def _email_picture(painter: QPainter, message: dict[str, Any], picture: QImage,
                   rect: QRectF, rtl: bool) -> None:
    """The subject, then the email as the preview's engine painted it, scaled to fit."""
    painter.fillRect(rect, QColor("#ffffff"))
    pad = 6
    subject = html.escape(message.get("subject", ""))
    head = _document(f"<b>{subject}</b>", rect.width() - 2 * pad, 6.5, rtl)
    font = QFont(head.defaultFont())
    font.setBold(True)
    two_lines = 2 * QFontMetricsF(font).lineSpacing() + 1  # never half a third line
    y = rect.top() + pad + _draw(painter, head, rect.left() + pad, rect.top() + pad,
                                 two_lines) + 4
    scaled = picture.scaledToWidth(int(rect.width()), Qt.TransformationMode.SmoothTransformation)
    height = min(scaled.height(), rect.bottom() - y)
    painter.drawImage(QRectF(rect.left(), y, rect.width(), height), scaled,
                      QRectF(0, 0, scaled.width(), height))


def _bubble(painter: QPainter, markup: str, rect: QRectF, rtl: bool, fill: str,
            background: str, point_size: float = 6.5) -> None:
    painter.fillRect(rect, QColor(background))
    pad, inner = 8, 6
    width = rect.width() * 0.85 - 2 * inner
    doc = _document(markup, width, point_size, rtl)
    doc.adjustSize()
    text_width = min(width, doc.idealWidth())
    doc.setTextWidth(text_width)
    height = min(doc.size().height(), rect.height() - 2 * pad - 2 * inner)
    left = rect.right() - pad - text_width - 2 * inner if rtl else rect.left() + pad
    box = QRectF(left, rect.top() + pad, text_width + 2 * inner, height + 2 * inner)
    path = QPainterPath()
    path.addRoundedRect(box, 9, 9)
    painter.fillPath(path, QColor(fill))
    _draw(painter, doc, box.left() + inner, box.top() + inner, height)


def paint_email(painter: QPainter, message: dict[str, Any], rect: QRectF, rtl: bool,
                picture: QImage | None) -> None:
    """An email cell: the page as painted once there is a picture, else its text."""
    if picture is not None and not picture.isNull():
        _email_picture(painter, message, picture, rect, rtl)
    else:
        _email(painter, message, rect, rtl)


def paint_sms(painter: QPainter, message: dict[str, Any], rect: QRectF, rtl: bool,
              picture: QImage | None = None) -> None:
    """An SMS cell: its bubble."""
    _bubble(painter, sms_html(message.get("text", "")), rect, rtl, "#e9e9eb", "#ffffff")


def paint_whatsapp(painter: QPainter, message: dict[str, Any], rect: QRectF, rtl: bool,
                   picture: QImage | None = None) -> None:
    """A WhatsApp cell: header, body, footer and buttons in a bubble."""
    _bubble(painter, _whatsapp_markup(message), rect, rtl, "#ffffff", "#efeae2")


def paint_text(painter: QPainter, message: dict[str, Any], rect: QRectF, rtl: bool,
               picture: QImage | None = None, *, channel: str) -> None:
    """Any other channel's cell: its text (its spec's ``as_text``) in a bubble."""
    text = spec_for(channel).as_text(message)
    _bubble(painter, _lines(text, 20), rect, rtl, "#eef1f5", "#ffffff")


def _whatsapp_markup(message: dict[str, Any]) -> str:
    parts = []
    if message.get("header"):
        parts.append(f"<b>{html.escape(str(message['header']))}</b>")
    parts.append(whatsapp_html(message.get("body", "")))
    if message.get("footer"):
        parts.append(f'<span style="color:#667781">{html.escape(message["footer"])}</span>')
    buttons = [html.escape(b.get("text", "")) for b in message.get("buttons", [])]
    if buttons:
        parts.append('<span style="color:#027eb5">' + " · ".join(buttons) + "</span>")
    return "<br>".join(parts)


def _error(painter: QPainter, text: str, rect: QRectF) -> None:
    painter.fillRect(rect, QColor("#ffebe9"))
    doc = _document(f'<span style="color:#82071e">{html.escape(text)}</span>',
                    rect.width() - 16, 6.5, False)
    _draw(painter, doc, rect.left() + 8, rect.top() + 8, rect.height() - 16)


def _footer(painter: QPainter, rect: QRectF, counts: dict[str, int], summary: str,
            rtl_ui: bool) -> None:
    painter.fillRect(rect, QColor("#f6f8fa"))
    painter.setPen(QPen(QColor("#d0d7de")))
    painter.drawLine(rect.topLeft(), rect.topRight())
    worst = "error" if counts.get("error") else "warning" if counts.get("warning") else ""
    painter.setPen(QColor(SEVERITY_COLORS.get(worst, "#57606a")))
    font = QFont()
    font.setPointSizeF(7)
    painter.setFont(font)
    align = Qt.AlignmentFlag.AlignVCenter | (Qt.AlignmentFlag.AlignRight if rtl_ui
                                             else Qt.AlignmentFlag.AlignLeft)
    painter.drawText(rect.adjusted(6, 0, -6, 0), int(align), summary)


def draw_thumbnail(result: PreviewResult | None, device: str, state: str,
                   counts: dict[str, int], summary: str, rtl_ui: bool = False,
                   waiting: str = "", picture: QImage | None = None,
                   zoom: float = 1.0) -> QImage:
    """The cell's picture: the message, a strip in the template's review-state colour on
    top, and the findings ``summary`` at the bottom (``waiting`` while not rendered).
    ``picture`` is the email as the web engine painted it, once it has been taken.
    ``zoom`` draws it larger (text stays sharp): the review view's preview pane."""
    size = thumbnail_size(device)
    image = QImage(size * zoom, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    painter.scale(zoom, zoom)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    strip = 4
    painter.fillRect(QRectF(0, 0, size.width(), strip), QColor(STATE_COLORS.get(state, "#8c959f")))
    body = QRectF(0, strip, size.width(), size.height() - strip - FOOTER)
    if result is None:
        painter.fillRect(body, QColor("#f6f8fa"))
        painter.setPen(QColor("#8c959f"))
        painter.drawText(body, int(Qt.AlignmentFlag.AlignCenter), waiting)
    elif result.error:
        _error(painter, result.error.get("message", ""), body)
    else:
        message = result.message or {}
        rtl = message.get("dir") == "rtl" or is_rtl(result.locale)
        from ..preview.channels import view_for  # it registers this module's painters

        view_for(result.channel).thumbnail(painter, message, body, rtl, picture)
    if result is not None:
        _footer(painter, QRectF(0, size.height() - FOOTER, size.width(), FOOTER), counts,
                summary, rtl_ui)
    painter.setPen(QPen(QColor("#d0d7de")))
    painter.drawRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1))
    painter.end()
    return image
