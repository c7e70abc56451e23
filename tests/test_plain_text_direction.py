"""The plain-text part of a right-to-left email keeps its left-to-right runs isolated, as
the HTML does with ``<span dir="ltr">``; the studio's and the runtime's walks agree."""

from __future__ import annotations

from pathlib import Path

from app.core.html_text import html_to_text as studio_walk
from app.core.html_text import parse_html
from app.kernel.bidi import LRI, PDI, RLI, RLM
from app.runtime.html_text import html_to_text as runtime_text
from tests.checks.helpers import edit, findings


def studio_text(html: str) -> str:
    return studio_walk(parse_html(html)[0])


RTL = ('<!doctype html><html lang="he" dir="rtl"><head><title>t</title></head><body>'
       '<div dir="rtl"><p>להזמנה <span dir="ltr" style="white-space:nowrap">NW-558</span>'
       ' התקשרו <span dir="ltr">+972 3 555 0100</span>.</p>'
       '<p>Northwind מודה לך</p><p>שם: <span dir="rtl">דנה</span> <span dir="ltr"> </span></p>'
       '<p><a href="tel:+97235550100">התקשרו</a> או <a href="https://x.example/a">כאן</a></p>'
       '<p>ראו https://x.example/b.</p></div></body></html>')


def test_spans_with_dir_become_isolates_in_rtl_text() -> None:
    text = studio_text(RTL)
    lines = text.split("\n\n")
    assert lines[0] == f"להזמנה {LRI}NW-558{PDI} התקשרו {LRI}+972 3 555 0100{PDI}."
    assert lines[1] == f"{RLM}Northwind מודה לך"  # still laid out right to left
    assert lines[2] == f"שם: {RLI}דנה{PDI}"  # an empty isolate is dropped
    assert lines[3] == f"התקשרו ({LRI}+97235550100{PDI}) או כאן ({LRI}https://x.example/a{PDI})"
    assert lines[4] == f"ראו {LRI}https://x.example/b{PDI}."
    assert runtime_text(RTL) == text


def test_ltr_email_text_is_unchanged() -> None:
    html = ('<html lang="en" dir="ltr"><body><p>Dear <span dir="rtl">דנה</span>, call '
            '<a href="tel:+1555">us</a> at https://x.example/b.</p></body></html>')
    text = studio_text(html)
    assert text == f"Dear {RLI}דנה{PDI}, call us (+1555) at https://x.example/b."
    assert runtime_text(html) == text


def test_isolate_cut_by_a_line_break_is_left_open_to_the_line_end() -> None:
    # The bidi algorithm closes an isolate at the end of its paragraph; no stray PDI.
    html = '<html dir="rtl"><body><p><span dir="ltr">A-1<br>B-2</span> סוף</p></body></html>'
    text = studio_text(html)
    assert text == f"{LRI}A-1\n{RLM}B-2 סוף"
    assert runtime_text(html) == text


HE_EMAIL = {"templates": ["invoice_ready"], "locales": ["he"], "channels": ["email"]}


def test_bidi_isolation_covers_email_subject_and_text(demo: Path) -> None:
    assert not findings(demo, "bidi-isolation", **HE_EMAIL)
    toml = "templates/invoice_ready/he/email.toml"
    edit(demo, toml, "חשבונית {{ invoice_number }}", "חשבונית NW-558-2291")
    found = findings(demo, "bidi-isolation", **HE_EMAIL)
    assert [(f.path, f.line) for f in found] == [(toml, 1)]
    assert "NW-558-2291" in found[0].message
    mjml = "templates/invoice_ready/he/email.mjml"
    edit(demo, mjml, "החשבונית שלך {{ invoice_number }}", "החשבונית שלך INV-77-12")
    found = findings(demo, "bidi-isolation", **HE_EMAIL)
    assert any(f.path == mjml and "INV-77-12" in f.message for f in found)
