"""Signing decisions and checking every signature and role in a project's review logs.

A signed event names its ``signer`` (a principal of the ``reviewers`` file) and the
``role`` that let them decide on the part; the signature covers the whole event but
itself (:meth:`Event.payload`), so changing any field — the note, the hashes, the part,
the signer — breaks it. :func:`check_event` gives one plain line per problem.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from .log import Event, log_path, numbered_events
from .reviewers import FILE_NAME, Reviewer, load_reviewers
from .signing import SignatureError, public_key, sign, verify


@dataclass(frozen=True)
class SignatureCheck:
    """One signed decision and whether it holds ("" problem = verifies, role allowed)."""

    template: str
    event: str
    part: str
    signer: str
    role: str
    author: str
    problem: str
    where: str  # reviews/<template>.jsonl:LINE
    decision: str = "approve"  # or request_changes

    @property
    def ok(self) -> bool:
        """Whether the signature verifies and the role covers the part."""
        return not self.problem

    def line(self) -> str:
        """``where: …`` in plain words."""
        what = f"{self.event} ({self.part}, signed by {self.signer or '?'})"
        return f"{self.where}: {what}: {self.problem or 'signature verifies'}"


def part_label(template: str, event: Event) -> str:
    """``invoice_ready``, ``invoice_ready/he``, ``invoice_ready/*/sms``, …"""
    if not event.locale and not event.channel:
        return template
    return "/".join([template, event.locale or "*"] + ([event.channel] if event.channel
                                                       else []))


def sign_event(root: Path, event: Event, key: Path) -> Event:
    """The event with ``signer``, ``role`` and ``signature`` set, made with ``key``.

    The key must be in the ``reviewers`` file with a role that covers the event's part.
    """
    reviewers = load_reviewers(root)
    if not reviewers:
        raise SignatureError("there is no reviewers file, so nobody may sign approvals",
                             path=root / FILE_NAME,
                             hint="add one reviewer per line (see docs/review.md)")
    key_text = public_key(key)
    reviewer = next((r for r in reviewers if r.key == key_text), None)
    if reviewer is None:
        raise SignatureError("this key is not in the reviewers file", path=key,
                             hint=f"ask for its public key to be added to {FILE_NAME}")
    role = reviewer.role_for(event.locale, event.channel)
    if role is None:
        raise SignatureError(
            f"{reviewer.principal} may not approve "
            f"{event.locale or 'every locale'}/{event.channel or 'every channel'} "
            f"(roles: {reviewer.describe_roles()})", path=root / FILE_NAME,
            line=reviewer.line, column=1, hint="approve only the parts your role covers")
    event = dataclasses.replace(event, signer=reviewer.principal,
                                role=f"{role.name}:{role.scope}")
    return dataclasses.replace(event, signature=sign(event.payload(), key))


def check_event(template: str, event: Event, reviewers: list[Reviewer], where: str
                ) -> SignatureCheck:
    """Whether a signed event verifies against ``reviewers`` and its signer's role holds."""
    by_name = {r.principal: r for r in reviewers}
    reviewer = by_name.get(event.signer)
    part = part_label(template, event)
    if reviewer is None:
        problem = f"signer {event.signer or '(none)'} is not in the reviewers file"
    else:
        problem = verify(event.payload(), event.signature, reviewer)
        if problem:
            problem = f"the signature does not verify (changed after signing?): {problem}"
        elif reviewer.role_for(event.locale, event.channel) is None:
            problem = (f"{reviewer.principal} may not approve this part (roles: "
                       f"{reviewer.describe_roles()})")
    return SignatureCheck(template, event.id, part, event.signer, event.role, event.author,
                          problem, where, event.type)


def check_template(root: Path, template: str,
                   reviewers: list[Reviewer] | None = None) -> list[SignatureCheck]:
    """Every signed decision of a template, checked."""
    reviewers = load_reviewers(root) if reviewers is None else reviewers
    path = log_path(root, template)
    rel = path.relative_to(root).as_posix()
    return [check_event(template, event, reviewers, f"{rel}:{number}")
            for number, event in numbered_events(path)
            if event.type in ("approve", "request_changes") and event.signature]


__all__ = ["SignatureCheck", "SignatureError", "check_event", "check_template", "part_label",
           "sign_event"]
