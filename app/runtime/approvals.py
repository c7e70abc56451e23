"""What a bundle's approvals prove, checked by ``missive bundle verify``.

A manifest is plain JSON: anyone can edit ``review.status`` to say "approved". So the
bundle carries each template's decisions as the project logged them (``review.decisions``,
signatures included) and the reviewers file (``review/reviewers``), and this module
checks, from the bundle alone:

- every claimed state follows from the decisions: an approval stands for a cell only if
  the output hash it recorded equals the hash of the bundle's golden renders of that cell
  (which :func:`app.runtime.verify` proves the runtime reproduces);
- every signature verifies (``ssh-keygen -Y verify``) and its signer's role covers the part;
- where a template carries signed decisions, or ``require_signed`` is set, every approved
  cell rests on a signed decision that verifies.

The limit: a bundle cannot vouch for its own reviewers list. A sending system passes its
own trusted copy (``--reviewers FILE``); otherwise the bundle's copy is used and a note
says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.review.log import Event
from ..core.review.outputs import output_hash
from ..core.review.reviewers import Reviewer, parse_reviewers
from ..core.review.verification import check_event, part_label
from ..kernel.errors import InputError
from .bundle import Bundle

REVIEWERS_PATH = "review/reviewers"


@dataclass
class ApprovalReport:
    """Problems (each fails verification) and notes (said, not failed)."""

    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    signatures: int = 0


def golden_hashes(bundle: Bundle, template: dict[str, Any]) -> dict[str, str]:
    """``"locale/channel"`` → the output hash of the template's golden renders."""
    renders: dict[tuple[str, str], list[tuple[str, dict[str, Any]]]] = {}
    for golden in template["golden"]:
        files = golden["files"]
        fields = json.loads(bundle.files[files["json"]["path"]])
        if "html" in files:
            fields["html"] = bundle.files[files["html"]["path"]].decode("utf-8")
        renders.setdefault((golden["locale"], golden["channel"]), []).append(
            (golden["sample"], fields))
    return {f"{loc}/{ch}": output_hash(ch, items) for (loc, ch), items in renders.items()}


def _covers(event: Event, locale: str, channel: str) -> bool:
    return event.locale in ("", locale) and event.channel in ("", channel)


def _reviewers(bundle: Bundle, trusted: str | None, report: ApprovalReport) -> list[Reviewer]:
    if trusted is not None:
        return parse_reviewers(trusted, Path("--reviewers"))
    data = bundle.files.get(REVIEWERS_PATH)
    if data is None:
        return []
    report.notes.append("signatures checked against the bundle's own reviewers list; pass "
                        "--reviewers FILE (your trusted copy) to prove who signed")
    return parse_reviewers(data.decode("utf-8"), Path(REVIEWERS_PATH))


def verify_approvals(bundle: Bundle, trusted_reviewers: str | None = None,
                     require_signed: bool = False) -> ApprovalReport:
    """Check every template's review claims, decisions and signatures in ``bundle``."""
    report = ApprovalReport()
    try:
        reviewers = _reviewers(bundle, trusted_reviewers, report)
    except InputError as exc:
        report.problems.append(str(exc))
        return report
    for template in bundle.manifest["templates"]:
        _verify_template(bundle, template, reviewers, require_signed, report)
    return report


def _verify_template(bundle: Bundle, template: dict[str, Any], reviewers: list[Reviewer],
                     require_signed: bool, report: ApprovalReport) -> None:
    tid = template["id"]
    review = template.get("review", {})
    try:
        decisions = [Event(**d) for d in review.get("decisions", [])]
    except TypeError as exc:
        report.problems.append(f"{tid}: a review decision in the manifest is damaged: {exc}")
        return
    verified: dict[str, bool] = {}
    for event in decisions:
        if not event.signature:
            continue
        report.signatures += 1
        check = check_event(tid, event, reviewers, f"{tid} decision {event.id}")
        verified[event.id] = check.ok
        if not check.ok:
            report.problems.append(f"{tid}: {event.id} ({part_label(tid, event)}, signed by "
                                   f"{event.signer or '?'}): {check.problem}")
    signed_here = require_signed or any(e.signature for e in decisions)
    hashes = golden_hashes(bundle, template)
    approved_cells: list[str] = []
    reported: set[str] = set()
    for key, now in sorted(hashes.items()):
        locale, channel = key.split("/", 1)
        covering = [e for e in decisions if _covers(e, locale, channel)]
        last = covering[-1] if covering else None
        if last is None or last.type != "approve":
            continue
        if last.outputs.get(key) != now:
            report.problems.append(f"{tid}/{key}: the approval {last.id} was given to other "
                                   f"output than this bundle's golden renders")
            reported.add(key)
            continue
        if signed_here and not (last.signature and verified.get(last.id)):
            report.problems.append(f"{tid}/{key}: approved by {last.author} without a "
                                   f"signature that verifies")
            reported.add(key)
            continue
        approved_cells.append(key)
    claimed = review.get("status")
    missing = sorted(set(hashes) - set(approved_cells) - reported)
    if claimed == "approved" and missing:
        report.problems.append(f"{tid}: the manifest says approved, but no valid approval "
                               f"covers {', '.join(missing)}")
    elif require_signed and missing:
        report.problems.append(f"{tid}: not approved with a verified signature: "
                               f"{', '.join(missing)}")
    else:
        for part in review.get("parts", []):
            key = f"{part.get('locale')}/{part.get('channel')}"
            if part.get("state") == "approved" and key in missing:
                report.problems.append(f"{tid}/{key}: the manifest says approved, but no "
                                       f"valid approval covers it")
