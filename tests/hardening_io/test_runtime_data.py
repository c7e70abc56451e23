"""Data and bundles that could hurt the sending system are refused with one line:
CR/LF in header fields (header injection), non-finite amounts, and variable patterns
that can't be matched in bounded time."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.render import Renderer
from app.kernel.errors import ContentError, InputError
from app.runtime import Bundle
from app.runtime.errors import BundleError, DataError, RenderError
from app.runtime.patterns import UnsafePattern, check_pattern
from tests.bundle_helpers import export_demo, read_zip, write_zip

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def bundle_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.core.paths import demo_project_dir

    out = tmp_path_factory.mktemp("bundle") / "demo.zip"
    export_demo(demo_project_dir(), out)
    return out


@pytest.fixture(scope="module")
def bundle(bundle_zip: Path) -> Bundle:
    return Bundle.open(bundle_zip)


@pytest.fixture
def emily(bundle: Bundle) -> dict:
    return bundle.sample("emily_en")


def test_the_runtime_refuses_a_line_break_in_the_subject(bundle: Bundle, emily: dict) -> None:
    for value in ("INV-1\r\nBcc: everyone@example.com", "INV-1\nBcc: x@example.com",
                  "INV-1\rX-Evil: 1"):
        with pytest.raises(DataError, match=r"subject contains a line break \(CR/LF\)"):
            bundle.render("invoice_ready", "en", "email", {**emily, "invoice_number": value})
    # The same value in the body is text, not a header: it renders.
    message = bundle.render("invoice_ready", "en", "sms",
                            {**emily, "invoice_number": "INV-1\r\nBcc: x"})
    assert "INV-1" in message.text


@pytest.mark.parametrize("amount", [math.nan, math.inf, -math.inf])
def test_the_runtime_refuses_non_finite_amounts(bundle: Bundle, emily: dict,
                                                amount: float) -> None:
    with pytest.raises(DataError, match="must be a finite number"):
        bundle.render("invoice_ready", "en", "email", {**emily, "amount_due": amount})


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-inf"])
def test_non_finite_strings_are_refused_too(bundle: Bundle, emily: dict, text: str) -> None:
    with pytest.raises((DataError, RenderError)):
        bundle.render("invoice_ready", "en", "sms", {**emily, "amount_due": text})


def test_the_cli_refuses_nan_from_json_with_one_line(bundle_zip: Path, tmp_path: Path) -> None:
    data = tmp_path / "nan.json"
    emily = json.loads(Bundle.open(bundle_zip).files["samples/emily_en.json"])
    data.write_text(json.dumps({**emily, "amount_due": math.nan}), encoding="utf-8")
    assert "NaN" in data.read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "app", "bundle", "render", str(bundle_zip),
                           "--template", "invoice_ready", "--locale", "en", "--channel", "sms",
                           "--data", str(data)], capture_output=True, text=True, timeout=60,
                          cwd=ROOT)
    assert done.returncode == 2, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "finite number" in done.stderr and "$NaN" not in done.stdout


def _with_pattern(files: dict[str, bytes], pattern: str) -> dict[str, bytes]:
    files = dict(files)
    manifest = json.loads(files["manifest.json"])
    template = next(t for t in manifest["templates"] if t["id"] == "invoice_ready")
    template["variables"]["properties"]["invoice_number"]["pattern"] = pattern
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    return files


@pytest.mark.parametrize("pattern", [r"^(a+)+$", r"^(\w+\s?)*$", r"^(a|aa)*$", r"\d*\d*\d*x",
                                     r"^(.*)\1$"])
def test_a_catastrophic_pattern_is_refused_at_verify(bundle_zip: Path, tmp_path: Path,
                                                     pattern: str) -> None:
    crafted = write_zip(tmp_path / "crafted.zip", _with_pattern(read_zip(bundle_zip), pattern))
    with pytest.raises(BundleError, match="is refused"):
        Bundle.open(crafted)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "app", "bundle", "verify", str(crafted)],
                          capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1 and "is refused" in done.stderr
    assert time.monotonic() - started < 30


def test_the_exporters_patterns_and_plain_ones_are_accepted() -> None:
    from app.core.export.variables import TYPE_SCHEMAS

    for schema in TYPE_SCHEMAS.values():
        if "pattern" in schema:
            check_pattern(schema["pattern"])
    for pattern in (r"^INV-\d{4}-\d{4}$", r"^[A-Z]{2}\d+x\d+$", r"^\S+$"):
        check_pattern(pattern)
    with pytest.raises(UnsafePattern):
        check_pattern(r"^([a-z0-9]+)*@")


def test_long_values_are_not_matched_against_a_pattern(bundle: Bundle, emily: dict) -> None:
    with pytest.raises(DataError, match="too long to check"):
        bundle.render("invoice_ready", "en", "sms", {**emily, "pay_url": "https://x/" + "a" * 5000})


def test_the_studio_refuses_a_line_break_in_the_subject(demo: Path) -> None:
    project = Project.load(demo)
    data = {**project.sample("emily_en").data, "invoice_number": "INV-1\r\nBcc: x@example.com"}
    with pytest.raises(ContentError) as caught:
        Renderer(project).render("invoice_ready", "en", "email", data)
    assert "line break (CR/LF)" in str(caught.value)
    assert caught.value.location.path.endswith("email.toml") and caught.value.location.line == 1


def test_a_multi_line_subject_in_email_toml_is_one_line_in_check(demo: Path, cli) -> None:
    toml = demo / "templates/payment_received/en/email.toml"
    text = toml.read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("subject"))
    lines[index] = 'subject = """Your code\nBcc: everyone@example.com"""'
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("render", demo, "--template", "payment_received", "--locale", "en", "--channel",
                 "email", "--sample", "emily_en")
    assert result.code == 1
    assert result.err.count("\n") == 1 and "line break (CR/LF)" in result.err
    assert f"email.toml:{index + 1}:" in result.err
    exported = cli("export", demo, "--out", demo.parent / "b.zip", "--allow-warnings")
    assert exported.code == 1 and "unexpected" not in exported.err.lower()


def test_a_sender_with_a_line_break_is_refused_at_load(demo: Path) -> None:
    toml = demo / "missive.toml"
    text = toml.read_text(encoding="utf-8")
    assert "email_from" in text
    lines = [line if not line.startswith("email_from") else
             'email_from = "Northwind <billing@northwind.example>\\r\\nBcc: x@example.com"'
             for line in text.splitlines()]
    toml.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"email_from contains a line break"):
        Project.load(demo)


def test_the_studio_refuses_nan_amounts(demo: Path) -> None:
    project = Project.load(demo)
    for value in (math.nan, math.inf, "Infinity"):
        data = {**project.sample("emily_en").data, "amount_due": value}
        with pytest.raises(ContentError, match="not a finite number"):
            Renderer(project).render("invoice_ready", "en", "sms", data)
