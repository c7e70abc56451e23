"""SMS: the rendered text with its encoding and segments, RTL values isolated."""

from __future__ import annotations

from app.core.project import Project
from app.core.render import Renderer
from app.kernel.bidi import LRI, PDI, strip_markers
from app.kernel.sms_segments import analyze


def test_english_sms_is_gsm7_and_counts_segments(demo_project: Project) -> None:
    sms = Renderer(demo_project).render("invoice_ready", "en", "sms",
                                        demo_project.samples["emily_en"].data)
    assert sms.to_dict()["encoding"] == analyze(sms.text).encoding
    assert sms.segments == analyze(sms.text).segments >= 1
    assert sms.to_dict()["units"] == analyze(sms.text).units


def test_hebrew_sms_is_ucs2_with_isolated_order_number(demo_project: Project) -> None:
    data = demo_project.samples["dana_he"].data
    sms = Renderer(demo_project).render("invoice_ready", "he", "sms", data)
    assert sms.encoding == "UCS-2"
    assert f"{LRI}{data['invoice_number']}{PDI}" in sms.text
    # The pay link is one unbroken run, isolated as a whole.
    assert f"{LRI}{data['pay_url']}{PDI}" in sms.text or data["pay_url"] not in strip_markers(
        sms.text)


def test_locale_spaces_do_not_force_ucs2(demo_project: Project) -> None:
    # CLDR writes "9:00 AM" with U+202F; in an SMS that would switch to UCS-2.
    sms = Renderer(demo_project).render("delivery_update", "en", "sms",
                                        demo_project.samples["emily_en"].data)
    assert "9:00 AM" in sms.text
    assert sms.encoding == "GSM-7"


def test_isolates_around_urls_stay_balanced(demo_project: Project) -> None:
    for sample in ("dana_he", "omar_ar"):
        for template in ("invoice_ready", "delivery_update", "payment_received"):
            data = demo_project.samples[sample].data
            locale = data["locale"]
            sms = Renderer(demo_project).render(template, locale, "sms", data)
            depth = 0
            for char in sms.text:
                depth += char in (LRI, "\u2067", "\u2068")
                depth -= char == PDI
                assert depth >= 0, sms.text
            assert depth == 0, sms.text


def test_hebrew_sms_opening_with_the_brand_reads_right_to_left(demo_project: Project) -> None:
    sms = Renderer(demo_project).render("invoice_ready", "he", "sms",
                                        demo_project.samples["dana_he"].data)
    assert sms.text.startswith("\u200fNorthwind:")
    english = Renderer(demo_project).render("invoice_ready", "en", "sms",
                                            demo_project.samples["emily_en"].data)
    assert english.text.startswith("Northwind:")
