"""Running the checks in the bounded worker pool, one template per job.

A job whose worker crashes is tried again once (a crash can be a passing thing). When a
render is stopped (or crashes again), every render of that variant is marked stopped
and the job runs once more without them; a rule that is stopped is skipped for that
variant. So one hostile variant costs its own findings only: every other variant is
still checked, and the stopped one is reported as an error finding naming its file.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ...kernel.errors import MissiveError
from ..checks.model import Finding
from ..project import Project
from ..render import Renderer
from ..workspace.preview import relative_path
from . import limits_of, payload_of
from .pool import RenderStopped, WorkerPool


def _key(label: Mapping[str, str]) -> tuple[str, ...]:
    where = (label.get("locale", ""), label.get("channel", ""))
    if label.get("what") == "checks":
        return ("rule", *where, label.get("rule", ""))
    return ("render", *where)


def _check_one(pool: WorkerPool, renderer: Renderer, template_id: str,
               selection: tuple[Any, Any]) -> list[Finding]:
    stopped: dict[tuple[str, ...], MissiveError] = {}
    crashed: set[tuple[str, ...]] = set()
    extra: list[Finding] = []
    for _ in range(100):  # each round stops one more variant or rule
        try:
            found = pool.run("check", payload_of(renderer), [template_id], selection,
                             stopped, limits=limits_of(renderer),
                             label={"what": "checks", "template": template_id})
            return found + extra
        except RenderStopped as exc:
            key = _key(exc.label)
            if exc.kind == "crash" and key not in crashed:  # a crash is tried once more
                crashed.add(key)
                continue
            if key in stopped:  # stopped where it was not expected to run: give up
                break
            stopped[key] = exc
            if key[0] == "rule":
                extra.append(Finding(
                    rule=key[3] or "render", severity="error", message=exc.message,
                    hint=exc.hint, template=template_id, locale=key[1], channel=key[2],
                    path=relative_path(renderer.project, exc.label.get("path"))))
    raise MissiveError(f"the checks of {template_id} were stopped too often",
                       hint="simplify the template")


def check_in_pool(pool: WorkerPool, project: Project, overlay: Mapping[str, str],
                  ids: Sequence[str], selection: tuple[Any, Any], jobs: int,
                  renderer: Renderer | None = None) -> list[Finding]:
    """The template and variant findings of ``ids``, checked in ``pool``'s workers
    (``renderer``: one of the same project and overlay to reuse)."""
    renderer = renderer or Renderer(project, overlay)
    threads = max(1, min(jobs, len(ids), pool.size))
    if threads == 1:
        return [f for tid in ids for f in _check_one(pool, renderer, tid, selection)]
    with ThreadPoolExecutor(max_workers=threads) as executor:
        parts = executor.map(lambda tid: _check_one(pool, renderer, tid, selection), ids)
        return [f for part in parts for f in part]
