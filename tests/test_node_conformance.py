"""The bundle is language-neutral: a Node script written from docs/bundle-format.md alone
(tests/node, nunjucks for Jinja, Intl for CLDR) reproduces every SMS and WhatsApp golden
of the demo's bundle. Skipped only where ``node`` is not installed (CI installs it).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.paths import demo_project_dir
from tests.bundle_helpers import export_demo

NODE_DIR = Path(__file__).parent / "node"
SCRIPT = NODE_DIR / "conformance.mjs"
SUMMARY = re.compile(r"^sms: (\d+)/(\d+) matched, whatsapp: (\d+)/(\d+) matched$", re.M)

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _install_node_modules() -> None:
    """``npm ci`` once per lock file: node_modules/ (git-ignored) remembers the lock's hash."""
    lock = hashlib.sha256((NODE_DIR / "package-lock.json").read_bytes()).hexdigest()
    stamp = NODE_DIR / "node_modules" / ".missive-lock-sha256"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == lock:
        return
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("node is installed but npm is not: run scripts/system-deps.sh")
    result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                            cwd=NODE_DIR, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, f"npm ci failed:\n{result.stdout}\n{result.stderr}"
    stamp.write_text(lock, encoding="utf-8")


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _install_node_modules()
    out = tmp_path_factory.mktemp("node") / "demo-bundle"
    export_demo(demo_project_dir(), out)
    return out


def _run(bundle: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["node", str(SCRIPT), str(bundle)], capture_output=True, text=True,
                          timeout=300, check=False)


def _golden_count(bundle: Path, channel: str) -> int:
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    return sum(g["channel"] == channel for t in manifest["templates"] for g in t["golden"])


def test_node_reproduces_every_sms_and_whatsapp_golden(bundle_dir: Path) -> None:
    result = _run(bundle_dir)
    summary = SUMMARY.search(result.stdout)
    assert summary, f"no summary line:\n{result.stdout}\n{result.stderr}"
    sms_ok, sms_all, wa_ok, wa_all = map(int, summary.groups())
    assert sms_all == _golden_count(bundle_dir, "sms") > 0
    assert wa_all == _golden_count(bundle_dir, "whatsapp") > 0
    assert (sms_ok, wa_ok) == (sms_all, wa_all), result.stdout
    assert result.returncode == 0 and "MISMATCH" not in result.stdout, result.stdout


def test_a_changed_golden_is_reported_with_its_difference(bundle_dir: Path,
                                                          tmp_path: Path) -> None:
    copy = shutil.copytree(bundle_dir, tmp_path / "changed")
    path = copy / "golden" / "invoice_ready" / "he" / "dana_he" / "sms.json"
    golden = json.loads(path.read_text(encoding="utf-8"))
    # A sending system that dropped the mark and the isolates would send exactly this.
    golden["text"] = re.sub("[\u200f\u2066-\u2069]", "", golden["text"])
    path.write_text(json.dumps(golden, ensure_ascii=False), encoding="utf-8")
    result = _run(copy)
    assert result.returncode == 1
    assert "MISMATCH invoice_ready/he/sms/dana_he" in result.stdout
    assert "text differs at character 0" in result.stdout and "\\u200f" in result.stdout
    sms_ok, sms_all, wa_ok, wa_all = map(int, SUMMARY.search(result.stdout).groups())
    assert (sms_ok, wa_ok) == (sms_all - 1, wa_all)


_MONEY = [("1234.5", "ILS"), ("-7", "ILS"), ("0.125", "USD"), ("0.135", "USD"), ("2.5", "JPY"),
          ("1234567.891", "KWD"), ("199", "AED"), ("3450.75", "SAR"), ("-12345.675", "EUR")]
_NUMBERS = [("1234567.8915", None), ("-0.5", None), ("3.14159", 2), ("2.5", 0), ("-1234.5", 1)]
_PERCENTS = [("0.256", 0), ("0.12345", 1), ("-0.05", 0), ("1.5", 0)]
_TIMES = [("time", "2026-11-23T14:05:00+02:00", None), ("time", "2026-11-23T09:30:00-08:00",
                                                          "Asia/Jerusalem"),
          ("datetime", "2026-03-29T01:30:00Z", "Europe/Berlin")]


def _format_cases() -> list[tuple[dict, str, list, str]]:
    """Filter calls beyond the demo's samples, with what the runtime's formatting writes."""
    from app.kernel.formatting import formatter_for

    cases = []
    for locale in ("en", "he", "ar"):
        for numbering in ("latn", "arab"):
            for channel in ("whatsapp", "sms"):
                message = {"locale": locale, "numbering": numbering, "channel": channel}
                f = formatter_for(locale, numbering, channel == "sms")
                cases += [(message, "money", [v, c], f.money(v, c)) for v, c in _MONEY]
                cases += [(message, "number", [v, d], f.number(v, d)) for v, d in _NUMBERS]
                cases += [(message, "percent", [v, d], f.percent(v, d)) for v, d in _PERCENTS]
                cases += [(message, "date", ["2026-12-05", s], f.date("2026-12-05", s))
                          for s in ("short", "medium", "long", "full")]
                cases += [(message, kind, [v, s, tz], getattr(f, kind)(v, s, tz))
                          for kind, v, tz in _TIMES for s in ("short", "medium")]
    return cases


def test_node_formats_money_numbers_and_dates_as_the_runtime_does(tmp_path: Path) -> None:
    # Beyond the demo: half-even ties, negative amounts, Arabic percent signs, the arab
    # numbering system, zone conversion across a DST change, SMS plain spaces.
    _install_node_modules()
    cases = _format_cases()
    path = tmp_path / "cases.json"
    path.write_text(json.dumps([{"message": m, "filter": f, "args": a} for m, f, a, _ in cases],
                               ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(NODE_DIR / "formats.mjs"), str(path)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 0, run.stderr
    got = json.loads(run.stdout)
    differ = [f"{m['locale']}/{m['numbering']}/{m['channel']} {f}{tuple(a)}: "
              f"{want!a} != {have!a}" for (m, f, a, want), have in zip(cases, got, strict=True)
              if want != have]
    assert len(cases) >= 300 and not differ, "\n".join(differ)
