"""The channel registry: every channel's :class:`ChannelSpec`, in the order the studio
shows them. A channel is one module here (its spec, its message, its runtime render) and
one line in ``_BUILTIN``; :func:`register` adds one from anywhere (a test, a plug-in).
"""

from __future__ import annotations

from importlib import import_module

from .spec import N_, BundleView, ChannelSpec

_BUILTIN = ("email", "sms", "whatsapp")

CHANNELS: dict[str, ChannelSpec] = {}


def register(spec: ChannelSpec) -> ChannelSpec:
    """Adds (or replaces) a channel; returns it."""
    CHANNELS[spec.name] = spec
    return spec


def unregister(name: str) -> None:
    """Removes a channel (a test's made-up one)."""
    CHANNELS.pop(name, None)


def channel_names() -> tuple[str, ...]:
    """Every channel's name, in order."""
    return tuple(CHANNELS)


def spec_for(name: str) -> ChannelSpec:
    """The spec of ``name``; a KeyError names the known channels."""
    try:
        return CHANNELS[name]
    except KeyError:
        raise KeyError(f"unknown channel {name!r} (known: {', '.join(CHANNELS)})") from None


for _name in _BUILTIN:
    register(import_module(f"{__name__}.{_name}").SPEC)

__all__ = ["CHANNELS", "N_", "BundleView", "ChannelSpec", "channel_names", "register",
           "spec_for", "unregister"]
