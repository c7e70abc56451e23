"""Findings as SARIF 2.1.0, which code-scanning tools and CI dashboards read."""

from __future__ import annotations

import json
from typing import Any

from ..model import Report, Rule

NAME = "sarif"
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render(report: Report, rules: dict[str, Rule], *, project: str = "",
           color: bool = False) -> str:
    """One run of the tool "missive" with every rule and every finding as a result."""
    from .... import __version__

    ids = sorted(rules)
    results: list[dict[str, Any]] = []
    for finding in report.findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "ruleIndex": ids.index(finding.rule) if finding.rule in rules else -1,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message + (f" ({finding.hint})" if finding.hint
                                                   else "")},
            "properties": {k: getattr(finding, k) for k in
                           ("template", "locale", "channel", "sample") if getattr(finding, k)},
        }
        if finding.path:
            region = {}
            if finding.line:
                region["startLine"] = finding.line
                if finding.column:
                    region["startColumn"] = finding.column
            location: dict[str, Any] = {"artifactLocation": {"uri": finding.path,
                                                             "uriBaseId": "PROJECT"}}
            if region:
                location["region"] = region
            result["locations"] = [{"physicalLocation": location}]
        results.append(result)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "missive",
                "version": __version__,
                "informationUri": "https://northwind.example/missive-studio",
                "rules": [{
                    "id": rid,
                    "shortDescription": {"text": rules[rid].summary},
                    "help": {"text": rules[rid].hint},
                    "defaultConfiguration": {"level": LEVELS[rules[rid].severity]},
                } for rid in ids],
            }},
            "originalUriBaseIds": {"PROJECT": {"uri": "./"}},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
