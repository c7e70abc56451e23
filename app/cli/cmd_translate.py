"""``missive translate``: the translators' round trip.

    missive translate export DIR --locale L --format xliff|po --out FILE
                             [--template ID] [--only missing|stale|all]
    missive translate import DIR FILE [--format text|json]
    missive translate status DIR [--format text|json]

Import exits 1 when a unit was refused (the others are still imported), 0 otherwise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.project import Project
from ..core.translate import (
    STATES,
    baseline,
    collect,
    import_translations,
    plural_units,
    status,
    write_po,
    write_xliff,
)
from ..core.workspace.atomic import atomic_write_text
from ..kernel.errors import InputError
from .output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``translate export|import|status``."""
    parser = sub.add_parser("translate", help="export copy for translators and import it back",
                            description="Send every customer-visible text to translators "
                                        "as XLIFF 1.2 or PO, and bring the translations back.")
    actions = parser.add_subparsers(dest="action", metavar="export|import|status",
                                    required=True)
    export = actions.add_parser("export", help="write an XLIFF or PO file for one locale")
    export.add_argument("project", metavar="DIR")
    export.add_argument("--locale", required=True, help="the locale to translate into")
    export.add_argument("--format", choices=("xliff", "po"), required=True)
    export.add_argument("--out", required=True, metavar="FILE")
    export.add_argument("--template", action="append", help="only this template (repeatable)")
    export.add_argument("--only", choices=("missing", "stale", "all"), default="all",
                        help="missing: untranslated or identical to the source; stale: the "
                             "source changed since translated; all (default)")
    imp = actions.add_parser("import", help="write the translations of a file back")
    imp.add_argument("project", metavar="DIR")
    imp.add_argument("file", metavar="FILE")
    imp.add_argument("--format", choices=("text", "json"), default="text")
    stat = actions.add_parser("status", help="per locale and template: how much is translated")
    stat.add_argument("project", metavar="DIR")
    stat.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the action; returns the exit code."""
    project = Project.load(args.project)
    if args.action == "export":
        return _export(project, args)
    if args.action == "import":
        return _import(project, args)
    rows = status(project)
    if args.format == "json":
        print_json(rows)
    else:
        print(f"{'locale':<8}{'template':<24}" + "".join(f"{s:>12}" for s in STATES))
        for row in rows:
            print(f"{row['locale']!s:<8}{row['template']!s:<24}"
                  + "".join(f"{row[s]!s:>12}" for s in STATES))
    return 0


def _export(project: Project, args: argparse.Namespace) -> int:
    out = Path(args.out).resolve()
    if out.is_relative_to(project.root.resolve()) and out.exists():
        raise InputError(f"{args.out} is a file of the project: it would be overwritten",
                         hint="write the translation file outside the project, or to a new "
                              "name")
    units = collect(project, args.locale, args.template)
    # From the first export on, a translation is known to match today's source: when
    # the source changes later, that unit shows as stale.
    baseline(project.root, args.locale, units)
    wanted = {"missing": ("missing", "identical"), "stale": ("stale",), "all": STATES}
    units = [u for u in units if u.state in wanted[args.only]]
    source = project.config.default_locale
    plurals = plural_units(units, args.locale)
    if args.format == "xliff":
        data = write_xliff(units, source, args.locale, plurals).decode("utf-8")
    else:
        data = write_po(units, project.config.name, source, args.locale, plurals)
    atomic_write_text(out, data)
    print(f"{len(units)} text(s) for {args.locale} written to {args.out}", file=sys.stderr)
    return 0


def _import(project: Project, args: argparse.Namespace) -> int:
    report = import_translations(project, Path(args.file))
    if args.format == "json":
        print_json(report.to_dict())
    else:
        for uid, line, reason in report.refused:
            print(f"{args.file}:{line}: refused {uid}: {reason}")
        print(f"{report.locale}: {len(report.imported)} imported, {len(report.unchanged)} "
              f"unchanged, {len(report.untranslated)} untranslated, "
              f"{len(report.refused)} refused")
    return 1 if report.refused else 0
