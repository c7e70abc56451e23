"""CLDR currency spacing, which Babel does not apply but ICU, browsers and phones do.

CLDR (``numbers/currencyFormats/currencySpacing``, the same in every locale): when the
side of a currency sign that touches the number is not a symbol or a space
(``[[:^S:]&[:^Z:]]``: "AED", "CHF", "ر.س.") and the number's side is a digit, a no-break
space goes between them — "AED 199.00", not "AED199.00"; "₪1,234.50" and "$5" stay
as they are. Bidi marks between the sign and the number are looked through. Imports
only the standard library, so the runtime formats money exactly as the studio does.
"""

from __future__ import annotations

import unicodedata

NBSP = "\u00a0"
_MARKS = frozenset("\u200e\u200f\u061c\u2066\u2067\u2068\u2069")


def _spaced_side(ch: str) -> bool:
    """CLDR's currencyMatch: not a symbol (S*) and not a separator (Z*)."""
    return unicodedata.category(ch)[0] not in ("S", "Z")


def _is_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def apply_currency_spacing(text: str, symbol: str) -> str:
    """``text`` (a formatted amount) with CLDR's no-break space between ``symbol`` and
    the digits where the symbol's touching end is a letter or a period."""
    if not symbol:
        return text
    at = text.find(symbol)
    if at < 0:
        return text
    end = at + len(symbol)
    after = end
    while after < len(text) and text[after] in _MARKS:
        after += 1
    if after < len(text) and _is_digit(text[after]) and _spaced_side(symbol[-1]):
        text = text[:end] + NBSP + text[end:]
    before = at - 1
    while before >= 0 and text[before] in _MARKS:
        before -= 1
    if before >= 0 and _is_digit(text[before]) and _spaced_side(symbol[0]):
        text = text[:at] + NBSP + text[at:]
    return text
