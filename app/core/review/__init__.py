"""Compliance review: approvals bound to the exact content, change requests, comments.

Reviews live in the project as text: ``reviews/<template>.jsonl`` (an append-only log
that git merges by union) and ``reviews/<template>.approved.json`` (what was approved, for
"what changed" diffs). The studio, ``missive review`` and the export read the same store.
"""

from __future__ import annotations

from .hashing import content_files, hash_of
from .log import Event
from .store import STATES, Changes, ReviewStore, TemplateReview, Thread

__all__ = ["STATES", "Changes", "Event", "ReviewStore", "TemplateReview", "Thread",
           "content_files", "hash_of"]
