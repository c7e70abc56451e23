"""Report formats for ``missive check --format``: one module each, registered here.

Each module has ``NAME`` and ``render(report, rules, *, project, color) -> str``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

_MODULES = ("text", "json_format", "sarif", "junit")

FORMATS: dict[str, Callable[..., str]] = {}
for _name in _MODULES:
    _module = import_module(f"{__name__}.{_name}")
    FORMATS[_module.NAME] = _module.render

__all__ = ["FORMATS"]
