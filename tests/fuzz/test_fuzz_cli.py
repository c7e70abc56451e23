"""Every command on every malformed project of the corpus: exit 0, 1 or 2, at most one
line on stderr, never "unexpected", never a crash or a hang.

Each project runs in its own process (tests/fuzz/driver.py) under a generous timeout
that only catches hangs; this is not a timing test. The slow variant (the whole demo,
the biggest inputs, and proof) runs with MISSIVE_FUZZ_SLOW=1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .corpus import CASES, SLOW_CASES, make_case

ROOT = Path(__file__).resolve().parents[2]
HANG = 300  # seconds for all the commands of one project: only a hang gets near it
SLOW = pytest.mark.skipif(not os.environ.get("MISSIVE_FUZZ_SLOW"),
                          reason="the slow fuzz variant: set MISSIVE_FUZZ_SLOW=1")


def run_driver(project: Path, out: Path, *extra: str) -> list[dict]:
    """The driver's results, one per command."""
    done = subprocess.run([sys.executable, "-m", "tests.fuzz.driver", str(project), str(out),
                           *extra], capture_output=True, text=True, timeout=HANG, cwd=ROOT)
    assert done.returncode == 0, f"the driver died ({done.returncode}): {done.stderr[-800:]}"
    return json.loads(done.stdout.splitlines()[-1])


def assert_clean(results: list[dict]) -> None:
    """What the user sees is a plain answer for every command."""
    for result in results:
        command = " ".join(result["argv"][:2])
        stderr = result["stderr"]
        assert result["code"] in (0, 1, 2), (command, result)
        assert len(stderr.splitlines()) <= 1, (command, stderr)
        assert "unexpected" not in stderr and "Traceback" not in stderr, (command, stderr)
        assert not stderr or stderr.startswith("missive: "), (command, stderr)
        assert not result["internal"], (command, result["internal"])  # e.g. a rule crashed


@pytest.mark.parametrize("case", sorted(set(CASES) - SLOW_CASES))
def test_every_command_answers_in_one_line(case: str, tmp_path: Path) -> None:
    results = run_driver(make_case(case, tmp_path), tmp_path / "out")
    assert_clean(results)
    # The case broke something: at least one command says so.
    assert any(r["code"] for r in results), results


@pytest.mark.slow
@SLOW
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_command_on_the_whole_project_including_proof(case: str, tmp_path: Path) -> None:
    results = run_driver(make_case(case, tmp_path, trim=False), tmp_path / "out", "--proof")
    assert_clean(results)
