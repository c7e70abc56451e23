"""Shared fixtures: a fresh copy of the demo project, and running the CLI in-process."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.paths import demo_project_dir
from app.core.project import Project

# CI runs the property tests on fixed examples, so whether a commit lands never hinges on
# a new random draw; a developer's run explores (and keeps what it finds in .hypothesis/).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
SHARED_REFERENCE = ROOT.parent / "shared" / "reference"


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A writable copy of the demo project."""
    target = tmp_path / "demo"
    shutil.copytree(demo_project_dir(), target)
    return target


@pytest.fixture(scope="session")
def demo_project() -> Project:
    """The bundled demo project, loaded once (read-only use)."""
    return Project.load(demo_project_dir())


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``missive ARGS...`` in-process; returns exit code, stdout and stderr."""

    from app.cli.main import main

    def run(*args: str | Path) -> CliResult:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
