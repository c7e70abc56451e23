"""The parent's side: long-lived worker processes that render under limits.

:class:`WorkerPool` keeps up to ``size`` worker processes (started on first use, kept
for the next job: the runtime's per-email cost is a pipe round trip, not a process).
A thread takes an idle worker, sends it a job and waits, watching the clock. When the
worker dies (CPU limit, a crash in a C library, killed for hanging) the job ends in
:class:`RenderStopped`, one line naming the template and file, and a fresh worker
replaces it on the next job.
"""

from __future__ import annotations

import importlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from ...kernel.channels import plugins
from ...kernel.errors import ContentError, MissiveError
from . import guard, protocol
from .limits import DEFAULT_LIMITS, Limits

_APP_PARENT = str(Path(__file__).resolve().parents[3])


def _cwd() -> str:
    """This process's folder ('' when it is gone), for the worker to work in."""
    try:
        return os.getcwd()
    except OSError:
        return ""


class RenderStopped(ContentError):
    """The worker was stopped while rendering; ``label`` says what it was rendering."""

    def __init__(self, message: str, *, label: dict[str, str] | None = None,
                 kind: str = "", **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.label = dict(label or {})
        self.kind = kind


def _stopped(kind: str, label: dict[str, str] | None, limits: Limits,
             detail: Any = 0) -> RenderStopped:
    reasons = {
        "cpu": f"used more than {limits.cpu_seconds:g} s of CPU time",
        "time": f"ran for more than {limits.wall_seconds:g} s",
        "memory": f"used more than {limits.memory_mb} MB of memory",
        "output": f"its result is larger than {limits.output_mb} MB",
        "recursion": "nested too deeply",
        "error": f"failed ({detail})",
    }
    reason = reasons.get(kind, f"crashed ({detail})")
    path = (label or {}).get("path") or None
    return RenderStopped(f"stopped: {guard.describe(label)} {reason}", path=path,
                         label=label, kind=kind,
                         hint="simplify the template: it asks for too much work")


def _rebuild(payload: tuple[str, str, tuple[Any, ...], dict[str, Any]]) -> Exception:
    module, qualname, args, state = payload
    try:
        cls: Any = importlib.import_module(module)
        for part in qualname.split("."):
            cls = getattr(cls, part)
        exc = cls.__new__(cls)
        Exception.__init__(exc, *args)
        exc.__dict__.update(state)
        return exc
    except Exception:
        return ContentError(str(args[0]) if args else qualname)


class _Worker:
    """One worker process and the reader of its pipe."""

    def __init__(self, preload: bool = False) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (_APP_PARENT, env.get("PYTHONPATH"))
                                            if p)
        env.pop("QT_QPA_PLATFORM", None)
        stderr = None if os.environ.get("MISSIVE_DEBUG") else subprocess.DEVNULL
        self.proc = subprocess.Popen(
            [sys.executable, "-m", f"{__package__}.child", *(["--preload"] if preload else [])],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=stderr, env=env, close_fds=True,
            start_new_session=True)
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self.reader = protocol.Reader(self.proc.stdout.fileno())
        self.ready = False

    def alive(self) -> bool:
        return self.proc.poll() is None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for stream in (self.proc.stdin, self.proc.stdout):
            if stream is not None:
                stream.close()

    def _death(self, label: dict[str, str] | None, limits: Limits) -> RenderStopped:
        self.kill()
        code = self.proc.returncode
        if code in (-signal.SIGXCPU, -signal.SIGPROF):
            return _stopped("cpu", label, limits)
        if code in (-signal.SIGSEGV, -signal.SIGBUS, -signal.SIGABRT, -signal.SIGILL):
            return _stopped("crash", label, limits, f"signal {signal.Signals(-code).name}")
        return _stopped("crash", label, limits, f"exit {code}")

    def call(self, name: str, args: tuple[Any, ...], limits: Limits,
             label: dict[str, str] | None) -> Any:
        assert self.proc.stdin is not None
        start_limit = 60.0  # a fresh worker imports the core first
        while not self.ready:
            try:
                got, message = self.reader.poll(start_limit)
            except EOFError:
                raise self._death(label, limits) from None
            if not got:
                self.kill()
                raise _stopped("crash", label, limits, "the worker did not start")
            self.ready = message == ("ready",)
        try:
            protocol.send(self.proc.stdin, ("job", name, args,
                                            (limits.cpu_seconds, limits.memory_mb,
                                             limits.output_mb), plugins(), _cwd()))
        except (BrokenPipeError, OSError):
            raise self._death(label, limits) from None
        phase_start = time.monotonic()
        while True:
            left = phase_start + limits.wall_seconds - time.monotonic()
            try:
                got, message = self.reader.poll(max(0.0, left))
            except EOFError:
                raise self._death(label, limits) from None
            if not got:
                self.kill()
                raise _stopped("time", label, limits)
            kind = message[0]
            if kind == "at":
                label = message[1]
                phase_start = time.monotonic()
            elif kind == "ok":
                return message[1]
            elif kind == "error":
                exc = _rebuild(message[1])
                if isinstance(exc, MissiveError):
                    raise exc
                raise _stopped("error", label, limits, f"{type(exc).__name__}: {exc}")
            elif kind == "stop":
                if message[1] == "memory":
                    self.kill()
                raise _stopped(message[1], label, limits, message[2])


