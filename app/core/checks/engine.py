"""Running the rules over a project: render every variant once, hand it to each rule.

Work is split by template. When the process renders in a bounded worker pool (the CLI,
the studio), or with ``jobs`` > 1, templates are checked in worker processes
(:mod:`app.core.worker.checks`): rendering is CPU-bound Python, so threads would not
help, and a hostile template stops its own worker, not the caller.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ...kernel.errors import MissiveError
from ..overlay import current_text
from ..project import Project
from ..render import Renderer
from ..workspace.atomic import is_temp_file
from .lenient import add_lenient_renders
from .model import Finding, Issue, Report, Rule
from .policy import RulePolicy, load_policy
from .registry import all_rules
from .scopes import ProjectScope, Rendered, TemplateScope, VariantScope, channel_files, relative

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


def run_checks(project: Project, *, templates: Sequence[str] | None = None,
               locales: Sequence[str] | None = None, channels: Sequence[str] | None = None,
               overlay: Mapping[str, str] | None = None, jobs: int = 1,
               renderer: Renderer | None = None) -> Report:
    """Check the project (or the selected templates, locales and channels).

    ``overlay`` maps project-relative paths to unsaved text, as for the Renderer.
    ``renderer``, a Renderer of the same project and overlay (the preview's), is reused
    rather than made anew.
    Raises InputError when policy.toml can't be used or a selected template doesn't exist.
    """
    rules = all_rules()
    policy = load_policy(project.policy_path, rules)
    ids = list(templates) if templates else sorted(project.templates)
    for template_id in ids:
        project.template(template_id)  # an unknown id is an input error
    selection = (tuple(locales) if locales else None, tuple(channels) if channels else None)
    findings: list[Finding] = []
    if not templates:
        findings += _project_findings(project, rules, policy)
    from ..worker import current_pool

    pool = current_pool()
    if pool is not None:
        from ..worker.checks import check_in_pool

        findings += check_in_pool(pool, project, overlay or {}, ids, selection, jobs,
                                  renderer)
    elif jobs > 1 and len(ids) > 1:  # bounded worker processes for this run only
        from ..worker import WorkerPool
        from ..worker.checks import check_in_pool

        with WorkerPool(size=jobs) as workers:
            findings += check_in_pool(workers, project, overlay or {}, ids, selection, jobs)
    else:
        renderer = renderer or Renderer(project, overlay)
        for template_id in ids:
            findings += check_template(project, renderer, template_id, selection, rules,
                                       policy, overlay or {})
    return Report(_ordered(findings))


def default_jobs() -> int:
    """Worker processes for a command-line run: one per core."""
    return max(1, os.cpu_count() or 1)


def _project_findings(project: Project, rules: dict[str, Rule],
                      policy: dict[str, RulePolicy]) -> list[Finding]:
    out: list[Finding] = []
    for rule in rules.values():
        conf = policy[rule.id]
        if rule.scope != "project" or not conf.enabled:
            continue
        scope = ProjectScope(project, conf.settings)
        out += _findings(rule, conf, rule.check(scope), project.root)
    return out


def _shared_sources(project: Project, overlay: Mapping[str, str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for folder in ("layouts", "partials"):
        for path in sorted((project.root / folder).rglob("*")):
            if path.is_file() and not is_temp_file(path.name):
                text = current_text(project.root, path, overlay)
                if text is not None:
                    out[relative(project.root, path)] = text
    return out


def check_template(project: Project, renderer: Renderer, template_id: str,
                   selection: tuple[Iterable[str] | None, Iterable[str] | None],
                   rules: dict[str, Rule], policy: dict[str, RulePolicy],
                   overlay: Mapping[str, str],
                   stopped: Mapping[tuple[str, ...], MissiveError] | None = None,
                   ) -> list[Finding]:
    """Every template and variant finding of one template.

    ``stopped`` holds what the bounded worker had to stop, not to be tried again:
    ``("render", locale, channel)`` gives every render of that variant that error;
    ``("rule", locale, channel, rule_id)`` skips that rule there ("" for the template).
    """
    from ..worker import guard

    stopped = stopped or {}
    template = project.template(template_id)
    locales = [loc for loc in project.config.locales
               if selection[0] is None or loc in selection[0]]
    channels = [ch for ch in template.channels if selection[1] is None or ch in selection[1]]
    shared = _shared_sources(project, overlay)
    samples = sorted(project.samples.values(), key=lambda s: s.name)
    variants: dict[tuple[str, str], VariantScope] = {}
    for locale in locales:
        for channel in channels:
            files: dict[str, str] = {}
            for name in channel_files(channel):
                path = template.locale_dir(locale) / name
                text = current_text(project.root, path, overlay)
                if text is not None:
                    files[relative(project.root, path)] = text
            scope = VariantScope(project, template, locale, channel, {}, files, shared)
            if scope.present:
                for sample in samples:
                    known = stopped.get(("render", locale, channel))
                    if known is not None:
                        scope.renders.append(Rendered(sample.name, error=known))
                        continue
                    guard.note(sample=sample.name)
                    try:
                        message = renderer.render(template_id, locale, channel, sample.data)
                        scope.renders.append(Rendered(sample.name, message=message))
                    except MissiveError as exc:
                        scope.renders.append(Rendered(sample.name, error=exc))
                guard.note()
                add_lenient_renders(project, scope, samples, overlay)
            variants[(locale, channel)] = scope
    out: list[Finding] = []
    for rule in rules.values():
        conf = policy[rule.id]
        if not conf.enabled or rule.scope == "project":
            continue
        if rule.scope == "template":
            if ("rule", "", "", rule.id) in stopped:
                continue
            guard.note()
            guard.begin({"what": "checks", "template": template_id, "rule": rule.id,
                         "path": str(template.source_path)})
            tscope = TemplateScope(project, template, conf.settings, variants)
            out += _findings(rule, conf, rule.check(tscope), project.root,
                             template=template_id)
            continue
        for (locale, channel), scope in variants.items():
            if not scope.present or (rule.channels and channel not in rule.channels) \
                    or ("rule", locale, channel, rule.id) in stopped:
                continue
            guard.note()
            guard.begin({"what": "checks", "template": template_id, "locale": locale,
                         "channel": channel, "rule": rule.id,
                         "path": str(template.locale_dir(locale))})
            scope.settings = conf.settings
            out += _findings(rule, conf, rule.check(scope), project.root,
                             template=template_id, locale=locale, channel=channel)
    return out


def _findings(rule: Rule, conf: RulePolicy, issues: Iterable[Issue], root: Path,
              **where: str) -> list[Finding]:
    out: list[Finding] = []
    try:
        issues = list(issues)
    except Exception as exc:
        issues = [Issue(f"the check itself failed ({type(exc).__name__}: {exc}); "
                        "please report it", severity="warning")]
    for issue in issues:
        severity = issue.severity if issue.severity and conf.severity == rule.severity \
            else conf.severity
        fields = dict(where)
        for key in ("template", "locale", "channel"):
            value = getattr(issue, key, "")
            if value:
                fields[key] = value
        out.append(Finding(
            rule=rule.id, severity=severity, message=issue.message,
            hint=issue.hint or rule.hint, sample=issue.sample,
            path=relative(root, issue.path) if issue.path else "",
            line=issue.line, column=issue.column, fixes=tuple(issue.fixes), **fields,
        ))
    return out


def _ordered(findings: list[Finding]) -> list[Finding]:
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.template, f.locale, f.channel,
                                         SEVERITY_ORDER[f.severity], f.rule, f.path, f.line,
                                         f.column, f.sample))
