"""Where things are in a project: which file previews which message, and back (no Qt:
the studio's window asks it when a file gets the focus or is saved)."""

from __future__ import annotations

from dataclasses import dataclass

from ...kernel.channels import CHANNELS
from ..project import Project


def _file_channel(name: str) -> str:
    """The channel that reads a locale folder's file (``sms.txt`` → sms)."""
    return next((c for c, spec in CHANNELS.items() if name in spec.files), "")


@dataclass(frozen=True)
class FileTarget:
    """What a project file is about (empty fields when the path doesn't say)."""

    template: str = ""
    locale: str = ""
    channel: str = ""
    sample: str = ""


def target_of(rel_path: str) -> FileTarget:
    """``templates/invoice_ready/he/sms.txt`` → invoice_ready, he, sms."""
    parts = rel_path.split("/")
    if parts[0] == "templates" and len(parts) == 4:
        return FileTarget(parts[1], parts[2], _file_channel(parts[3]))
    if parts[0] == "templates" and len(parts) == 3:
        return FileTarget(parts[1])
    if parts[0] == "samples" and len(parts) == 2 and parts[1].endswith(".json"):
        return FileTarget(sample=parts[1][:-5])
    return FileTarget()


def main_file(project: Project, template: str, locale: str, channel: str) -> str | None:
    """The file a copywriter edits for this message (the first that exists)."""
    if template not in project.templates:
        return None
    folder = project.templates[template].locale_dir(locale)
    spec = CHANNELS.get(channel)
    for name in spec.files if spec is not None else ():
        if (folder / name).is_file():
            return f"templates/{template}/{locale}/{name}"
    return None


def needs_reload(rel_path: str) -> bool:
    """Whether saving this file changes the loaded project (declarations, samples)."""
    return rel_path in ("missive.toml", "policy.toml") or rel_path.endswith("template.toml") \
        or rel_path.startswith("samples/")
