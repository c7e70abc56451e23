"""Runs every command on one project, in one process, and prints what each did as JSON.

    python -m tests.fuzz.driver PROJECT OUT_DIR [--proof]

One process per project keeps the corpus fast (the worker pool stays warm); the test
that starts it holds a timeout, so a hang or a crash of this process is caught too.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from pathlib import Path

from app.cli.main import main

COMMANDS = [
    ["render", "{p}", "--template", "invoice_ready", "--locale", "en", "--channel", "email",
     "--sample", "emily_en"],
    ["render", "{p}", "--template", "login_code", "--locale", "en", "--channel", "sms",
     "--sample", "emily_en"],
    ["render", "{p}", "--template", "login_code", "--locale", "en", "--channel", "whatsapp",
     "--sample", "emily_en"],
    ["check", "{p}", "--jobs", "2"],
    ["summary", "{p}"],
    ["review", "status", "{p}"],
    ["export", "{p}", "--out", "{o}/bundle.zip", "--allow-warnings"],
]


PROOF = ["proof", "{p}", "--out", "{o}/proof.pdf"]


def run(project: str, out: str, proof: bool = False) -> list[dict[str, object]]:
    """Each command's exit code, stderr and seconds."""
    results = []
    for command in [*COMMANDS, *([PROOF] if proof else [])]:
        argv = [a.format(p=project, o=out) for a in command]
        err, sink = io.StringIO(), io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(sink):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
        out_text = sink.getvalue()
        results.append({"argv": argv, "code": code, "stderr": err.getvalue(),
                        "internal": [line for line in out_text.splitlines()
                                     if "report it" in line or "unexpected" in line][:3],
                        "seconds": round(time.perf_counter() - started, 2)})
    return results


if __name__ == "__main__":
    sys.setrecursionlimit(1000)
    Path(sys.argv[2]).mkdir(parents=True, exist_ok=True)
    print(json.dumps(run(sys.argv[1], sys.argv[2], "--proof" in sys.argv)))
