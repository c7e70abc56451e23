"""The complete MIME message: the runtime's bundle_email equals the golden .eml."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from pathlib import Path

from app.core.export import export_project
from app.core.export.compare import html_difference
from app.core.export.exporter import export_time
from app.core.project import Project
from app.runtime import Bundle, bundle_email
from app.runtime.mime import PLACEHOLDER_TO, message_id, recipient

TIME = "2026-11-29T09:00:00Z"


def test_the_runtime_sends_what_the_golden_says(demo: Path) -> None:
    result = export_project(Project.load(demo), None, templates=["invoice_ready"],
                            allow_warnings=True, moment=export_time(TIME))
    bundle = Bundle(result.files, "<test>")
    assert bundle.manifest["email_headers"]["set_when_sending"][:3] == ["To", "Date",
                                                                        "Message-ID"]
    raw = bundle_email(bundle, "invoice_ready", "ar", bundle.sample("omar_ar"),
                       date=dt.datetime(2026, 11, 29, 9, tzinfo=dt.UTC))
    golden = result.files["golden/invoice_ready/ar/omar_ar/email.eml"]
    sent = email.message_from_bytes(raw, policy=policy.default)
    expected = email.message_from_bytes(golden, policy=policy.default)
    per_send = {"Message-ID", "Content-Type"}  # the id; the boundary follows the HTML's bytes
    assert [(k, v) for k, v in sent.items() if k not in per_send] == \
        [(k, v) for k, v in expected.items() if k not in per_send]
    assert sent.get_content_type() == "multipart/alternative"
    assert sent["Message-ID"] != expected["Message-ID"]
    assert sent["To"] == PLACEHOLDER_TO and sent["Content-Language"] == "ar"
    text, html = (p.get_content() for p in sent.iter_parts())
    golden_text, golden_html = (p.get_content() for p in expected.iter_parts())
    assert text == golden_text
    assert html_difference(golden_html, html) is None  # the same DOM, as the export proves


def test_to_comes_from_the_sample_and_ids_from_the_sender_domain() -> None:
    assert recipient({"email": "dana@example.co.il", "first_name": "דנה",
                      "last_name": "כהן"}) == "דנה כהן <dana@example.co.il>"
    assert recipient({"first_name": "Emily"}) == PLACEHOLDER_TO
    assert message_id("Billing <billing@northwind.example>", "a").endswith(
        "@northwind.example>")
    assert message_id("חשבונות <billing@דוגמה.ישראל>", "a").endswith(
        "@xn--6dbbec0c.xn--4dbrk0ce>")  # IDNA: ASCII only
    assert message_id("x@y.example") != message_id("x@y.example")  # random per send
