"""Offline spam scores from the real SpamAssassin (``spamassassin -L -t``, local tests only).

Messages are scored in batches (``--mbox``: one start-up for many messages) by several
``spamassassin`` worker processes at once, and every score is cached by the SHA-256 of
the message, in memory and on disk (``$XDG_CACHE_HOME/missive-studio/spamassassin``,
keyed by the installed SpamAssassin too), so a check of an unchanged project is instant.
Nothing here touches the network: ``-L`` skips DNS, Razor, Pyzor and the like.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

INSTALL_HINT = ("sudo apt-get install spamassassin (Debian, Ubuntu), "
                "brew install spamassassin (macOS)")
_TIMEOUT_S = 180
_BATCH = 6
_CACHE_FORMAT = "2"  # bump when the parsing changes: old entries are then ignored
_SUMMARY = re.compile(r"^Content analysis details:\s+\((-?[\d.]+) points?, (-?[\d.]+) required\)",
                      re.M)
_ROW = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s+([A-Z0-9_]+)\s+(.*)$")
_INDEX_HEADER = "X-Missive-Batch-Index"
_INDEX = re.compile(rf"^{_INDEX_HEADER}: (\d+)$", re.M)
_MEMORY: dict[str, SpamReport] = {}


@dataclass(frozen=True)
class Hit:
    """One SpamAssassin rule that fired: its name, points and its own description."""

    rule: str
    points: float
    description: str


@dataclass(frozen=True)
class SpamReport:
    """SpamAssassin's total for one message and the rules that fired."""

    score: float
    hits: tuple[Hit, ...]

    def to_json(self) -> dict[str, object]:
        """For the disk cache."""
        return {"score": self.score, "hits": [[h.rule, h.points, h.description]
                                              for h in self.hits]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SpamReport:
        """From the disk cache (parsed JSON, whatever it holds: a bad entry raises)."""
        hits = tuple(Hit(str(r), float(p), str(d)) for r, p, d in data["hits"])
        return cls(float(data["score"]), hits)


def executable() -> str | None:
    """The ``spamassassin`` program, or None when it is not installed."""
    return shutil.which("spamassassin")


def _cache_dir(program: str) -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    stamp = [_CACHE_FORMAT]
    for path in (program, "/usr/share/spamassassin", "/var/lib/spamassassin"):
        with contextlib.suppress(OSError):
            stamp.append(f"{path}:{os.stat(path).st_mtime_ns}")
    version = hashlib.sha256("|".join(stamp).encode()).hexdigest()[:16]
    return base / "missive-studio" / "spamassassin" / version


def message_hash(message: bytes) -> str:
    """The cache key of a message."""
    return hashlib.sha256(message).hexdigest()


def parse_report(text: str) -> SpamReport | None:
    """The total and the rules of one ``-t`` report (its "Content analysis details")."""
    match = _SUMMARY.search(text)
    if not match:
        return None
    hits: list[Hit] = []
    lines = text[match.end():].splitlines()
    started = False
    for line in lines:
        if line.startswith("----"):
            started = True
            continue
        if not started:
            continue
        if not line.strip():
            break
        row = _ROW.match(line)
        if row:
            hits.append(Hit(row.group(2), float(row.group(1)), row.group(3).strip()))
        elif hits and line.startswith(" "):  # a description continued on the next line
            last = hits[-1]
            hits[-1] = Hit(last.rule, last.points, f"{last.description} {line.strip()}")
    return SpamReport(float(match.group(1)), tuple(hits))


def _mbox(messages: list[bytes]) -> bytes:
    # SpamAssassin's --mbox mode does not answer in input order: each message carries its
    # index in a header no rule looks at.
    parts = []
    for index, message in enumerate(messages):
        body = message.replace(b"\r\n", b"\n")
        body = re.sub(rb"(?m)^(>*From )", rb">\1", body)
        parts.append(b"From missive@localhost Thu Jan  1 00:00:00 1970\n"
                     + f"{_INDEX_HEADER}: {index}\n".encode() + body.rstrip(b"\n") + b"\n\n")
    return b"".join(parts)


def _run(program: str, messages: list[bytes]) -> list[SpamReport | None]:
    """One worker process scoring a batch; None for a message it could not score."""
    try:
        done = subprocess.run([program, "-L", "-t", "--mbox"], input=_mbox(messages),
                              capture_output=True, timeout=_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return [None] * len(messages)
    text = done.stdout.decode("utf-8", "replace")
    out: list[SpamReport | None] = [None] * len(messages)
    marks = list(_INDEX.finditer(text))
    for number, mark in enumerate(marks):
        end = marks[number + 1].start() if number + 1 < len(marks) else len(text)
        index = int(mark.group(1))
        if index < len(out):
            out[index] = parse_report(text[mark.end():end])
    return out


def score_messages(messages: list[bytes], *, workers: int | None = None
                   ) -> list[SpamReport | None]:
    """Each message's report (None when SpamAssassin is missing or failed on it)."""
    program = executable()
    if program is None:
        return [None] * len(messages)
    folder = _cache_dir(program)
    keys = [message_hash(m) for m in messages]
    results: dict[str, SpamReport | None] = {}
    missing: dict[str, bytes] = {}
    for key, message in zip(keys, messages, strict=True):
        if key in _MEMORY:
            results[key] = _MEMORY[key]
            continue
        try:
            results[key] = _MEMORY[key] = SpamReport.from_json(
                json.loads((folder / f"{key}.json").read_text("utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            missing[key] = message
    if missing:
        # A process per _BATCH messages at most: each start-up costs SpamAssassin about as
        # much as scoring eight messages, so splitting small batches would only add work.
        wanted = -(-len(missing) // _BATCH)
        count = max(1, min(workers or os.cpu_count() or 1, wanted, 8))
        items = list(missing.items())
        batches = [items[i::count] for i in range(count)]
        with ThreadPoolExecutor(max_workers=count) as pool:
            for batch, reports in zip(batches, pool.map(
                    lambda b: _run(program, [m for _, m in b]), batches), strict=True):
                for (key, _), report in zip(batch, reports, strict=True):
                    results[key] = report
                    if report is not None:
                        _MEMORY[key] = report
                        _store(folder, key, report)
    return [results.get(key) for key in keys]


def _store(folder: Path, key: str, report: SpamReport) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{key}.{os.getpid()}.tmp"
        temporary.write_text(json.dumps(report.to_json()), "utf-8")
        os.replace(temporary, folder / f"{key}.json")
    except OSError:
        pass  # a cache: scoring again next time is fine
