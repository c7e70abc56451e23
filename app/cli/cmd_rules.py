"""``missive rules``: list every rule with its id, default severity and what it checks."""

from __future__ import annotations

import argparse
import json
import sys

from ..core.checks import all_rules


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``rules`` command."""
    parser = sub.add_parser("rules", help="list the rules the checks apply")
    parser.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    parser.set_defaults(run=run)


def markdown() -> str:
    """docs/rules.md: every rule with its settings and an example of a violation and fix."""
    rules = all_rules()
    out = ["# The rules", "",
           "What `missive check`, the studio and the export check in every message. Each "
           "rule has an id (used in `policy.toml` and in reports), a default severity, and "
           "settings you can change in the project's `policy.toml`:", "",
           "```toml", "[rules.subject]", "severity = \"error\"   # error | warning | info",
           "max_length = 50", "", "[rules.you-focus]", "enabled = false", "```", "",
           "This page is generated: `missive rules --format markdown > docs/rules.md`.", "",
           "| id | severity | checks |", "|---|---|---|"]
    out += [f"| [`{r.id}`](#{r.id}) | {r.severity} | {r.summary} |" for r in rules.values()]
    for rule in rules.values():
        out += ["", f"## {rule.id}", "", f"*{rule.severity}* — {rule.summary}. "
                f"{rule.hint[0].upper() + rule.hint[1:]}."]
        if rule.channels:
            out += ["", f"Channels: {', '.join(rule.channels)}."]
        if rule.doc:
            out += ["", rule.doc]
        if rule.settings:
            out += ["", "Settings (defaults):", "", "```toml", f"[rules.{rule.id}]"]
            for key, value in rule.settings.items():
                out.append(f"{key} = {json.dumps(value, ensure_ascii=False)}")
            out += ["```"]
    return "\n".join(out) + "\n"


def run(args: argparse.Namespace) -> int:
    """Print the rules."""
    rules = all_rules()
    if args.format == "json":
        sys.stdout.write(json.dumps([{
            "id": r.id, "severity": r.severity, "summary": r.summary, "hint": r.hint,
            "scope": r.scope, "channels": list(r.channels), "settings": r.settings,
        } for r in rules.values()], ensure_ascii=False, indent=2) + "\n")
    elif args.format == "markdown":
        sys.stdout.write(markdown())
    else:
        width = max(len(r.id) for r in rules.values())
        for r in rules.values():
            sys.stdout.write(f"{r.id:<{width}}  {r.severity:<7}  {r.summary}\n")
    return 0
