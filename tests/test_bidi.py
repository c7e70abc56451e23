"""Bidi isolation of values, and its HTML form."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.kernel.bidi import LRI, PDI, RLI, isolate, markers_to_html, strip_markers, tidy_urls


def test_ltr_values_are_isolated_in_rtl_text_only() -> None:
    assert isolate("NW-558-2291", rtl_base=True) == f"{LRI}NW-558-2291{PDI}"
    assert isolate("+972 52-555-0142", rtl_base=True) == f"{LRI}+972 52-555-0142{PDI}"
    assert isolate("דנה", rtl_base=True) == "דנה"
    assert isolate("NW-558-2291", rtl_base=False) == "NW-558-2291"
    assert isolate("דנה", rtl_base=False) == f"{RLI}דנה{PDI}"
    assert isolate("", rtl_base=True) == ""
    assert isolate("  ", rtl_base=True) == "  "


def test_markers_become_spans_in_text_and_vanish_in_attributes() -> None:
    src = f'<mj-button href="{LRI}https://x.example/a{PDI}">שלם {LRI}NW-1{PDI}</mj-button>'
    out = markers_to_html(src)
    assert out == ('<mj-button href="https://x.example/a">שלם '
                   '<span dir="ltr" style="white-space:nowrap">NW-1</span></mj-button>')


def test_markers_stay_characters_in_title_and_preview() -> None:
    src = f"<mj-title>חשבונית {LRI}INV-1{PDI}</mj-title><mj-text>{LRI}INV-1{PDI}</mj-text>"
    out = markers_to_html(src)
    assert f"<mj-title>חשבונית {LRI}INV-1{PDI}</mj-title>" in out
    assert '<mj-text><span dir="ltr" style="white-space:nowrap">INV-1</span></mj-text>' in out


def test_urls_are_kept_whole() -> None:
    text = f"לתשלום: https://northwind.example/pay/{LRI}INV-1{PDI} תודה"
    assert tidy_urls(text, rtl_base=True) == (
        f"לתשלום: {LRI}https://northwind.example/pay/INV-1{PDI} תודה")
    assert tidy_urls("Pay: https://x.example/a.", rtl_base=False) == "Pay: https://x.example/a."


@given(st.text())
def test_isolating_never_changes_the_visible_text(text: str) -> None:
    for rtl in (True, False):
        assert strip_markers(isolate(text, rtl)) == strip_markers(text)


def test_rtl_paragraph_that_opens_with_latin_gets_an_rlm() -> None:
    from app.kernel.bidi import RLM, paragraph_direction, with_base_direction

    assert paragraph_direction("Northwind: שלום") == "ltr"
    assert paragraph_direction("\u2066NW-1\u2069 ההזמנה") == "rtl"  # isolates are skipped
    text = with_base_direction("Northwind: שלום\nשורה שנייה", rtl_base=True)
    assert text == RLM + "Northwind: שלום\nשורה שנייה"
    assert with_base_direction("Northwind: hi", rtl_base=False) == "Northwind: hi"
