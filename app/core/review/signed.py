"""The project-wide signature check behind ``missive review verify`` and
``missive export --require-signed``: every signature and role, and (when signatures are
required) every approved part signed."""

from __future__ import annotations

from collections.abc import Sequence

from ..project import Project
from .reviewers import load_reviewers
from .verification import SignatureCheck, check_template


def signature_problems(project: Project, templates: Sequence[str] | None = None, *,
                       require_signed: bool = False
                       ) -> tuple[list[SignatureCheck], list[str]]:
    """(every signed decision checked, one line per problem)."""
    from .store import ReviewStore

    ids = list(templates) if templates else sorted(project.templates)
    reviewers = load_reviewers(project.root)
    checks: list[SignatureCheck] = []
    problems: list[str] = []
    store = ReviewStore(project) if require_signed else None
    for template_id in ids:
        mine = check_template(project.root, template_id, reviewers)
        checks += mine
        problems += [c.line() for c in mine if not c.ok]
        if store is None:
            continue
        for part in store.status(template_id).parts:
            if part.state == "approved" and not part.signed:
                problems.append(f"{template_id}/{part.key}: approved by {part.reviewer} "
                                f"without a signature")
    return checks, problems
