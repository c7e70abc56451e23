"""``export_project``: check a project, build its bundle, prove it, write it.

1. Run the checks; refuse on any error, and on warnings unless they are allowed.
2. Build every template × locale × channel's sources (:mod:`.sources`).
3. Render every sample with the studio pipeline: the golden files.
4. Open the bundle in memory with the runtime and render every sample again: the
   export refuses if anything differs from the studio (text exactly, HTML as a DOM).
5. Write the zip or folder (:mod:`.writer`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from ... import __version__
from ...kernel.channels import spec_for
from ...kernel.errors import ContentError, InputError
from ...runtime.bundle import Bundle
from ...runtime.manifest_schema import FORMAT, FORMAT_VERSION, manifest_schema
from ...runtime.messages import WhatsApp
from ...runtime.schema import SchemaError, validate
from ...runtime.whatsapp_send import send_payload
from ..channels import CHANNELS
from ..model import Template
from ..project import Project
from ..project_files import refuse_project_output
from ..render import Renderer
from .compare import html_difference, text_difference
from .eml import email_headers
from .review_info import review_info
from .sources import SourceBuilder, constants
from .variables import variables_schema
from .writer import write_bundle

_DURATION = re.compile(r"^(\d+)\s*(s|m|min|h|d)$")
_ASCII_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")
_SECONDS = {"s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


class ApprovalMissing(ContentError):
    """--require-approval: some templates are not approved as they are now."""

    def __init__(self, states: dict[str, str]) -> None:
        names = ", ".join(f"{t} ({s.replace('_', ' ')})" for t, s in states.items())
        super().__init__(f"export refused: not approved as they are now: {names}",
                         hint="review them (missive review approve, or the studio's "
                              "review view), then export again")
        self.states = states


class ExportRefused(ContentError):
    """The checks found errors (or warnings that were not allowed); ``report`` has them."""

    def __init__(self, message: str, report: Any) -> None:
        super().__init__(message, hint="fix them (missive check), or pass --allow-warnings "
                                       "for warnings")
        self.report = report


@dataclass
class ExportResult:
    """What was written: the path, the manifest and the files."""

    path: Path | None
    manifest: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)


def export_time(value: str | None = None) -> dt.datetime:
    """The export time: ``value`` (ISO 8601), else SOURCE_DATE_EPOCH, else now; UTC."""
    if value:
        try:
            moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"--time {value!r} is not an ISO 8601 date-time",
                             hint="e.g. 2026-01-01T00:00:00Z") from None
    elif os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        try:
            moment = dt.datetime.fromtimestamp(int(os.environ["SOURCE_DATE_EPOCH"]), dt.UTC)
        except ValueError:
            raise InputError("SOURCE_DATE_EPOCH is not a number of seconds") from None
    else:
        moment = dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def export_project(project: Project, out: Path | None, *, templates: Sequence[str] | None = None,
                   allow_warnings: bool = False, moment: dt.datetime | None = None,
                   require_approval: bool = False, require_signed: bool = False
                   ) -> ExportResult:
    """Export the project (or some templates) to ``out`` (None: build in memory only).

    ``require_approval`` refuses templates that are unapproved or changed since approval;
    ``require_signed`` refuses approvals that are unsigned or whose signature or role
    does not hold (:mod:`app.core.review.signed`).
    """
    from ..checks import run_checks

    if out is not None:
        refuse_project_output(project.root, out)
    ids = list(dict.fromkeys(templates)) if templates else sorted(project.templates)
    for template_id in ids:
        project.template(template_id)
    report = run_checks(project, templates=templates or None)
    if report.errors:
        raise ExportRefused(f"export refused: the checks found {report.errors} error(s)", report)
    if report.warnings and not allow_warnings:
        raise ExportRefused(f"export refused: the checks found {report.warnings} warning(s)",
                            report)
    if require_approval:
        from ..review import ReviewStore

        store = ReviewStore(project)
        states = {t: store.status(t).state for t in ids}
        missing = {t: s for t, s in states.items() if s != "approved"}
        if missing:
            raise ApprovalMissing(missing)
    if require_signed:
        from ..review.signed import signature_problems

        problems = signature_problems(project, ids, require_signed=True)[1]
        if problems:
            raise ContentError(f"export refused: {problems[0]}"
                               + (f" (and {len(problems) - 1} more)" if len(problems) > 1
                                  else ""),
                               hint="see missive review verify DIR --require-signed")
    moment = moment or export_time()
    files, manifest = build_bundle(project, ids, report, allow_warnings, moment)
    path = write_bundle(files, out, moment) if out is not None else None
    return ExportResult(path, manifest, files)


def ascii_name(name: str) -> str:
    """A sample's name as bundle paths and the Message-ID need it: ASCII letters, digits,
    '_' and '-'; a name with anything else ("דנה-é") gets a slug and a short hash of
    the real name, which the manifest keeps."""
    if _ASCII_NAME.fullmatch(name):
        return name
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", name).strip("-") or "sample"
    return f"{slug}-{hashlib.sha256(name.encode('utf-8', 'surrogateescape')).hexdigest()[:10]}"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _seconds(after: str | None) -> int | None:
    match = _DURATION.match(after.strip()) if after else None
    return int(match.group(1)) * _SECONDS[match.group(2)] if match else None


class _Files:
    def __init__(self) -> None:
        self.data: dict[str, bytes] = {}

    def add(self, path: str, data: bytes | str) -> dict[str, str]:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.data[path] = raw
        return {"path": path, "sha256": _sha(raw)}


def build_bundle(project: Project, ids: list[str], report: Any, allow_warnings: bool,
                 moment: dt.datetime) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The bundle's files (manifest included) and its manifest."""
    files = _Files()
    builder = SourceBuilder(project)
    renderer = Renderer(project)
    samples = []
    for name, sample in sorted(project.samples.items()):
        ref = files.add(f"samples/{ascii_name(name)}.json", _json(sample.data))
        samples.append({"name": name, **ref, "locale": sample.locale})
    export = _Export(project, builder, renderer, moment)
    entries = [_template_entry(export, project.template(t), files, report) for t in ids]
    files.add("manifest.schema.json", _json(manifest_schema()))
    if (project.root / "reviewers").is_file():  # the trust list the signatures name
        files.add("review/reviewers", (project.root / "reviewers").read_bytes())
    config = project.config
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "project": {"name": config.name, "default_locale": config.default_locale,
                    "locales": list(config.locales)},
        "app": {"name": "Missive Studio", "version": __version__},
        "exported_at": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "sender": config.sender.as_context(),
        "brand": {"name": config.brand.name, "domains": list(config.brand.domains)},
        "email_headers": email_headers(),
        "checks": {"summary": report.summary(), "allow_warnings": allow_warnings,
                   "findings": [f.to_dict() for f in report.findings if f.severity != "error"]},
        "files": [{"path": p, "sha256": _sha(d), "size": len(d)}
                  for p, d in sorted(files.data.items())],
        "samples": samples,
        "templates": entries,
    }
    try:
        validate(manifest, manifest_schema(), "manifest")
    except SchemaError as exc:
        raise ContentError(f"the manifest would not validate: {exc}") from None
    files.data["manifest.json"] = _json(manifest)
    _prove(files.data)
    return files.data, manifest


