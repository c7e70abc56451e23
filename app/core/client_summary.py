"""The client-support findings of one variant, grouped per mail-client family: which
features will break where (the studio's summary beside the preview)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import caniemail


@dataclass(frozen=True)
class Breakage:
    """One feature that breaks in some clients of a family, and where it is written."""

    feature: str
    clients: tuple[str, ...]
    path: str
    line: int
    column: int
    html_line: int


@dataclass
class Family:
    """A client family (Gmail, Outlook…) and its breakages; ``partly``: how many
    features it supports only partly."""

    name: str
    breaks: list[Breakage] = field(default_factory=list)
    partly: int = 0


def _family_of(client: str, names: list[str]) -> str:
    for name in names:
        if client.startswith(name.split()[0]):
            return name
    return client.split()[0]


def summarize(findings: Iterable[Mapping[str, Any]],
              targets: Iterable[str] = caniemail.DEFAULT_CLIENTS) -> list[Family]:
    """Families in target order (those with nothing to report too), from the findings'
    ``message_args`` (feature, clients, line)."""
    data = caniemail.load()
    order = list(dict.fromkeys(data.family_name(c) for c in targets))
    families = {name: Family(name) for name in order}
    for finding in findings:
        args = finding.get("message_args") or {}
        if finding.get("rule") != "client-support" or "clients" not in args:
            continue
        by_family: dict[str, list[str]] = {}
        for client in str(args["clients"]).split(", "):
            by_family.setdefault(_family_of(client, order), []).append(client)
        for name, clients in by_family.items():
            family = families.setdefault(name, Family(name))
            if "partly" in str(finding.get("message_id", "")):
                family.partly += 1
                continue
            family.breaks.append(Breakage(
                feature=str(args.get("feature", "")), clients=tuple(clients),
                path=str(finding.get("path", "")), line=int(finding.get("line") or 0),
                column=int(finding.get("column") or 0), html_line=int(args.get("line") or 0)))
    return list(families.values())
