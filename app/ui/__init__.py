"""The studio's Qt layer: widgets that show and edit what the headless core computes.

Only this package (and :mod:`app.proof`) imports PySide6. Start it with
:func:`run_studio` (``missive studio``); tests build :class:`MainWindow` directly.
"""

from __future__ import annotations

__all__ = ["StudioOptions", "run_studio"]


def __getattr__(name: str) -> object:
    # Lazy, so importing app.ui.i18n (e.g. for catalog checks) doesn't start Qt.
    if name in __all__:
        from . import application

        return getattr(application, name)
    raise AttributeError(name)
