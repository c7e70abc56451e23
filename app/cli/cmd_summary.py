"""``missive summary DIR``: render every template × locale × channel × sample, one line each."""

from __future__ import annotations

import argparse
import sys

from ..core.project import Project
from ..core.render import Renderer
from ..kernel.channels import spec_for
from ..kernel.errors import MissiveError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``summary`` command."""
    parser = sub.add_parser("summary", help="render everything and print one line per message")
    parser.add_argument("dir", help="the project folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the overview; exit 1 if any message failed to render."""
    project = Project.load(args.dir)
    renderer = Renderer(project)
    failures = 0
    out = sys.stdout
    out.write(f"{project.config.name}: {len(project.templates)} templates, "
              f"{len(project.config.locales)} locales, {len(project.samples)} samples\n")
    for template in project.templates.values():
        out.write(f"\n{template.id} — {template.title} ({template.category})\n")
        for locale in project.config.locales:
            for channel in template.channels:
                for sample in project.samples.values():
                    try:
                        message = renderer.render(template.id, locale, channel, sample.data)
                    except MissiveError as exc:
                        failures += 1
                        out.write(f"  {locale:3} {channel:9} {sample.name:16} ERROR {exc}\n")
                        continue
                    out.write(f"  {locale:3} {channel:9} {sample.name:16} {_gist(message)}\n")
    out.write(f"\n{'All messages rendered.' if not failures else f'{failures} failed.'}\n")
    return 1 if failures else 0


def _gist(message) -> str:
    return str(spec_for(message.channel).gist(message.to_dict()))
