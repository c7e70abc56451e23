"""Exporting template bundles that the sending system imports (docs/bundle-format.md).

``export_project(project, out)`` checks the project, compiles every template × locale ×
channel once, renders the golden samples, proves the runtime (:mod:`app.runtime`)
reproduces them, and writes a reproducible zip or folder.
"""

from __future__ import annotations

from .exporter import (
    ApprovalMissing,
    ExportRefused,
    ExportResult,
    build_bundle,
    export_project,
    export_time,
)
from .review_info import review_info

__all__ = ["ApprovalMissing", "ExportRefused", "ExportResult", "build_bundle", "export_project",
           "export_time", "review_info"]
