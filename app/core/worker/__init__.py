"""The bounded render worker: renders run in long-lived processes with CPU, memory and
output limits, so a hostile template stops with one line instead of taking the host down.

    pool = WorkerPool(size=2)
    use_pool(pool)            # from now on Renderer.render and the checks run in it

The sandbox's per-operation limits (:mod:`app.kernel.sandbox_limits`) stay the first
line; the worker is the guarantee.
"""

from __future__ import annotations

import atexit
import pickle
from typing import Any

from ...kernel.channels import CHANNELS
from .guard import begin, current_pool, note, use_pool
from .limits import DEFAULT_LIMITS, Limits, project_limits
from .pool import RenderStopped, WorkerPool

_shared: WorkerPool | None = None


def shared_pool(size: int = 2) -> WorkerPool:
    """This process's pool, made on first use and closed at exit (a test run calling the
    command line many times reuses its warm workers)."""
    global _shared
    if _shared is None or _shared.closed:
        _shared = WorkerPool(size=size)
        atexit.register(_shared.close)
    return _shared


def render_label(renderer: Any, template_id: str, locale: str, channel: str) -> dict[str, str]:
    """What a render is, for the message if it is stopped: template, locale, channel, file."""
    label = {"template": template_id, "locale": locale, "channel": channel}
    template = renderer.project.templates.get(template_id)
    if template is not None and channel in CHANNELS:
        label["path"] = str(template.locale_dir(locale) / CHANNELS[channel].main_file)
    return label


def payload_of(renderer: Any) -> bytes:
    """The project and its unsaved text as the worker gets them (pickled once)."""
    payload = getattr(renderer, "_worker_payload", None)
    if payload is None:
        payload = pickle.dumps((renderer.project, dict(renderer.engine.loader.overlay)),
                               protocol=pickle.HIGHEST_PROTOCOL)
        renderer._worker_payload = payload
    return payload


def limits_of(renderer: Any) -> Limits:
    """The project's limits (policy.toml ``[limits]``), read once per Renderer."""
    limits = getattr(renderer, "_worker_limits", None)
    if limits is None:
        limits = project_limits(renderer.project.policy_path)
        renderer._worker_limits = limits
    return limits


def render_in_pool(pool: WorkerPool, renderer: Any, template_id: str, locale: str,
                   channel: str, data: Any) -> Any:
    """``renderer.render(...)``, done by a worker of ``pool``."""
    label = render_label(renderer, template_id, locale, channel)
    # A variant that was stopped once is not tried again with this renderer's text: a
    # summary or a proof would otherwise wait for the limit once per sample.
    memo: dict[tuple[str, str, str], RenderStopped] = renderer.__dict__.setdefault(
        "_worker_stopped", {})
    key = (template_id, locale, channel)
    if key in memo:
        raise memo[key]
    for attempt in (1, 2):
        try:
            return pool.run("render", payload_of(renderer), template_id, locale, channel,
                            dict(data), limits=limits_of(renderer), label=label)
        except RenderStopped as exc:
            if exc.kind == "crash" and attempt == 1:
                continue  # a crash is tried once more
            if exc.kind != "error":
                memo[key] = exc
            raise
    raise AssertionError("unreachable")


__all__ = ["DEFAULT_LIMITS", "Limits", "RenderStopped", "WorkerPool", "begin",
           "current_pool", "note", "project_limits", "render_in_pool", "render_label",
           "shared_pool", "use_pool"]
