"""Keeping left-to-right runs readable inside right-to-left text, and the reverse.

Values put into a message (amounts, order numbers, phone numbers, URLs, Latin names)
are wrapped in Unicode isolates when their direction differs from the message's, so the
bidi algorithm cannot reorder them with the text around them ("#A-1024" staying
"#A-1024" inside Hebrew). Text channels keep the isolate characters; HTML turns them
into ``<span dir="...">`` because mail clients honour ``dir`` more widely than isolates.
"""

from __future__ import annotations

import re
import unicodedata

LRI = "\u2066"  # left-to-right isolate
RLI = "\u2067"  # right-to-left isolate
FSI = "\u2068"  # first-strong isolate
PDI = "\u2069"  # pop directional isolate
MARKERS = (LRI, RLI, FSI, PDI)
_DIGIT_CLASSES = frozenset({"EN", "AN"})


def _strong(ch: str) -> str | None:
    cls = unicodedata.bidirectional(ch)
    return "ltr" if cls == "L" else "rtl" if cls in ("R", "AL") else None


# Only an ASCII letter or a character past ASCII can be strong (bidi class L, R or AL):
# runs of spaces, digits and punctuation are skipped by the regex engine, not one by one.
_MAYBE_STRONG = re.compile(r"[A-Za-z\x80-\U0010ffff]")
_ASCII_DIGIT = re.compile(r"[0-9]")


def first_strong(text: str) -> str | None:
    """The direction of the first strong character: "ltr", "rtl", or None if none."""
    pos = 0
    while match := _MAYBE_STRONG.search(text, pos):
        direction = _strong(match.group())
        if direction:
            return direction
        pos = match.end()
    return None


RLM = "\u200f"  # right-to-left mark


def paragraph_direction(text: str) -> str | None:
    """The direction a phone gives a paragraph (Unicode P2: first strong character,
    skipping what is inside isolates)."""
    depth = 0
    for ch in text:
        if ch in (LRI, RLI, FSI):
            depth += 1
        elif ch == PDI:
            depth = max(depth - 1, 0)
        elif not depth and (direction := _strong(ch)):
            return direction
    return None


def with_base_direction(text: str, rtl_base: bool) -> str:
    """Start each RTL paragraph that opens with a Latin word ("Northwind: …") with an RLM,
    so the phone lays it out right-to-left."""
    if not rtl_base:
        return text
    return "\n".join(RLM + line if paragraph_direction(line) == "ltr" else line
                     for line in text.split("\n"))


def value_direction(text: str) -> str | None:
    """The direction a value should be shown in; digits with no letters count as LTR."""
    direction = first_strong(text)
    if direction is None and (_ASCII_DIGIT.search(text) or any(
            unicodedata.bidirectional(c) in _DIGIT_CLASSES for c in text)):
        return "ltr"
    return direction


def isolate(text: str, rtl_base: bool) -> str:
    """Wrap ``text`` in isolates if its direction differs from the base direction."""
    if not text or text.isspace() or any(m in text for m in MARKERS):
        return text
    direction = value_direction(text)
    if rtl_base and direction == "ltr":
        return f"{LRI}{text}{PDI}"
    if not rtl_base and direction == "rtl":
        return f"{RLI}{text}{PDI}"
    return text


def strip_markers(text: str) -> str:
    """Remove isolate characters (for attribute values and plain comparisons)."""
    return text.translate({ord(m): None for m in MARKERS})


_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<[^<>]*>", re.S)
# Elements whose content is plain text to a mail client: keep isolate characters there.
_RAW_TEXT = frozenset({"mj-title", "mj-preview", "title", "mj-style", "style", "script",
                       "textarea"})
_OPEN = {LRI: '<span dir="ltr">', RLI: '<span dir="rtl">', FSI: '<span dir="auto">'}


def markers_to_html(markup: str) -> str:
    """Turn isolate characters in the text of HTML/MJML into ``<span dir>`` elements.

    Inside tags (attribute values such as ``href``) the characters are removed; inside
    elements whose content is plain text (``<title>``, ``<mj-preview>``) they are kept.
    """
    if not any(m in markup for m in MARKERS):
        return markup
    out: list[str] = []
    pos = 0
    raw_until: str | None = None
    for match in _TOKEN.finditer(markup):
        out.append(_convert_text(markup[pos:match.start()], raw_until is not None))
        tag = match.group(0)
        out.append(strip_markers(tag))
        name = _tag_name(tag)
        if raw_until is None and name in _RAW_TEXT and not tag.startswith("</"):
            raw_until = name
        elif raw_until is not None and tag.startswith("</") and name == raw_until:
            raw_until = None
        pos = match.end()
    out.append(_convert_text(markup[pos:], raw_until is not None))
    return "".join(out)


def _tag_name(tag: str) -> str:
    m = re.match(r"</?\s*([A-Za-z][\w:-]*)", tag)
    return m.group(1).lower() if m else ""


# An isolated run this short (a phone number, an amount, an order id) is kept on one
# line: Chromium and mail apps reorder the pieces of an LTR run wrapped inside RTL text.
NOWRAP_MAX = 32


def _convert_text(text: str, raw: bool) -> str:
    if raw or not text:
        return text
    depth = 0
    out = []
    for index, ch in enumerate(text):
        if ch in _OPEN:
            end = text.find(PDI, index + 1)
            inner = text[index + 1:end] if end > 0 else ""
            short = 0 < len(inner) <= NOWRAP_MAX and not any(m in inner for m in MARKERS)
            out.append(_OPEN[ch][:-1] + ' style="white-space:nowrap">' if short
                       else _OPEN[ch])
            depth += 1
        elif ch == PDI:
            if depth:
                out.append("</span>")
                depth -= 1
        else:
            out.append(ch)
    out.extend("</span>" for _ in range(depth))
    return "".join(out)


# A URL, with an isolate opener right before it (a value that is a whole URL).
_URL = re.compile(
    r"[\u2066-\u2068]?(?:https?://|www\.)[^\s<>\"'\u2066\u2067\u2068]*"
    r"(?:[\u2066-\u2069][^\s<>\"']*)*",
    re.I,
)


def tidy_urls(text: str, rtl_base: bool) -> str:
    """Keep URLs whole: drop isolates a value put inside one, isolate the URL as a unit.

    ``https://x.example/{{ id }}`` would otherwise carry isolate characters in the middle
    of the link, which ends the link there on a phone.
    """
    def fix(match: re.Match[str]) -> str:
        raw = match.group(0)
        # Markers that open or close outside the URL must stay balanced around it.
        balance = sum(raw.count(m) for m in (LRI, RLI, FSI)) - raw.count(PDI)
        opens = LRI * max(balance, 0)
        closes = PDI * max(-balance, 0)
        url = strip_markers(raw)
        trail = ""
        while url and url[-1] in ".,;:!?)":  # sentence punctuation is not part of the URL
            trail = url[-1] + trail
            url = url[:-1]
        if rtl_base:
            return f"{opens}{LRI}{url}{PDI}{trail}{closes}"
        return f"{opens}{url}{trail}{closes}"

    return _URL.sub(fix, text)
