"""The studio's channel registry: how each channel renders from a project's sources and
what it puts in a bundle. One module per channel, each registered here once.

To add a channel: its spec in :mod:`app.kernel.channels` (what every layer knows of it),
a module here with a ``CHANNEL`` object (a :class:`~app.core.channels.base.StudioChannel`)
listed in ``_MODULES``, and its preview in :mod:`app.ui.preview.channels`. See
docs/architecture.md. :func:`register` adds one from anywhere (a test, a plug-in).
"""

from __future__ import annotations

from importlib import import_module

from .base import BundleExport, Channel, Message, RenderJob, StudioChannel

_MODULES = ("email", "sms", "whatsapp")

CHANNELS: dict[str, StudioChannel] = {
    name: import_module(f"{__name__}.{name}").CHANNEL for name in _MODULES
}


def register(channel: StudioChannel) -> StudioChannel:
    """Adds (or replaces) a channel's studio part; its spec must be registered first."""
    channel.spec  # noqa: B018 - a KeyError here names the known channels
    CHANNELS[channel.name] = channel
    return channel


def unregister(name: str) -> None:
    """Removes a channel's studio part (a test's made-up one)."""
    CHANNELS.pop(name, None)


__all__ = ["CHANNELS", "BundleExport", "Channel", "Message", "RenderJob", "StudioChannel",
           "register", "unregister"]
