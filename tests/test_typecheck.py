"""The headless packages type-check clean with mypy, as configured in pyproject's [tool.mypy].

The packages checked are the ``files`` list there; the cache is mypy's own ``.mypy_cache``
in the checkout (a fresh clone's first run builds it, later runs reuse it).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_mypy_is_clean_on_every_configured_module() -> None:
    run = subprocess.run([sys.executable, "-m", "mypy"], capture_output=True, text=True,
                         cwd=ROOT, timeout=600)
    assert run.returncode == 0, "mypy found problems:\n" + run.stdout[-6000:] + run.stderr[-2000:]
    # Every module of the configured packages was checked, not an emptied list.
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    expected = sum(1 for folder in config["files"] for _ in (ROOT / folder).rglob("*.py"))
    checked = re.search(r"no issues found in (\d+) source files", run.stdout)
    assert checked is not None, run.stdout
    assert {"app/core", "app/runtime"} <= set(config["files"])
    assert int(checked.group(1)) == expected, run.stdout
