"""What the worker process can be asked to do: plain functions of plain data.

The parent sends the project (with the studio's unsaved text) as a pickle; the worker
keeps the last few Renderers by the pickle's digest, so a check that renders every
sample, or the runtime rendering thousands of emails, compiles each template once.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ...kernel.errors import MissiveError

# The studio's modules (MJML, premailer) are imported on first use. A runtime worker
# renders bundles with :mod:`.bundle_jobs` and never imports this module.
_renderers: OrderedDict[str, Any] = OrderedDict()


def _renderer(payload: bytes) -> Any:
    from ..render import Renderer

    key = hashlib.sha1(payload).hexdigest()
    renderer = _renderers.get(key)
    if renderer is None:
        project, overlay = pickle.loads(payload)
        renderer = Renderer(project, overlay)
        _renderers[key] = renderer
        if len(_renderers) > 4:
            _renderers.popitem(last=False)
    _renderers.move_to_end(key)
    return renderer


def render(payload: bytes, template: str, locale: str, channel: str,
           data: dict[str, Any]) -> Any:
    """One message, rendered here."""
    return _renderer(payload).render_here(template, locale, channel, data)


def check(payload: bytes, ids: list[str], selection: tuple[Any, Any],
          stopped: dict[tuple[str, ...], MissiveError]) -> list[Any]:
    """The findings of some templates (``stopped`` renders are not tried again)."""
    from ..checks.engine import check_template
    from ..checks.policy import load_policy
    from ..checks.registry import all_rules

    renderer = _renderer(payload)
    project = renderer.project
    rules = all_rules()
    policy = load_policy(project.policy_path, rules)
    out: list[Any] = []
    for template_id in ids:
        out += check_template(project, renderer, template_id, selection, rules, policy,
                              renderer.engine.loader.overlay, stopped=stopped)
    return out


def ping(studio: bool = False) -> str:
    """For warming a worker up (``studio``: load the studio's render modules now)."""
    if studio:
        from ..checks import engine, registry  # noqa: F401
        from ..render import Renderer  # noqa: F401
    return "pong"


JOBS: dict[str, Callable[..., Any]] = {"render": render, "check": check, "ping": ping}
