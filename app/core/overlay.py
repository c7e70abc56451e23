"""The studio's unsaved text: an *overlay* maps project-relative posix paths
(``templates/invoice_ready/en/email.mjml``) to the text open in the editors. Everything
that reads a project file while the writer types (the checks, the copy deck, a render
error's source line, the sample being edited) reads it through here, so the unsaved text
always wins over the saved file in the same way.

A file is named either by its overlay key (a ``str``: project-relative, forward slashes)
or by a ``Path`` on disk as built from ``project.root`` (absolute, or relative to the
working folder when the project was opened with a relative path).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..kernel.errors import MissiveError
from .project_files import read_project_text


def overlay_key(root: Path, file: str | Path) -> str:
    """A file's overlay key; "" for a path outside the project."""
    if isinstance(file, str):
        return file
    try:
        return file.resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError):
        return ""


def unsaved_text(root: Path, file: str | Path,
                 overlay: Mapping[str, str] | None) -> str | None:
    """The editors' unsaved text of a project file, or None if none is open."""
    if not overlay:
        return None
    return overlay.get(overlay_key(root, file))


def current_text(root: Path, file: str | Path,
                 overlay: Mapping[str, str] | None = None) -> str | None:
    """The unsaved text of a project file if an editor holds some, else the saved file's
    (read with the project's file rules); None if it is missing or can't be read."""
    text = unsaved_text(root, file, overlay)
    if text is not None:
        return text
    path = Path(root) / file if isinstance(file, str) else file
    try:
        return read_project_text(path, Path(root))
    except MissiveError:
        return None


__all__ = ["current_text", "overlay_key", "unsaved_text"]
