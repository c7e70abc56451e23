"""CLDR's minus and percent signs, which Babel leaves as ASCII and ICU writes as the locale's.

In a CLDR number pattern ``-`` and ``%`` stand for the locale's minus and percent signs
(UTS #35, "Special Pattern Characters"). Hebrew and Arabic write the minus sign with a
left-to-right mark in front ("‎-7.00"), Arabic its percent sign between two marks
("26‎%‎"), and the ``arab`` numbering system has its own ("٢٦٪؜"). Babel copies the
pattern's ``-`` and ``%`` as they are; ICU, and so JavaScript's ``Intl`` and the phones,
write the locale's. Imports only the standard library and Babel's locale data.
"""

from __future__ import annotations

from typing import Any


def localize_signs(text: str, locale: Any, numbering: str, negative: bool) -> str:
    """``text`` (a number Babel formatted for ``locale``) with the locale's minus sign
    (when ``negative``) and percent sign for the ``numbering`` system."""
    symbols = locale.number_symbols.get(numbering) or locale.number_symbols.get("latn", {})
    percent = symbols.get("percentSign", "%")
    if percent != "%":
        # Digits, separators and currency signs hold no "%": this is the pattern's.
        text = text.replace("%", percent)
    minus = symbols.get("minusSign", "-")
    if negative and minus != "-":
        # The first "-" is the pattern's (a currency sign never starts with one).
        text = text.replace("-", minus, 1)
    return text
