"""``missive template new`` and the core op behind the studio's wizard; ``missive new``
refusing a folder inside a project."""

from __future__ import annotations

import json
from pathlib import Path

from app.core.project import Project
from app.core.workspace.new_template import LINK_PLACEHOLDER, create_template
from app.core.workspace.template_settings import (
    VariableSettings,
    apply_settings,
    read_settings,
)
from tests.data.subscription_renewal_copy import COPY, SAMPLE_VALUES, VARIABLES, WHATSAPP_URL


def _check_json(cli, root: Path, template: str) -> dict:
    result = cli("check", root, "--template", template, "--format", "json", "--jobs", "1")
    return json.loads(result.out)


def test_template_new_creates_every_file_flagged_until_written(cli, demo: Path) -> None:
    result = cli("template", "new", demo, "--id", "subscription_renewal",
                 "--title", "Subscription renewal", "--channels", "email,sms,whatsapp",
                 "--locales", "en,he,ar")
    assert result.code == 0, result.err
    folder = demo / "templates" / "subscription_renewal"
    names = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert names == sorted(["template.toml"] + [
        f"{loc}/{name}" for loc in ("en", "he", "ar")
        for name in ("email.mjml", "email.toml", "sms.txt", "whatsapp.toml")])
    template = Project.load(demo).template("subscription_renewal")
    assert template.title == "Subscription renewal"
    assert template.channels == ("email", "sms", "whatsapp")
    assert template.strategy.primary == "email"
    # The email uses the project's layout, so its footer (a person to reach) comes along.
    assert (folder / "he" / "email.mjml").read_text().startswith(
        '{% extends "layouts/base.mjml" %}\n{% block content %}')

    report = _check_json(cli, demo, "subscription_renewal")
    unwritten = [f for f in report["findings"] if f["rule"] == "unwritten-copy"]
    places = {(f["locale"], f["channel"]) for f in unwritten}
    assert places == {(loc, ch) for loc in ("en", "he", "ar")
                      for ch in ("email", "sms", "whatsapp")}
    assert all(f["severity"] == "error" and f["line"] >= 1 for f in unwritten)
    subject = next(f for f in unwritten if f["path"].endswith("en/email.toml"))
    assert subject["message"] == "Not written yet: [WRITE: the subject]"
    assert (subject["line"], subject["column"]) == (1, 12)


def test_written_template_checks_without_errors(cli, demo: Path) -> None:
    assert cli("template", "new", demo, "--id", "subscription_renewal").code == 0
    folder = demo / "templates" / "subscription_renewal"
    for locale, words in COPY.items():
        for path in (folder / locale).iterdir():
            text = path.read_text(encoding="utf-8").replace(
                LINK_PLACEHOLDER,
                WHATSAPP_URL if path.name == "whatsapp.toml" else "{{ manage_url }}")
            for key, value in words.items():
                text = text.replace(f"[WRITE: {key}]", value)
            path.write_text(text, encoding="utf-8")
    settings_path = folder / "template.toml"
    settings = read_settings(settings_path.read_text(encoding="utf-8"))
    settings.variables = [VariableSettings(*spec) for spec in VARIABLES]
    settings_path.write_text(apply_settings(settings_path.read_text(encoding="utf-8"),
                                            settings), encoding="utf-8")
    for sample in (demo / "samples").glob("*.json"):
        data = json.loads(sample.read_text(encoding="utf-8")) | SAMPLE_VALUES
        sample.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = cli("check", demo, "--template", "subscription_renewal", "--jobs", "1")
    assert result.code == 0, result.out
    assert "no errors" in result.out


def test_template_new_reports_every_bad_option_at_once(cli, demo: Path) -> None:
    result = cli("template", "new", demo, "--id", "Bad-Id", "--channels", "email,fax",
                 "--locales", "en,fr", "--category", "spam")
    assert result.code == 2
    line = result.err.strip()
    assert "\n" not in line and "Traceback" not in line
    for part in ("'Bad-Id' is not a valid template id", "unknown channel 'fax'",
                 "locale 'fr' is not in the project", "category must be one of"):
        assert part in line
    assert not (demo / "templates" / "Bad-Id").exists()


def test_template_new_refuses_an_existing_id(cli, demo: Path) -> None:
    before = (demo / "templates" / "invoice_ready" / "template.toml").read_bytes()
    result = cli("template", "new", demo, "--id", "invoice_ready")
    assert result.code == 2 and "already exists" in result.err
    assert (demo / "templates" / "invoice_ready" / "template.toml").read_bytes() == before


def test_template_new_subset_of_channels_and_locales(demo: Path) -> None:
    project = Project.load(demo)
    created = create_template(project, "otp", category="authentication",
                              channels=["whatsapp", "sms"], locales=["he"])
    rel = sorted(p.relative_to(demo / "templates" / "otp").as_posix() for p in created)
    assert rel == ["he/sms.txt", "he/whatsapp.toml", "template.toml"]
    template = Project.load(demo).template("otp")
    assert template.channels == ("sms", "whatsapp")  # in the usual order
    assert template.category == "authentication"
    assert 'type = "copy_code"' in (demo / "templates/otp/he/whatsapp.toml").read_text()


def test_new_refuses_a_folder_inside_a_project(cli, demo: Path) -> None:
    result = cli("new", demo / "templates" / "x")
    assert result.code == 2
    assert "inside the project" in result.err and "missive template new" in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert not (demo / "templates" / "x").exists()
    deeper = cli("new", demo / "templates" / "invoice_ready" / "en" / "y")
    assert deeper.code == 2 and not (demo / "templates/invoice_ready/en/y").exists()


def test_new_still_creates_a_project_outside_one(cli, tmp_path: Path) -> None:
    result = cli("new", tmp_path / "fresh")
    assert result.code == 0 and (tmp_path / "fresh" / "missive.toml").is_file()
