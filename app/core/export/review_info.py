"""The review status a bundle records for each template, from the project's review log.

Besides the template's state it carries each part's state, the overridden errors, and
every decision exactly as logged (signatures included), so ``missive bundle verify``
can prove the claims from the bundle (:mod:`app.runtime.approvals`).
"""

from __future__ import annotations

import json
from typing import Any

from ..project import Project
from ..review import ReviewStore


def review_info(project: Project, template_id: str) -> dict[str, Any]:
    """``{"status", "approver", "time", "approved_hash", "content_hash", "note", "parts",
    "overrides", "decisions"}``.

    ``status`` is unreviewed, approved, changes_requested or changed_since_approval;
    ``content_hash`` is the hash of this bundle's rendered output, so a sending system
    can see that the approval covers exactly this content (approved_hash == content_hash).
    """
    store = ReviewStore(project)
    review = store.status(template_id)
    decisions = [json.loads(e.to_json()) for e in store.events(template_id)
                 if e.type in ("approve", "request_changes")]
    overrides = [{"part": p.key, "reason": p.override, "reviewer": p.reviewer}
                 for p in review.parts if p.override]
    return {"status": review.state, "approver": review.reviewer or None,
            "time": review.time or None, "approved_hash": review.approved_hash or None,
            "content_hash": review.current_hash, "note": review.note,
            "parts": [{"locale": p.locale, "channel": p.channel, "state": p.state,
                       "reviewer": p.reviewer, "signed": p.signed, "signer": p.signer,
                       "role": p.role, "override_errors": p.override,
                       "warnings": list(p.warnings)} for p in review.parts],
            "overrides": overrides, "decisions": decisions}
