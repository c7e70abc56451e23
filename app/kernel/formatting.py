"""Locale formatting of amounts, numbers, percentages, dates and times, on Babel.

One :class:`LocaleFormatter` per (locale, numbering system); the Jinja filters in
:mod:`app.kernel.sandbox` call it. Values may come from JSON (numbers, ISO strings) or from
Python (Decimal, date, datetime). Bad values raise :class:`FormatValueError` with a
message a copywriter can act on.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from .currency_spacing import apply_currency_spacing
from .number_signs import localize_signs

_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
NUMBERING_SYSTEMS = ("latn", "arab")


class FormatValueError(ValueError):
    """A value that a filter cannot format (not a number, not a date, no currency)."""


def to_decimal(value: Any, what: str = "number") -> Decimal:
    """A Decimal from an int, float, Decimal or numeric string (not a bool)."""
    if isinstance(value, bool) or value is None:
        raise FormatValueError(f"{what}: expected a number, got {value!r}")
    try:
        # str() first: Decimal(0.1) would carry the float's binary noise.
        number = Decimal(str(value).strip()) if not isinstance(value, Decimal) else value
    except InvalidOperation:
        raise FormatValueError(f"{what}: {value!r} is not a number") from None
    if not number.is_finite():  # NaN and ±Infinity would show as "$NaN.00" or "$∞"
        raise FormatValueError(f"{what}: {value!r} is not a finite number")
    return number


def to_date(value: Any) -> dt.date:
    """A date from a date, datetime or ISO 8601 string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise FormatValueError(f"date: {value!r} is not an ISO date such as 2026-12-01")


def to_datetime(value: Any) -> dt.datetime:
    """A timezone-aware datetime from a datetime or ISO 8601 string (naive means UTC)."""
    if isinstance(value, dt.datetime):
        result = value
    elif isinstance(value, str):
        try:
            result = dt.datetime.fromisoformat(value)
        except ValueError:
            raise FormatValueError(
                f"datetime: {value!r} is not an ISO date-time such as 2026-12-01T14:30:00+02:00"
            ) from None
    else:
        raise FormatValueError(f"datetime: {value!r} is not a date-time")
    return result if result.tzinfo else result.replace(tzinfo=dt.UTC)


def _zone(tz: Any) -> Any:
    if tz is None or isinstance(tz, dt.tzinfo):
        return tz
    try:
        return babel_dates.get_timezone(str(tz))
    except LookupError:
        raise FormatValueError(
            f"unknown time zone {tz!r}; use a name like Asia/Jerusalem") from None

_PLAIN_SPACES = {0x00A0: " ", 0x202F: " ", 0x2009: " ", 0x2007: " "}


class LocaleFormatter:
    """Formats values for one locale and numbering system ("latn" or "arab" digits)."""

    def __init__(self, locale: str, numbering: str = "latn", plain_spaces: bool = False) -> None:
        self.locale = Locale.parse(locale.replace("-", "_"))
        self.numbering = numbering if numbering in NUMBERING_SYSTEMS else "latn"
        self.plain_spaces = plain_spaces

    def _digits(self, text: str) -> str:
        # Babel swaps the separators for the "arab" system but keeps ASCII digits.
        if self.numbering == "arab":
            text = text.translate(_ARABIC_INDIC)
        # CLDR writes "2:00 PM" and "1 234 €" with no-break spaces, which are not in
        # GSM-7: one of them turns a whole SMS into UCS-2 and halves its length.
        return text.translate(_PLAIN_SPACES) if self.plain_spaces else text

    def money(self, value: Any, currency: Any = None) -> str:
        """An amount with its currency, as the locale writes it ("₪1,234.50", "1.234,50 €",
        "AED 199.00": CLDR currency spacing, see :mod:`app.kernel.currency_spacing`)."""
        if not isinstance(currency, str) or not _CURRENCY.match(currency.strip().upper()):
            raise FormatValueError(
                f"money: needs a currency code such as \"ILS\" or \"USD\", got {currency!r}"
            )
        code = currency.strip().upper()
        amount = to_decimal(value, "money")
        text = babel_numbers.format_currency(
            amount, code, locale=self.locale, numbering_system=self.numbering,
        )
        text = localize_signs(text, self.locale, self.numbering, amount.is_signed())
        symbol = babel_numbers.get_currency_symbol(code, locale=self.locale)
        return self._digits(apply_currency_spacing(text, symbol))

    def number(self, value: Any, decimals: int | None = None) -> str:
        """A number with the locale's grouping and decimal signs."""
        amount = to_decimal(value)
        if decimals is not None:
            pattern = _with_decimals(self.locale.decimal_formats[None].pattern, decimals)
            text = babel_numbers.format_decimal(amount, format=pattern, locale=self.locale,
                                                numbering_system=self.numbering)
        else:
            text = babel_numbers.format_decimal(amount, locale=self.locale,
                                                numbering_system=self.numbering)
        return self._digits(localize_signs(text, self.locale, self.numbering,
                                           amount.is_signed()))

    def percent(self, value: Any, decimals: int = 0) -> str:
        """A fraction as a percentage (0.25 → "25%")."""
        pattern = _with_decimals(self.locale.percent_formats[None].pattern, decimals)
        amount = to_decimal(value, "percent")
        text = babel_numbers.format_percent(amount, format=pattern, locale=self.locale,
                                            numbering_system=self.numbering)
        return self._digits(localize_signs(text, self.locale, self.numbering,
                                           amount.is_signed()))

    def date(self, value: Any, format: str = "medium") -> str:
        """A date in the locale's words ("Dec 1, 2026", "1 בדצמ׳ 2026")."""
        return self._digits(babel_dates.format_date(to_date(value), format, locale=self.locale))

    def datetime(self, value: Any, format: str = "medium", tz: Any = None) -> str:
        """A date and time, converted to ``tz`` (a zone name) or kept in its own offset."""
        moment = to_datetime(value)
        zone = _zone(tz) or moment.tzinfo
        return self._digits(
            babel_dates.format_datetime(moment, format, tzinfo=zone, locale=self.locale)
        )

    def time(self, value: Any, format: str = "short", tz: Any = None) -> str:
        """A time of day, converted to ``tz`` or kept in its own offset."""
        moment = to_datetime(value)
        zone = _zone(tz) or moment.tzinfo
        return self._digits(
            babel_dates.format_time(moment, format, tzinfo=zone, locale=self.locale)
        )


def _with_decimals(pattern: str, decimals: int) -> str:
    """The locale's own pattern (spacing, sign position) with a fixed number of decimals."""
    fraction = "." + "0" * decimals if decimals > 0 else ""
    return re.sub(r"0(?:\.[0#]+)?", "0" + fraction, pattern.split(";")[0], count=1)


@lru_cache(maxsize=64)
def formatter_for(locale: str, numbering: str = "latn",
                  plain_spaces: bool = False) -> LocaleFormatter:
    """A shared formatter for a locale and numbering system (plain spaces for SMS)."""
    return LocaleFormatter(locale, numbering, plain_spaces)
