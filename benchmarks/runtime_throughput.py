"""The runtime as a sending system runs it: per-message latency and mixed throughput.

    .venv/bin/python benchmarks/runtime_throughput.py [--messages 100000] [--processes N]

Exports the demo to a bundle, then (1) renders every template × locale × sample per
channel many times in one thread and prints the median and p95 per message (targets:
email ≤ 1 ms, SMS ≤ 0.2 ms), and (2) renders ``--messages`` mixed messages (email, SMS
and WhatsApp in the demo's proportions) across ``--processes`` worker processes, each
opening the bundle once, and prints messages per second in all and per core.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.core.export import export_project, export_time
from app.core.paths import demo_project_dir
from app.core.project import Project
from app.runtime import Bundle

_BUNDLE: Bundle | None = None


def _jobs(bundle: Bundle, channel: str | None = None) -> list[tuple[str, str, str, dict]]:
    jobs = []
    for template in bundle.manifest["templates"]:
        for locale, channels in template["locales"].items():
            for name in channels:
                if channel in (None, name):
                    jobs += [(template["id"], locale, name, bundle.sample(g["sample"]))
                             for g in template["golden"]
                             if g["locale"] == locale and g["channel"] == name]
    return jobs


def _open(path: str) -> None:
    global _BUNDLE
    _BUNDLE = Bundle.open(Path(path))


def _render_batch(count: int) -> int:
    assert _BUNDLE is not None
    jobs = _jobs(_BUNDLE)
    for index in range(count):
        _BUNDLE.render(*jobs[index % len(jobs)])
    return count


def _latency(bundle: Bundle, runs: int) -> None:
    print(f"{'channel':<10}{'median ms':>11}{'p95 ms':>9}{'target':>9}")
    for channel, target in (("email", 1.0), ("sms", 0.2), ("whatsapp", 0.2)):
        jobs = _jobs(bundle, channel)
        for job in jobs:
            bundle.render(*job)
        times = []
        for _ in range(runs):
            for job in jobs:
                start = time.perf_counter()
                bundle.render(*job)
                times.append((time.perf_counter() - start) * 1000)
        p95 = statistics.quantiles(times, n=20)[-1]
        print(f"{channel:<10}{statistics.median(times):>11.3f}{p95:>9.3f}{target:>9.1f}")


def main() -> None:
    """Export the demo and print both tables."""
    parser = argparse.ArgumentParser(description="runtime latency and throughput")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "demo.zip"
        export_project(Project.load(demo_project_dir()), out, allow_warnings=True,
                       moment=export_time("2026-01-01T00:00:00Z"))
        _latency(Bundle.open(out), args.runs)
        batches = [args.messages // (args.processes * 10)] * (args.processes * 10)
        with ProcessPoolExecutor(args.processes, initializer=_open,
                                 initargs=(str(out),)) as pool:
            list(pool.map(_render_batch, [1] * args.processes))  # open and warm up
            start = time.perf_counter()
            done = sum(pool.map(_render_batch, batches))
            elapsed = time.perf_counter() - start
    rate = done / elapsed
    print(f"\n{done} mixed messages in {elapsed:.1f} s on {args.processes} processes: "
          f"{rate:,.0f}/s in all, {rate / args.processes:,.0f}/s per core")


if __name__ == "__main__":
    main()
