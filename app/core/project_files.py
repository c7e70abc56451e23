"""Only the project's own files: every path is resolved, and anything whose real path
leaves the project folder, or that is not a regular file of bounded size, is refused.

Git keeps symbolic links, so a shared project can hold ``partials/x → /etc`` or a
locale folder linked to someone's home folder; without these checks an include or an
export would pull those files into a render, a proof or a bundle. Links that stay inside
the project are fine.

- :func:`check_project_tree` walks the project's folders once when it is loaded, so
  every command refuses such a project with one line;
- :func:`read_project_text` is used where files are read later (the Jinja loader, the
  checks, the review hash, the editor), for files that changed since.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..kernel.errors import InputError
from ..runtime.regular_file import UnsafeFile, kind_of, read_regular_file

# Bigger than any real template, sample or TOML file; a bundle entry may hold 8 MB.
MAX_PROJECT_FILE_BYTES = 8 * 1024 * 1024
# The folders and files of a project (see docs/project-format.md).
PROJECT_FOLDERS = ("templates", "layouts", "partials", "samples", "reviews")
PROJECT_FILES = ("missive.toml", "policy.toml")


def _outside(root: Path, path: Path) -> InputError:
    try:
        target = str(path.resolve())
    except (OSError, RuntimeError):
        target = "a loop of links"
    return InputError(f"refused: this link leads outside the project (to {target})",
                      path=path, hint="copy the file into the project instead of linking to "
                                      "it; only the project's own files are read")


def real_inside(root: Path, path: Path) -> bool:
    """Whether the real path of ``path`` (every link followed) is inside ``root``."""
    try:
        return path.resolve(strict=False).is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


def ensure_inside(root: Path, path: Path) -> Path:
    """``path`` when its real path is inside the project; else one clear InputError."""
    if not real_inside(Path(root), Path(path)):
        raise _outside(Path(root), Path(path))
    return Path(path)


def read_project_bytes(path: Path, root: Path | None = None,
                       limit: int = MAX_PROJECT_FILE_BYTES) -> bytes:
    """A project file's bytes: inside ``root`` (when given), regular, at most ``limit``."""
    if root is not None:
        ensure_inside(root, path)
    try:
        return read_regular_file(path, limit)
    except UnsafeFile as exc:
        raise InputError(f"refused: {exc.reason}", path=path,
                         hint="only regular files of a reasonable size are read") from None
    except FileNotFoundError:
        raise InputError("file not found", path=path, hint="create it or fix the path") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None


def read_project_text(path: Path, root: Path | None = None,
                      limit: int = MAX_PROJECT_FILE_BYTES) -> str:
    """A project file's UTF-8 text, with the checks of :func:`read_project_bytes`."""
    data = read_project_bytes(path, root, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 (byte {exc.start})", path=path,
                         hint="save the file as UTF-8") from None


def _entry_problem(root: Path, path: Path, st: os.stat_result) -> InputError | None:
    if stat.S_ISLNK(st.st_mode):
        if not real_inside(root, path):
            return _outside(root, path)
        try:
            st = path.stat()
        except OSError:
            return None  # a dangling link inside the project: reading it says "not found"
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        return InputError(f"refused: {kind_of(st.st_mode)}, not a regular file", path=path,
                          hint="remove it from the project; only regular files are read")
    if st.st_size > MAX_PROJECT_FILE_BYTES:
        return InputError(f"refused: larger than the limit of {MAX_PROJECT_FILE_BYTES:,} "
                          f"bytes ({st.st_size:,} bytes)", path=path,
                          hint="a template, sample or settings file is never this big")
    return None


def check_project_tree(root: str | Path) -> None:
    """Refuse (InputError) the first link leading out of the project, and the first
    FIFO, device, socket or oversized file, in the project's folders and files."""
    root = Path(root)
    pending = [root / name for name in (*PROJECT_FOLDERS, *PROJECT_FILES)]
    while pending:
        path = pending.pop()
        try:
            st = path.lstat()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
        problem = _entry_problem(root, path, st)
        if problem is not None:
            raise problem
        if stat.S_ISDIR(st.st_mode):  # real folders only: a linked one's target is checked
            try:
                pending.extend(sorted(path.iterdir(), reverse=True))
            except OSError as exc:
                raise InputError(f"cannot read the folder: {exc.strerror or exc}",
                                 path=path) from None


def refuse_project_output(root: str | Path, out: str | Path) -> None:
    """InputError when writing ``out`` would overwrite or add to the project's own files
    (missive.toml, policy.toml, or anything in templates/, layouts/, partials/, samples/,
    reviews/): a proof or a bundle never replaces what the writer wrote."""
    root = Path(root).resolve()
    target = Path(out).resolve()
    if not target.is_relative_to(root):
        return
    parts = target.relative_to(root).parts
    if parts and (parts[0] in PROJECT_FOLDERS or (len(parts) == 1 and parts[0] in PROJECT_FILES)):
        raise InputError("refused: the output would overwrite or add to the project's own "
                         "files", path=out, hint="write it outside templates/, layouts/, "
                         "partials/, samples/ and reviews/, e.g. proof.pdf in the project "
                         "folder or elsewhere")
