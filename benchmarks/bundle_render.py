"""Per-message time: the studio's full pipeline vs the runtime rendering from a bundle.

    .venv/bin/python benchmarks/bundle_render.py [--runs N] [--project demo|corpus|all]

Exports the demo project (and the newsletter-sized corpus) to a temporary bundle, then for
each channel renders the project's messages (every template × locale × sample) many times
with both, and prints the median per message (its documented dict, plain text included)
and the ratio; then the runtime again through :class:`BoundedRenderer` (a long-lived
worker process under limits): median and p95 per message.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from projects import PROJECTS, project_dir

from app.core.export import export_project, export_time
from app.core.project import Project
from app.core.render import Renderer
from app.runtime import BoundedRenderer, Bundle


def _times(render, jobs, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        for job in jobs:
            start = time.perf_counter()
            render(*job)
            times.append(time.perf_counter() - start)
    return times


def _median(render, jobs, runs: int) -> float:
    return statistics.median(_times(render, jobs, runs))


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def main() -> None:
    """Export each project, time both renderers, print the tables."""
    parser = argparse.ArgumentParser(description="bundle vs pipeline render times")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--project", choices=(*PROJECTS, "all"), default="all")
    args = parser.parse_args()
    for name in PROJECTS if args.project == "all" else (args.project,):
        bench(name, args.runs)


def bench(name: str, runs: int) -> None:
    """Export project ``name``, time both renderers on it, print the table."""
    project = Project.load(project_dir(name))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.zip"
        export_project(project, out, allow_warnings=True,
                       moment=export_time("2026-01-01T00:00:00Z"))
        bundle = Bundle.open(out)
    renderer = Renderer(project)
    bounded = BoundedRenderer(bundle)
    print(f"\n{name}")
    print(f"{'channel':<10}{'pipeline ms':>14}{'bundle ms':>12}{'ratio':>9}"
          f"{'bounded ms':>12}{'bounded p95':>13}")
    for channel in ("email", "sms", "whatsapp"):
        jobs = [(t, loc, channel, s.data) for t, tpl in project.templates.items()
                if channel in tpl.channels for loc in project.config.locales
                for s in project.samples.values()]
        if not jobs:
            continue
        for job in jobs:  # warm the caches
            renderer.render(*job)
            bundle.render(*job)
            bounded.render(*job)
        full = _median(lambda *job: renderer.render(*job).to_dict(), jobs, max(runs // 4, 2))
        fast = _median(lambda *job: bundle.render(*job).to_dict(), jobs, runs)
        safe = _times(bounded.render, jobs, runs)
        print(f"{channel:<10}{full * 1000:>14.3f}{fast * 1000:>12.3f}{full / fast:>8.1f}x"
              f"{statistics.median(safe) * 1000:>12.3f}{_p95(safe) * 1000:>13.3f}")
    bounded.close()


if __name__ == "__main__":
    main()
