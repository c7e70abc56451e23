"""Helpers for the export and runtime tests: build the demo bundle, tamper with bundles."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from app.core.export import export_project, export_time
from app.core.project import Project

TIME = "2026-01-01T00:00:00Z"


def export_demo(root: Path, out: Path) -> dict:
    """Export a project to ``out`` at a fixed time; returns the manifest."""
    result = export_project(Project.load(root), out, allow_warnings=True,
                            moment=export_time(TIME))
    return result.manifest


def read_zip(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {i.filename: archive.read(i) for i in archive.infolist()}


def write_zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def rewrite(files: dict[str, bytes], name: str, data: bytes) -> dict[str, bytes]:
    """Replace a file and fix every checksum the manifest gives for it."""
    files = dict(files)
    old = hashlib.sha256(files[name]).hexdigest()
    new = hashlib.sha256(data).hexdigest()
    files[name] = data
    manifest = json.loads(files["manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == name:
            entry["sha256"], entry["size"] = new, len(data)
    text = json.dumps(manifest, ensure_ascii=False).replace(old, new)
    files["manifest.json"] = text.encode("utf-8")
    return files
