"""The two hooks the core calls around rendering, cheap to import and to call.

- :func:`current_pool`: the bounded worker pool this process renders in, if any (the
  CLI and the studio turn it on with :func:`use_pool`; a library caller gets the plain
  in-process renderer unless it asks).
- :func:`begin`: inside a worker, marks the start of one render (or one variant's
  checks): it restarts the CPU budget and tells the parent what is running, so that a
  worker that dies can be reported as "this template, this file". Outside a worker it
  does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_pool: Any = None
_begin_hook: Callable[[dict[str, str]], None] | None = None
_note: dict[str, str] = {}


def use_pool(pool: Any) -> None:
    """Render in ``pool`` from now on (None: render in this process again)."""
    global _pool
    _pool = pool


def current_pool() -> Any:
    """The pool renders go to, or None to render here."""
    return _pool


def set_begin_hook(hook: Callable[[dict[str, str]], None] | None) -> None:
    """Installed by the worker process only."""
    global _begin_hook
    _begin_hook = hook


def in_worker() -> bool:
    """Whether this process is a bounded worker."""
    return _begin_hook is not None


def note(**values: str) -> None:
    """Details the next :func:`begin` adds to its label (e.g. the sample's name)."""
    _note.clear()
    _note.update(values)


def begin(label: dict[str, str]) -> None:
    """A render (or a check) of ``label`` starts now; a no-op outside a worker."""
    if _begin_hook is not None:
        _begin_hook({**_note, **label})


def describe(label: dict[str, str] | None) -> str:
    """``invoice_ready (he, email, sample dana_he)`` for messages."""
    if not label:
        return "the render"
    what = label.get("what", "render")
    parts = [label[k] for k in ("locale", "channel") if label.get(k)]
    if label.get("sample"):
        parts.append(f"sample {label['sample']}")
    inner = f" ({', '.join(parts)})" if parts else ""
    return f"the {what} of {label.get('template', '?')}{inner}"
