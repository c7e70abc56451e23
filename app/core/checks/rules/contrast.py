"""contrast: text readable against its background (WCAG AA), after CSS inlining."""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import VariantScope
from ._html import _SKIP, _body, _hidden, _tag, clean

# --- contrast -----------------------------------------------------------------------------

RGBA = tuple[float, float, float, float]
_BASIC_COLOURS = {
    "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000",
    "blue": "#0000ff", "yellow": "#ffff00", "orange": "#ffa500", "gray": "#808080",
    "grey": "#808080", "silver": "#c0c0c0", "navy": "#000080", "maroon": "#800000",
    "purple": "#800080", "teal": "#008080", "olive": "#808000", "lime": "#00ff00",
    "aqua": "#00ffff", "fuchsia": "#ff00ff", "lightgray": "#d3d3d3", "lightgrey": "#d3d3d3",
    "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9", "gainsboro": "#dcdcdc",
    "whitesmoke": "#f5f5f5", "dimgray": "#696969", "dimgrey": "#696969",
    "pink": "#ffc0cb", "gold": "#ffd700", "beige": "#f5f5dc", "ivory": "#fffff0",
}


def _named_colours() -> dict[str, RGBA]:
    table: dict[str, RGBA] = {}
    for name, value in _BASIC_COLOURS.items():
        rgb = parse_colour(value)
        if rgb:
            table[name] = rgb
    try:  # every CSS named colour, from cssutils (installed with premailer)
        from cssutils.css.value import ColorValue

        for name, (r, g, b, a) in ColorValue.COLORS.items():
            table[name.lower()] = (float(r), float(g), float(b), float(a))
    except Exception:  # pragma: no cover - the basic table is enough
        pass
    return table


_NAMED: dict[str, RGBA] = {}
_COLOUR_TOKEN = re.compile(r"#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|\b[a-z]+\b", re.I)


def parse_colour(value: str) -> RGBA | None:
    """``#rgb``, ``#rrggbb`` (``#rgba``/``#rrggbbaa``), ``rgb()``/``rgba()`` or a CSS
    colour name as (r, g, b, alpha); None for anything else (inherit, currentColor…)."""
    value = value.strip().lower().replace("!important", "").strip()
    if value.startswith("#"):
        digits = value[1:]
        if len(digits) in (3, 4):
            digits = "".join(c * 2 for c in digits)
        if len(digits) not in (6, 8) or not re.fullmatch(r"[0-9a-f]+", digits):
            return None
        r, g, b = (int(digits[i:i + 2], 16) for i in (0, 2, 4))
        a = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return (r, g, b, a)
    match = re.fullmatch(r"rgba?\(([^)]*)\)", value)
    if match:
        parts = [p for p in re.split(r"[\s,/]+", match.group(1).strip()) if p]
        if len(parts) < 3:
            return None
        try:
            rgb = [float(p[:-1]) * 2.55 if p.endswith("%") else float(p) for p in parts[:3]]
            alpha = 1.0
            if len(parts) > 3:
                alpha = float(parts[3][:-1]) / 100 if parts[3].endswith("%") else float(parts[3])
        except ValueError:
            return None
        red, green, blue = (min(255.0, max(0.0, c)) for c in rgb)
        return (red, green, blue, min(1.0, max(0.0, alpha)))
    if not _NAMED and value.isalpha():
        _NAMED.update(_named_colours())
    return _NAMED.get(value)


def _blend(top: RGBA, below: RGBA) -> RGBA:
    a = top[3]
    return (top[0] * a + below[0] * (1 - a), top[1] * a + below[1] * (1 - a),
            top[2] * a + below[2] * (1 - a), 1.0)


def luminance(colour: RGBA) -> float:
    """WCAG 2.x relative luminance of an sRGB colour."""
    def channel(value: float) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(one: RGBA, two: RGBA) -> float:
    """WCAG contrast ratio (1–21) of two opaque colours."""
    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _styles(el: Element) -> dict[str, str]:
    """An element's inline declarations (the last one wins, as in CSS)."""
    out: dict[str, str] = {}
    for declaration in el.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        name = name.strip().lower()
        if name and value.strip():
            out[name] = value.strip()
    return out


def _background(el: Element, styles: dict[str, str]) -> RGBA | None:
    for key in ("background-color", "background"):
        if key in styles:
            for token in _COLOUR_TOKEN.findall(styles[key]):
                colour = parse_colour(token)
                if colour is not None:
                    return colour
    if el.get("bgcolor"):
        return parse_colour(el.get("bgcolor", ""))
    return None


