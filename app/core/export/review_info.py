"""The review status a bundle records for each template.

One function, so that the review work can fill it from the approvals log later.
"""

from __future__ import annotations

from typing import Any

from ..project import Project


def review_info(project: Project, template_id: str) -> dict[str, Any]:
    """``{"status", "approver", "time", "approved_hash"}`` of a template (not reviewed yet)."""
    del project, template_id
    return {"status": "unreviewed", "approver": None, "time": None, "approved_hash": None}
