"""Time the copy model: reading a template × locale's blocks, and checking one edit.

Run: ``.venv/bin/python benchmarks/copy_model.py [--runs N]``. Prints the median and
p95 in milliseconds of ``build_deck`` (every block of email, SMS and WhatsApp) and of
``edit_block`` (the checks plus the re-read that proves no other block changed) — the
work the Copy view does after each pause in typing. Not a test: numbers depend on the
machine.
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

from app.core.copy import build_deck, edit_block
from app.core.project import Project
from tests.copy_helpers import make_copy_project


def _stats(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered) * 1000:7.2f}  p95 {p95 * 1000:7.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    try:
        project = Project.load(make_copy_project(folder / "p"))
        print(f"copy model, median and p95 of {args.runs} runs (ms)")
        for template, locale, block in (("payment_received", "he", "email.body.text4"),
                                        ("order_summary", "ar", "email.body.text3"),
                                        ("order_summary", "en", "whatsapp.body")):
            deck = build_deck(project, template, locale)
            text = deck.block(block).text + " ok"
            builds, edits = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                deck = build_deck(project, template, locale)
                builds.append(time.perf_counter() - start)
                start = time.perf_counter()
                edit_block(project, deck, block, text)
                edits.append(time.perf_counter() - start)
            print(f"{template:17} {locale}  {len(deck.blocks):3} blocks  build_deck "
                  f"{_stats(builds)}   edit_block {_stats(edits)}")
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    main()
