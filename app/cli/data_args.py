"""The ``--sample NAME | --data FILE`` pair shared by the commands that render."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.project import Project, load_json_object


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the mutually exclusive ``--sample`` and ``--data`` options."""
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--sample", help="a sample's name (samples/NAME.json)")
    group.add_argument("--data", type=Path, help="a JSON file with the customer's data")


def load_data(project: Project, args: argparse.Namespace) -> dict[str, Any]:
    """The data chosen by ``--sample`` or ``--data``."""
    if args.sample:
        return project.sample(args.sample).data
    return load_json_object(args.data)
