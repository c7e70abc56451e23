"""SMS: the rendered text with its encoding and segments, RTL values isolated."""

from __future__ import annotations

from app.core.bidi import LRI, PDI, strip_markers
from app.core.project import Project
from app.core.render import Renderer
from app.core.sms_segments import analyze


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
