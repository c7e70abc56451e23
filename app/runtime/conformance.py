"""The bundle's goldens as a conformance suite, and its runner.

Each golden is one case: the input is ``samples/<sample>.json`` rendered as template ×
locale × channel; the expected output is ``golden/<id>/<locale>/<sample>/<channel>.json``
(plus ``email.html`` and ``whatsapp.send.json``). An implementation in another language
runs the same cases from the manifest's ``golden`` lists (docs/bundle-format.md,
"Conformance"). ``python -m app.runtime conformance BUNDLE`` runs them with this runtime.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .bundle import Bundle
from .errors import BundleError
from .verify import verify


@dataclass(frozen=True)
class Report:
    """How many cases passed, and one line per failed case."""

    cases: int
    failures: list[str]

    @property
    def passed(self) -> int:
        """Cases that reproduced their goldens exactly."""
        failed = {line.split(": ", 1)[0] for line in self.failures}
        return self.cases - len(failed)


def run(bundle: Bundle) -> Report:
    """Run every golden case of ``bundle``."""
    cases = sum(len(t["golden"]) for t in bundle.manifest["templates"])
    return Report(cases, verify(bundle))


def main(argv: Sequence[str] | None = None) -> int:
    """``conformance BUNDLE``: print failed cases and a closing count; exit 1 on failure."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] != "conformance":
        print("usage: python -m app.runtime conformance BUNDLE", file=sys.stderr)
        return 2
    try:
        bundle = Bundle.open(Path(args[1]))
    except BundleError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    report = run(bundle)
    for line in report.failures:
        print(f"FAIL {line}")
    failed = report.cases - report.passed
    print(f"conformance: {report.passed} passed, {failed} failed")
    return 1 if failed else 0
