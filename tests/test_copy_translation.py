"""Translating side by side (missing / identical / source changed) and live counters."""

from __future__ import annotations

import json
import re
from pathlib import Path

from app.core.copy import build_deck, write_block
from app.core.copy.measure import measure_block
from app.core.copy.translation import load_record, mark_translated, statuses
from app.core.project import Project


def test_statuses_missing_identical_and_source_changed(demo: Path) -> None:
    project = Project.load(demo)
    he_mjml = demo / "templates/invoice_ready/he/email.mjml"
    text = he_mjml.read_text(encoding="utf-8")
    # the Hebrew email copied the English sentence, and lost its last mj-text
    text = text.replace("אם כבר שילמת, אין צורך לעשות דבר.",
                        "If you have already paid, you don't need to do anything.")
    he_mjml.write_text(text, encoding="utf-8")
    en = build_deck(project, "invoice_ready", "en")
    he = build_deck(project, "invoice_ready", "he")
    assert statuses(en, he)["email.body.text5"] == "identical"
    assert statuses(en, he)["email.layout-base.text1"] == "ok"  # {{ brand.name }}: no words
    mark_translated(demo, en, "he", ["email.body.text2", "whatsapp.body", "email.body.text5"])
    record = load_record(demo, "invoice_ready")
    assert set(record["he"]) == {"email.body.text2", "whatsapp.body", "email.body.text5"}
    assert json.loads((demo / "translations/invoice_ready.json").read_text())["he"]
    write_block(project, "invoice_ready", "en", "email.body.text2",
                "Your invoice {{ invoice_number }} is ready.")
    en = build_deck(project, "invoice_ready", "en")
    got = statuses(en, he, load_record(demo, "invoice_ready"))
    assert got["email.body.text2"] == "source_changed" and got["whatsapp.body"] == "ok"
    assert got["email.body.text5"] == "ok"  # confirmed as it is (a translator's choice)
    text = re.sub(r"<mj-text[^>]*>If you have already paid.*?</mj-text>", "",
                  he_mjml.read_text(encoding="utf-8"))
    he_mjml.write_text(text, encoding="utf-8")
    he = build_deck(project, "invoice_ready", "he")
    assert statuses(en, he)["email.body.text5"] == "missing"


def test_copy_set_records_what_a_translation_was_made_from(cli, demo: Path) -> None:
    result = cli("copy", "set", demo, "--template", "invoice_ready", "--locale", "ar",
                 "--block", "whatsapp.footer", "--text", "نورثويند")
    assert result.code == 0, result.err
    assert list(load_record(demo, "invoice_ready")["ar"]) == ["whatsapp.footer"]


def test_measure_counts_what_the_customer_sees(demo_project: Project) -> None:
    data = demo_project.samples["dana_he"].data
    deck = build_deck(demo_project, "payment_received", "he")
    subject = measure_block(demo_project, deck, "email.subject", data)
    assert subject.limit == 60 and subject.length == len("התשלום התקבל: 1,234.50 ₪. תודה") + 2
    sms = measure_block(demo_project, deck, "sms.body", data)
    assert sms.sms is not None and sms.sms.encoding == "UCS-2" and sms.sms.segments == 3
    en = build_deck(demo_project, "payment_received", "en")
    latin = demo_project.samples["maximiliana_long_name"].data
    assert measure_block(demo_project, en, "sms.body", latin).sms.encoding == "GSM-7"
    label = measure_block(demo_project, deck, "whatsapp.button1", data)
    assert (label.length, label.limit, label.over) == (len("לצפייה בקבלה"), 25, False)


def test_measure_without_the_samples_values_counts_the_words(demo_project: Project) -> None:
    deck = build_deck(demo_project, "payment_received", "en")
    measure = measure_block(demo_project, deck, "email.subject", {})
    assert measure.error and measure.length == len("Payment received: . Thank you")
