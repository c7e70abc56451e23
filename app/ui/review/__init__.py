"""The studio's review features: the review grid, comment threads, "What changed" and
the proof PDF. The work is in :mod:`app.core.review` and :mod:`app.core.proof_document`;
these widgets show it and call it.
"""

from __future__ import annotations

from .comments import CommentsPanel
from .proof_export import ProofExport
from .view import ReviewView

__all__ = ["CommentsPanel", "ProofExport", "ReviewView"]
