"""``missive export`` and ``missive bundle render|verify``: exit codes and output."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.paths import demo_project_dir
from tests.bundle_helpers import TIME, read_zip, rewrite, write_zip


def test_export_verify_and_render(tmp_path: Path, cli) -> None:
    out = tmp_path / "demo.zip"
    result = cli("export", demo_project_dir(), "--out", out, "--allow-warnings", "--time", TIME)
    assert result.code == 0, result.err
    assert "wrote" in result.out
    result = cli("bundle", "verify", out)
    assert result.code == 0 and "165 golden renders reproduced" in result.out
    data = tmp_path / "data.json"
    data.write_text(json.dumps(json.loads(read_zip(out)["samples/dana_he.json"])), "utf-8")
    result = cli("bundle", "render", out, "--template", "invoice_ready", "--locale", "he",
                 "--channel", "email", "--data", data, "--format", "json")
    assert result.code == 0
    message = json.loads(result.out)
    assert message["subject"].startswith("חשבונית") and "<html" in message["html"]
    result = cli("bundle", "render", out, "--template", "invoice_ready", "--locale", "he",
                 "--channel", "sms", "--data", data)
    assert result.code == 0 and "UCS-2" in result.out


def test_exit_codes(tmp_path: Path, cli) -> None:
    out = tmp_path / "demo.zip"
    assert cli("export", demo_project_dir(), "--out", out, "--allow-warnings",
               "--time", TIME).code == 0
    bad = tmp_path / "bad.json"
    bad.write_text('{"invoice_number": "X"}', "utf-8")
    result = cli("bundle", "render", out, "--template", "invoice_ready", "--locale", "en",
                 "--channel", "sms", "--data", bad)
    assert result.code == 2 and result.err.count("\n") == 1 and "required" in result.err
    result = cli("bundle", "render", tmp_path / "missing.zip", "--template", "x", "--locale",
                 "en", "--channel", "sms", "--data", bad)
    assert result.code == 2 and "Traceback" not in result.err
    files = read_zip(out)
    manifest = json.loads(files["manifest.json"])
    golden = manifest["templates"][0]["golden"][0]["files"]["json"]["path"]
    changed = json.loads(files[golden])
    changed["text" if "text" in changed else "body"] = "tampered"
    tampered = write_zip(tmp_path / "t.zip",
                         rewrite(files, golden, json.dumps(changed).encode("utf-8")))
    result = cli("bundle", "verify", tampered)
    assert result.code == 1 and "FAIL" in result.out and "differ" in result.err
    folder = tmp_path / "nonempty"
    folder.mkdir()
    (folder / "x").write_text("x")
    result = cli("export", demo_project_dir(), "--out", folder, "--allow-warnings")
    assert result.code == 2 and "not empty" in result.err


def test_warnings_block_an_export_unless_allowed(cli, demo, tmp_path) -> None:
    # The long Hebrew/Arabic SMS of the demo are warnings (sms-segments).
    refused = cli("export", demo, "--out", tmp_path / "w.zip", "--template", "delivery_update")
    assert refused.code == 1
    assert "warning: [sms-segments]" in refused.out
    assert not (tmp_path / "w.zip").exists()
    allowed = cli("export", demo, "--out", tmp_path / "w.zip", "--template", "delivery_update",
                  "--allow-warnings")
    assert allowed.code == 0 and "warning(s) recorded" in allowed.out