class WorkerPool:
    """Up to ``size`` long-lived, bounded worker processes; thread-safe."""

    def __init__(self, size: int = 1, limits: Limits = DEFAULT_LIMITS) -> None:
        self.size = max(1, size)
        self.limits = limits
        self._idle: list[_Worker] = []
        self._busy: list[_Worker] = []
        self._count = 0
        self._lock = threading.Condition()
        self._closed = False
        self.restarts = 0

    def _take(self) -> _Worker:
        worker = self._checkout()
        with self._lock:
            self._busy.append(worker)
        return worker

    def busy_pids(self) -> list[int]:
        """The process ids of the workers running a job now (for tests and monitoring)."""
        with self._lock:
            return [worker.proc.pid for worker in self._busy]

    def _checkout(self) -> _Worker:
        with self._lock:
            while True:
                if self._closed:
                    raise MissiveError("the render worker pool is closed")
                while self._idle:
                    worker = self._idle.pop()
                    if worker.alive():
                        return worker
                    self._count -= 1
                    worker.kill()
                if self._count < self.size:
                    self._count += 1
                    break
                self._lock.wait()
        try:
            return _Worker()
        except OSError as exc:
            with self._lock:
                self._count -= 1
                self._lock.notify()
            raise MissiveError(f"cannot start the render worker: {exc.strerror or exc}",
                               hint="too many processes or open files? close some "
                                    "programs and try again") from None

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.remove(worker)
            if worker.alive() and not self._closed:
                self._idle.append(worker)
            else:
                self._count -= 1
                self.restarts += 1
                worker.kill()
            self._lock.notify()

    def run(self, name: str, *args: Any, limits: Limits | None = None,
            label: dict[str, str] | None = None) -> Any:
        """Run job ``name`` (see :mod:`.jobs`) in a worker; its MissiveErrors are raised
        here as they were raised there, and a stopped worker raises RenderStopped."""
        worker = self._take()
        try:
            return worker.call(name, args, limits or self.limits, label)
        finally:
            self._give_back(worker)

    def prestart(self, preload: bool = True) -> None:
        """Start a worker now without waiting for it: it loads the render modules (with
        ``preload``) while this process reads the project, and the first job uses it."""
        with self._lock:
            if self._closed or self._idle or self._count >= self.size:
                return
            self._count += 1
        try:
            worker = _Worker(preload)
        except Exception:
            with self._lock:
                self._count -= 1
            raise
        with self._lock:
            self._idle.append(worker)
            self._lock.notify()

    def warm(self, studio: bool = True) -> None:
        """Start a worker now and load the render modules (e.g. in the background when
        the studio opens)."""
        self.run("ping", studio)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
            self._lock.notify_all()
        for worker in idle:
            worker.kill()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
