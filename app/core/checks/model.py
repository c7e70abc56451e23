"""What the checks produce: findings, their severities, and the report of a run."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict

from ..message_text import Message
from ..message_text import msg as msg  # re-exported: rules write ``from ..model import msg``
from .fixes import Fix

SEVERITIES = ("error", "warning", "info")


def _json_value(value: Any) -> Any:
    return value if isinstance(value, int | float | str) and not isinstance(value, bool) \
        else str(value)


@dataclass(frozen=True)
class Finding:
    """One place where a message breaks a rule.

    ``template``, ``locale``, ``channel`` and ``sample`` are empty when the finding is
    about something wider (the project, a template's declarations). ``path`` is
    relative to the project root; ``line``/``column`` are 1-based, 0 when unknown.
    """

    rule: str
    severity: str
    message: str
    hint: str = ""
    template: str = ""
    locale: str = ""
    channel: str = ""
    sample: str = ""
    path: str = ""
    line: int = 0
    column: int = 0
    # Quick fixes (app/core/checks/fixes.py); not part of what makes two findings equal.
    fixes: tuple[Fix, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form (docs/cli.md, ``missive check --format json``);
        ``message_id``/``message_args`` (and ``hint_id``/``hint_args``) are the template
        and values when the rule gave them (the studio translates with them); ``fixes``
        is there when the finding has quick fixes."""
        out: dict[str, Any] = {
            "rule": self.rule, "severity": self.severity, "message": str(self.message),
            "hint": self.hint, "template": self.template, "locale": self.locale,
            "channel": self.channel, "sample": self.sample, "path": self.path,
            "line": self.line, "column": self.column,
        }
        for key, text in (("message", self.message), ("hint", self.hint)):
            if isinstance(text, Message):
                out[f"{key}_id"] = text.template
                out[f"{key}_args"] = {k: _json_value(v) for k, v in text.args.items()}
        if self.fixes:
            out["fixes"] = [fix.to_dict() for fix in self.fixes]
        return out

    @property
    def where(self) -> str:
        """``path:line:column`` as far as known."""
        if not self.path:
            return ""
        return self.path + (f":{self.line}" if self.line else "") + (
            f":{self.column}" if self.line and self.column else "")


class Where(TypedDict):
    """Where an :class:`Issue` points, as keyword arguments for it (``Issue(text, **where)``)."""

    path: str
    line: int
    column: int
    locale: NotRequired[str]
    channel: NotRequired[str]


@dataclass(frozen=True)
class Issue:
    """What a rule reports; the engine adds the rule, severity and variant to make a Finding."""

    message: str
    path: str = ""
    line: int = 0
    column: int = 0
    sample: str = ""
    hint: str = ""
    severity: str = ""  # empty: the rule's (policy-adjusted) severity
    template: str = ""  # template and project rules may name the variant they mean
    locale: str = ""
    channel: str = ""
    fixes: tuple[Fix, ...] = ()


@dataclass(frozen=True)
class Rule:
    """A registered rule: a stable id, a default severity, a summary and a fix hint.

    ``scope`` says what ``check`` receives: "project" (a ProjectScope), "template" (a
    TemplateScope) or "variant" (a VariantScope: one template × locale × channel with its
    renders over every sample). ``settings`` are the defaults of the rule's thresholds
    and lists, which policy.toml may override (same type). ``channels`` limits a variant
    rule to some channels (empty: all).
    """

    id: str
    severity: str
    summary: str
    hint: str
    scope: str
    check: Callable[..., Iterator[Issue]]
    settings: dict[str, Any] = field(default_factory=dict)
    channels: tuple[str, ...] = ()
    doc: str = ""  # for docs/rules.md: an example of a violation and its fix, in plain words


@dataclass
class Report:
    """The findings of a run, in a stable order, and their counts."""

    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return sum(f.severity == "error" for f in self.findings)

    @property
    def warnings(self) -> int:
        """How many findings are warnings."""
        return sum(f.severity == "warning" for f in self.findings)

    @property
    def infos(self) -> int:
        """How many findings are infos."""
        return sum(f.severity == "info" for f in self.findings)

    def summary(self) -> dict[str, int]:
        """``{"errors", "warnings", "infos"}`` as in the JSON output."""
        return {"errors": self.errors, "warnings": self.warnings, "infos": self.infos}

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON form: ``{"findings": [...], "summary": {...}}``."""
        return {"findings": [f.to_dict() for f in self.findings], "summary": self.summary()}
