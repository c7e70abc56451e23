"""Quick fixes on real source: each one applied to a broken copy of the demo, then the
message renders and its finding is gone; ``missive check --fix`` and ``--diff``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.render import Renderer

from .fix_helpers import apply_fix
from .helpers import edit, findings

INVOICE = "templates/invoice_ready"


def renders(root: Path, template: str, locale: str, channel: str) -> object:
    """The message rendered for every sample (raises if one can't be); the first."""
    project = Project.load(root)
    renderer = Renderer(project)
    messages = [renderer.render(template, locale, channel, s.data)
                for s in sorted(project.samples.values(), key=lambda s: s.name)]
    return messages[0]


def only(root: Path, rule: str, **selection: list[str]):
    found = findings(root, rule, **selection)
    assert len(found) == 1, [f.message for f in found]
    return found[0]


def test_raw_amount_gets_the_money_filter(demo: Path) -> None:
    edit(demo, f"{INVOICE}/en/email.mjml", "Pay {{ amount_due|money(currency) }}",
         "Pay {{ amount_due }}")
    sel = {"templates": ["invoice_ready"], "locales": ["en"], "channels": ["email"]}
    fix = apply_fix(demo, only(demo, "amount-format", **sel))
    assert "amount_due|money(currency)" in fix.title
    assert "Pay {{ amount_due|money(currency) }}" in \
        (demo / INVOICE / "en/email.mjml").read_text(encoding="utf-8")
    assert not findings(demo, "amount-format", **sel)
    email = Renderer(Project.load(demo)).render("invoice_ready", "en", "email",
                                                Project.load(demo).samples["emily_en"].data)
    assert "Pay $89.99" in email.text


def test_hand_written_sign_is_removed(demo: Path) -> None:
    edit(demo, f"{INVOICE}/en/sms.txt", "for {{ amount_due|money(currency) }}",
         "for ${{ amount_due|money(currency) }}")
    sel = {"templates": ["invoice_ready"], "locales": ["en"], "channels": ["sms"]}
    apply_fix(demo, only(demo, "amount-format", **sel))
    assert not findings(demo, "amount-format", **sel)
    assert "for {{ amount_due|money(currency) }}" in \
        (demo / INVOICE / "en/sms.txt").read_text(encoding="utf-8")
    renders(demo, "invoice_ready", "en", "sms")


def test_misspelt_variable_is_one_finding_with_a_did_you_mean_and_a_rename(demo: Path) -> None:
    edit(demo, f"{INVOICE}/en/sms.txt", "invoice {{ invoice_number }}",
         "invoice {{ invoice_numbr }}")
    sel = {"templates": ["invoice_ready"], "locales": ["en"], "channels": ["sms"]}
    finding = only(demo, "undefined-variable", **sel)  # not one more per sample
    assert "did you mean 'invoice_number'?" in finding.message
    apply_fix(demo, finding)
    assert not findings(demo, "undefined-variable", **sel)
    assert "INV-2026-3307" in Renderer(Project.load(demo)).render(
        "invoice_ready", "en", "sms", Project.load(demo).samples["emily_en"].data).text


def test_misspelt_filter_is_corrected(demo: Path) -> None:
    edit(demo, f"{INVOICE}/en/email.toml", "{{ due_date|date }}", "{{ due_date|dat }}")
    sel = {"templates": ["invoice_ready"], "locales": ["en"], "channels": ["email"]}
    finding = only(demo, "render-error", **sel)
    assert "there is no filter 'dat'; did you mean 'date'?" in finding.message
    apply_fix(demo, finding)
    assert not findings(demo, "render-error", **sel)
    renders(demo, "invoice_ready", "en", "email")


def test_missing_key_is_one_finding_listing_the_samples_and_one_fix(demo: Path) -> None:
    toml = demo / INVOICE / "template.toml"
    toml.write_text(toml.read_text(encoding="utf-8")
                    + '\n[variables.plan_name]\ntype = "string"\n\n'
                    '[variables.renewal_date]\ntype = "date"\n', encoding="utf-8")
    found = findings(demo, "sample-schema", templates=["invoice_ready"])
    assert len(found) == 2  # one per key, not one per key and sample
    plan = next(f for f in found if "plan_name" in f.message)
    assert "5 samples" in plan.message and "emily_en" in plan.message
    fix = apply_fix(demo, plan)
    assert len(fix.edits) == 5
    date = next(f for f in findings(demo, "sample-schema", templates=["invoice_ready"]))
    apply_fix(demo, date)
    assert not findings(demo, "sample-schema", templates=["invoice_ready"])
    data = json.loads((demo / "samples/omar_ar.json").read_text(encoding="utf-8"))
    assert data["plan_name"] == "Sample plan name" and data["renewal_date"] == "2026-12-01"
    assert (demo / "samples/omar_ar.json").read_text(encoding="utf-8").startswith("{\n  \"")
    renders(demo, "invoice_ready", "ar", "email")


def test_forced_left_alignment_follows_the_language(demo: Path) -> None:
    edit(demo, f"{INVOICE}/he/email.mjml", "<mj-text>החשבונית", '<mj-text align="left">החשבונית')
    sel = {"templates": ["invoice_ready"], "locales": ["he"], "channels": ["email"]}
    apply_fix(demo, only(demo, "rtl-direction", **sel))
    assert '<mj-text align="{{ message.align }}">החשבונית' in \
        (demo / INVOICE / "he/email.mjml").read_text(encoding="utf-8")
    assert not findings(demo, "rtl-direction", **sel)
    renders(demo, "invoice_ready", "he", "email")


@pytest.mark.parametrize("attribute, old", [("dir", 'dir="{{ message.dir }}"'),
                                            ("lang", 'lang="{{ message.lang }}"')])
def test_root_direction_and_language_follow_the_locale(demo: Path, attribute: str,
                                                       old: str) -> None:
    edit(demo, "layouts/base.mjml", old, f'{attribute}=""' if attribute == "lang"
         else 'dir="ltr"')
    sel = {"templates": ["invoice_ready"], "locales": ["ar"], "channels": ["email"]}
    finding = only(demo, "rtl-direction", **sel)
    apply_fix(demo, finding)
    assert old in (demo / "layouts/base.mjml").read_text(encoding="utf-8")
    assert not findings(demo, "rtl-direction", **sel)
    assert 'dir="rtl"' in renders(demo, "invoice_ready", "ar", "email").html


def test_double_period_fix_removes_the_typed_one(demo: Path) -> None:
    path = "templates/payment_received/ar/email.toml"
    edit(demo, path, "شكرًا لك، تم استلام دفعتك: {{ amount_paid|money(currency) }}",
         "تم استلام دفعتك: {{ amount_paid|money(currency) }}. شكرًا لك")
    sel = {"templates": ["payment_received"], "locales": ["ar"], "channels": ["email"]}
    apply_fix(demo, only(demo, "double-period", **sel))
    assert not findings(demo, "double-period", **sel)
    project = Project.load(demo)
    email = Renderer(project).render("payment_received", "ar", "email",
                                     project.samples["omar_ar"].data)
    assert "ر.س.\u200f شكرًا لك" in email.subject


# Ten mistakes a copywriter makes; the last two have no safe fix.
MISTAKES = [
    ("templates/login_code/he/sms.txt", "{{ sender.support_phone }}", "+972 3 555 0100"),
    ("templates/login_code/en/sms.txt", "Don't share it:", "Don\u2019t share it \u2013"),
    (f"{INVOICE}/en/email.mjml", "Pay {{ amount_due|money(currency) }}", "Pay {{ amount_due }}"),
    (f"{INVOICE}/en/sms.txt", "invoice {{ invoice_number }}", "invoice {{ invoice_numbr }}"),
    (f"{INVOICE}/en/email.toml", "{{ due_date|date }}", "{{ due_date|dat }}"),
    (f"{INVOICE}/he/email.mjml", "<mj-text>החשבונית", '<mj-text align="left">החשבונית'),
    ("templates/payment_received/ar/email.toml",
     "شكرًا لك، تم استلام دفعتك: {{ amount_paid|money(currency) }}",
     "تم استلام دفعتك: {{ amount_paid|money(currency) }}. شكرًا لك"),
    (f"{INVOICE}/template.toml", '[variables.pay_url]', '[variables.plan_name]\ntype = "string"'
     '\n\n[variables.pay_url]'),
    (f"{INVOICE}/he/email.mjml", "אם כבר שילמת, אין צורך לעשות דבר.",
     "If you have already paid, you don't need to do anything."),
    (f"{INVOICE}/en/sms.txt", "Pay: {{ pay_url }}", "Pay: http://northwind.example/pay"),
]


def _inject(root: Path) -> None:
    for path, old, new in MISTAKES:
        edit(root, path, old, new)


def test_check_fix_leaves_only_what_has_no_safe_fix(cli, demo: Path) -> None:
    _inject(demo)
    result = cli("check", demo, "--fix", "--format", "json", "--jobs", "1")
    fixed = [line for line in result.err.splitlines() if line.startswith("fixed ")]
    assert len(fixed) == 8, result.err
    report = json.loads(result.out)  # stdout stays one JSON document
    rules = {f["rule"] for f in report["findings"] if f["severity"] != "info"}
    ignored = {"sms-segments", "greeting-personal", "client-support"}  # the demo's own
    assert rules - ignored == {"untranslated-text", "link-https"}
    for rule in rules - ignored:
        assert not any(f.get("fixes") for f in report["findings"] if f["rule"] == rule)
    for template, locale, channel in [("login_code", "he", "sms"), ("invoice_ready", "en",
                                                                    "email"),
                                      ("invoice_ready", "he", "email"),
                                      ("payment_received", "ar", "email")]:
        renders(demo, template, locale, channel)


def test_check_diff_shows_the_fixes_and_writes_nothing(cli, demo: Path) -> None:
    _inject(demo)
    path = demo / "templates/login_code/he/sms.txt"
    before = path.read_text(encoding="utf-8")
    result = cli("check", demo, "--diff", "--rule", "bidi-isolation", "--jobs", "1")
    assert result.code == 1
    assert "--- a/templates/login_code/he/sms.txt" in result.out
    assert "+" + before.replace("+972 3 555 0100", "\u2066+972 3 555 0100\u2069") \
        .splitlines()[0] in result.out.splitlines()
    assert "1 fix(es) would be applied" in result.err
    assert path.read_text(encoding="utf-8") == before


def test_fix_of_one_rule_only(cli, demo: Path) -> None:
    _inject(demo)
    result = cli("check", demo, "--fix", "--rule", "undefined-variable", "--jobs", "1")
    assert [line.split()[1] for line in result.out.splitlines()
            if line.startswith("fixed ")] == ["undefined-variable"]
    assert "{{ due_date|dat }}" in (demo / INVOICE / "en/email.toml").read_text(encoding="utf-8")


def test_unknown_rule_gets_a_did_you_mean(cli, demo: Path) -> None:
    result = cli("check", demo, "--rule", "bidi-isolaton")
    assert result.code != 0 and "did you mean 'bidi-isolation'?" in result.err


def test_four_new_variables_are_four_findings_not_one_per_sample(demo: Path) -> None:
    from app.core.checks import run_checks

    toml = demo / INVOICE / "template.toml"
    names = ["plan_name", "renewal_date", "renewal_amount", "account_manager"]
    kinds = ["string", "date", "money", "string"]
    extra = "".join(f'\n[variables.{n}]\ntype = "{k}"\n' + ('currency = "currency"\n'
                                                          if k == "money" else "")
                    for n, k in zip(names, kinds, strict=True))
    toml.write_text(toml.read_text(encoding="utf-8") + extra, encoding="utf-8")
    edit(demo, f"{INVOICE}/en/sms.txt", "Questions?",
         "Plan {{ plan_name }} renews {{ renewal_date|date }} for "
         "{{ renewal_amount|money(currency) }}; {{ account_manager }}. Questions?")
    report = run_checks(Project.load(demo), templates=["invoice_ready"])
    # The new amount shown in one channel only is its own, real finding (amount-missing).
    errors = [f for f in report.findings if f.severity == "error"
              and f.rule != "amount-missing"]
    assert sorted(f.rule for f in errors) == ["sample-schema"] * 4, \
        [(f.rule, f.message) for f in errors]
    for finding in errors:
        apply_fix(demo, finding)
    report = run_checks(Project.load(demo), templates=["invoice_ready"])
    assert {f.rule for f in report.findings if f.severity == "error"} == {"amount-missing"}
    email = Renderer(Project.load(demo)).render("invoice_ready", "en", "sms",
                                                Project.load(demo).samples["emily_en"].data)
    assert "Plan Sample plan name renews Dec 1, 2026 for $100.00" in email.text
