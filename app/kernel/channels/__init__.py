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

    A channel registered from outside this package is a plug-in. Its spec's ``render``
    must live in an importable module (not a script's ``__main__``) with a
    ``register_channels()`` function that registers all its parts (spec, studio
    channel, preview): the render worker's processes import that module and call it.
    """
    CHANNELS[spec.name] = spec
    module = spec.render.__module__
    if not module.startswith(__name__ + ".") and module != "__main__":
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


def sync_plugins(modules: Iterable[tuple[str, str]]) -> list[str]:
    """Makes this process's plug-in channels those of ``modules``: imports the new ones
    (by name, else from the folder their name starts in) and calls their
    ``register_channels()``; removes the channels of plug-ins no longer listed. How a
    render worker keeps its parent's channels. Returns one line per plug-in that failed
    to load (its channels are then unknown here; the others still work)."""
    wanted = dict(modules)
    for name in [n for n in _LOADED if n not in wanted]:
        for channel in [c for c, spec in CHANNELS.items() if spec.render.__module__ == name]:
            unregister(channel)
        _LOADED.discard(name)
    problems = []
    for name, path in wanted.items():
        if name in _LOADED:
            continue
        _LOADED.add(name)  # tried once: a broken plug-in is not retried on every job
        try:
            module = sys.modules.get(name)
            if module is None:
                try:
                    module = import_module(name)
                except ImportError:
                    levels = name.count(".") + (Path(path).name == "__init__.py")
                    folder = str(Path(path).parents[levels])
                    if folder not in sys.path:
                        sys.path.append(folder)
                    module = import_module(name)
            hook = getattr(module, "register_channels", None)
            if hook is not None:
                hook()  # registering again is harmless
        except Exception as exc:  # a plug-in's own bug: its channels stay unknown here
            problems.append(f"channel plug-in {name}: {type(exc).__name__}: {exc}")
    return problems


def channel_names() -> tuple[str, ...]:
    """Every channel's name, in order."""
    return tuple(CHANNELS)


def default_channels() -> tuple[str, ...]:
    """The channels of a template that names none (the specs ``by_default``)."""
    return tuple(name for name, spec in CHANNELS.items() if spec.by_default)


def spec_for(name: str) -> ChannelSpec:
    """The spec of ``name``; a KeyError names the known channels."""
    try:
        return CHANNELS[name]
    except KeyError:
        raise KeyError(f"unknown channel {name!r} (known: {', '.join(CHANNELS)})") from None


for _name in _BUILTIN:
    register(import_module(f"{__name__}.{_name}").SPEC)

__all__ = [
    "CHANNELS",
    "N_",
    "BundleView",
    "ChannelSpec",
    "channel_names", "default_channels",
    "plugins",
    "register",
    "spec_for",
    "sync_plugins",
    "unregister",
]
