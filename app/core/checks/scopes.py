"""What a rule looks at: the project, one template, or one variant with its renders.

A *variant* is one template × locale × channel. Its scope holds the variant's source
files, the shared layouts and partials, and the message rendered for every sample (or
the error that stopped the render), so rules never render anything themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...kernel.channels.spec import plain_fields
from ...kernel.errors import MissiveError
from ..channels import CHANNELS
from ..model import Template
from ..project import Project
from .model import Where


@dataclass(frozen=True)
class Rendered:
    """One sample's render of a variant: the message, or the error that stopped it."""

    sample: str
    message: Any = None
    error: MissiveError | None = None


class _InProject:
    project: Project

    def rel(self, path: Path | str) -> str:
        """``path`` relative to the project root, with forward slashes."""
        return relative(self.project.root, path)


@dataclass
class ProjectScope(_InProject):
    """A project-wide rule's view."""

    project: Project
    settings: dict[str, Any]


@dataclass
class VariantScope(_InProject):
    """One template × locale × channel: its sources and its renders over every sample."""

    project: Project
    template: Template
    locale: str
    channel: str
    settings: dict[str, Any]
    files: dict[str, str] = field(default_factory=dict)    # own files: rel path → text
    shared: dict[str, str] = field(default_factory=dict)   # layouts and partials
    renders: list[Rendered] = field(default_factory=list)

    @property
    def present(self) -> bool:
        """True when the locale has this channel's files."""
        return bool(self.files)

    @property
    def ok(self) -> list[Rendered]:
        """The renders that produced a message."""
        return [r for r in self.renders if r.message is not None]

    @property
    def language(self) -> str:
        """The locale's language ("he" for "he_IL")."""
        return re.split(r"[-_]", self.locale)[0].lower()

    @property
    def rtl(self) -> bool:
        """True for right-to-left locales."""
        from ..model import is_rtl

        return is_rtl(self.locale)

    def source(self) -> str:
        """The variant's own source text, all files joined."""
        return "\n".join(self.files.values())

    def at(self, needle: str | re.Pattern[str], *, shared: bool = True) -> Where:
        """Where ``needle`` first occurs: own files first, then layouts and partials.

        Returns keyword arguments for :class:`~app.core.checks.model.Issue` (path, line,
        column); just the first own file when the needle is not found.
        """
        pattern = needle if isinstance(needle, re.Pattern) else re.compile(re.escape(needle),
                                                                           re.I)
        pools = [self.files, self.shared] if shared else [self.files]
        for pool in pools:
            for path, text in pool.items():
                match = pattern.search(text)
                if match:
                    line = text.count("\n", 0, match.start()) + 1
                    column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                    return {"path": path, "line": line, "column": column}
        first = next(iter(self.files), "")
        return {"path": first, "line": 0, "column": 0}


@dataclass
class TemplateScope(_InProject):
    """A template-wide rule's view: its declarations and every selected variant."""

    project: Project
    template: Template
    settings: dict[str, Any]
    variants: dict[tuple[str, str], VariantScope] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """template.toml, relative to the project root."""
        return relative(self.project.root, self.template.source_path)


def relative(root: Path, path: Path | str) -> str:
    """``path`` relative to ``root`` when inside it, with forward slashes."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def channel_files(channel: str) -> tuple[str, ...]:
    """The per-locale files a channel reads (email.mjml and email.toml for email, …)."""
    return tuple(getattr(CHANNELS[channel], "files", ()))


def visible_text(message: Any) -> str:
    """What the customer reads of a rendered message, as plain text."""
    data = message.to_dict()
    channel = getattr(message, "channel", "")
    if channel == "email":
        return "\n".join([data["subject"], data["preheader"], data["text"]])
    if channel == "whatsapp":
        parts = [data["header"], data["body"], data["footer"]]
        parts += [b.get("text", "") for b in data["buttons"]]
        return "\n".join(p for p in parts if p)
    if "text" in data:
        return str(data["text"])
    return plain_fields(data)  # any other channel: all its text fields
