"""Template settings (template.toml) as plain values, read from and written back to TOML text.

The studio's settings form and ``missive template new`` work on :class:`TemplateSettings`;
:func:`apply_settings` writes them into the file's text with tomlkit, which round-trips:
comments, key order, formatting and keys the form does not know (description,
promotional, a variable's description…) are kept, and a key is only touched when its
value changed. The functions take and return text, so the studio can apply them to the
unsaved document in the editor (one document per file, one undo history).

A template's locales are its locale folders, not a key of template.toml; they are listed
here for the form and created with :func:`app.core.workspace.templates.add_locale`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import tomlkit
from tomlkit.items import AoT, Array, InlineTable

from ...kernel.channels import channel_names, default_channels
from ...kernel.errors import InputError
from ..message_text import msg
from ..model import CATEGORIES, RESERVED_NAMES, VARIABLE_TYPES
from ..tomlfile import parse_toml

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_DURATION = re.compile(r"^\d+\s*(m|min|h|d|s)$")


@dataclass
class VariableSettings:
    """One declared variable as the form shows it."""

    name: str
    type: str = "string"
    required: bool = True
    currency: str | None = None  # the variable holding the currency code (money only)
    # The name it had in the file, when the form renamed it: its other keys (the
    # description) move with it.
    original: str | None = field(default=None, compare=False)


@dataclass
class FallbackSettings:
    """A fallback channel and the delay after which it is sent ("12h")."""

    channel: str
    after: str | None = None


@dataclass
class TemplateSettings:
    """The settings of template.toml that the form edits."""

    title: str = ""
    category: str = "operational"
    channels: list[str] = field(default_factory=lambda: list(default_channels()))
    variables: list[VariableSettings] = field(default_factory=list)
    primary: str | None = None
    fallbacks: list[FallbackSettings] = field(default_factory=list)


def read_settings(text: str, path: str = "template.toml") -> TemplateSettings:
    """The settings written in template.toml's ``text`` (a syntax error is an InputError)."""
    data = parse_toml(text, path)
    variables = []
    for name, spec in (data.get("variables") or {}).items():
        spec = spec if isinstance(spec, dict) else {}
        variables.append(VariableSettings(
            name=name, original=name, type=str(spec.get("type", "string")),
            required=bool(spec.get("required", True)),
            currency=spec.get("currency") if isinstance(spec.get("currency"), str) else None,
        ))
    strategy = data.get("strategy") or {}
    fallbacks = [FallbackSettings(channel=str(item.get("channel", "")), after=item.get("after"))
                 for item in strategy.get("fallback", []) if isinstance(item, dict)]
    channels = data.get("channels", list(default_channels()))
    return TemplateSettings(
        title=str(data.get("title", "")), category=str(data.get("category", "operational")),
        channels=[str(c) for c in channels] if isinstance(channels, list) else [],
        variables=variables, primary=strategy.get("primary"), fallbacks=fallbacks,
    )


def settings_problems(settings: TemplateSettings) -> list[str]:
    """Everything wrong with ``settings``, one plain sentence each (empty when fine).

    Each is a :func:`~app.core.message_text.msg`, so the studio shows it translated.
    """
    problems: list[str] = []
    if settings.category not in CATEGORIES:
        problems.append(msg("category must be one of {categories}, not '{category}'",
                            categories=", ".join(CATEGORIES), category=settings.category))
    if not settings.channels:
        problems.append(msg("choose at least one channel"))
    for channel in settings.channels:
        if channel not in channel_names():
            problems.append(msg("unknown channel '{channel}' (channels: {channels})",
                                channel=channel, channels=", ".join(channel_names())))
    seen: set[str] = set()
    names = {v.name for v in settings.variables}
    for var in settings.variables:
        if not _NAME.match(var.name):
            problems.append(msg("'{name}' is not a valid variable name: use letters, digits "
                                "and underscores, not starting with a digit", name=var.name))
        elif var.name in RESERVED_NAMES:
            problems.append(msg("variable name '{name}' is reserved", name=var.name))
        elif var.name in seen:
            problems.append(msg("variable '{name}' is declared twice", name=var.name))
        seen.add(var.name)
        if var.type not in VARIABLE_TYPES:
            problems.append(msg("variable '{name}' has unknown type '{type}' (types: {types})",
                                name=var.name, type=var.type, types=", ".join(VARIABLE_TYPES)))
        if var.currency and var.currency not in names:
            problems.append(msg("variable '{name}' takes its currency from '{currency}', "
                                "which is not declared", name=var.name, currency=var.currency))
    if settings.primary is not None and settings.primary not in settings.channels:
        problems.append(msg("the primary channel '{channel}' is not one of the template's "
                            "channels", channel=settings.primary))
    for fallback in settings.fallbacks:
        if fallback.channel not in settings.channels:
            problems.append(msg("the fallback channel '{channel}' is not one of the "
                                "template's channels", channel=fallback.channel))
        elif fallback.channel == settings.primary:
            problems.append(msg("'{channel}' is both the primary and a fallback",
                                channel=fallback.channel))
        if fallback.after is not None and not _DURATION.match(fallback.after):
            problems.append(msg("fallback delay '{after}' is not a duration: write it like "
                                "30m, 4h or 1d", after=fallback.after))
    return problems


