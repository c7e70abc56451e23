"""What each translation was made from: the copy model's translation record.

``translations/<template>.json`` holds ``{locale: {block id: hash of the source text}}``
(:mod:`app.core.copy.translation`), written by the Copy view's "Mark as translated" and
by ``missive copy set``; an import and the first export write the same record, so the
Copy view's "source changed" marks and ``missive translate status``'s *stale* are one
fact. Unit ids are ``<template>:<block id>``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ..copy.translation import FOLDER, load_record, record_path
from ..workspace.atomic import atomic_write_text

if TYPE_CHECKING:
    from .units import Unit


def recorded_hashes(root: Path, locale: str) -> dict[str, str]:
    """Unit id → the source hash its translation was made from (empty if none)."""
    out: dict[str, str] = {}
    folder = root / FOLDER
    if not folder.is_dir():
        return out
    for path in sorted(folder.glob("*.json")):
        template = path.stem
        for block_id, digest in load_record(root, template).get(locale, {}).items():
            out[f"{template}:{block_id}"] = digest
    return out


def record(root: Path, locale: str, hashes: Mapping[str, str]) -> None:
    """Add or update units in the templates' records (atomically, one file each)."""
    by_template: dict[str, dict[str, str]] = {}
    for uid, digest in hashes.items():
        template, _, block_id = uid.partition(":")
        if "#" not in block_id:  # a plural unit's state is its text unit's
            by_template.setdefault(template, {})[block_id] = digest
    for template, entries in by_template.items():
        current = load_record(root, template)
        current.setdefault(locale, {}).update(entries)
        path = record_path(root, template)
        path.parent.mkdir(parents=True, exist_ok=True)
        ordered = {loc: dict(sorted(ids.items())) for loc, ids in sorted(current.items())}
        atomic_write_text(path, json.dumps(ordered, ensure_ascii=False, indent=2) + "\n")


def baseline(root: Path, locale: str, units: Iterable[Unit]) -> None:
    """Record the source hash of every translated unit that has no record yet."""
    known = recorded_hashes(root, locale)
    fresh = {u.id: u.hash for u in units if u.state == "translated" and u.id not in known}
    if fresh:
        record(root, locale, fresh)
