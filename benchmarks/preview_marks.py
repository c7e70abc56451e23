"""Time what editing in the preview adds: the email rendered again with its copy blocks
marked (``add_marks``), after the first paint, next to the ordinary preview render.

Run: ``.venv/bin/python benchmarks/preview_marks.py [--runs N]``. Prints the median and
p95 of both per demo template, in milliseconds. Not a test: numbers depend on the machine.
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
from app.core.workspace.preview import PreviewRequest, add_marks, run_preview


def _stats(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"{statistics.median(values) * 1000:9.1f}{p95 * 1000:9.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--locale", default="he")
    parser.add_argument("--sample", default="dana_he")
    args = parser.parse_args()
    project = Project.load(demo_project_dir())
    print(f"locale {args.locale}, sample {args.sample}, {args.runs} runs (ms)")
    print(f"{'template':20}{'render':>9}{'p95':>9}{'marks':>9}{'p95':>9}")
    for template in project.templates.values():
        if "email" not in template.channels:
            continue
        request = PreviewRequest(project, template.id, args.locale, "email", args.sample,
                                 mark_nonce="bench")
        add_marks(request, run_preview(request))  # warm the caches
        renders, marks = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = run_preview(request)
            middle = time.perf_counter()
            marked = add_marks(request, result)
            renders.append(middle - start)
            marks.append(time.perf_counter() - middle)
            assert marked.marked_html
        print(f"{template.id:20}{_stats(renders)}{_stats(marks)}")


if __name__ == "__main__":
    main()
