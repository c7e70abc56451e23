"""The gate before an approval: a part with check errors is approved only with a reason.

The findings of a part are the template's findings in its locales and channels (and
those about the whole template). Errors refuse the approval unless the reviewer gives
``--override-errors "reason"``; the reason and the errors are recorded in the approval,
and warnings are always listed in it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...kernel.errors import ContentError
from ..project import Project
from .parts import Part

if TYPE_CHECKING:  # the checks import the export, which imports this store
    from ..checks import Finding


class ApprovalRefused(ContentError):
    """The part has check errors and no reason to override them was given."""


def describe(finding: Finding) -> str:
    """``error [rule] he/email (sample): message``: one line for the approval record."""
    where = "/".join(x for x in (finding.locale, finding.channel) if x) or "template"
    sample = f" ({finding.sample})" if finding.sample else ""
    return f"{finding.severity} [{finding.rule}] {where}{sample}: {finding.message}"


def part_findings(project: Project, part: Part) -> list[Finding]:
    """The findings that concern the part."""
    from ..checks import run_checks

    report = run_checks(project, templates=[part.template])
    return [f for f in report.findings if f.template == part.template
            and f.locale in ("", *([part.locale] if part.locale else [f.locale]))
            and f.channel in ("", *([part.channel] if part.channel else [f.channel]))]


def gate(project: Project, part: Part, override: str) -> tuple[list[str], list[str]]:
    """(errors, warnings) of the part as record lines; raises ApprovalRefused on errors
    without an override reason."""
    findings = part_findings(project, part)
    errors = sorted({describe(f) for f in findings if f.severity == "error"})
    warnings = sorted({describe(f) for f in findings if f.severity == "warning"})
    if errors and not override.strip():
        first = errors[0]
        raise ApprovalRefused(
            f"approval refused: {part.label} has {len(errors)} check error(s), e.g. {first}",
            hint='fix them (missive check), or approve with --override-errors "reason"')
    return errors, warnings
