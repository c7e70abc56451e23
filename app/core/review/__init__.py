"""Compliance review: approvals bound to the rendered output, change requests, comments.

Reviews live in the project as text: ``reviews/<template>.jsonl`` (an append-only log
that git merges by union), ``reviews/<template>.approved.json`` (what was approved, for
"what changed" diffs) and the ``reviewers`` file (who may sign what). The studio,
``missive review`` and the export read the same store (docs/review.md).

The store is imported lazily, so the bundle runtime can use the light modules here
(:mod:`.outputs`, :mod:`.reviewers`, :mod:`.signing`) without the renderer.
"""

from __future__ import annotations

from typing import Any

from .log import Event

__all__ = ["STATES", "Changes", "Event", "PartReview", "ReviewStore", "TemplateReview",
           "Thread", "content_files", "hash_of"]


def __getattr__(name: str) -> Any:
    if name in ("STATES", "Changes", "PartReview", "ReviewStore", "TemplateReview", "Thread"):
        from . import store

        return getattr(store, name)
    if name in ("content_files", "hash_of"):
        from . import hashing

        return getattr(hashing, name)
    raise AttributeError(name)
