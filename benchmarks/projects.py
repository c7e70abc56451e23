"""The projects the benchmarks run on: the bundled demo and the newsletter-sized corpus.

``benchmarks/corpus`` is a Cedarline project of four emails (order shipped, newsletter,
statement, itinerary) in en, he and ar, 30-70 KB each after rendering, written without
alignment or direction attributes, as MJML from elsewhere usually is.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from app.core.paths import demo_project_dir  # noqa: E402

CORPUS = Path(__file__).resolve().parent / "corpus"
PROJECTS = ("demo", "corpus")
# A sample whose language matches each locale, so the text is what a reader would get.
SAMPLE_FOR = {"demo": {"en": "emily_en", "he": "dana_he", "ar": "omar_ar"},
              "corpus": {"en": "sarah_en", "he": "noa_he", "ar": "yusuf_ar"}}


def project_dir(name: str) -> Path:
    """The folder of the project called ``name`` ("demo" or "corpus")."""
    return demo_project_dir() if name == "demo" else CORPUS


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def median(values: list[float]) -> float:
    """The median (a named helper so the benchmarks read alike)."""
    return statistics.median(values)