def _font_px(value: str, inherited: float) -> float:
    match = re.match(r"\s*([\d.]+)\s*(px|pt|em|rem|%)?", value)
    if not match:
        return inherited
    number = float(match.group(1))
    unit = match.group(2) or "px"
    return {"px": number, "pt": number * 4 / 3, "em": number * inherited,
            "rem": number * 16, "%": number * inherited / 100}[unit]


def _bold(value: str, inherited: bool) -> bool:
    value = value.strip().lower()
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    return int(value) >= 700 if value.isdigit() else inherited


def _hex(colour: RGBA) -> str:
    return "#{:02x}{:02x}{:02x}".format(*(round(c) for c in colour[:3]))


def low_contrast(root: Element, normal: float = 4.5, large_needed: float = 3.0
                 ) -> Iterator[tuple[str, RGBA, RGBA, float, float, bool]]:
    """(text, colour, background, ratio, needed, large) for each text below WCAG AA
    (``normal`` for body text, ``large_needed`` for 24px or 18.66px bold text)."""
    white: RGBA = (255.0, 255.0, 255.0, 1.0)
    black: RGBA = (0.0, 0.0, 0.0, 1.0)

    def walk(el: Element, colour: RGBA, background: RGBA, size: float, bold: bool
             ) -> Iterator[tuple[str, RGBA, RGBA, float, float, bool]]:
        tag = _tag(el)
        if not tag or tag in _SKIP or _hidden(el):
            return
        styles = _styles(el)
        own_bg = _background(el, styles)
        if own_bg is not None and own_bg[3] > 0:
            background = _blend(own_bg, background)
        own = parse_colour(styles.get("color", el.get("color", "") if tag == "font" else ""))
        if own is not None:
            colour = own
        if "font-size" in styles:
            size = _font_px(styles["font-size"], size)
        if "font-weight" in styles:
            bold = _bold(styles["font-weight"], bold)
        if tag in ("b", "strong", "h1", "h2", "h3", "h4", "h5", "h6", "th"):
            bold = True
        direct = (el.text or "") + "".join(child.tail or "" for child in el)
        if clean(direct) and size > 0:
            shown = _blend(colour, background)
            ratio = contrast_ratio(shown, background)
            large = size >= 24 or (size >= 18.66 and bold)
            needed = large_needed if large else normal
            if ratio + 1e-9 < needed:
                yield clean(direct), shown, background, ratio, needed, large
        for child in el:
            yield from walk(child, colour, background, size, bold)

    yield from walk(root, black, white, 16.0, False)


@rule("contrast", "warning", N_("Text is readable against its background"),
      N_("darken the text or lighten the background until the contrast is at least 4.5:1"),
      settings={"normal_ratio": 4.5, "large_ratio": 3.0},
      channels=("email",),
      doc="""
**Violation:** light grey small print (#9aa5b1 on white, 2.6:1) or a pale button (white
text on #5fa8f5): hard to read on a phone in daylight and for anyone with low vision.
**Fix:** use a darker grey (#52606d, 6.4:1) and a darker button colour (#0b5cad).
Large text (24px, or 18.66px bold) needs 3:1, other text 4.5:1 (WCAG AA).
""")
def contrast(scope: VariantScope) -> Iterator[Issue]:
    """WCAG 2.2 SC 1.4.3 Contrast (Minimum), level AA; email-rules.md §6 (accessibility)
    and §7 (clients invert colours in dark mode, so design light-first with sufficient
    contrast). Colours are read from the inlined HTML: inherited ``color``, the nearest
    ``background-color``/``background``/``bgcolor`` (white when none)."""
    normal = scope.settings["normal_ratio"]
    large_needed = scope.settings["large_ratio"]
    for result in scope.ok[:1]:  # colours come from the layout and source, not data
        seen: set[tuple[str, str, bool]] = set()
        for text, fg, bg, ratio, needed, large in low_contrast(
                _body(result.message), normal, large_needed):
            key = (_hex(fg), _hex(bg), large)
            if key in seen:
                continue
            seen.add(key)
            where = scope.at(_hex(fg))
            if not where["line"]:
                where = scope.at(text[:30])
            sample_text = text if len(text) <= 40 else text[:39] + "…"
            yield Issue(msg("Text '{text}' is {colour} on {background}: contrast "
                            "{ratio:.1f}:1, below {needed:g}:1", text=sample_text,
                            colour=_hex(fg), background=_hex(bg), ratio=ratio,
                            needed=needed), **where)