@dataclass
class _Export:
    """What a channel's bundle hooks may use (app.core.channels.BundleExport)."""

    project: Project
    builder: SourceBuilder
    renderer: Renderer
    moment: dt.datetime

    def example(self, template: Template, locale: str) -> dict[str, Any]:
        return _example_sample(self.project, template, locale, variables_schema(template))

    def json(self, data: Any) -> bytes:
        return _json(data)


def _template_entry(export: _Export, template: Template, files: _Files,
                    report: Any) -> dict[str, Any]:
    project = export.project
    schema = variables_schema(template)
    locales: dict[str, Any] = {}
    golden: list[dict[str, Any]] = []
    base = f"templates/{template.id}"
    for locale in project.config.locales:
        if not template.locale_dir(locale).is_dir():
            continue
        variants: dict[str, Any] = {}
        for channel in template.channels:
            prefix = f"{base}/{locale}/{channel}"
            info = constants(project, template, locale, channel)["message"]
            studio = CHANNELS[channel]
            names = studio.spec.bundle_files
            refs = {role: files.add(f"{prefix}/{names[role]}", content) for role, content
                    in studio.bundle_sources(export, template, locale).items()}
            variants[channel] = {"message": info, "files": refs}
            golden += _goldens(export, template, locale, channel, files, schema)
        locales[locale] = variants
    mine = [f for f in report.findings if f.template == template.id]
    return {
        "id": template.id,
        "title": template.title,
        "description": template.description,
        "category": template.category,
        "promotional": template.promotional,
        "channels": list(template.channels),
        "strategy": {"primary": template.strategy.primary,
                     "fallback": [{"channel": f.channel, "after": f.after,
                                   "after_seconds": _seconds(f.after)}
                                  for f in template.strategy.fallback]},
        "variables": schema,
        "checks": {"errors": sum(f.severity == "error" for f in mine),
                   "warnings": sum(f.severity == "warning" for f in mine),
                   "infos": sum(f.severity == "info" for f in mine)},
        "review": review_info(project, template.id),
        "locales": locales,
        "golden": golden,
    }


