"""Time `missive check` on a project of 50 templates × 3 locales × 5 samples, against
rendering every message of it once.

The project is built from the demo (its three three-channel templates copied until
there are 50) or from the corpus (its four newsletter-sized emails copied until there
are 50). Prints the median wall time of rendering each message once (every template ×
locale × channel × sample, with parse errors and plain text, as `missive render` gives
them) and of the whole check, serial and with one worker process per core. Not part of
the test suite.

    .venv/bin/python benchmarks/check_project.py [--runs 3] [--project demo|corpus|all]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from projects import PROJECTS, median, project_dir

from app.core.checks import default_jobs, run_checks
from app.core.project import Project
from app.core.render import Renderer

SOURCES = {"demo": ("invoice_ready", "payment_received", "delivery_update"),
           "corpus": ("order_shipped", "monthly_digest", "account_statement", "trip_itinerary")}


def build(root: Path, name: str = "demo", count: int = 50) -> Path:
    """A copy of project ``name`` with ``count`` templates."""
    project = root / "big"
    shutil.copytree(project_dir(name), project)
    templates = project / "templates"
    sources = SOURCES[name]
    for extra in templates.iterdir():
        if extra.name not in sources:
            shutil.rmtree(extra)
    for index in range(count - len(sources)):
        source = sources[index % len(sources)]
        shutil.copytree(templates / source, templates / f"{source}_{index:02d}")
    return project


def render_all(project: Project) -> int:
    """Render every template × locale × channel × sample once; returns how many."""
    renderer = Renderer(project)
    count = 0
    for template in project.templates.values():
        for locale in project.config.locales:
            for channel in template.channels:
                for sample in project.samples.values():
                    message = renderer.render(template.id, locale, channel, sample.data)
                    _ = getattr(message, "text", None), getattr(message, "parse_errors", None)
                    count += 1
    return count


def bench(name: str, runs: int) -> None:
    """Print the timings for one project."""
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.load(build(Path(tmp), name))
        variants = sum(len(project.config.locales) * len(t.channels)
                       for t in project.templates.values())
        print(f"\n{name}: {len(project.templates)} templates, {variants} variants, "
              f"{len(project.samples)} samples = {variants * len(project.samples)} renders")
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            render_all(Project.load(project.root))
            times.append(time.perf_counter() - start)
        rendered = median(times)
        print(f"render each once: median {rendered:.2f} s over {runs} runs")
        for jobs in sorted({1, default_jobs()}):
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                report = run_checks(Project.load(project.root), jobs=jobs)
                times.append(time.perf_counter() - start)
            print(f"check jobs={jobs}: median {median(times):.2f} s over {runs} runs "
                  f"(min {min(times):.2f}, max {max(times):.2f}) = "
                  f"{median(times) / rendered:.2f} × rendering once; "
                  f"{len(report.findings)} findings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--project", choices=(*PROJECTS, "all"), default="all")
    args = parser.parse_args()
    for name in PROJECTS if args.project == "all" else (args.project,):
        bench(name, args.runs)


if __name__ == "__main__":
    main()
