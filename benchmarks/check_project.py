"""Time `missive check` on a project of 50 templates × 3 locales × 3 channels × 5 samples.

The project is built from the demo: its three three-channel templates are copied until
there are 50. Prints the median wall time over several runs, serial and with one worker
process per core. Not part of the test suite.

    .venv/bin/python benchmarks/check_project.py [--runs 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.checks import default_jobs, run_checks
from app.core.paths import demo_project_dir
from app.core.project import Project

THREE_CHANNEL = ("invoice_ready", "payment_received", "delivery_update")


def build(root: Path, count: int = 50) -> Path:
    """A copy of the demo with ``count`` three-channel templates."""
    project = root / "big"
    shutil.copytree(demo_project_dir(), project)
    templates = project / "templates"
    shutil.rmtree(templates / "login_code")
    for index in range(count - len(THREE_CHANNEL)):
        source = THREE_CHANNEL[index % len(THREE_CHANNEL)]
        shutil.copytree(templates / source, templates / f"{source}_{index:02d}")
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        project = Project.load(build(Path(tmp)))
        variants = sum(len(project.config.locales) * len(t.channels)
                       for t in project.templates.values())
        print(f"{len(project.templates)} templates, {variants} variants, "
              f"{len(project.samples)} samples = {variants * len(project.samples)} renders")
        for jobs in sorted({1, default_jobs()}):
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                report = run_checks(project, jobs=jobs)
                times.append(time.perf_counter() - start)
            print(f"jobs={jobs}: median {statistics.median(times):.2f} s over {args.runs} runs "
                  f"(min {min(times):.2f}, max {max(times):.2f}); "
                  f"{len(report.findings)} findings")


if __name__ == "__main__":
    main()
