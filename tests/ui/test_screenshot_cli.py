"""``missive studio DIR --screenshot``: the picture the README and reviewers rely on,
taken by a separate process as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage


def _studio(*args: str | Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               XDG_DATA_HOME=str(Path(str(args[0])).parent / "data"))
    return subprocess.run([sys.executable, "-m", "app", "studio", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout, env=env)


def _non_blank(path: Path) -> QImage:
    image = QImage(str(path))
    assert not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 37)
               for y in range(0, image.height(), 37)}
    assert len(colours) > 20, "the picture is blank"
    return image


@pytest.mark.parametrize("flags", [
    ("--template", "invoice_ready", "--locale", "he", "--lang", "he", "--device", "phone"),
    ("--template", "invoice_ready", "--locale", "ar", "--view", "text", "--images-off",
     "--forced-dark", "--compare-locale", "en"),
    ("--lang", "ar", "--tab", "review"),
], ids=["hebrew-phone", "arabic-text-side-by-side", "review-grid"])
def test_screenshot_of_the_window(demo: Path, tmp_path: Path, flags: tuple[str, ...]) -> None:
    out = tmp_path / "shot.png"
    done = _studio(demo, "--screenshot", out, *flags)
    assert done.returncode == 0, done.stderr
    assert f"{out}: screenshot of the studio window" in done.stdout
    image = _non_blank(out)
    assert (image.width(), image.height()) == (1600, 1000)


def test_a_bad_screenshot_path_is_one_line(demo: Path, tmp_path: Path) -> None:
    done = _studio(demo, "--screenshot", tmp_path / "missing" / "shot.png")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "screenshot" in done.stderr
