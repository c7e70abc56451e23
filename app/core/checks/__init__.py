"""The check engine: the rules of good operational messages, run over a project.

``run_checks(project)`` renders every template × locale × channel × sample once, gives
each registered rule its view, and returns a :class:`Report` of :class:`Finding` s.
Rules live in ``rules/`` (one topic per module) and register with ``@rule``;
``policy.toml`` switches and tunes them. The CLI (``missive check``), the studio and the
export all call this.
"""

from __future__ import annotations

from .engine import default_jobs, run_checks
from .model import SEVERITIES, Finding, Issue, Report, Rule
from .registry import all_rules, rule

__all__ = ["SEVERITIES", "Finding", "Issue", "Report", "Rule", "all_rules", "default_jobs",
           "rule", "run_checks"]
