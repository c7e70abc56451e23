"""Rendering previews off the GUI thread: debounced, painted first, checked after.

Each keystroke calls :meth:`RenderService.schedule`; after ``delay_ms`` of quiet the
service asks its builder for the requests (plain data, with the editors' text at that
moment), numbers them with a generation counter and runs them in a thread pool. When a
result comes back, it is shown only if no newer request was made for its slot since;
otherwise it is dropped (counted in ``dropped``).

Paint first, check after: a job renders the HTML and hands it over at once
(``sig_rendered``), then parses it (plain text, parse errors) and hands the completed
result over (``sig_completed``). The checks start only once the text has been quiet for
``check_delay_ms`` after that, and only for a result that is still current, so that
while someone types, the next render never waits behind the checks of the last one.

Workers never touch widgets: :func:`app.core.workspace.run_preview` takes a request and
returns a result, and the result crosses back to the GUI thread in a queued signal.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ..core.workspace import (
    PreviewRequest,
    PreviewResult,
    add_marks,
    finish_preview,
    run_checks_for,
    run_preview,
)


class _Relay(QObject):
    """Carries results from a worker thread to the GUI thread (queued signals)."""

    sig_rendered = Signal(object)
    sig_completed = Signal(object, object)  # request, result with text and parse errors
    sig_checked = Signal(object)


# The parse waits this long after the HTML is handed over, so that the page is painted
# first (the parse would compete with it for the interpreter and the CPU), and is skipped
# if newer text arrived meanwhile.
PARSE_DELAY_S = 0.05


class _PreviewJob(QRunnable):
    def __init__(self, request: PreviewRequest, relay: _Relay,
                 is_latest: Callable[[str, int], bool]) -> None:
        super().__init__()
        self.request = request
        self.relay = relay
        self.is_latest = is_latest

    def run(self) -> None:
        result = run_preview(self.request, paint_first=True)
        self.relay.sig_rendered.emit(result)
        if result.pending is not None:
            time.sleep(PARSE_DELAY_S)
            if self.is_latest(result.slot, result.generation):
                result = finish_preview(result)
        self.relay.sig_completed.emit(self.request, result)


class _CheckJob(QRunnable):
    def __init__(self, request: PreviewRequest, result: PreviewResult, relay: _Relay) -> None:
        super().__init__()
        self.request = request
        self.result = result
        self.relay = relay

    def run(self) -> None:
        result = add_marks(self.request, self.result)  # for editing in the preview
        self.relay.sig_checked.emit(run_checks_for(self.request, result))


class RenderService(QObject):
    """Debounces, numbers and runs preview requests; emits only current results."""

    sig_rendered = Signal(object)   # PreviewResult with the message's HTML (painted first)
    sig_completed = Signal(object)  # the same result with the plain text and parse errors
    sig_checked = Signal(object)    # the same result with its findings

    def __init__(self, build: Callable[[], list[PreviewRequest]], delay_ms: int = 30,
                 parent: QObject | None = None, check_delay_ms: int = 300) -> None:
        super().__init__(parent)
        self._build = build
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(check_delay_ms)
        self._check_timer.timeout.connect(self._start_checks)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay(self)
        self._relay.sig_rendered.connect(self._on_rendered)
        self._relay.sig_completed.connect(self._on_completed)
        self._relay.sig_checked.connect(self._on_checked)
        self._generation = 0
        self._latest: dict[str, int] = {}
        self._to_check: dict[str, tuple[PreviewRequest, PreviewResult]] = {}
        self.dropped = 0
        self.running = 0

    def schedule(self) -> None:
        """Render after a short quiet time (called on every change)."""
        self._timer.start()
        if self._check_timer.isActive():
            self._check_timer.start()  # still typing: the checks wait

    def flush(self) -> None:
        """Build the requests now and start them."""
        self._timer.stop()
        for request in self._build():
            self._generation += 1
            request = _with_generation(request, self._generation)
            self._latest[request.slot] = request.generation
            self.running += 1
            self._pool.start(_PreviewJob(request, self._relay, self._is_latest))

    def is_current(self, result: PreviewResult) -> bool:
        """Whether no newer request was made for the result's slot."""
        return self._is_latest(result.slot, result.generation)

    def _is_latest(self, slot: str, generation: int) -> bool:
        # Also read from worker threads: one dict lookup, safe under the GIL.
        return self._latest.get(slot) == generation

    def wait_for_done(self, msecs: int = 30000) -> bool:
        """Block until running jobs finish (for closing the window and benchmarks)."""
        self._check_timer.stop()
        self.running = max(0, self.running - len(self._to_check))
        self._to_check.clear()
        return self._pool.waitForDone(msecs)

    def _on_rendered(self, result: PreviewResult) -> None:
        if self.is_current(result):
            self.sig_rendered.emit(result)
        else:
            self.dropped += 1

    def _on_completed(self, request: PreviewRequest, result: PreviewResult) -> None:
        if not self.is_current(result):
            self.running = max(0, self.running - 1)
            return
        self.sig_completed.emit(result)
        if not request.with_checks:
            self._on_checked(replace(result, findings=[result.error] if result.error else []))
            return
        stale = self._to_check.pop(request.slot, None)
        if stale is not None:
            self.running = max(0, self.running - 1)
        self._to_check[request.slot] = (request, result)
        self._check_timer.start()

    def _start_checks(self) -> None:
        pending, self._to_check = self._to_check, {}
        for request, result in pending.values():
            if self.is_current(result):
                self._pool.start(_CheckJob(request, result, self._relay))
            else:
                self.running = max(0, self.running - 1)

    def _on_checked(self, result: PreviewResult) -> None:
        self.running = max(0, self.running - 1)
        if self.is_current(result):
            self.sig_checked.emit(result)


def _with_generation(request: PreviewRequest, generation: int) -> PreviewRequest:
    return replace(request, generation=generation)
