"""Time the email render of each demo template, split into its stages.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/render_email.py [--runs N]``).
Prints the median over many runs of each stage (Jinja, MJML, CSS inlining, html5lib
parse + plain text) and of the whole render, per template, in milliseconds. Not a test:
numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.paths import demo_project_dir
from app.core.project import Project
from app.core.render import Renderer

STAGES = ("jinja", "mjml", "inline", "parse")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--locale", default="en")
    parser.add_argument("--sample", default="dana_he")
    args = parser.parse_args()

    project = Project.load(demo_project_dir())
    renderer = Renderer(project)
    data = project.samples[args.sample].data
    print(f"email render, locale {args.locale}, sample {args.sample}, median of {args.runs} "
          f"runs (ms)")
    print(f"{'template':20}" + "".join(f"{s:>9}" for s in STAGES) + f"{'total':>9}")
    for template in project.templates.values():
        if "email" not in template.channels:
            continue
        renderer.render(template.id, args.locale, "email", data)  # warm the caches
        stages: dict[str, list[float]] = {s: [] for s in STAGES}
        totals: list[float] = []
        for _ in range(args.runs):
            start = time.perf_counter()
            message = renderer.render(template.id, args.locale, "email", data)
            totals.append(time.perf_counter() - start)
            for stage in STAGES:
                stages[stage].append(message.timings[stage])
        cells = "".join(f"{statistics.median(stages[s]) * 1000:9.2f}" for s in STAGES)
        print(f"{template.id:20}{cells}{statistics.median(totals) * 1000:9.2f}")


if __name__ == "__main__":
    main()
