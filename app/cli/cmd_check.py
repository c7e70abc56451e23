"""``missive check DIR``: run every rule over the project and report the findings."""

from __future__ import annotations

import argparse
import os
import sys

from ..core.checks import all_rules, default_jobs, run_checks
from ..core.checks.formats import FORMATS
from ..core.project import Project


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``check`` command."""
    parser = sub.add_parser("check", help="check messages against the rules (exit 1 on errors)")
    parser.add_argument("dir", help="the project folder")
    parser.add_argument("--template", action="append", metavar="ID",
                        help="only this template (repeatable)")
    parser.add_argument("--locale", action="append", metavar="L", help="only this locale")
    parser.add_argument("--channel", action="append", metavar="C",
                        choices=("email", "sms", "whatsapp"), help="only this channel")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    parser.add_argument("--jobs", type=int, default=0,
                        help="worker processes (default: one per core)")
    parser.set_defaults(run=run)


def _color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)()) or bool(
        os.environ.get("FORCE_COLOR"))


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when there are errors, 0 otherwise."""
    project = Project.load(args.dir)
    report = run_checks(project, templates=args.template, locales=args.locale,
                        channels=args.channel, jobs=args.jobs or default_jobs())
    sys.stdout.write(FORMATS[args.format](report, all_rules(), project=str(args.dir),
                                          color=_color(sys.stdout)))
    return 1 if report.errors else 0
