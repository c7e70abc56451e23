"""The studio's unsaved text: an *overlay* maps project-relative posix paths
(``templates/invoice_ready/en/email.mjml``) to the text open in the editors. Everything
that reads a project file while the writer types (the checks, the copy deck, a render
error's source line, the sample being edited) reads it through here, so the unsaved text
always wins over the saved file in the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .errors import MissiveError
from .project_files import read_project_text


def overlay_key(root: Path, path: Path | str) -> str:
    """``path`` (absolute, or relative to ``root``) as an overlay key; "" if outside."""
    path = Path(path)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(Path(root).resolve()).as_posix()
    except (ValueError, OSError):
        return ""


def unsaved_text(root: Path, path: Path | str,
                 overlay: Mapping[str, str] | None) -> str | None:
    """The editors' unsaved text of a project file, or None if none is open."""
    if not overlay:
        return None
    return overlay.get(overlay_key(root, path))


def current_text(root: Path, path: Path | str,
                 overlay: Mapping[str, str] | None = None) -> str | None:
    """The unsaved text of a project file if an editor holds some, else the saved file's
    (read with the project's file rules); None if it is missing or can't be read."""
    text = unsaved_text(root, path, overlay)
    if text is not None:
        return text
    try:
        return read_project_text(Path(root) / path, Path(root))
    except MissiveError:
        return None


__all__ = ["current_text", "overlay_key", "unsaved_text"]
