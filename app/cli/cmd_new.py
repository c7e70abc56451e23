"""``missive new DIR``: scaffold the demo project into a new folder."""

from __future__ import annotations

import argparse

from ..core.scaffold import scaffold


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``new`` command."""
    parser = sub.add_parser("new", help="create a project from the demo project")
    parser.add_argument("dir", help="folder to create (must not exist, or be empty)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Copy the demo project; exit 0."""
    target = scaffold(args.dir)
    print(f"Created {target} from the demo project. Next: missive summary {target}")
    return 0
