"""The interface's part of each channel, registered once: its preview widget and its
review thumbnail. The panel, the review grid and the comparison read them from here.

A channel without an entry (a plug-in that brings none yet) gets a text bubble: its
channel's ``as_text`` in the preview, and the same text drawn in the thumbnail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QWidget

from ...kernel.channels import channel_names
from .email_preview import EmailPreview
from .sms_preview import SmsPreview
from .text_preview import TextPreview
from .whatsapp_preview import WhatsAppPreview


@dataclass(frozen=True)
class Shown:
    """What a preview needs besides the message."""

    rtl: bool
    sender: str
    project_root: Path


Thumbnail = Callable[[QPainter, dict[str, Any], QRectF, bool, "QImage | None"], None]


@dataclass(frozen=True)
class ChannelView:
    """``make`` builds the preview widget; ``show`` puts a rendered message in it;
    ``thumbnail`` paints a review cell's picture (``picture``: the page as painted)."""

    name: str
    make: Callable[[QWidget], QWidget]
    show: Callable[[Any, dict[str, Any], Shown], None]
    thumbnail: Thumbnail


VIEWS: dict[str, ChannelView] = {}


def register_view(view: ChannelView) -> ChannelView:
    """Adds (or replaces) a channel's preview and thumbnail."""
    VIEWS[view.name] = view
    return view


def unregister_view(name: str) -> None:
    """Removes a channel's preview (a test's made-up one)."""
    VIEWS.pop(name, None)


def _painter(name: str, **fixed: str) -> Thumbnail:
    """One of app/ui/review/thumbnail.py's painters (imported when first used: the
    review package imports the pickers, which import this package)."""

    def paint(painter: QPainter, message: dict[str, Any], rect: QRectF, rtl: bool,
              picture: QImage | None) -> None:
        from ..review import thumbnail

        getattr(thumbnail, name)(painter, message, rect, rtl, picture, **fixed)

    return paint


def view_for(channel: str) -> ChannelView:
    """The registered view, else a text bubble."""
    view = VIEWS.get(channel)
    if view is not None:
        return view
    return ChannelView(channel, lambda parent: TextPreview(channel, parent),
                       lambda w, m, s: w.set_message(m, s.rtl, s.sender),
                       _painter("paint_text", channel=channel))


def shown_channels() -> tuple[str, ...]:
    """Every channel a preview panel has a page for, in order."""
    return channel_names()


register_view(ChannelView("email", EmailPreview,
                          lambda w, m, s: w.set_message(m, s.project_root),
                          _painter("paint_email")))
register_view(ChannelView("sms", SmsPreview, lambda w, m, s: w.set_message(m, s.rtl),
                          _painter("paint_sms")))
register_view(ChannelView("whatsapp", WhatsAppPreview,
                          lambda w, m, s: w.set_message(m, s.rtl, s.sender),
                          _painter("paint_whatsapp")))
