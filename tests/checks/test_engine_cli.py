"""The check engine through the CLI: exit codes, formats, policy, the issue's scenario."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from app.core.checks import all_rules

from .helpers import edit, findings, policy


def test_demo_passes_with_no_errors(cli, demo: Path) -> None:
    result = cli("check", demo)
    assert result.code == 0, result.out
    assert "no errors" in result.out


def test_broken_copy_names_the_three_rules_with_file_and_line(cli, demo: Path) -> None:
    edit(demo, "missive.toml", 'email_from = "Northwind Billing <billing@northwind.example>"',
         'email_from = "Northwind <noreply@northwind.example>"')
    edit(demo, "missive.toml", 'email_reply_to = "Northwind Support <support@northwind.example>"',
         'email_reply_to = ""')
    for partial in ("en", "he", "ar"):  # no help link or phone left in the email
        (demo / "partials" / partial / "footer.mjml").write_text("", encoding="utf-8")
    edit(demo, "templates/invoice_ready/en/email.mjml",
         '<mj-text css-class="amount" font-size="28px" font-weight="bold">'
         '{{ amount_due|money(currency) }}</mj-text>',
         '<mj-text>${{ amount_due }}</mj-text>\n'
         '        <mj-button href="{{ pay_url }}">See invoice</mj-button>')
    result = cli("check", demo, "--template", "invoice_ready", "--format", "json")
    assert result.code == 1
    found = {(f["rule"], f["path"], f["line"]) for f in json.loads(result.out)["findings"]
             if f["severity"] == "error" and f["locale"] in ("en", "")}
    rules = {rule for rule, _, _ in found}
    assert {"reply-channel", "single-cta", "amount-format"} <= rules
    assert ("reply-channel", "missive.toml", 10) in found  # the no-reply email_from
    email = "templates/invoice_ready/en/email.mjml"
    assert ("amount-format", email, 5) in found
    assert any(rule == "single-cta" and path == email and line in (6, 8)
               for rule, path, line in found)
    text = cli("check", demo, "--template", "invoice_ready").out
    assert f"{email}:5:" in text and "amount-format" in text


def test_a_relative_project_path_finds_the_same(cli, demo: Path) -> None:
    """``missive check demo`` from the folder above finds what the absolute path finds
    (the checks read each file through the unsaved-text helper, relative paths too).
    A process of its own: its render workers start in the folder it runs in."""
    edit(demo, "templates/invoice_ready/en/sms.txt", "{{ invoice_number }}",
         "{{ invoice_numbr }}")
    absolute = cli("check", demo, "--format", "json")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    relative = subprocess.run([sys.executable, "-m", "app", "check", demo.name, "--format",
                               "json"], capture_output=True, text=True, cwd=demo.parent,
                              env=env, timeout=300)
    assert absolute.code == relative.returncode == 1, relative.stderr
    assert json.loads(relative.stdout)["findings"] == json.loads(absolute.out)["findings"]
    assert "undefined-variable" in relative.stdout


def test_unreadable_project_exits_2(cli, tmp_path: Path) -> None:
    result = cli("check", tmp_path / "missing")
    assert result.code == 2
    assert "Traceback" not in result.err and result.err.count("\n") == 1


def test_policy_unknown_rule_names_the_line(cli, demo: Path) -> None:
    line = (demo / "policy.toml").read_text(encoding="utf-8").count("\n") + 2
    policy(demo, "[rules.single-ctaa]\nenabled = false\n")
    result = cli("check", demo)
    assert result.code == 2
    assert f"policy.toml:{line}" in result.err and "single-ctaa" in result.err


def test_policy_unknown_key_and_wrong_type(cli, demo: Path) -> None:
    policy(demo, "[rules.you-focus]\nratioo = 2\n")
    assert "ratioo" in cli("check", demo).err
    (demo / "policy.toml").write_text('[rules.you-focus]\nratio = "two"\n')
    result = cli("check", demo)
    assert result.code == 2 and "policy.toml:2" in result.err


def test_policy_switches_off_and_changes_severity(demo: Path) -> None:
    assert findings(demo, "greeting-personal")
    policy(demo, "[rules.greeting-personal]\nenabled = false\n")
    assert not findings(demo, "greeting-personal")
    policy(demo, "[rules.channel-flooding]\nseverity = \"error\"\n")
    edit(demo, "templates/login_code/template.toml", '[strategy]\nprimary = "sms"\n'
         'fallback = [{ channel = "whatsapp", after = "2m" }]\n', "")
    found = findings(demo, "channel-flooding")
    assert found and all(f.severity == "error" for f in found)


def test_filters_limit_the_variants(demo: Path) -> None:
    edit(demo, "templates/invoice_ready/he/sms.txt", "{{ amount_due|money(currency) }}",
         "{{ amount_due }}")
    assert findings(demo, "amount-format", templates=["invoice_ready"], locales=["he"])
    assert not findings(demo, "amount-format", templates=["invoice_ready"], locales=["en"])
    assert not findings(demo, "amount-format", templates=["invoice_ready"],
                        channels=["email"])


def test_sarif_output_is_sarif_2_1_0(cli, demo: Path) -> None:
    edit(demo, "templates/invoice_ready/en/sms.txt", "{{ amount_due|money(currency) }}",
         "{{ amount_due }}")
    log = json.loads(cli("check", demo, "--format", "sarif").out)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} == set(all_rules())
    result = next(r for r in run["results"] if r["ruleId"] == "amount-format")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "templates/invoice_ready/en/sms.txt"
    assert location["region"]["startLine"] == 1 and result["level"] == "error"


def test_junit_output_fails_the_broken_variant(cli, demo: Path) -> None:
    edit(demo, "templates/invoice_ready/en/sms.txt", "{{ amount_due|money(currency) }}",
         "{{ amount_due }}")
    root = ET.fromstring(cli("check", demo, "--format", "junit").out)
    failures = root.findall(".//testcase/failure")
    assert any(f.get("type") == "amount-format" for f in failures)
    suite = next(s for s in root if s.get("name") == "invoice_ready")
    assert int(suite.get("failures")) >= 1


def test_rules_lists_every_rule(cli) -> None:
    out = cli("rules").out
    for rule_id in ("reply-channel", "amount-format", "single-cta", "opt-out", "sms-segments",
                    "whatsapp-limits", "rtl-direction", "contrast"):
        assert rule_id in out


def test_docs_rules_md_is_current(cli) -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    assert docs.read_text(encoding="utf-8") == cli("rules", "--format", "markdown").out, \
        "regenerate: missive rules --format markdown > docs/rules.md"


def test_parallel_run_equals_serial(demo: Path) -> None:
    from app.core.checks import run_checks
    from app.core.project import Project

    edit(demo, "templates/payment_received/he/sms.txt", "{{ amount_paid|money(currency) }}",
         "{{ amount_paid }}")
    project = Project.load(demo)
    assert run_checks(project, jobs=2).findings == run_checks(project, jobs=1).findings


@pytest.mark.parametrize("rule_id", sorted(all_rules()))
def test_every_rule_can_be_switched_off_and_retuned(tmp_path: Path, rule_id: str) -> None:
    from app.core.checks.policy import load_policy

    rule = all_rules()[rule_id]
    lines = [f"[rules.{rule_id}]", "enabled = false", 'severity = "info"']
    for key, value in rule.settings.items():  # each setting accepts a value of its type
        if isinstance(value, bool):
            lines.append(f"{key} = {str(not value).lower()}")
        elif isinstance(value, int | float):
            lines.append(f"{key} = {value + 1}")
        elif isinstance(value, list):
            lines.append(f'{key} = ["x"]')
    path = tmp_path / "policy.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    conf = load_policy(path, all_rules())[rule_id]
    assert not conf.enabled and conf.severity == "info"
    for key, value in rule.settings.items():
        if isinstance(value, bool):
            assert conf.settings[key] is (not value)
        elif isinstance(value, int | float):
            assert conf.settings[key] == value + 1
        elif isinstance(value, list):
            assert conf.settings[key] == ["x"]
