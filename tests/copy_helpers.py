"""A project for the copy model's tests: the demo plus a real-world-shaped order summary
(tests/data/copy_rich: columns, a table filled by a loop, buttons, images, raw HTML,
Jinja logic) in en, he and ar."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from app.core.paths import demo_project_dir

RICH = Path(__file__).parent / "data" / "copy_rich"


def make_copy_project(target: Path) -> Path:
    """Copy the demo and the order summary into ``target``; returns it."""
    shutil.copytree(demo_project_dir(), target)
    shutil.copytree(RICH, target, dirs_exist_ok=True)
    return target


def sample_data(root: Path, template: str) -> dict[str, Any]:
    """Data that renders ``template``: the order sample, or Dana's for the demo's."""
    name = "order_en" if template == "order_summary" else "dana_he"
    data = json.loads((root / "samples" / f"{name}.json").read_text(encoding="utf-8"))
    data.pop("locale", None)
    return data
