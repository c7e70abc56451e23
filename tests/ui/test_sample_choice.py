"""A sample chosen for a locale it isn't written for stays chosen (``--sample`` in
screenshots, or the picker): focusing the file must not swap it for a 'better' one."""

from __future__ import annotations

from .helpers import pick, shows_sms


def test_a_chosen_sample_of_another_locale_is_kept(qtbot, window) -> None:
    window.select(template="invoice_ready", locale="he", channel="sms", sample="emily_en")
    qtbot.waitUntil(lambda: shows_sms(window, "Emily"), timeout=10000)
    assert window.choice.sample == "emily_en"
    assert window.pickers.combos["sample"].currentData() == "emily_en"
    assert window.editors.current_page().rel_path == "templates/invoice_ready/he/sms.txt"


def test_changing_the_locale_still_picks_a_sample_that_reads_it(qtbot, window) -> None:
    window.select(template="invoice_ready", locale="en", channel="sms", sample="emily_en")
    pick(window.pickers.combos["locale"], "he")
    qtbot.waitUntil(lambda: shows_sms(window, "דנה"), timeout=10000)
    assert window.choice.sample == "dana_he"
