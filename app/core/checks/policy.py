"""policy.toml: switch rules off, change their severity, tune their thresholds and lists.

```toml
[rules.subject]
severity = "error"      # error | warning | info
max_length = 50

[rules.you-focus]
enabled = false
```
Unknown rule ids, unknown keys and values of the wrong type are input errors that name
the line: a typo must not silently leave a rule at its default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...kernel.errors import InputError
from ..tomlfile import find_key_line, load_toml
from .model import SEVERITIES, Rule

COMMON_KEYS = ("enabled", "severity")


@dataclass(frozen=True)
class RulePolicy:
    """One rule as the project configured it."""

    enabled: bool
    severity: str
    settings: dict[str, Any] = field(default_factory=dict)


def _type_name(value: Any) -> str:
    return {bool: "true/false", int: "number", float: "number", str: "text", list: "list",
            dict: "table"}.get(type(value), type(value).__name__)


def _same_kind(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    return isinstance(value, type(default))


def _merge(default: Any, value: Any, key: tuple[str, ...], path: Path, text: str) -> Any:
    if not _same_kind(default, value):
        raise InputError(f"'{'.'.join(key)}' must be {_type_name(default)}", path=path,
                         line=find_key_line(text, key), column=1)
    if isinstance(default, dict):
        # Per-locale tables may add locales; known keys keep their type.
        merged = dict(default)
        for name, item in value.items():
            merged[name] = (_merge(default[name], item, (*key, name), path, text)
                            if name in default else item)
        return merged
    return value


def load_policy(path: Path, rules: dict[str, Rule]) -> dict[str, RulePolicy]:
    """Every rule's policy: the file's settings over the rule's defaults."""
    data: dict[str, Any] = {}
    text = ""
    if path.is_file():
        data, text = load_toml(path)
    unknown = set(data) - {"rules", "limits"}  # [limits]: see app/core/worker/limits.py
    if unknown:
        name = sorted(unknown)[0]
        raise InputError(f"unknown table '{name}'", path=path,
                         line=find_key_line(text, (name,)), column=1,
                         hint="rule settings go under [rules.<rule-id>], render limits "
                              "under [limits]")
    table = data.get("rules", {})
    if not isinstance(table, dict):
        raise InputError("'rules' must be a table", path=path,
                         line=find_key_line(text, ("rules",)), column=1)
    for rule_id, entry in table.items():
        if rule_id not in rules:
            raise InputError(f"unknown rule '{rule_id}'", path=path,
                             line=find_key_line(text, ("rules", rule_id)), column=1,
                             hint="'missive rules' lists the rule ids")
        if not isinstance(entry, dict):
            raise InputError(f"'rules.{rule_id}' must be a table", path=path,
                             line=find_key_line(text, ("rules", rule_id)), column=1)
    result: dict[str, RulePolicy] = {}
    for rule_id, rule in rules.items():
        entry = table.get(rule_id, {})
        settings = dict(rule.settings)
        for key, value in entry.items():
            where = ("rules", rule_id, key)
            if key not in COMMON_KEYS and key not in rule.settings:
                allowed = ", ".join([*COMMON_KEYS, *rule.settings])
                raise InputError(f"unknown key '{key}' for rule '{rule_id}'", path=path,
                                 line=find_key_line(text, where), column=1,
                                 hint=f"allowed: {allowed}")
            if key in rule.settings:
                settings[key] = _merge(rule.settings[key], value, where, path, text)
        enabled = entry.get("enabled", True)
        severity = entry.get("severity", rule.severity)
        if not isinstance(enabled, bool):
            raise InputError(f"'rules.{rule_id}.enabled' must be true or false", path=path,
                             line=find_key_line(text, ("rules", rule_id, "enabled")), column=1)
        if severity not in SEVERITIES:
            raise InputError(f"'rules.{rule_id}.severity' must be one of "
                             f"{', '.join(SEVERITIES)}", path=path,
                             line=find_key_line(text, ("rules", rule_id, "severity")), column=1)
        result[rule_id] = RulePolicy(enabled=enabled, severity=severity, settings=settings)
    return result
