"""The review status a bundle records for each template, from the project's review log."""

from __future__ import annotations

from typing import Any

from ..project import Project
from ..review import ReviewStore


def review_info(project: Project, template_id: str) -> dict[str, Any]:
    """``{"status", "approver", "time", "approved_hash", "content_hash", "note"}``.

    ``status`` is unreviewed, approved, changes_requested or changed_since_approval;
    ``content_hash`` is the hash of what this bundle was built from, so a sending system
    can see that the approval covers exactly this content (approved_hash == content_hash).
    """
    review = ReviewStore(project).status(template_id)
    return {"status": review.state, "approver": review.reviewer or None,
            "time": review.time or None, "approved_hash": review.approved_hash or None,
            "content_hash": review.current_hash, "note": review.note}
