"""``missive export DIR --out FILE.zip|FOLDER``: the bundle the sending system imports."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.checks.formats.text import one_line
from ..core.export import ExportRefused, export_project, export_time
from ..core.project import Project


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``export`` command."""
    parser = sub.add_parser("export", help="export a bundle of templates for the sending system")
    parser.add_argument("dir", help="the project folder")
    parser.add_argument("--out", required=True, type=Path,
                        help="FILE.zip, or a new or empty FOLDER")
    parser.add_argument("--template", action="append", default=None, metavar="ID",
                        help="export only this template (repeatable)")
    parser.add_argument("--allow-warnings", action="store_true",
                        help="export although the checks found warnings (recorded)")
    parser.add_argument("--require-approval", action="store_true",
                        help="refuse templates that are unapproved or changed since approval")
    parser.add_argument("--require-signed", action="store_true",
                        help="refuse approvals that are unsigned or signed by someone the "
                             "reviewers file does not allow")
    parser.add_argument("--time", default=None, metavar="ISO",
                        help="the export time to record (default: SOURCE_DATE_EPOCH or now)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Export; findings that block the export are listed on stdout."""
    project = Project.load(args.dir)
    moment = export_time(args.time)
    try:
        result = export_project(project, args.out, templates=args.template,
                                allow_warnings=args.allow_warnings, moment=moment,
                                require_approval=args.require_approval,
                                require_signed=args.require_signed)
    except ExportRefused as exc:
        for finding in exc.report.findings:
            if finding.severity == "error" or (finding.severity == "warning"
                                               and not args.allow_warnings):
                sys.stdout.write(one_line(finding) + "\n")
        raise
    manifest = result.manifest
    summary = manifest["checks"]["summary"]
    sys.stdout.write(f"wrote {result.path}: {len(manifest['templates'])} template(s), "
                     f"{len(result.files)} files, {summary['warnings']} warning(s) recorded\n")
    return 0
