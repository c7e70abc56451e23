"""Where the application's own files are: resources/ and locales/, in a checkout or a build."""

from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding resources/ and locales/ (the checkout, or PyInstaller's bundle)."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    """The resources/ folder."""
    return app_root() / "resources"


def demo_project_dir() -> Path:
    """The bundled demo project (never edited in place: ``missive new`` copies it)."""
    return resources_dir() / "demo"


def locales_dir() -> Path:
    """The locales/ folder with the interface's translation catalogs."""
    return app_root() / "locales"
