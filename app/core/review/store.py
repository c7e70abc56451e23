"""Reviews of a project: approvals bound to content, change requests, comment threads."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import secrets
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ...kernel.errors import InputError, MissiveError
from ..project import Project
from ..project_files import read_project_text
from ..render import Renderer
from .fingerprint import Fingerprint, file_hashes, fingerprint, project_digest
from .gates import gate
from .hashing import content_files, hash_of
from .log import Event, append_event, log_path, read_events
from .outputs import combined_hash
from .parts import make_part
from .states import PartReview, TemplateReview, derive
from .verification import sign_event

STATES = ("unreviewed", "approved", "changes_requested", "changed_since_approval")


@dataclass
class Thread:
    """A comment and its replies, pinned to a template (and locale, channel, sample)."""

    id: str
    locale: str
    channel: str
    sample: str
    comments: list[Event] = field(default_factory=list)
    resolved: bool = False


@dataclass(frozen=True)
class Changes:
    """What changed since the approval: per file and per rendered variant, a unified diff."""

    sources: dict[str, str]
    rendered: dict[str, str]


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class ReviewStore:
    """The review log and approval snapshots of a project, under ``reviews/``."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.root = project.root

    # -- reading --------------------------------------------------------------------------
    def events(self, template_id: str) -> list[Event]:
        """Every event of a template's log, oldest first."""
        self.project.template(template_id)
        return read_events(log_path(self.root, template_id))

    def content_hash(self, template_id: str) -> str:
        """The hash of every source file that shapes the template's output now."""
        return hash_of(content_files(self.project, template_id))

    def fingerprint(self, template_id: str, digest: str | None = None) -> Fingerprint:
        """Per cell, the output and sources hashes now (renders every fitting sample)."""
        return fingerprint(self.project, template_id, digest)

    def status(self, template_id: str, digest: str | None = None) -> TemplateReview:
        """The template's review state now, with each part's."""
        events = self.events(template_id)
        open_count = sum(not t.resolved for t in self._threads(events))
        return derive(template_id, events, self.fingerprint(template_id, digest), open_count)

    def statuses(self) -> list[TemplateReview]:
        """Every template's state, by id."""
        digest = project_digest(self.root)  # read the files once for every template
        return [self.status(t, digest) for t in sorted(self.project.templates)]

    def threads(self, template_id: str) -> list[Thread]:
        """The template's comment threads, oldest first."""
        return self._threads(self.events(template_id))

    @staticmethod
    def _threads(events: list[Event]) -> list[Thread]:
        threads: dict[str, Thread] = {}
        for event in events:
            if event.type == "comment" and not event.thread:
                threads[event.id] = Thread(event.id, event.locale, event.channel, event.sample,
                                           [event])
            elif event.thread in threads:
                thread = threads[event.thread]
                if event.type == "comment":
                    thread.comments.append(event)
                elif event.type in ("resolve", "reopen"):
                    thread.resolved = event.type == "resolve"
        return list(threads.values())

    # -- writing --------------------------------------------------------------------------
    def approve(self, template_id: str, reviewer: str, note: str = "",
                now: str | None = None, *, locale: str = "", channel: str = "",
                override_errors: str = "", sign_with: Path | None = None) -> TemplateReview:
        """Approve a template (or one locale and/or channel of it) as it renders now.

        The approval records each cell's output and sources hashes, the warnings, and the
        errors it overrides; a part with check errors is refused without
        ``override_errors`` (:func:`.gates.gate`). ``sign_with`` signs it with an SSH key
        listed in the ``reviewers`` file with a role covering the part.
        """
        part = make_part(self.project, template_id, locale, channel)
        who = self._who(reviewer)
        errors, warnings = gate(self.project, part, override_errors)
        now_fp = self.fingerprint(template_id)
        outputs = {k: v for k, v in now_fp.outputs.items() if part.covers(*k.split("/", 1))}
        sources = {k: v for k, v in now_fp.sources.items() if k in outputs}
        event = Event("approve", self._id("a"), who, now or _now(), note=note,
                      hash=combined_hash(outputs), locale=part.locale, channel=part.channel,
                      files=file_hashes(now_fp.files), outputs=outputs, sources=sources,
                      override=override_errors.strip() if errors else "", errors=errors,
                      warnings=warnings)
        if sign_with is not None:
            event = sign_event(self.root, event, Path(sign_with))
        self._snapshot(template_id, hash_of(now_fp.files), now_fp.files)
        self._append(template_id, event)
        return self.status(template_id)

    def request_changes(self, template_id: str, reviewer: str, note: str = "",
                        now: str | None = None, *, locale: str = "", channel: str = "",
                        sign_with: Path | None = None) -> TemplateReview:
        """Ask for changes to a template (or a part); it stays unapproved until approved."""
        part = make_part(self.project, template_id, locale, channel)
        event = Event("request_changes", self._id("r"), self._who(reviewer), now or _now(),
                      note=note, hash=self.content_hash(template_id), locale=part.locale,
                      channel=part.channel)
        if sign_with is not None:
            event = sign_event(self.root, event, Path(sign_with))
        self._append(template_id, event)
        return self.status(template_id)

    def comment(self, template_id: str, author: str, text: str, *, locale: str = "",
                channel: str = "", sample: str = "", reply_to: str = "",
                now: str | None = None) -> Event:
        """Start a thread (or reply to one) pinned to a template, locale, channel, sample."""
        if not text.strip():
            raise InputError("a comment needs text")
        if reply_to and reply_to not in {t.id for t in self.threads(template_id)}:
            raise InputError(f"no comment thread '{reply_to}' on {template_id}")
        if locale and locale not in self.project.config.locales:
            raise InputError(f"locale '{locale}' is not in the project")
        event = Event("comment", self._id("c"), self._who(author), now or _now(), note=text,
                      locale=locale, channel=channel, sample=sample, thread=reply_to)
        self._append(template_id, event)
        return event

    def resolve(self, template_id: str, thread_id: str, author: str, reopen: bool = False,
                now: str | None = None) -> None:
        """Resolve (or reopen) a comment thread."""
        if thread_id not in {t.id for t in self.threads(template_id)}:
            raise InputError(f"no comment thread '{thread_id}' on {template_id}")
        self._append(template_id, Event("reopen" if reopen else "resolve", self._id("e"),
                                        self._who(author), now or _now(), thread=thread_id))

    # -- what changed ---------------------------------------------------------------------
    def changes(self, template_id: str) -> Changes:
        """Text diffs of the sources and the rendered text since the last approval."""
        snapshot = self._read_snapshot(template_id)
        now_files = content_files(self.project, template_id)
        before_files: dict[str, str] = snapshot.get("files", {})
        sources = {}
        for path in sorted(set(before_files) | set(now_files)):
            old, new = before_files.get(path, ""), now_files.get(path, "")
            if old != new:
                sources[path] = _diff(old, new, path)
        before_text: dict[str, str] = snapshot.get("rendered", {})
        now_text = rendered_texts(self.project, template_id)
        rendered = {}
        for key in sorted(set(before_text) | set(now_text)):
            old, new = before_text.get(key, ""), now_text.get(key, "")
            if old != new:
                rendered[key] = _diff(old, new, key)
        return Changes(sources, rendered)

    # -- internals ------------------------------------------------------------------------
    def _append(self, template_id: str, event: Event) -> None:
        self.project.template(template_id)
        append_event(log_path(self.root, template_id), event)

    @staticmethod
    def _id(prefix: str) -> str:
        return f"{prefix}-{secrets.token_hex(4)}"

    @staticmethod
    def _who(name: str) -> str:
        name = " ".join(name.split())
        if not name:
            raise InputError("a reviewer name is needed",
                             hint="pass --as NAME, or set it in the studio's Preferences")
        return name

    def _snapshot_path(self, template_id: str) -> Path:
        return self.root / "reviews" / f"{template_id}.approved.json"

    def _snapshot(self, template_id: str, digest: str, files: dict[str, str]) -> None:
        data = {"hash": digest, "files": files,
                "rendered": rendered_texts(self.project, template_id)}
        path = self._snapshot_path(template_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".snapshot-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.write("\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)

    def _read_snapshot(self, template_id: str) -> dict:
        path = self._snapshot_path(template_id)
        if not path.is_file():
            return {}
        try:
            return json.loads(read_project_text(path, self.root))
        except ValueError as exc:
            raise InputError(f"damaged approval snapshot: {exc}", path=path) from None


def rendered_texts(project: Project, template_id: str) -> dict[str, str]:
    """``"locale/channel"`` → what the first sample's customer reads, for diffs."""
    from ..checks.scopes import visible_text

    template = project.template(template_id)
    sample = next(iter(sorted(project.samples.values(), key=lambda s: s.name)), None)
    renderer = Renderer(project)
    out = {}
    for locale in project.config.locales:
        for channel in template.channels:
            try:
                message = renderer.render(template_id, locale, channel,
                                          sample.data if sample else {})
                out[f"{locale}/{channel}"] = visible_text(message)
            except MissiveError as exc:
                out[f"{locale}/{channel}"] = f"(does not render: {exc.message})"
    return out


def _diff(old: str, new: str, name: str) -> str:
    return "".join(difflib.unified_diff(old.splitlines(keepends=True),
                                        new.splitlines(keepends=True),
                                        fromfile=f"approved/{name}", tofile=f"now/{name}"))


__all__ = ["STATES", "Changes", "PartReview", "ReviewStore", "TemplateReview", "Thread"]
