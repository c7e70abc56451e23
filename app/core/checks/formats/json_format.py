"""Findings as JSON: ``{"findings": [...], "summary": {"errors", "warnings", "infos"}}``."""

from __future__ import annotations

import json

from ..model import Report, Rule

NAME = "json"


def render(report: Report, rules: dict[str, Rule], *, project: str = "",
           color: bool = False) -> str:
    """The documented JSON form (docs/cli.md)."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
