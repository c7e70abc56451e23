"""``missive check DIR``: run every rule over the project and report the findings."""

from __future__ import annotations

import argparse
import os
import sys

from ..core.checks import all_rules, default_jobs, run_checks
from ..core.checks.fixing import fix_project
from ..core.checks.formats import FORMATS
from ..core.checks.model import Report
from ..core.did_you_mean import suggestion
from ..core.project import Project
from ..kernel.channels import channel_names
from ..kernel.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``check`` command."""
    parser = sub.add_parser("check", help="check messages against the rules (exit 1 on errors)")
    parser.add_argument("dir", help="the project folder")
    parser.add_argument("--template", action="append", metavar="ID",
                        help="only this template (repeatable)")
    parser.add_argument("--locale", action="append", metavar="L", help="only this locale")
    parser.add_argument("--channel", action="append", metavar="C",
                        choices=channel_names(), help="only this channel")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text")
    parser.add_argument("--jobs", type=int, default=0,
                        help="worker processes (default: one per core)")
    parser.add_argument("--rule", metavar="ID", help="only this rule's findings (and fixes)")
    parser.add_argument("--fix", action="store_true",
                        help="apply the safe quick fixes, print what changed, then report")
    parser.add_argument("--diff", action="store_true",
                        help="show the safe quick fixes as a diff, write nothing "
                             "(exit 1 if there are any)")
    parser.set_defaults(run=run)


def _color(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)()) or bool(
        os.environ.get("FORCE_COLOR"))


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when there are errors, 0 otherwise."""
    rules = all_rules()
    if args.rule and args.rule not in rules:
        raise InputError(f"there is no rule '{args.rule}'{suggestion(args.rule, rules)}",
                         hint="missive rules lists them")
    project = Project.load(args.dir)

    def check(loaded: Project) -> Report:
        return run_checks(loaded, templates=args.template, locales=args.locale,
                          channels=args.channel, jobs=args.jobs or default_jobs())

    if args.fix or args.diff:
        done = fix_project(project.root, rule=args.rule, write=not args.diff, check=check)
        if args.diff:
            sys.stdout.write("".join(done.diffs.values()))
            sys.stderr.write(f"{len(done.applied)} fix(es) would be applied; "
                             "run with --fix to apply them\n")
            return 1 if done.applied else 0
        # With --format json/sarif/junit stdout stays one document; the fixes go to stderr.
        out = sys.stdout if args.format == "text" else sys.stderr
        for finding, fix in done.applied:
            out.write(f"fixed  {finding.rule}  {finding.where}  {fix.title}\n")
        out.write(f"{len(done.applied)} fix(es) applied in {len(done.diffs)} file(s)\n")
        report = done.report
    else:
        report = check(project)
    if args.rule:
        report = Report([f for f in report.findings if f.rule == args.rule])
    sys.stdout.write(FORMATS[args.format](report, rules, project=str(args.dir),
                                          color=_color(sys.stdout)))
    return 1 if report.errors else 0