def _fits(data: dict[str, Any], schema: dict[str, Any]) -> bool:
    try:
        validate(data, schema)
    except SchemaError:
        return False
    return True


def _example_sample(project: Project, template: Template, locale: str,
                    schema: dict[str, Any]) -> dict[str, Any]:
    """The sample whose values become Meta's examples: one of this locale, else any."""
    fitting = [s for _, s in sorted(project.samples.items()) if _fits(s.data, schema)]
    if not fitting:
        raise ContentError(f"no sample fits template '{template.id}'",
                           path=project.root / "samples",
                           hint="add a sample with every required variable")
    mine = [s for s in fitting if s.locale == locale]
    return (mine or fitting)[0].data


def _goldens(export: _Export, template: Template, locale: str, channel: str, files: _Files,
             schema: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    studio = CHANNELS[channel]
    for name, sample in sorted(export.project.samples.items()):
        if not _fits(sample.data, schema):
            continue
        message = export.renderer.render(template.id, locale, channel, sample.data)
        prefix = f"golden/{template.id}/{locale}/{ascii_name(name)}/{channel}"
        refs = {role: files.add(prefix + suffix, content) for role, (suffix, content)
                in studio.golden_files(export, template, locale, name, sample.data,
                                       message).items()}
        out.append({"sample": name, "locale": locale, "channel": channel, "files": refs})
    return out


def _prove(data: dict[str, bytes]) -> None:
    """Render every golden sample with the runtime; refuse the export on any difference."""
    bundle = Bundle(data, "<export>")
    for template in bundle.manifest["templates"]:
        for golden in template["golden"]:
            where = f"{template['id']} {golden['locale']} {golden['channel']} {golden['sample']}"
            actual = bundle.render(template["id"], golden["locale"], golden["channel"],
                                   bundle.sample(golden["sample"])).to_dict()
            expected = json.loads(data[golden["files"]["json"]["path"]])
            html_fields = spec_for(golden["channel"]).html_fields
            for key, value in actual.items():
                if key in expected and key not in html_fields:
                    problem = (text_difference(json.dumps(expected[key], ensure_ascii=False),
                                               json.dumps(value, ensure_ascii=False)))
                    if problem:
                        raise ContentError(f"the bundle would render {where} differently from "
                                           f"the studio: {key} {problem}",
                                           hint="see docs/bundle-format.md, 'Limits'")
            if "send" in golden["files"]:
                sent = send_payload(cast(WhatsApp, bundle.render(
                    template["id"], golden["locale"], golden["channel"],
                    bundle.sample(golden["sample"]))),
                                    template["id"])
                if json.loads(data[golden["files"]["send"]["path"]]) != sent:
                    raise ContentError(f"the bundle would send {where} differently from the "
                                       "studio: the WhatsApp send payload differs",
                                       hint="see docs/bundle-format.md, 'Limits'")
            for key in html_fields:  # in a golden file of its own, compared as a tree
                html = data[golden["files"][key]["path"]].decode("utf-8")
                problem = html_difference(html, actual[key])
                if problem:
                    raise ContentError(f"the bundle would render {where} differently from the "
                                       f"studio: {key} {problem}",
                                       hint="see docs/bundle-format.md, 'Limits'")
