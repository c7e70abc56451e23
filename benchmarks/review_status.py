"""Time review states bound to rendered output, and signing, on a 50-template project.

`missive review status` renders every fitting sample in every cell of every template to
hash its output (the studio keeps the result until a project file changes: "nothing
changed") (50 templates × 3 locales × 3 channels × 5 samples); approving a part also
runs its checks; a signed approval adds one ``ssh-keygen -Y sign``; ``review verify``
one ``ssh-keygen -Y verify`` per signed decision. Prints medians and p95. Not part of the
test suite.

    .venv/bin/python benchmarks/review_status.py [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_project import build

from app.core.project import Project
from app.core.review import ReviewStore
from app.core.review.fingerprint import _CACHE
from app.core.review.signed import signature_problems


def _stats(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"median {statistics.median(ordered) * 1000:8.1f} ms   p95 {p95 * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = build(Path(tmp))
        key = Path(tmp) / "key"
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
                       check=True)
        public = " ".join(key.with_name("key.pub").read_text().split()[:2])
        (root / "reviewers").write_text(f'bench@example roles="legal:*" {public}\n')
        project = Project.load(root)
        ids = sorted(project.templates)
        status_all, warm, status_one, approve, signed, verify = [], [], [], [], [], []
        for run in range(args.runs):
            _CACHE.clear()  # cold: every template rendered
            start = time.perf_counter()
            ReviewStore(Project.load(root)).statuses()
            status_all.append(time.perf_counter() - start)
            start = time.perf_counter()  # warm: nothing changed (the studio's refreshes)
            ReviewStore(Project.load(root)).statuses()
            warm.append(time.perf_counter() - start)
            _CACHE.clear()
            store = ReviewStore(Project.load(root))
            start = time.perf_counter()
            store.status(ids[run % len(ids)])
            status_one.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.approve(ids[run % len(ids)], "Bench", locale="en", override_errors="bench")
            approve.append(time.perf_counter() - start)
            start = time.perf_counter()
            store.approve(ids[run % len(ids)], "Bench", locale="he", override_errors="bench",
                          sign_with=key)
            signed.append(time.perf_counter() - start)
            start = time.perf_counter()
            signature_problems(Project.load(root))
            verify.append(time.perf_counter() - start)
        print(f"Review on {len(ids)} templates × 3 locales × 3 channels × "
              f"{len(project.samples)} samples, {args.runs} runs")
        for label, times in (("status, all templates", status_all),
                             ("status, all, nothing changed", warm),
                             ("status, one template", status_one),
                             ("approve one locale", approve),
                             ("approve one locale, signed", signed),
                             ("verify every signature", verify)):
            print(f"  {label:<28} {_stats(times)}")


if __name__ == "__main__":
    main()
