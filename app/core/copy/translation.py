"""Translating side by side: how each block of a locale stands against a source locale.

A block is ``missing`` (the source has it, this locale doesn't), ``identical`` (the same
words as the source: probably never translated), ``source_changed`` (the source text is
not the one it was translated from) or ``ok``. What a block was translated from is kept
in ``translations/<template>.json`` — ``{locale: {block id: hash of the source text}}`` —
written (atomically) whenever a translation is written through the copy model or marked
as done, so the whole team sees it in git.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from ..workspace.atomic import atomic_write_text
from .model import Block, CopyDeck

STATUSES = ("missing", "identical", "source_changed", "ok")
FOLDER = "translations"
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_TAG = re.compile(r"<[^>]*>")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.I)
_WORD = re.compile(r"[^\W\d_]{2,}")


def source_hash(text: str) -> str:
    """A short hash of a source block's text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def record_path(root: Path, template_id: str) -> Path:
    """Where the template's translation record lives."""
    return root / FOLDER / f"{template_id}.json"


def load_record(root: Path, template_id: str) -> dict[str, dict[str, str]]:
    """The record (empty when there is none or it cannot be read)."""
    try:
        data = json.loads(record_path(root, template_id).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {loc: {k: v for k, v in ids.items() if isinstance(v, str)}
            for loc, ids in data.items() if isinstance(ids, dict)} if isinstance(data, dict) else {}


def mark_translated(root: Path, source: CopyDeck, locale: str, block_ids: list[str]) -> None:
    """Record that these blocks of ``locale`` are translations of the source's text now."""
    record = load_record(root, source.template)
    entries = record.setdefault(locale, {})
    by_id = source.by_id()
    for block_id in block_ids:
        if block_id in by_id:
            entries[block_id] = source_hash(by_id[block_id].text)
    path = record_path(root, source.template)
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = {loc: dict(sorted(ids.items())) for loc, ids in sorted(record.items())}
    atomic_write_text(path, json.dumps(ordered, ensure_ascii=False, indent=2) + "\n")


def _words(block: Block) -> bool:
    text = _URL.sub(" ", _TAG.sub(" ", _JINJA.sub(" ", block.text)))
    return bool(_WORD.search(text))


def statuses(source: CopyDeck, target: CopyDeck,
             record: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """Status of every source block id in the target locale (see the module docstring)."""
    done = (record or {}).get(target.locale, {})
    have = target.by_id()
    out: dict[str, str] = {}
    for block in source.blocks:
        mine = have.get(block.id)
        if mine is None:
            out[block.id] = "missing"
        elif block.id in done:  # translated (or confirmed) from a known source text
            out[block.id] = "ok" if done[block.id] == source_hash(block.text) \
                else "source_changed"
        elif source.locale != target.locale and mine.text == block.text and _words(block):
            out[block.id] = "identical"
        else:
            out[block.id] = "ok"
    return out
