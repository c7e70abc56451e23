"""The preview job: render one template × locale × channel × sample, then check it.

A worker thread runs :func:`run_preview` with a :class:`PreviewRequest` (plain data:
the loaded project, the editors' unsaved text, what to show) and hands back a
:class:`PreviewResult` (plain data: the message's documented dict, or the error, and
the findings as dicts). The generation number lets the caller drop results that are
older than the text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ...kernel.errors import MissiveError
from ..channels.email import EmailMessage
from ..overlay import unsaved_text
from ..project import Project
from ..render import Renderer


@dataclass(frozen=True)
class PreviewRequest:
    """What to render: ``overlay`` maps project-relative paths to unsaved editor text."""

    project: Project
    template: str
    locale: str
    channel: str
    sample: str
    overlay: dict[str, str] = field(default_factory=dict)
    generation: int = 0
    slot: str = "main"
    with_checks: bool = True
    mark_nonce: str = ""  # set: also render the email with its copy blocks marked


@dataclass
class PreviewResult:
    """The rendered message (``message``) or the error (``error``), and the findings."""

    generation: int
    slot: str
    template: str
    locale: str
    channel: str
    sample: str
    message: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    render_ms: float = 0.0
    checks_ms: float = 0.0
    checks_ran: bool = False
    # The rendered message whose parse (plain text, parse errors) is still to come.
    pending: Any = field(default=None, repr=False, compare=False)
    marked_html: str = ""  # the email with marked blocks, for editing in the preview
    # The render's Renderer, which the checks of the same flush reuse (one Jinja
    # environment, one pickle of the project for the workers); dropped once they ran.
    renderer: Renderer | None = field(default=None, repr=False, compare=False)


def relative_path(project: Project, path: str | None) -> str:
    """A path inside the project as project-relative posix text (others unchanged)."""
    if not path:
        return ""
    try:
        return Path(path).resolve().relative_to(project.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def error_finding(project: Project, exc: MissiveError, request: PreviewRequest,
                  rule: str = "render") -> dict[str, Any]:
    """A render error as a finding dict (the same keys as the check engine's)."""
    loc = exc.location
    return {"rule": rule, "severity": "error", "message": exc.message, "hint": exc.hint,
            "template": request.template, "locale": request.locale,
            "channel": request.channel, "sample": request.sample,
            "path": relative_path(project, loc.path if loc else None),
            "line": loc.line if loc else 0, "column": loc.column if loc else 0}


def sample_data(request: PreviewRequest) -> dict[str, Any]:
    """The sample's data: the editor's unsaved JSON if the sample is open, else the file."""
    project = request.project
    if not request.sample:
        return {}
    key = f"samples/{request.sample}.json"
    unsaved = unsaved_text(project.root, key, request.overlay)
    if unsaved is not None:
        from ...kernel.errors import InputError
        from ...kernel.input_limits import loads_json

        data = loads_json(unsaved, project.root / key)
        if not isinstance(data, dict):
            raise InputError("sample data must be a JSON object ({...})",
                             path=project.root / key, line=1, column=1)
        return data
    return dict(project.sample(request.sample).data)


def run_preview(request: PreviewRequest, paint_first: bool = False) -> PreviewResult:
    """Render the request (the checks are :func:`run_checks_for`'s work).

    With ``paint_first``, an email's ``text`` and ``parse_errors`` are left out of the
    message so the HTML can be shown at once; :func:`finish_preview` adds them, from the
    same render.
    """
    project = request.project
    result = PreviewResult(request.generation, request.slot, request.template,
                           request.locale, request.channel, request.sample)
    started = time.perf_counter()
    try:
        data = sample_data(request)
        result.renderer = Renderer(project, request.overlay)
        message = result.renderer.render(request.template, request.locale, request.channel,
                                         data)
        if paint_first and isinstance(message, EmailMessage):  # the one parsed lazily
            result.message = message.to_dict(complete=False)
            result.pending = message
        else:
            result.message = message.to_dict()
    except MissiveError as exc:
        result.error = error_finding(project, exc, request)
    result.render_ms = (time.perf_counter() - started) * 1000
    return result


def finish_preview(result: PreviewResult) -> PreviewResult:
    """The result with the parse's part of the message (plain text, parse errors)."""
    if result.pending is None:
        return result
    return replace(result, message=result.pending.to_dict(), pending=None)


def add_marks(request: PreviewRequest, result: PreviewResult) -> PreviewResult:
    """The result with its email's copy blocks marked, when the request asks for it.

    The worker runs this after the first paint, with the checks, so that typing is shown
    as fast as before; the page then swaps in the marked email (it looks the same).
    """
    if not (request.mark_nonce and request.channel == "email" and result.message):
        return result
    from .preview_marks import marked_html

    try:
        data = sample_data(request)
    except MissiveError:
        return result
    return replace(result, marked_html=marked_html(
        request.project, request.template, request.locale, request.overlay, data,
        request.mark_nonce))


def run_checks_for(request: PreviewRequest, result: PreviewResult) -> PreviewResult:
    """The result with the check engine's findings for its template, locale and channel.

    Without :mod:`app.core.checks` (or when it fails) the render error alone is shown.
    """
    started = time.perf_counter()
    findings: list[dict[str, Any]] = []
    if result.error:
        findings.append(result.error)
    try:
        from ..checks import run_checks
    except ImportError:
        return replace(result, findings=findings, renderer=None)
    try:
        report = run_checks(request.project, templates=[request.template],
                            locales=[request.locale], channels=[request.channel],
                            overlay=request.overlay, renderer=result.renderer)
    except MissiveError as exc:
        findings.append(error_finding(request.project, exc, request, rule="checks"))
    else:
        seen = {(f["path"], f["line"], f["message"]) for f in findings}
        for finding in report.findings:
            item = finding.to_dict()
            if (item["path"], item["line"], item["message"]) not in seen:
                findings.append(item)
    return replace(result, findings=findings, checks_ran=True, renderer=None,
                   checks_ms=(time.perf_counter() - started) * 1000)
