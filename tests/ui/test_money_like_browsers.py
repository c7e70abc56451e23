"""Amounts as a browser (ICU) writes them: CLDR currency spacing, which Babel leaves out."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWebEngineCore import QWebEnginePage

from app.kernel.formatting import LocaleFormatter

CASES = [("en", "AED", "199"), ("en", "SAR", "3450.75"), ("en", "CHF", "12"),
         ("en", "USD", "5"), ("en", "ILS", "1234.5"), ("de", "EUR", "99.9")]


def _intl(page: QWebEnginePage) -> list[str]:
    script = ("JSON.stringify(CASES.map(function (c) { return new Intl.NumberFormat(c[0], "
              "{style: 'currency', currency: c[1]}).format(Number(c[2])); }))"
              ).replace("CASES", json.dumps(CASES))
    loop = QEventLoop()
    out: dict[str, str] = {}
    page.runJavaScript(script, 0, lambda v: (out.update(v=v), loop.quit()))
    QTimer.singleShot(10000, loop.quit)
    loop.exec()
    return json.loads(out.get("v", "[]"))


def test_money_matches_chromium_intl(qapp) -> None:
    page = QWebEnginePage()
    loop = QEventLoop()
    page.loadFinished.connect(lambda _ok: loop.quit())
    QTimer.singleShot(20000, loop.quit)
    page.setHtml("<!doctype html><p>x</p>")
    loop.exec()
    browser = _intl(page)
    assert len(browser) == len(CASES)
    ours = [LocaleFormatter(locale).money(amount, code) for locale, code, amount in CASES]
    assert ours == browser
    page.deleteLater()


@pytest.mark.parametrize("code", ["AED", "SAR"])
def test_english_amount_keeps_its_space(code: str) -> None:
    assert LocaleFormatter("en").money(1, code) == f"{code}\u00a01.00"
