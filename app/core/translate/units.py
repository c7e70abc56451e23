"""Translation units: every customer-visible block of a template, source beside target.

The source is the project's default locale; the target the locale being translated. A
unit's id is ``<template>:<block id>`` (block ids are the same in every locale, see
:mod:`app.core.copy`); a text shared by several templates (a layout or partial) is one
unit, under the first template that uses it. Each unit carries the hash of its source
text, so an import can tell a translation made from an older source (stale).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...kernel.bidi import strip_markers
from ...kernel.errors import InputError
from ...kernel.sandbox import make_environment
from ...kernel.sms_segments import analyze
from ..context import build_context
from ..copy import build_deck
from ..copy.model import Block
from ..project import Project
from .inline import split
from .state import recorded_hashes

STATES = ("missing", "identical", "stale", "translated")


def source_hash(text: str) -> str:
    """A short, stable hash of a source text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Unit:
    """One text to translate."""

    id: str
    template: str
    block: Block
    target: Block | None
    hash: str
    state: str
    note: str

    @property
    def source_text(self) -> str:
        """The default locale's text (editable form)."""
        return self.block.text

    @property
    def target_text(self) -> str | None:
        """The current translation, if the locale has one."""
        return self.target.text if self.target is not None and self.target.text else None

    @property
    def limit(self) -> int | None:
        """A length limit: the field's, or for SMS the characters of the source's parts."""
        if self.block.channel == "sms":
            return None
        return self.block.limit


_env = make_environment()
_TAGS = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>", re.I)


def example(project: Project, template: str, block: Block) -> str:
    """The source block as a sample customer reads it ("" when it can't render alone)."""
    locale = project.config.default_locale
    samples = sorted(project.samples.values(), key=lambda s: (s.locale != locale, s.name))
    if not samples or "{" not in block.text:
        return ""
    config, spec = project.config, project.templates[template]
    context = build_context(config, spec, locale, block.channel, samples[0].data)
    try:
        text = _env.from_string(block.text).render(context)
    except Exception:
        return ""
    if block.format == "html":
        text = html.unescape(_TAGS.sub("", _BREAK.sub(" ", text)))
    return " ".join(strip_markers(text).split())[:300]


def _note(unit_block: Block, template: str) -> str:
    where = f"{template} · {unit_block.channel} · {unit_block.kind.replace('_', ' ')}"
    if unit_block.condition:
        where += f" · {unit_block.condition}"
    if unit_block.shared:
        where += f" · shared by {', '.join(unit_block.used_by)}"
    if unit_block.channel == "sms":
        parts = analyze(unit_block.text)
        where += f" · SMS: the source is {parts.segments} part(s); keep the translation short"
    elif unit_block.limit:
        where += f" · at most {unit_block.limit} characters"
    return where


def collect(project: Project, locale: str, templates: Sequence[str] | None = None
            ) -> list[Unit]:
    """The units of ``templates`` (all by default) for ``locale``, in reading order."""
    source_locale = project.config.default_locale
    if locale == source_locale:
        raise InputError(f"'{locale}' is the default locale: it is the source, not a "
                         "translation", hint="choose another locale with --locale")
    if locale not in project.config.locales:
        raise InputError(f"the project has no locale '{locale}'",
                         hint=f"locales: {', '.join(project.config.locales)}")
    recorded = recorded_hashes(project.root, locale)
    units: list[Unit] = []
    seen: set[tuple[str, str]] = set()
    for template_id in templates or sorted(project.templates):
        if template_id not in project.templates:
            raise InputError(f"no template '{template_id}' in the project")
        if locale not in _locales(project, template_id) or \
                source_locale not in _locales(project, template_id):
            continue
        source = build_deck(project, template_id, source_locale)
        target = build_deck(project, template_id, locale).by_id()
        for block in source.blocks:
            key = (block.path.replace(f"/{source_locale}/", "/*/"), block.id)
            if block.shared and key in seen:
                continue
            seen.add(key)
            uid = f"{template_id}:{block.id}"
            text = block.text
            digest = source_hash(text)
            other = target.get(block.id)
            if other is None or not other.text.strip():
                state = "missing"
            elif other.text == text and any(c.isalpha() for c in _words(block)):
                state = "identical"
            elif uid in recorded and recorded[uid] != digest:
                state = "stale"
            else:
                state = "translated"
            note = _note(block, template_id)
            shown = example(project, template_id, block)
            if shown:
                note += f" · for a sample customer: {shown}"
            units.append(Unit(uid, template_id, block, other, digest, state, note))
    return units


def _words(block: Block) -> str:
    """The block's own words, without placeholders and markup."""
    return "".join(p for p in split(block.text, block.format) if isinstance(p, str))


def _locales(project: Project, template_id: str) -> set[str]:
    template = project.templates[template_id]
    return {p.name for p in template.directory.iterdir() if p.is_dir()}
