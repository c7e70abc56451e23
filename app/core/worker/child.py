"""The worker process: runs render jobs under resource limits until its parent closes it.

Started by :mod:`.pool` as ``python -m app.core.worker.child``. Each job sets, in this
process only:

- a CPU-time timer (``ITIMER_PROF``, backed by ``RLIMIT_CPU``) of the job's budget,
  renewed at every :func:`.guard.begin` (each render); past it the kernel's signal ends
  the process, even inside a C routine that never returns to Python (a huge power).
- ``RLIMIT_AS``: the address space (measured at the first job, and every 100 jobs)
  plus the memory budget; past it allocations fail (MemoryError) and the worker reports
  it and exits to start clean.
- the output cap: a result larger than ``output_mb`` is refused instead of sent.

The protocol's pipe is moved off file descriptors 0 and 1 first, so a stray print from
a library cannot corrupt it.
"""

from __future__ import annotations

import contextlib
import importlib
import math
import os
import resource
import signal
import sys
from typing import Any

from ...kernel.channels import sync_plugins
from . import guard, protocol

_cpu_budget = 2.0


def _cpu_used() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _vm_size() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


_cpu_soft = 0  # the RLIMIT_CPU soft limit set last


def _renew_cpu() -> None:
    # ITIMER_PROF counts this process's CPU time to the microsecond; its SIGPROF (left
    # at the default action) ends the process. RLIMIT_CPU (whole seconds) backs it up,
    # moved a few seconds ahead only when the budget would reach it (fewer syscalls).
    global _cpu_soft
    signal.setitimer(signal.ITIMER_PROF, _cpu_budget)
    needed = math.ceil(_cpu_used() + _cpu_budget) + 1
    if needed <= _cpu_soft:
        return
    hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
    soft = needed + 5
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    _cpu_soft = soft


def _set_memory(memory_mb: int) -> None:
    base = _vm_size()
    if not base:
        return
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    soft = base + memory_mb * 1024 * 1024
    if hard != resource.RLIM_INFINITY:
        soft = min(soft, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _error_payload(exc: BaseException) -> tuple[str, str, tuple[Any, ...], dict[str, Any]]:
    cls = type(exc)
    return cls.__module__, cls.__qualname__, exc.args, dict(vars(exc))


# Which module holds each job, imported when first asked: a runtime worker that renders
# bundles never imports the studio's jobs (and the standalone runtime does not ship them).
MODULES = {"render": "jobs", "check": "jobs", "ping": "jobs",
           "bundle_render": "bundle_jobs", "bundle_open": "bundle_jobs"}


def _job(name: str) -> Any:
    module = importlib.import_module(f"{__package__}.{MODULES[name]}")
    return module.JOBS[name]


def main() -> None:
    """Serve jobs until the parent closes the pipe."""
    global _cpu_budget
    reader = os.fdopen(os.dup(0), "rb")
    writer = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    signal.signal(signal.SIGXCPU, signal.SIG_DFL)

    if "--preload" in sys.argv:  # the studio's render modules, before saying ready
        _job("ping")(studio=True)

    def on_begin(label: dict[str, str]) -> None:
        _renew_cpu()
        protocol.send(writer, ("at", label))

    guard.set_begin_hook(on_begin)
    protocol.send(writer, ("ready",))
    jobs_done, memory_set = 0, -1
    while True:
        try:
            message = protocol.receive(reader)
        except EOFError:
            return
        _, name, args, (cpu_seconds, memory_mb, output_mb), channel_plugins, cwd = message
        if cwd:  # the caller's folder: its relative paths hold here too
            with contextlib.suppress(OSError):  # (this folder may be gone)
                if cwd != os.getcwd():
                    os.chdir(cwd)
        _cpu_budget = cpu_seconds
        jobs_done += 1
        if memory_mb != memory_set or jobs_done % 100 == 0:  # re-measured now and then
            resource.setrlimit(resource.RLIMIT_AS,
                               resource.getrlimit(resource.RLIMIT_AS)[1:] * 2)
            _set_memory(memory_mb)
            memory_set = memory_mb
        sync_plugins(channel_plugins)  # the parent's channels, before the CPU budget runs
        _renew_cpu()
        try:
            try:
                value = _job(name)(*args)
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            data = protocol.encode(("ok", value))
            if len(data) > output_mb * 1024 * 1024:
                data = protocol.encode(("stop", "output", len(data)))
            protocol.send_bytes(writer, data)
        except MemoryError:
            protocol.send(writer, ("stop", "memory", 0))
            return  # the heap may be in pieces: start clean
        except RecursionError:
            protocol.send(writer, ("stop", "recursion", 0))
        except Exception as exc:
            try:
                protocol.send(writer, ("error", _error_payload(exc)))
            except Exception:
                protocol.send(writer, ("error", _error_payload(
                    RuntimeError(f"{type(exc).__name__}: {exc}"))))


if __name__ == "__main__":
    main()
