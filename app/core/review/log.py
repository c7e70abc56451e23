"""The review log: one append-only JSON Lines file per template, in ``reviews/``.

Each line is an event (approve, request_changes, comment, resolve, reopen). Appending
never rewrites history, and ``reviews/.gitattributes`` asks git to merge the logs of two
reviewers by keeping both sides' lines (``merge=union``).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ...kernel.errors import InputError
from ..project_files import read_project_text

EVENT_TYPES = ("approve", "request_changes", "comment", "resolve", "reopen")
GITATTRIBUTES = "*.jsonl merge=union\n"


@dataclass(frozen=True)
class Event:
    """One thing a reviewer or copywriter did."""

    type: str
    id: str
    author: str
    time: str
    note: str = ""           # approval note, or a comment's text
    hash: str = ""           # approve / request_changes: the content hash at that moment
    locale: str = ""         # comments: what they are pinned to
    channel: str = ""
    sample: str = ""
    thread: str = ""         # replies, resolve and reopen: the thread's first comment id
    files: dict[str, str] = field(default_factory=dict)  # approve: path → file hash
    # Part-level decisions (docs/review.md): locale/channel above name the part ("" = all).
    outputs: dict[str, str] = field(default_factory=dict)  # "locale/channel" → output hash
    sources: dict[str, str] = field(default_factory=dict)  # "locale/channel" → sources hash
    override: str = ""       # approve: why check errors were overridden
    errors: list[str] = field(default_factory=list)    # approve: the overridden errors
    warnings: list[str] = field(default_factory=list)  # approve: warnings at that moment
    signer: str = ""         # signed: the principal in the reviewers file
    role: str = ""           # signed: the role that allowed it
    signature: str = ""      # signed: ssh-keygen -Y sign over payload()

    def payload(self) -> bytes:
        """What a signature covers: the event's JSON line without the signature."""
        data = {k: v for k, v in asdict(self).items()
                if k != "signature" and v not in ("", {}, [], None)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def to_json(self) -> str:
        """One line of the log (empty fields left out)."""
        data = {k: v for k, v in asdict(self).items() if v not in ("", {}, [], None)}
        return json.dumps(data, ensure_ascii=False, sort_keys=True)


def log_path(root: Path, template_id: str) -> Path:
    """``reviews/<template>.jsonl``."""
    return root / "reviews" / f"{template_id}.jsonl"


def read_events(path: Path) -> list[Event]:
    """Every event of a log; a damaged line is an input error naming it."""
    return [event for _line, event in numbered_events(path)]


def numbered_events(path: Path) -> list[tuple[int, Event]]:
    """Every event of a log with its line number (for messages that name the line)."""
    if not path.is_file():
        return []
    events = []
    text = read_project_text(path)  # a regular file of bounded size only
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data: dict[str, Any] = json.loads(line)
            if data.get("type") not in EVENT_TYPES:
                raise ValueError(f"unknown event type {data.get('type')!r}")
            events.append((number, Event(**data)))
        except (ValueError, TypeError) as exc:
            raise InputError(f"damaged review entry: {exc}", path=path, line=number, column=1,
                             hint="fix or remove the line (a merge conflict marker?)") from None
    return events


def append_event(path: Path, event: Event) -> None:
    """Add one event at the end of the log, flushed to disk."""
    path.parent.mkdir(parents=True, exist_ok=True)
    attributes = path.parent / ".gitattributes"
    if not attributes.exists():
        attributes.write_text(GITATTRIBUTES, encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(event.to_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
