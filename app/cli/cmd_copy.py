"""``missive copy DIR`` lists a template's copy as blocks; ``missive copy set DIR`` writes one.

    missive copy DIR --template ID --locale L [--channel C] [--format text|json]
    missive copy set DIR --template ID --locale L --block BLOCK_ID --text TEXT

A text that would break a placeholder or Jinja logic is refused with exit 1 and one line.
"""

from __future__ import annotations

import argparse
import sys

from ..core.copy import CopyDeck, build_deck, write_block
from ..core.copy.translation import mark_translated
from ..core.project import Project
from ..kernel.channels import channel_names
from ..kernel.errors import InputError
from .output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``copy`` command (and its ``set`` form)."""
    parser = sub.add_parser(
        "copy", help="list a template's customer-visible texts as blocks, or write one",
        description="List every text the customer sees (in reading order, per channel) with "
                    "its block id, or — as 'missive copy set DIR …' — write one block.")
    parser.add_argument("target", nargs="+", metavar="DIR",
                        help="the project folder (or 'set DIR' to write a block)")
    parser.add_argument("--template", required=True, help="the template id")
    parser.add_argument("--locale", required=True, help="the locale, e.g. en, he, ar")
    parser.add_argument("--channel", choices=channel_names(), help="list one channel only")
    parser.add_argument("--format", choices=("text", "json"), default="text",
                        help="output format (default: text)")
    parser.add_argument("--block", help="(set) the id of the block to write")
    parser.add_argument("--text", help="(set) the new text; '-' reads it from standard input")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """List the blocks, or write one; returns the exit code."""
    target = list(args.target)
    if len(target) == 2 and target[0] == "set":
        return _set(args, target[1])
    if len(target) != 1:
        raise InputError(f"expected one project folder, got {' '.join(target)}",
                         hint="missive copy DIR … or missive copy set DIR …")
    if args.block or args.text is not None:
        raise InputError("--block and --text write a block: use 'missive copy set DIR …'")
    project = Project.load(target[0])
    deck = build_deck(project, args.template, args.locale, channel=args.channel)
    if args.format == "json":
        print_json(_json(deck))
    else:
        sys.stdout.write(_text(deck))
    return 0


def _set(args: argparse.Namespace, folder: str) -> int:
    if not args.block or args.text is None:
        raise InputError("missive copy set needs --block BLOCK_ID and --text TEXT",
                         hint="list the block ids with 'missive copy DIR --template … "
                              "--locale …'")
    text = sys.stdin.read() if args.text == "-" else args.text
    project = Project.load(folder)
    edit = write_block(project, args.template, args.locale, args.block, text)
    default = project.config.default_locale
    if args.locale != default and edit.new_source != edit.old_source:
        # a translation written now is a translation of today's source text
        mark_translated(project.root, build_deck(project, args.template, default), args.locale,
                        [args.block])
    changed = "written" if edit.new_source != edit.old_source else "unchanged"
    line = edit.old_source.count("\n", 0, edit.start) + 1
    column = edit.start - (edit.old_source.rfind("\n", 0, edit.start) + 1) + 1
    sys.stdout.write(f"{edit.path}:{line}:{column}: {edit.block_id} {changed}\n")
    return 0


def _json(deck: CopyDeck) -> dict:
    return {"template": deck.template, "locale": deck.locale, "direction": deck.direction,
            "blocks": [b.to_dict() for b in deck.blocks]}


def _text(deck: CopyDeck) -> str:
    lines = [f"{deck.template} · {deck.locale} ({deck.direction})"]
    width = max((len(b.id) for b in deck.blocks), default=0)
    for channel in channel_names():
        blocks = deck.channel(channel)
        if not blocks:
            continue
        lines.append(f"\n{channel}")
        for b in blocks:
            where = f"{b.path}:{b.line}"
            text = b.text.replace("\\", "\\\\").replace("\n", "\\n")
            notes = []
            if b.condition:
                notes.append(b.condition)
            if b.shared:
                notes.append(f"shared by {', '.join(b.used_by) or 'no template'}")
            note = f"  [{'; '.join(notes)}]" if notes else ""
            lines.append(f"  {b.id:<{width}}  {b.kind:<19} {where}{note}\n"
                         f"  {'':<{width}}  {text}")
    return "\n".join(lines) + "\n"