def apply_settings(text: str, settings: TemplateSettings,
                   path: str = "template.toml") -> str:
    """``text`` with ``settings`` written in; every other byte is kept where it can be.

    Raises an InputError listing every problem at once when the settings are invalid, or
    at the syntax error's line when ``text`` is not TOML.
    """
    problems = settings_problems(settings)
    if problems:
        raise InputError("; ".join(problems), path=path, hint="nothing was changed")
    parse_toml(text, path)  # tomllib's errors name the line and column
    doc = tomlkit.parse(text)
    _set(doc, "title", settings.title)
    _set(doc, "category", settings.category)
    if list(doc.get("channels", [])) != settings.channels:
        doc["channels"] = settings.channels
    _write_variables(doc, settings.variables)
    _write_strategy(doc, settings)
    return tomlkit.dumps(doc)


def _set(table: Any, key: str, value: Any) -> None:
    """Assign only when the value changed, so an unchanged key keeps its formatting."""
    if key not in table or table[key] != value:
        table[key] = value


def _write_variables(doc: tomlkit.TOMLDocument, variables: list[VariableSettings]) -> None:
    wanted = {v.name: v for v in variables}
    if "variables" not in doc:
        if not variables:
            return
        doc.add(tomlkit.nl())
        doc["variables"] = tomlkit.table(is_super_table=True)
    table = doc["variables"]
    renamed = {v.original: v.name for v in variables
               if v.original and v.original != v.name and v.original in table
               and v.name not in table}
    for name in [n for n in table if n not in wanted and n not in renamed]:
        del table[name]
    for old, renamed_to in renamed.items():
        spec = table[old]
        del table[old]
        table[renamed_to] = spec
    for var in variables:
        new = var.name not in table
        if new:
            table[var.name] = tomlkit.table()
        spec = table[var.name]
        _set(spec, "type", var.type)
        if not var.required or "required" in spec:
            _set(spec, "required", var.required)
        if var.currency:
            _set(spec, "currency", var.currency)
        elif "currency" in spec:
            del spec["currency"]
        if new:
            spec.add(tomlkit.nl())  # a blank line before whatever table follows
    if not variables and not table:
        del doc["variables"]


def _write_strategy(doc: tomlkit.TOMLDocument, settings: TemplateSettings) -> None:
    if "strategy" not in doc:
        if settings.primary is None and not settings.fallbacks:
            return
        doc.add(tomlkit.nl())
        doc["strategy"] = tomlkit.table()
    table = doc["strategy"]
    if settings.primary is None:
        if "primary" in table:
            del table["primary"]
    else:
        _set(table, "primary", settings.primary)
    current = [{"channel": str(item.get("channel")), "after": item.get("after")}
               for item in table.get("fallback", [])]
    wanted = [{"channel": f.channel, "after": f.after} for f in settings.fallbacks]
    if current == wanted:
        return
    if not wanted:
        if "fallback" in table:
            del table["fallback"]
        return
    table["fallback"] = _fallback_array(settings.fallbacks, table.get("fallback"))


def _fallback_array(fallbacks: list[FallbackSettings], old: Any) -> Array | AoT:
    """The fallbacks as the file wrote them: ``[[strategy.fallback]]`` tables or an array
    of inline tables, one a line."""
    if isinstance(old, AoT):
        aot = tomlkit.aot()
        for item in fallbacks:
            entry = tomlkit.table()
            entry["channel"] = item.channel
            if item.after:
                entry["after"] = item.after
            aot.append(entry)
        return aot
    array = tomlkit.array()
    for item in fallbacks:
        inline: InlineTable = tomlkit.inline_table()
        inline["channel"] = item.channel
        if item.after:
            inline["after"] = item.after
        array.append(inline)
    if len(fallbacks) > 1:
        array.multiline(True)
    return array


__all__ = ["FallbackSettings", "TemplateSettings", "VariableSettings",
           "apply_settings", "read_settings", "settings_problems"]
