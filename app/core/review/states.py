"""Deriving states from the log: each cell's state, then the template's.

A cell (template × locale × channel) takes the last decision whose part covers it. An
approval stands while the cell's output hash equals the one it recorded; when the
sources changed but the output did not, it stands and says so ("changed, output
identical"). Approvals written before output hashes existed (no ``outputs``) compare
the old content hash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TypedDict

from ..message_text import N_
from .fingerprint import Fingerprint
from .hashing import hash_of
from .log import Event
from .outputs import combined_hash
from .parts import Part, cell_key, template_state

# The one declaration of how a state reads: the studio shows it translated (N_), the
# proof in English; the command line writes the state's own words (:func:`state_words`).
STATE_LABELS = {"unreviewed": N_("Not reviewed"), "approved": N_("Approved"),
                "changes_requested": N_("Changes requested"),
                "changed_since_approval": N_("Changed since approval")}


def state_label(state: str) -> str:
    """A state as the proof names it ("Changes requested"); the studio translates it."""
    return STATE_LABELS.get(state, state)


def state_words(state: str) -> str:
    """A state as the command line writes it: its name in words ("changes requested")."""
    return state.replace("_", " ")


@dataclass(frozen=True)
class PartReview:
    """Where one cell stands, and the decision that put it there."""

    locale: str
    channel: str
    state: str
    decision: str = ""        # the event id
    part: str = ""            # the part the decision named: invoice_ready/he, …
    reviewer: str = ""
    time: str = ""
    note: str = ""
    output_identical: bool = False  # sources changed since approval, output did not
    signed: bool = False
    signer: str = ""
    role: str = ""
    override: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """``"he/email"``."""
        return cell_key(self.locale, self.channel)

    def to_dict(self) -> dict:
        """The JSON form in ``missive review status --format json`` (``parts``)."""
        return {"locale": self.locale, "channel": self.channel, "state": self.state,
                "part": self.part, "decision": self.decision, "reviewer": self.reviewer,
                "time": self.time, "note": self.note,
                "output_identical": self.output_identical, "signed": self.signed,
                "signer": self.signer, "role": self.role, "override_errors": self.override,
                "warnings": list(self.warnings)}


@dataclass(frozen=True)
class TemplateReview:
    """Where a template stands: its state (from its parts), the last decision, comments."""

    template: str
    state: str
    reviewer: str = ""
    time: str = ""
    note: str = ""
    approved_hash: str = ""
    current_hash: str = ""
    open_comments: int = 0
    parts: tuple[PartReview, ...] = field(default=())

    @property
    def approved_parts(self) -> int:
        """How many cells are approved as they are now."""
        return sum(p.state == "approved" for p in self.parts)

    @property
    def output_identical(self) -> list[str]:
        """Cells whose sources changed since approval although their output did not."""
        return [p.key for p in self.parts if p.output_identical]

    def to_dict(self) -> dict:
        """The JSON form of ``missive review status --format json``."""
        return {"template": self.template, "state": self.state, "reviewer": self.reviewer,
                "time": self.time, "note": self.note, "approved_hash": self.approved_hash,
                "current_hash": self.current_hash, "open_comments": self.open_comments,
                "approved_parts": self.approved_parts, "total_parts": len(self.parts),
                "changed_output_identical": self.output_identical,
                "parts": [p.to_dict() for p in self.parts]}


class _Decided(TypedDict):
    """The fields of a :class:`PartReview` that the deciding event gives."""

    decision: str
    part: str
    reviewer: str
    time: str
    note: str
    signed: bool
    signer: str
    role: str


def _part_review(locale: str, channel: str, event: Event | None,
                 now: Fingerprint) -> tuple[PartReview, str]:
    """A cell's review and the output hash its decision approved ("" if none)."""
    if event is None:
        return PartReview(locale, channel, "unreviewed"), ""
    key = cell_key(locale, channel)
    common: _Decided = {
        "decision": event.id, "part": Part("", event.locale, event.channel).label
        .lstrip("/") or "all", "reviewer": event.author, "time": event.time,
        "note": event.note, "signed": bool(event.signature), "signer": event.signer,
        "role": event.role}
    if event.type == "request_changes":
        return PartReview(locale, channel, "changes_requested", **common), ""
    if event.outputs:
        approved = event.outputs.get(key, "")
        same = approved == now.outputs.get(key)
        identical = same and event.sources.get(key, "") != now.sources.get(key, "")
    else:  # an approval from before output hashes: the whole content hash decides
        approved = event.hash
        same = event.hash == hash_of(now.files)
        identical = False
    state = "approved" if same else "changed_since_approval"
    return PartReview(locale, channel, state, output_identical=identical,
                      override=event.override, warnings=tuple(event.warnings),
                      **common), approved


def derive(template_id: str, events: list[Event], now: Fingerprint,
           open_comments: int) -> TemplateReview:
    """The template's review from its log and its fingerprint now."""
    decisions = [e for e in events if e.type in ("approve", "request_changes")]
    parts, approved = [], {}
    for key in now.outputs:
        locale, channel = key.split("/", 1)
        covering = [e for e in decisions if Part(template_id, e.locale, e.channel)
                    .covers(locale, channel)]
        review, hash_ = _part_review(locale, channel, covering[-1] if covering else None,
                                     now)
        parts.append(review)
        approved[key] = hash_
    current = combined_hash(now.outputs)
    if not decisions:
        return TemplateReview(template_id, "unreviewed", current_hash=current,
                              open_comments=open_comments, parts=tuple(parts))
    last = decisions[-1]
    return TemplateReview(
        template_id, template_state([p.state for p in parts]), reviewer=last.author,
        time=last.time, note=last.note,
        approved_hash=combined_hash(approved) if any(approved.values()) else "",
        current_hash=current, open_comments=open_comments, parts=tuple(parts))
