"""The channel registry: every channel's :class:`ChannelSpec`, in the order the studio
shows them. A channel is one module here (its spec, its message, its runtime render) and
one line in ``_BUILTIN``; :func:`register` adds one from anywhere (a test, a plug-in).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from importlib import import_module
from pathlib import Path

from .spec import N_, BundleView, ChannelSpec

_BUILTIN = ("email", "sms", "whatsapp")

CHANNELS: dict[str, ChannelSpec] = {}
# Modules (and their files) that registered a channel at run time: the render worker's
# processes load them too (:func:`load_plugins`), so such a channel renders there as well.
_PLUGINS: dict[str, str] = {}
_LOADED: set[str] = set()


def register(spec: ChannelSpec) -> ChannelSpec:
    """Adds (or replaces) a channel; returns it.

    A channel registered from outside this package is a plug-in: its module should have
    a ``register_channels()`` function that registers all its parts (spec, studio
    channel, preview), which the render worker calls after importing the module.
    """
    CHANNELS[spec.name] = spec
    module = spec.render.__module__
    if not module.startswith(__name__ + "."):
        path = getattr(sys.modules.get(module), "__file__", None)
        if path:
            _PLUGINS[module] = path
    return spec


def unregister(name: str) -> None:
    """Removes a channel (a test's made-up one)."""
    spec = CHANNELS.pop(name, None)
    if spec is not None and not any(s.render.__module__ == spec.render.__module__
                                    for s in CHANNELS.values()):
        _PLUGINS.pop(spec.render.__module__, None)


def plugins() -> tuple[tuple[str, str], ...]:
    """(module, file) of every plug-in channel registered in this process."""
    return tuple(sorted(_PLUGINS.items()))


def load_plugins(modules: Iterable[tuple[str, str]]) -> None:
    """Imports plug-in modules (by name, else from their file) and calls their
    ``register_channels()``, once each: how a worker process learns its parent's."""
    for name, path in modules:
        if name in _LOADED:
            continue
        module = sys.modules.get(name)
        if module is None:
            try:
                module = import_module(name)
            except ImportError:  # not on this process's path: the folder its name starts in
                levels = name.count(".") + (Path(path).name == "__init__.py")
                sys.path.append(str(Path(path).parents[levels]))
                module = import_module(name)
        hook = getattr(module, "register_channels", None)
        if hook is not None and name not in _PLUGINS:
            hook()
        _LOADED.add(name)


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

__all__ = ["CHANNELS", "N_", "BundleView", "ChannelSpec", "channel_names", "load_plugins",
           "plugins", "register", "spec_for", "unregister"]
