"""Creating a new project folder from the bundled demo project."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..kernel.errors import InputError
from .paths import demo_project_dir


def enclosing_project(target: Path) -> Path | None:
    """The project folder (with missive.toml) that ``target`` would be inside, if any."""
    for folder in Path(os.path.abspath(target)).parents:
        if (folder / "missive.toml").is_file():
            return folder
    return None


def scaffold(target: str | Path) -> Path:
    """Copy the demo project into ``target``, which must not exist or be empty."""
    target = Path(target)
    project = enclosing_project(target)
    if project is not None:
        raise InputError(f"this folder is inside the project {project}, and a project "
                         "cannot hold another", path=target,
                         hint=f"to add a template there, run 'missive template new {project} "
                              "--id ID'; nothing was written")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError("folder exists and is not empty", path=target,
                         hint="choose a new folder name; nothing was written")
    source = demo_project_dir()
    if not (source / "missive.toml").is_file():
        raise InputError("the demo project is missing from this installation", path=source,
                         hint="reinstall Missive Studio")
    shutil.copytree(source, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
    return target
