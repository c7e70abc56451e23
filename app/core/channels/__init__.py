"""The channel registry: one module per channel, each registered here once.

To add a channel, write a module with a ``CHANNEL`` object that follows
:class:`~app.core.channels.base.Channel` and add it to ``_MODULES``.
"""

from __future__ import annotations

from importlib import import_module

from .base import Channel, Message, RenderJob

_MODULES = ("email", "sms", "whatsapp")

CHANNELS: dict[str, Channel] = {
    name: import_module(f"{__name__}.{name}").CHANNEL for name in _MODULES
}

__all__ = ["CHANNELS", "Channel", "Message", "RenderJob"]
