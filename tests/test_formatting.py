"""Locale formatting on Babel: what a customer in each locale reads."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_currency

from app.kernel.formatting import FormatValueError, LocaleFormatter


@pytest.mark.parametrize(
    ("locale", "amount", "currency"),
    [("en", 1234.5, "USD"), ("he", 1234.5, "ILS"), ("ar", 1234.5, "SAR"),
     ("de", "99.9", "EUR"), ("en", 0, "EUR")],
)
def test_money_is_what_babel_writes_for_the_locale(locale, amount, currency) -> None:
    expected = format_currency(Decimal(str(amount)), currency, locale=locale)
    assert LocaleFormatter(locale).money(amount, currency) == expected


@pytest.mark.parametrize(("locale", "amount", "currency", "expected"), [
    ("en", 199, "AED", "AED\xa0199.00"),        # Babel alone writes "AED199.00"
    ("en", "3450.75", "SAR", "SAR\xa03,450.75"),
    ("en", -5, "CHF", "-CHF\xa05.00"),
    ("en", 5, "ILS", "₪5.00"),                   # a symbol touches the digits: no space
    ("en", 5, "USD", "$5.00"),
    ("he", 5, "AED", "\u200f5.00\xa0\u200fAED"),  # already spaced by the pattern
    ("ar", 5, "SAR", "\u200f5.00\xa0ر.س.\u200f"),
])
def test_money_follows_cldr_currency_spacing(locale, amount, currency, expected) -> None:
    assert LocaleFormatter(locale).money(amount, currency) == expected


def test_currency_spacing_in_sms_is_a_plain_space() -> None:
    assert LocaleFormatter("en", plain_spaces=True).money(199, "AED") == "AED 199.00"


def test_runtime_formats_money_as_the_studio_does() -> None:
    from app.runtime.filters import bundle_environment

    env = bundle_environment()
    out = env.from_string("{{ 199|money('AED') }}").render(
        message={"locale": "en", "numbering": "latn", "channel": "email", "rtl": False})
    assert "AED\xa0199.00" in out


def test_money_examples_a_reader_would_recognise() -> None:
    assert LocaleFormatter("en").money(1234.5, "USD") == "$1,234.50"
    assert LocaleFormatter("de").money(1234.5, "EUR") == "1.234,50\xa0€"
    he = LocaleFormatter("he").money(1234.5, "ILS")
    assert "1,234.50" in he and "₪" in he


def test_float_noise_does_not_reach_the_customer() -> None:
    assert LocaleFormatter("en").money(0.1 + 0.2, "USD") == "$0.30"


def test_arabic_digits_when_the_project_asks_for_them() -> None:
    latn = LocaleFormatter("ar", "latn").money(1234.5, "SAR")
    arab = LocaleFormatter("ar", "arab").money(1234.5, "SAR")
    assert "1,234.50" in latn
    assert "١٬٢٣٤٫٥٠" in arab
    assert not any(ch.isascii() and ch.isdigit() for ch in arab)
    assert "٢٠٢٦" in LocaleFormatter("ar", "arab").date("2026-12-01")


def test_money_needs_a_currency_code() -> None:
    with pytest.raises(FormatValueError, match="currency code"):
        LocaleFormatter("en").money(10, None)
    with pytest.raises(FormatValueError, match="not a number"):
        LocaleFormatter("en").money("ten", "USD")
    with pytest.raises(FormatValueError):
        LocaleFormatter("en").money(True, "USD")


def test_dates_and_times_in_the_customers_zone() -> None:
    en = LocaleFormatter("en")
    assert en.date("2026-12-15") == "Dec 15, 2026"
    assert en.date("2026-12-15", "long") == "December 15, 2026"
    assert "בדצמ" in LocaleFormatter("he").date("2026-12-15")
    # 12:00 UTC is 14:00 in Jerusalem in winter.
    assert en.time("2026-12-15T12:00:00Z", tz="Asia/Jerusalem") == "2:00\u202fPM"
    assert "14:00" in LocaleFormatter("he").datetime("2026-12-15T12:00:00+00:00",
                                                     tz="Asia/Jerusalem")
    with pytest.raises(FormatValueError, match="time zone"):
        en.datetime("2026-12-15T12:00:00Z", tz="Mars/Olympus")
    with pytest.raises(FormatValueError, match="ISO date"):
        en.date("15/12/2026")


def test_number_and_percent() -> None:
    assert LocaleFormatter("en").number(1234567.891) == "1,234,567.891"
    assert LocaleFormatter("en").number(3, 2) == "3.00"
    assert LocaleFormatter("en").percent(0.256) == "26%"
    assert LocaleFormatter("de").percent(0.256, 1) == "25,6\xa0%"


def test_minus_and_percent_signs_are_the_locales_as_cldr_and_icu_write_them() -> None:
    # Babel leaves a pattern's "-" and "%" as ASCII; ICU (Intl, phones) writes the locale's.
    assert LocaleFormatter("he").money(-7, "ILS") == "\u200f\u200e-7.00\xa0\u200f₪"
    assert LocaleFormatter("he").number(-1234.5) == "\u200e-1,234.5"
    assert LocaleFormatter("ar").percent(0.26) == "26\u200e%\u200e"
    assert LocaleFormatter("ar", "arab").percent(-0.26) == "\u061c-٢٦٪\u061c"
    assert LocaleFormatter("en").money(-7, "USD") == "-$7.00"
    assert LocaleFormatter("de").percent(0.256, 1) == "25,6\xa0%"
