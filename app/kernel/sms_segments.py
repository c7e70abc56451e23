"""SMS encoding and segmentation per GSM 03.38 (3GPP TS 23.038).

A message is GSM-7 when every character is in the default alphabet or its extension
table, otherwise UCS-2 (UTF-16 in practice). One SMS carries 160 septets or 70 UTF-16
units; a concatenated message loses six octets to the UDH, leaving 153 septets or 67
units per part. Parts are cut at character boundaries: an extension character (ESC +
code, two septets) and a surrogate pair (two units) never straddle a boundary.

Grapheme clusters (flags, ZWJ emoji, a letter with niqqud or harakat) *may* be cut
between their code points: carriers cut by code unit, and only Twilio's calculator keeps
clusters whole. See docs/project-format.md ("SMS segments").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


@dataclass(frozen=True)
class SmsAnalysis:
    """How a text travels as SMS.

    ``units`` are septets for GSM-7 and UTF-16 code units for UCS-2; ``parts`` holds the
    text of each part and ``part_units`` its size; ``forcing_ucs2`` lists
    ``(index, char)`` of every character that is not GSM-7 (index into the str).
    """

    encoding: str
    segments: int
    units: int
    parts: tuple[str, ...]
    part_units: tuple[int, ...]
    forcing_ucs2: tuple[tuple[int, str], ...]

    @property
    def per_part_limit(self) -> int:
        """Units one part can hold, given the encoding and whether it is concatenated."""
        if self.encoding == "GSM-7":
            return GSM7_SINGLE if self.segments <= 1 else GSM7_PART
        return UCS2_SINGLE if self.segments <= 1 else UCS2_PART


def is_gsm7_char(char: str) -> bool:
    """True when ``char`` can be sent in GSM-7 (basic or extension table)."""
    return char in GSM7_BASIC or char in GSM7_EXTENSION


def _gsm_cost(char: str) -> int:
    return 2 if char in GSM7_EXTENSION else 1


def _utf16_cost(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def analyze(text: str) -> SmsAnalysis:
    """Encoding, segment count, units and parts of ``text`` as an SMS."""
    forcing = tuple((i, c) for i, c in enumerate(text) if not is_gsm7_char(c))
    if forcing:
        encoding, cost, single, part = "UCS-2", _utf16_cost, UCS2_SINGLE, UCS2_PART
    else:
        encoding, cost, single, part = "GSM-7", _gsm_cost, GSM7_SINGLE, GSM7_PART
    units = sum(cost(c) for c in text)
    if units <= single:  # an empty message still costs one segment (Twilio, AOSP)
        return SmsAnalysis(encoding, 1, units, (text,), (units,), forcing)
    parts: list[str] = []
    sizes: list[int] = []
    start, used = 0, 0
    for i, char in enumerate(text):
        c = cost(char)
        if used + c > part:  # the whole character moves to the next part
            parts.append(text[start:i])
            sizes.append(used)
            start, used = i, 0
        used += c
    parts.append(text[start:])
    sizes.append(used)
    return SmsAnalysis(encoding, len(parts), units, tuple(parts), tuple(sizes), forcing)


@cache
def smart_replacements() -> dict[str, str]:
    """Look-alike characters and their GSM-7 replacements (Twilio Smart Encoding, MIT)."""
    raw = resources.files("app.kernel").joinpath("data/sms_smart_encoding.json").read_text(
        encoding="utf-8")
    return dict(json.loads(raw)["map"])


def smart_encode(text: str) -> str:
    """``text`` with look-alikes replaced, as Twilio's Smart Encoding would send it."""
    table = smart_replacements()
    return "".join(table.get(c, c) for c in text)
