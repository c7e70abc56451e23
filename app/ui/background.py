"""Running a plain function off the GUI thread and getting its result back on it.

:func:`run_in_background` takes a module-level function and plain arguments, runs it
in Qt's global thread pool and calls ``on_done(result)`` (or ``on_error(exc)``) on the
GUI thread. The function must never touch a widget: it gets data and returns data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot


class _Relay(QObject):
    """Carries the outcome to the GUI thread: its signals are emitted in the worker and
    received by its own slots, which live in the GUI thread (a queued connection)."""

    sig_done = Signal(object)
    sig_failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None],
                 on_error: Callable[[Exception], None] | None,
                 context: QObject | None) -> None:
        super().__init__()
        self._callbacks = (on_done, on_error)
        self._context = context
        self.sig_done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)
        self.sig_failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _on_done(self, value: Any) -> None:
        self._finish(self._callbacks[0], value)

    @Slot(object)
    def _on_failed(self, exc: Any) -> None:
        self._finish(self._callbacks[1], exc)

    def _finish(self, callback: Callable[[Any], None] | None, value: Any) -> None:
        _pending.discard(self)
        self.deleteLater()
        if self._context is not None and not shiboken6.isValid(self._context):
            return  # the widget that asked is gone: nobody to tell
        if callback is not None:
            callback(value)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.args = args
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn(*self.args)
        except Exception as exc:
            self.relay.sig_failed.emit(exc)
        else:
            self.relay.sig_done.emit(result)


_pending: set[_Relay] = set()  # relays live until their job reports


def run_in_background(fn: Callable[..., Any], *args: Any,
                      on_done: Callable[[Any], None],
                      on_error: Callable[[Exception], None] | None = None,
                      context: QObject | None = None,
                      pool: QThreadPool | None = None) -> None:
    """Run ``fn(*args)`` in a worker thread; ``on_done``/``on_error`` run on the GUI thread,
    unless ``context`` (the widget that asked) was deleted meanwhile."""
    relay = _Relay(on_done, on_error, context)
    _pending.add(relay)
    (pool or QThreadPool.globalInstance()).start(_Job(fn, args, relay))
