"""The missive command line: JSON contract, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.paths import demo_project_dir
from app.core.project import Project

ROOT = Path(__file__).resolve().parents[1]
EMAIL_KEYS = {"subject", "preheader", "html", "text", "from", "reply_to", "lang", "dir",
              "size_bytes"}
SMS_KEYS = {"text", "encoding", "segments", "units"}
WHATSAPP_KEYS = {"category", "header", "body", "footer", "buttons", "parameters"}


def _combinations():
    project = Project.load(demo_project_dir())
    for template in project.templates.values():
        for locale in project.config.locales:
            for channel in template.channels:
                for sample in project.samples:
                    yield template.id, locale, channel, sample


@pytest.mark.parametrize(("template", "locale", "channel", "sample"), list(_combinations()))
def test_every_demo_message_renders_through_the_cli(cli, template, locale, channel,
                                                    sample) -> None:
    result = cli("render", demo_project_dir(), "--template", template, "--locale", locale,
                 "--channel", channel, "--sample", sample)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    expected = {"email": EMAIL_KEYS, "sms": SMS_KEYS, "whatsapp": WHATSAPP_KEYS}[channel]
    assert expected <= set(data)
    if channel == "email":
        assert data["dir"] == ("rtl" if locale in ("he", "ar") else "ltr")
        assert data["lang"] == locale
        assert f'dir="{data["dir"]}"' in data["html"]
    if channel == "sms":
        assert data["encoding"] in ("GSM-7", "UCS-2") and data["segments"] >= 1
    if channel == "whatsapp":
        assert all({"position", "expression", "example"} <= set(p) for p in data["parameters"])


def test_render_with_a_data_file_and_text_format(cli, tmp_path: Path) -> None:
    data = json.loads((demo_project_dir() / "samples" / "dana_he.json").read_text("utf-8"))
    data["first_name"] = "Zoe"
    path = tmp_path / "zoe.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = cli("render", demo_project_dir(), "--template", "invoice_ready", "--locale", "en",
                 "--channel", "email", "--data", path, "--format", "text")
    assert result.code == 0, result.err
    assert "Subject: " in result.out and "Hi Zoe" in result.out


def test_html_format_prints_the_email(cli) -> None:
    result = cli("render", demo_project_dir(), "--template", "invoice_ready", "--locale", "he",
                 "--channel", "email", "--sample", "dana_he", "--format", "html")
    assert result.code == 0
    assert result.out.lower().startswith("<!doctype html>")


def test_new_scaffolds_the_demo_and_refuses_to_overwrite(cli, tmp_path: Path) -> None:
    target = tmp_path / "proj"
    assert cli("new", target).code == 0
    assert (target / "missive.toml").is_file()
    again = cli("new", target)
    assert again.code == 2
    assert "not empty" in again.err


@pytest.mark.parametrize(
    ("args", "code", "fragment"),
    [
        (["render", "/nonexistent", "--template", "x", "--locale", "en", "--channel", "sms",
          "--sample", "s"], 2, "no such project folder"),
        (["render", "{demo}", "--template", "nope", "--locale", "en", "--channel", "sms",
          "--sample", "dana_he"], 2, "no template 'nope'"),
        (["render", "{demo}", "--template", "invoice_ready", "--locale", "fr", "--channel",
          "sms", "--sample", "dana_he"], 2, "locale 'fr'"),
        (["render", "{demo}", "--template", "login_code", "--locale", "en", "--channel",
          "email", "--sample", "dana_he"], 2, "not sent on email"),
        (["render", "{demo}", "--template", "invoice_ready", "--locale", "en", "--channel",
          "sms", "--sample", "nobody"], 2, "no sample 'nobody'"),
        (["render", "{demo}", "--template", "invoice_ready", "--locale", "en", "--channel",
          "fax", "--sample", "dana_he"], 2, "invalid choice"),
    ],
)
def test_unusable_input_exits_2_with_one_line(cli, args, code, fragment) -> None:
    args = [a.replace("{demo}", str(demo_project_dir())) for a in args]
    result = cli(*args)
    assert result.code == code
    error_lines = [line for line in result.err.splitlines() if line.startswith("missive: error")]
    assert len(error_lines) == 1 and fragment in error_lines[0]
    assert "Traceback" not in result.err


def test_content_error_exits_1(cli, demo: Path) -> None:
    (demo / "templates" / "invoice_ready" / "en" / "sms.txt").write_text(
        "Hi {{ nobody }}", encoding="utf-8")
    result = cli("render", demo, "--template", "invoice_ready", "--locale", "en", "--channel",
                 "sms", "--sample", "dana_he")
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "sms.txt:1:7: 'nobody' is not defined" in result.err


@pytest.mark.parametrize(
    ("file", "content", "code", "where"),
    [
        ("templates/invoice_ready/en/sms.txt", "Hi {% if x %}", 2, "sms.txt:1:"),
        ("samples/dana_he.json", '{"a": 1,,}', 2, "dana_he.json:1:9"),
        ("templates/invoice_ready/en/email.mjml",
         '{% extends "layouts/base.mjml" %}{% block content %}\n<mj-text>Hi\n{% endblock %}',
         1, "email.mjml:2:1"),
        ("templates/invoice_ready/en/sms.txt", "{{ ''.__class__.__mro__ }}", 1, "sms.txt:1:"),
    ],
)
def test_bad_input_in_a_real_process_is_one_line_without_traceback(
        demo: Path, file: str, content: str, code: int, where: str) -> None:
    (demo / file).write_text(content, encoding="utf-8")
    channel = "email" if file.endswith(".mjml") else "sms"
    env = dict(os.environ)
    env.pop("MISSIVE_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "app", "render", str(demo), "--template", "invoice_ready",
         "--locale", "en", "--channel", channel, "--sample", "dana_he"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )
    assert proc.returncode == code, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1
    assert where in lines[0]


def test_summary_renders_everything(cli) -> None:
    result = cli("summary", demo_project_dir())
    assert result.code == 0, result.out
    assert "All messages rendered." in result.out
    assert "ERROR" not in result.out


def test_a_relative_project_path_after_a_change_of_folder(cli, tmp_path, monkeypatch) -> None:
    """The render workers are shared by the whole process: one started in another folder
    still reads a project given by a relative path (they work in the caller's folder)."""
    from app.core.scaffold import scaffold

    scaffold(tmp_path / "demo")
    started = cli("render", tmp_path / "demo", "--template", "login_code", "--locale", "en",
                  "--channel", "sms", "--sample", "emily_en")
    assert started.code == 0, started.err  # the workers exist by now, in the first folder
    monkeypatch.chdir(tmp_path)
    result = cli("check", "demo", "--template", "invoice_ready", "--format", "json")
    assert result.code in (0, 1), result.err
    findings = json.loads(result.out)["findings"]
    assert findings and all(not f["message"].startswith("stopped") for f in findings)
