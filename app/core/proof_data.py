"""What a proof shows, collected: every selected template × locale rendered on each of its
channels with one sample (and the other samples), its findings, comments and review state.

:func:`collect_proof` gathers it; :mod:`app.core.proof_document` lays it out as HTML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..kernel.errors import MissiveError
from .checks import Finding, run_checks
from .devices import DEVICES, proof_devices
from .model import Sample, Template
from .project import Project
from .render import Renderer
from .review import ReviewStore, TemplateReview
from .review.fingerprint import fitting_samples
from .review.states import PartReview
from .review.store import Thread
from .review.verification import SignatureCheck, check_template


@dataclass
class Variant:
    """One template × locale: its renders (or errors) per channel, findings and comments."""

    template: Template
    locale: str
    sample: str
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    comments: list[tuple[str, str, str]] = field(default_factory=list)  # author, where, text
    threads: list[Thread] = field(default_factory=list)  # every thread, resolved ones too
    parts: list[PartReview] = field(default_factory=list)  # this locale's channels
    others: list[OtherSample] = field(default_factory=list)  # the other samples


@dataclass
class OtherSample:
    """Another sample of a template × locale: its renders per channel, or errors."""

    name: str
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


@dataclass
class ProofData:
    """Everything the proof shows, gathered from the core (no HTML yet)."""

    project_name: str
    generated: dt.datetime
    version: str
    devices: tuple[str, ...]
    reviews: dict[str, TemplateReview]
    variants: list[Variant]
    project_findings: list[Finding] = field(default_factory=list)
    signatures: dict[str, list[SignatureCheck]] = field(default_factory=dict)

    @property
    def failures(self) -> int:
        """How many messages did not render."""
        return sum(len(v.errors) for v in self.variants)


def pick_sample(project: Project, locale: str, name: str | None = None) -> Sample | None:
    """The sample a locale is shown with: ``name`` if given, else the fullest of its locale.

    Among the samples that name the locale, the one with the most data keys wins (ties by
    name), so an edge-case sample (a missing first name) is not the one on record.
    """
    if name:
        return project.sample(name)
    samples = sorted(project.samples.values(), key=lambda s: s.name)
    own = [s for s in samples if s.locale == locale] or samples
    return max(own, key=lambda s: len(s.data), default=None)


def _render_all(renderer: Renderer, template: Template, locale: str,
                data: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    messages, errors = {}, {}
    for channel in template.channels:
        try:
            messages[channel] = renderer.render(template.id, locale, channel, data).to_dict()
        except MissiveError as exc:
            errors[channel] = str(exc)
    return messages, errors


def collect_proof(project: Project, templates: Sequence[str] | None = None,
                  devices: Sequence[str] | None = None,
                  sample: str | Sequence[str] | None = None,
                  now: dt.datetime | None = None) -> ProofData:
    """Render, check and read the review state of the selected templates (all by default).

    Each template × locale is shown in full with one sample (``sample``'s first name, else
    the locale's fullest sample) and more briefly with every other sample that fits the
    template (or only the other names in ``sample``). Raises InputError for an unknown
    template, sample or device; a message that fails to render is recorded in its variant
    (``Variant.errors``) rather than raised. ``devices`` defaults to those the device table
    (:mod:`app.core.devices`) marks for the proof.
    """
    ids = list(dict.fromkeys(templates)) if templates else sorted(project.templates)
    for template_id in ids:
        project.template(template_id)
    devices = proof_devices() if devices is None else tuple(devices)
    for device in devices:
        if device not in DEVICES:
            from ..kernel.errors import InputError
            raise InputError(f"unknown device '{device}'", hint=f"devices: {', '.join(DEVICES)}")
    picked = [sample] if isinstance(sample, str) else list(sample or [])
    for name in picked:
        project.sample(name)
    report = run_checks(project, templates=ids)
    store = ReviewStore(project)
    renderer = Renderer(project)
    reviews = {t: store.status(t) for t in ids}
    signatures = {t: check_template(project.root, t) for t in ids}
    variants = []
    for template_id in ids:
        template = project.template(template_id)
        threads = store.threads(template_id)
        fitting = [name for name, _ in fitting_samples(project, template_id)]
        for locale in project.config.locales:
            chosen = pick_sample(project, locale, picked[0] if picked else None)
            variant = Variant(template, locale, chosen.name if chosen else "")
            variant.messages, variant.errors = _render_all(renderer, template, locale,
                                                           chosen.data if chosen else {})
            variant.findings = [f for f in report.findings if f.template == template_id
                                and f.locale in (locale, "")]
            mine = [t for t in threads if t.locale in ("", locale)]
            variant.threads = mine
            variant.comments = [
                (t.comments[0].author, " · ".join(x for x in (t.channel, t.sample) if x),
                 t.comments[-1].note if len(t.comments) == 1 else
                 "\n".join(f"{c.author}: {c.note}" for c in t.comments))
                for t in mine if not t.resolved]
            variant.parts = [p for p in reviews[template_id].parts if p.locale == locale]
            others = picked[1:] if picked else [n for n in fitting if n != variant.sample]
            for name in others:
                other = OtherSample(name)
                other.messages, other.errors = _render_all(renderer, template, locale,
                                                           project.sample(name).data)
                variant.others.append(other)
            variants.append(variant)
    return ProofData(
        project_name=project.config.name,
        generated=now or dt.datetime.now().astimezone().replace(microsecond=0),
        version=__version__, devices=tuple(devices),
        reviews=reviews, variants=variants,
        project_findings=[f for f in report.findings if not f.template],
        signatures=signatures,
    )


# -- HTML -----------------------------------------------------------------------------------
