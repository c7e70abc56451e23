"""Findings as JUnit XML: one test case per template × locale × channel, failed by errors."""

from __future__ import annotations

from collections import defaultdict
from xml.etree import ElementTree as ET

from ..model import Finding, Report, Rule

NAME = "junit"


def render(report: Report, rules: dict[str, Rule], *, project: str = "",
           color: bool = False, variants: list[tuple[str, str, str]] | None = None) -> str:
    """A testsuite per template; errors are failures, warnings and infos go to system-out."""
    by_case: dict[tuple[str, str, str], list[Finding]] = defaultdict(list)
    for finding in report.findings:
        by_case[(finding.template, finding.locale, finding.channel)].append(finding)
    for key in variants or []:
        by_case.setdefault(key, [])
    suites = ET.Element("testsuites", name=f"missive check {project}".strip())
    for template in sorted({k[0] for k in by_case}):
        cases = sorted(k for k in by_case if k[0] == template)
        suite = ET.SubElement(suites, "testsuite", name=template or "(project)",
                              tests=str(len(cases)))
        failures = 0
        for key in cases:
            name = " · ".join(p for p in key[1:] if p) or "template"
            case = ET.SubElement(suite, "testcase", classname=template or "project", name=name)
            errors = [f for f in by_case[key] if f.severity == "error"]
            others = [f for f in by_case[key] if f.severity != "error"]
            for finding in errors:
                failures += 1
                failure = ET.SubElement(case, "failure", type=finding.rule,
                                        message=finding.message)
                failure.text = _describe(finding)
            if others:
                ET.SubElement(case, "system-out").text = "\n".join(_describe(f) for f in others)
        suite.set("failures", str(failures))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        suites, encoding="unicode") + "\n"


def _describe(finding: Finding) -> str:
    sample = f" [{finding.sample}]" if finding.sample else ""
    where = f" at {finding.where}" if finding.where else ""
    return f"{finding.severity} {finding.rule}{sample}: {finding.message}{where}"
