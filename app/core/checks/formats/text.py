"""Findings for people: grouped by template and variant, coloured on a terminal."""

from __future__ import annotations

from itertools import groupby

from ..model import Finding, Report, Rule

NAME = "text"
COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
BOLD, DIM, RESET = "\033[1m", "\033[2m", "\033[0m"


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{RESET}" if color else text


def _line(finding: Finding, color: bool) -> list[str]:
    label = _paint(f"{finding.severity:<7}", COLORS[finding.severity], color)
    sample = f" [{finding.sample}]" if finding.sample else ""
    where = f"  {finding.where}" if finding.where else ""
    out = [f"  {label} {finding.rule}{sample}: {finding.message}{_paint(where, DIM, color)}"]
    if finding.hint:
        out.append(_paint(f"          → {finding.hint}", DIM, color))
    return out


def one_line(finding: Finding) -> str:
    """A finding on one line, as ``missive export`` lists what refused it:
    ``error: [rule] template · locale · channel · sample: message  path:line:column``
    (the template's id, or "project", when no file is known)."""
    where = f"{finding.path}:{finding.line}:{finding.column}" if finding.path \
        else finding.template or "project"
    variant = " · ".join(x for x in (finding.template, finding.locale, finding.channel,
                                      finding.sample) if x)
    return f"{finding.severity}: [{finding.rule}] {variant}: {finding.message}  {where}"


def render(report: Report, rules: dict[str, Rule], *, project: str = "",
           color: bool = False) -> str:
    """Findings grouped by template, then locale and channel; a summary line last."""
    lines: list[str] = []
    for template, group in groupby(report.findings, key=lambda f: f.template):
        lines.append(_paint(template or "(project)", BOLD, color))
        for (locale, channel), items in groupby(group, key=lambda f: (f.locale, f.channel)):
            if locale or channel:
                lines.append(f" {locale or '*'} · {channel or '*'}")
            for finding in items:
                lines.extend(_line(finding, color))
        lines.append("")
    s = report.summary()
    verdict = "no errors" if not s["errors"] else f"{s['errors']} error(s)"
    lines.append(f"{project + ': ' if project else ''}{verdict}, {s['warnings']} warning(s), "
                 f"{s['infos']} info(s)")
    return "\n".join(lines) + "\n"
