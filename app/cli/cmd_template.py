"""``missive template new DIR --id ID …``: create a template's files, as the studio's wizard."""

from __future__ import annotations

import argparse

from ..core.project import Project
from ..core.workspace.new_template import create_template


def _list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``template`` command and its ``new`` subcommand."""
    parser = sub.add_parser("template", help="work on a project's templates")
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    new = actions.add_parser("new", help="create a template with placeholder copy")
    new.add_argument("dir", help="the project folder")
    new.add_argument("--id", required=True, dest="template_id",
                     help="the template id (lowercase letters, digits, underscores)")
    new.add_argument("--title", default="", help="a title for people (default: from the id)")
    new.add_argument("--category", default="operational",
                     help="operational, marketing or authentication (default: operational)")
    new.add_argument("--channels", type=_list, default=None,
                     help="comma-separated: email,sms,whatsapp (default: all three)")
    new.add_argument("--locales", type=_list, default=None,
                     help="comma-separated project locales (default: all of the project's)")
    new.set_defaults(run=run_new)


def run_new(args: argparse.Namespace) -> int:
    """Create the template's files; exit 0, or 2 with one line when an option is wrong."""
    project = Project.load(args.dir)
    created = create_template(project, args.template_id, title=args.title,
                              category=args.category, channels=args.channels,
                              locales=args.locales)
    root = project.root
    print(f"Created templates/{args.template_id} ({len(created)} files) with placeholder "
          f"copy. Next: write it, then missive check {root}")
    for path in created:
        print(f"  {path.relative_to(root).as_posix()}")
    return 0
