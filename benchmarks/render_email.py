"""Time the email render of each template, split into its stages, on the demo and the corpus.

Run: ``make bench`` (or ``.venv/bin/python benchmarks/render_email.py [--runs N]
[--project demo|corpus|all]``). For each template × locale (with a sample in that
language) prints the rendered size, the median of each stage (Jinja, MJML, CSS inlining,
html5lib parse + plain text) over many runs, and the median and p95 of the whole render
in milliseconds. "to HTML" is what the studio waits for before it paints; the parse
(parse errors and the plain text) can follow the paint. Not a test: numbers depend on the
machine.
"""

from __future__ import annotations

import argparse
import time

from projects import PROJECTS, SAMPLE_FOR, median, percentile, project_dir

from app.core.project import Project
from app.core.render import Renderer

STAGES = ("jinja", "mjml", "inline", "parse")


def _complete(message: object) -> None:
    """Ask for the parts that may be computed after the paint (text, parse errors)."""
    _ = message.text, message.parse_errors  # type: ignore[attr-defined]


def bench(name: str, runs: int) -> None:
    """Print the table for one project."""
    project = Project.load(project_dir(name))
    renderer = Renderer(project)
    print(f"\n{name}: email render, median of {runs} runs (ms); size of the HTML in KB")
    print(f"{'template':20}{'loc':>4}{'KB':>6}" + "".join(f"{s:>8}" for s in STAGES)
          + f"{'to HTML':>9}{'p95':>8}{'total':>8}{'p95':>8}")
    all_totals: list[float] = []
    for template in project.templates.values():
        if "email" not in template.channels:
            continue
        for locale in project.config.locales:
            data = project.samples[SAMPLE_FOR[name][locale]].data
            message = renderer.render(template.id, locale, "email", data)  # warm the caches
            _complete(message)
            stages: dict[str, list[float]] = {s: [] for s in STAGES}
            to_html: list[float] = []
            totals: list[float] = []
            for _ in range(runs):
                start = time.perf_counter()
                message = renderer.render(template.id, locale, "email", data)
                middle = time.perf_counter()
                _complete(message)
                end = time.perf_counter()
                to_html.append(middle - start)
                totals.append(end - start)
                for stage in STAGES:
                    stages[stage].append(message.timings.get(stage, 0.0))
            all_totals.extend(totals)
            cells = "".join(f"{median(stages[s]) * 1000:8.2f}" for s in STAGES)
            print(f"{template.id:20}{locale:>4}{message.size_bytes / 1024:6.1f}{cells}"
                  f"{median(to_html) * 1000:9.2f}{percentile(to_html, .95) * 1000:8.2f}"
                  f"{median(totals) * 1000:8.2f}{percentile(totals, .95) * 1000:8.2f}")
    print(f"{name}: all renders, total median {median(all_totals) * 1000:.2f} ms, "
          f"p95 {percentile(all_totals, .95) * 1000:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--project", choices=(*PROJECTS, "all"), default="all")
    args = parser.parse_args()
    for name in PROJECTS if args.project == "all" else (args.project,):
        bench(name, args.runs)


if __name__ == "__main__":
    main()
