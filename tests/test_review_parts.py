"""Part-level approvals, output-bound hashes and the error gate (issue 19), on the demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.review import ReviewStore
from app.core.review.gates import ApprovalRefused

EN_SMS = "templates/invoice_ready/en/sms.txt"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _states(review) -> dict[str, str]:
    return {p.key: p.state for p in review.parts}


def test_approve_one_locale_then_one_channel(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    review = store.approve("invoice_ready", "Rina Cohen", "Hebrew legal text checked",
                           locale="he")
    states = _states(review)
    assert {k for k, s in states.items() if s == "approved"} == {"he/email", "he/sms",
                                                                 "he/whatsapp"}
    assert states["en/email"] == "unreviewed"
    assert review.state == "unreviewed" and review.approved_parts == 3
    he = next(p for p in review.parts if p.key == "he/sms")
    assert he.part == "he" and he.reviewer == "Rina Cohen"

    review = store.approve("invoice_ready", "Tom", locale="", channel="whatsapp")
    assert _states(review)["en/whatsapp"] == "approved"
    assert _states(review)["en/email"] == "unreviewed"
    review = store.request_changes("invoice_ready", "Tom", "Wrong due date", locale="ar",
                                   channel="email")
    assert _states(review)["ar/email"] == "changes_requested"
    assert review.state == "changes_requested"          # the template shows the worst part
    assert _states(review)["ar/whatsapp"] == "approved"  # a later narrower decision only

    for locale in ("en", "ar"):
        store.approve("invoice_ready", "Tom", locale=locale)
    assert store.status("invoice_ready").state == "approved"
    data = store.status("invoice_ready").to_dict()
    assert data["approved_parts"] == data["total_parts"] == 9
    assert {"template", "state", "reviewer", "approved_hash", "current_hash"} <= set(data)
    assert data["approved_hash"] == data["current_hash"]


def test_unknown_locale_or_channel_is_refused(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    with pytest.raises(Exception, match="locale 'fr' is not in the project"):
        store.approve("invoice_ready", "Tom", locale="fr")
    with pytest.raises(Exception, match="has no email message"):
        store.approve("login_code", "Tom", channel="email")


def test_new_sample_key_for_another_template_keeps_the_approval(demo: Path) -> None:
    ReviewStore(Project.load(demo)).approve("invoice_ready", "Rina Cohen")
    path = demo / "samples/emily_en.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["loyalty_points"] = 1200          # a key only a new template would use
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    review = ReviewStore(Project.load(demo)).status("invoice_ready")
    assert review.state == "approved"
    assert review.approved_hash == review.current_hash
    # the sources changed, so every part says so, but the output did not
    assert set(review.output_identical) == {p.key for p in review.parts}


def test_comment_in_a_source_keeps_the_approval(demo: Path) -> None:
    ReviewStore(Project.load(demo)).approve("invoice_ready", "Rina Cohen")
    _edit(demo, "policy.toml", "# Rule settings", "# Rule settings (reviewed in May)")
    review = ReviewStore(Project.load(demo)).status("invoice_ready")
    assert review.state == "approved"
    assert review.output_identical


def test_a_changed_word_invalidates_only_its_part(demo: Path, cli) -> None:
    ReviewStore(Project.load(demo)).approve("invoice_ready", "Rina Cohen")
    _edit(demo, EN_SMS, "Questions?", "Any questions?")
    review = ReviewStore(Project.load(demo)).status("invoice_ready")
    states = _states(review)
    assert states["en/sms"] == "changed_since_approval"
    assert review.state == "changed_since_approval"
    assert all(s == "approved" for k, s in states.items() if k != "en/sms")
    assert review.approved_hash != review.current_hash

    result = cli("review", "status", demo)
    block = result.out.split("invoice_ready", 1)[1]
    line = next(x for x in block.splitlines() if x.strip().startswith("en/sms"))
    assert "changed since approval" in line
    data = json.loads(cli("review", "status", demo, "--format", "json").out)
    invoice = next(t for t in data["templates"] if t["template"] == "invoice_ready")
    assert {p["locale"] + "/" + p["channel"]: p["state"] for p in invoice["parts"]}[
        "en/sms"] == "changed_since_approval"


def test_error_gate_refuses_without_a_reason(demo: Path, cli) -> None:
    _edit(demo, EN_SMS, "Northwind:", "Northwind {{ account_manager }}:")
    store = ReviewStore(Project.load(demo))
    with pytest.raises(ApprovalRefused, match=r"invoice_ready/en/sms has .* check error"):
        store.approve("invoice_ready", "Tom", locale="en", channel="sms")
    assert store.events("invoice_ready") == []        # nothing was recorded
    # the other parts have no errors: approving them needs no reason
    review = store.approve("invoice_ready", "Tom", locale="he")
    assert _states(review)["he/sms"] == "approved"

    result = cli("review", "approve", demo, "--template", "invoice_ready", "--locale", "en",
                 "--as", "Tom")
    assert result.code != 0
    errors = result.err.strip().splitlines()
    assert len(errors) == 1 and "check error" in errors[0] and "--override-errors" in errors[0]


def test_error_gate_with_an_override_records_the_reason(demo: Path, cli) -> None:
    _edit(demo, EN_SMS, "Northwind:", "Northwind {{ account_manager }}:")
    result = cli("review", "approve", demo, "--template", "invoice_ready", "--locale", "en",
                 "--channel", "sms", "--as", "Tom", "--override-errors",
                 "Field added by the CRM next week; legal agreed")
    assert result.code == 0, result.err
    assert "errors overridden: Field added by the CRM" in result.out
    event = ReviewStore(Project.load(demo)).events("invoice_ready")[-1]
    assert event.override.startswith("Field added by the CRM")
    assert any("undefined-variable" in e for e in event.errors)
    part = next(p for p in ReviewStore(Project.load(demo)).status("invoice_ready").parts
                if p.key == "en/sms")
    assert part.state == "approved" and part.override


def test_warnings_are_listed_in_the_approval(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    store.approve("invoice_ready", "Tom", locale="he", channel="sms")
    event = store.events("invoice_ready")[-1]
    assert any("[sms-segments]" in w and "he/sms" in w for w in event.warnings)
    assert not event.errors and not event.override
