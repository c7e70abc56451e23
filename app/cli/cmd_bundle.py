"""``missive bundle render|verify FILE.zip``: use an exported bundle as the sending system."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.project import load_json_object
from ..core.worker import current_pool
from ..kernel.channels import channel_names, spec_for
from ..runtime import BoundedRenderer, Bundle, verify
from .output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``bundle`` command with its ``render`` and ``verify`` subcommands."""
    parser = sub.add_parser("bundle", help="render from or verify an exported bundle")
    commands = parser.add_subparsers(dest="bundle_command", metavar="SUBCOMMAND",
                                     parser_class=type(parser))
    commands.required = True
    render = commands.add_parser("render", help="render one message from a bundle")
    render.add_argument("bundle", type=Path, help="FILE.zip or a bundle folder")
    render.add_argument("--template", required=True, help="template id")
    render.add_argument("--locale", required=True, help="locale, e.g. en, he, ar")
    render.add_argument("--channel", required=True, choices=channel_names())
    render.add_argument("--data", required=True, type=Path, help="a JSON file with the data")
    render.add_argument("--format", choices=("text", "json"), default="text",
                        help="text (default) or json")
    render.set_defaults(run=run_render)
    check = commands.add_parser("verify", help="check the manifest, checksums and goldens")
    check.add_argument("bundle", type=Path, help="FILE.zip or a bundle folder")
    check.add_argument("--reviewers", type=Path, default=None, metavar="FILE",
                       help="your trusted reviewers file to check signatures against "
                            "(default: the bundle's own copy)")
    check.add_argument("--require-signed", action="store_true",
                       help="fail unless every part is approved with a verified signature")
    check.set_defaults(run=run_verify)


def run_render(args: argparse.Namespace) -> int:
    """Render one message and print it."""
    bundle = Bundle.open(args.bundle)
    data = load_json_object(args.data)
    message = BoundedRenderer(bundle, pool=current_pool()).render(
        args.template, args.locale, args.channel, data)
    d = message.to_dict()
    if args.format == "json":
        print_json(d)
    else:
        sys.stdout.write(spec_for(args.channel).as_text(d) + "\n")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    """Open (manifest, checksums), re-render every golden sample and check the review
    claims and signatures (:mod:`app.runtime.approvals`); exit 1 on any problem."""
    from ..kernel.errors import ContentError, InputError
    from ..runtime.approvals import verify_approvals

    bundle = Bundle.open(args.bundle)
    problems = verify(bundle, BoundedRenderer(bundle, pool=current_pool()).render)
    count = sum(len(t["golden"]) for t in bundle.manifest["templates"])
    trusted = None
    if args.reviewers is not None:
        try:
            trusted = args.reviewers.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the reviewers file: {exc}",
                             path=args.reviewers) from None
    approvals = verify_approvals(bundle, trusted, args.require_signed)
    for note in approvals.notes:
        sys.stdout.write(f"note: {note}\n")
    for problem in problems:
        sys.stdout.write(f"FAIL {problem}\n")
    for problem in approvals.problems:
        sys.stdout.write(f"FAIL {problem}\n")
    if problems:
        raise ContentError(f"{len(problems)} of {count} golden renders differ",
                           path=args.bundle, hint="the runtime or the bundle changed")
    if approvals.problems:
        raise ContentError(f"review claims do not hold: {approvals.problems[0]}",
                           path=args.bundle, hint="export again from the reviewed project")
    sys.stdout.write(f"ok: manifest, {len(bundle.files)} checksums, {count} golden renders "
                     f"reproduced, review claims hold, {approvals.signatures} signature(s) "
                     f"verified\n")
    return 0
