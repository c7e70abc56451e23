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
