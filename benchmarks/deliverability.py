"""Time the deliverability checks on the demo: spam-score cold (SpamAssassin runs) and warm
(cached by message hash), and client-support, for one variant as the studio checks it
after a keystroke and for the whole project as ``missive check`` does.

Run: ``.venv/bin/python benchmarks/deliverability.py [--runs N]``. Prints medians and p95
in milliseconds. Not a test: numbers depend on the machine. A cold run uses an empty
cache folder each time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core import spamassassin
from app.core.checks import run_checks
from app.core.paths import demo_project_dir
from app.core.project import Project


def _time(fn, runs: int, cold: bool) -> list[float]:
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cache:
            if cold:
                os.environ["XDG_CACHE_HOME"] = cache
                spamassassin._MEMORY.clear()
            start = time.perf_counter()
            fn()
            out.append((time.perf_counter() - start) * 1000)
    return out


def _line(name: str, values: list[float]) -> None:
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    print(f"{name:48} median {statistics.median(values):8.0f}  p95 {p95:8.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    project = Project.load(demo_project_dir())
    if spamassassin.executable() is None:
        print("SpamAssassin is not installed: spam-score numbers would be meaningless")
        return
    one = {"templates": ["invoice_ready"], "locales": ["he"], "channels": ["email"]}
    print(f"ms, {args.runs} runs each, {os.cpu_count()} cores")
    _line("one variant (studio keystroke), cold cache",
          _time(lambda: run_checks(project, **one), args.runs, cold=True))
    _line("one variant (studio keystroke), warm cache",
          _time(lambda: run_checks(project, **one), args.runs, cold=False))
    _line("whole demo (missive check --jobs 1), cold cache",
          _time(lambda: run_checks(project), args.runs, cold=True))
    _line("whole demo (missive check --jobs 1), warm cache",
          _time(lambda: run_checks(project), args.runs, cold=False))


if __name__ == "__main__":
    main()
