"""``missive render``: one template × locale × channel with a sample or a data file."""

from __future__ import annotations

import argparse
import sys

from ..core.channels import CHANNELS, Message
from ..core.project import Project
from ..core.render import Renderer
from ..kernel.channels import spec_for
from ..kernel.errors import InputError
from .data_args import add_data_arguments, load_data
from .output import print_json


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``render`` command."""
    parser = sub.add_parser("render", help="render one message and print it")
    parser.add_argument("dir", help="the project folder")
    parser.add_argument("--template", required=True, help="template id")
    parser.add_argument("--locale", required=True, help="locale, e.g. en, he, ar")
    parser.add_argument("--channel", required=True, choices=sorted(CHANNELS))
    add_data_arguments(parser)
    parser.add_argument("--format", choices=("json", "html", "text"), default="json",
                        help="json (default; keys in docs/cli.md), html (email only), text")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Render and print; exit 0, or raise an error that the entry point reports."""
    project = Project.load(args.dir)
    data = load_data(project, args)
    message = Renderer(project).render(args.template, args.locale, args.channel, data)
    if args.format == "json":
        print_json(message.to_dict())
    elif args.format == "html":
        html_fields = spec_for(args.channel).html_fields
        if not html_fields:
            raise InputError(f"--format html is for a channel that sends HTML (email), "
                             f"not {args.channel}", hint="use --format text or json")
        sys.stdout.write(message.to_dict()[html_fields[0]] + "\n")
    else:
        sys.stdout.write(as_text(message) + "\n")
    return 0


def as_text(message: Message) -> str:
    """A person-readable rendering of a message."""
    return spec_for(message.channel).as_text(message.to_dict())
