"""Which caniemail features a final email HTML uses, and where.

Reads the HTML as text (so every use has an offset, hence a line): elements and
attributes, inline ``style`` attributes, and the ``<style>`` blocks of the head (after
inlining, MJML's and the author's head CSS stays there). Comments, Outlook's conditional
ones included, are skipped: what they hold is for Outlook for Windows alone, on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Set
from dataclasses import dataclass


@dataclass(frozen=True)
class Use:
    """One use of a feature: its caniemail slug, offset in the HTML, and what it looks
    like in a source file (to find the source line)."""

    slug: str
    offset: int
    needle: str


# --- CSS ---------------------------------------------------------------------------------
_GROUPS = {  # properties that caniemail describes together
    "css-block-inline-size": ("block-size", "inline-size"),
    "css-border-inline-block": ("border-inline", "border-block"),
    "css-border-inline-block-individual": ("border-block-end", "border-block-start",
                                           "border-inline-end", "border-inline-start"),
    "css-border-inline-block-longhand": ("border-block-color", "border-block-style",
                                         "border-block-width", "border-inline-color",
                                         "border-inline-style", "border-inline-width"),
    "css-border-radius-logical": ("border-end-end-radius", "border-end-start-radius",
                                  "border-start-end-radius", "border-start-start-radius"),
    "css-column-layout-properties": ("column-count", "column-fill", "column-rule",
                                     "column-span", "column-width", "columns"),
    "css-gap": ("gap", "column-gap", "row-gap"),
    "css-grid-template": ("grid-template", "grid-template-areas", "grid-template-columns",
                          "grid-template-rows"),
    "css-margin-block-start-end": ("margin-block-start", "margin-block-end"),
    "css-margin-inline-block": ("margin-inline", "margin-block"),
    "css-margin-inline-start-end": ("margin-inline-start", "margin-inline-end"),
    "css-padding-block-start-end": ("padding-block-start", "padding-block-end"),
    "css-padding-inline-block": ("padding-inline", "padding-block"),
    "css-padding-inline-start-end": ("padding-inline-start", "padding-inline-end"),
    "css-left-right-top-bottom": ("left", "right", "top", "bottom"),
}
_NOT_PROPERTIES = re.compile(r"^css-(at-|unit-|function-|pseudo-|selector-|display-|"
                             r"important$|comments$|variables$|nesting$|rgba?$|"
                             r"\w+-gradient$|modern-color$|sytem-ui$|intrinsic-size$|"
                             r"inert-attribute$)")
# Shorthands whose longhands caniemail does not list apart (margin-top → margin).
_PREFIX_FAMILIES = ("margin", "padding", "border", "background", "list-style", "outline",
                    "overflow", "text-decoration", "animation", "transition", "flex",
                    "scroll-snap")
_FUNCTIONS = {"calc": "css-unit-calc", "var": "css-variables", "rgb": "css-rgb",
              "rgba": "css-rgba", "linear-gradient": "css-linear-gradient",
              "radial-gradient": "css-radial-gradient", "conic-gradient": "css-conic-gradient",
              "min": "css-function-min", "max": "css-function-max",
              "clamp": "css-function-clamp", "light-dark": "css-function-light-dark",
              "lch": "css-modern-color", "oklch": "css-modern-color", "lab": "css-modern-color",
              "oklab": "css-modern-color"}
_UNITS = {"px": "css-unit-px", "em": "css-unit-em", "rem": "css-unit-rem",
          "%": "css-unit-percent", "pt": "css-unit-pt", "vh": "css-unit-vh",
          "vw": "css-unit-vw", "vmin": "css-unit-vmin", "vmax": "css-unit-vmax",
          "ch": "css-unit-ch", "ex": "css-unit-ex", "cm": "css-unit-cm", "mm": "css-unit-mm",
          "in": "css-unit-in", "pc": "css-unit-pc"}
_UNIT = re.compile(r"(?<![\w#-])\d*\.?\d+(px|rem|em|%|pt|vh|vw|vmin|vmax|ch|ex|cm|mm|in|pc)"
                   r"(?![\w-])")
_FUNCTION = re.compile(r"([a-z-]+)\(")
_PAIRS = {("display", "flex"): "css-display-flex", ("display", "grid"): "css-display-grid",
          ("display", "none"): "css-display-none", ("flex-direction", "column"):
          "css-flex-direction", ("flex-wrap", "wrap"): "css-flex-wrap"}
_KEYWORDS = {"css-sytem-ui": re.compile(r"(?<![\w-])(system-ui|ui-serif|ui-sans-serif|"
                                        r"ui-rounded|ui-monospace)(?![\w-])"),
             "css-intrinsic-size": re.compile(r"(?<![\w-])(fit-content|min-content|"
                                              r"max-content)(?![\w-])"),
             "css-unit-initial": re.compile(r"(?<![\w-])initial(?![\w-])")}
_MEDIA_FEATURES = {"prefers-color-scheme": "css-at-media-prefers-color-scheme",
                   "prefers-reduced-motion": "css-at-media-prefers-reduced-motion",
                   "orientation": "css-at-media-orientation", "hover": "css-at-media-hover",
                   "any-hover": "css-at-media-hover",
                   "-webkit-device-pixel-ratio": "css-at-media-device-pixel-ratio",
                   "-webkit-min-device-pixel-ratio": "css-at-media-device-pixel-ratio"}
_AT_RULES = {"media": "css-at-media", "font-face": "css-at-font-face",
             "import": "css-at-import", "keyframes": "css-at-keyframes",
             "supports": "css-at-supports"}


def _property_index(slugs: Set[str]) -> dict[str, str]:
    index: dict[str, str] = {}
    for slug in slugs:
        if slug.startswith("css-") and not _NOT_PROPERTIES.match(slug) and slug not in _GROUPS:
            index[slug[4:]] = slug
    for slug, names in _GROUPS.items():
        for name in names:
            index.setdefault(name, slug)
    return index


def _property_slug(name: str, index: dict[str, str]) -> str | None:
    if name in index:
        return index[name]
    for family in _PREFIX_FAMILIES:
        if name.startswith(family + "-") and family in index:
            return index[family]
    return None


def declaration_uses(name: str, value: str, offset: int, index: dict[str, str]
                     ) -> Iterator[Use]:
    """The features of one ``name: value`` declaration."""
    name = name.strip().lower()
    if name.startswith("--"):
        yield Use("css-variables", offset, name)
        return
    if name.startswith(("-", "mso-")):
        return  # vendor-specific on purpose (-webkit-text-size-adjust, mso-hide…)
    slug = _property_slug(name, index)
    if slug:
        yield Use(slug, offset, name)
    lowered = value.lower()
    if "!important" in lowered:
        yield Use("css-important", offset, "!important")
        lowered = lowered.replace("!important", "")
    pair = _PAIRS.get((name, lowered.strip()))
    if pair:
        yield Use(pair, offset, f"{name}:{lowered.strip()}")
    for function in dict.fromkeys(_FUNCTION.findall(lowered)):
        if function in _FUNCTIONS:
            yield Use(_FUNCTIONS[function], offset, function + "(")
    for unit in dict.fromkeys(_UNIT.findall(lowered)):
        yield Use(_UNITS[unit], offset, unit)
    for slug, pattern in _KEYWORDS.items():
        if found := pattern.search(lowered):
            yield Use(slug, offset, found.group(0))


def _declarations(block: str, start: int, index: dict[str, str]) -> Iterator[Use]:
    for match in re.finditer(r"([-\w]+)\s*:\s*([^;{}]*)", block):
        yield from declaration_uses(match.group(1), match.group(2), start + match.start(),
                                    index)


_SELECTOR_PARTS = (
    (re.compile(r"::([a-z-]+)"), lambda m: f"css-pseudo-element-{m.group(1)}"),
    (re.compile(r"(?<!:):([a-z-]+)"), lambda m: f"css-pseudo-class-{m.group(1)}"),
    (re.compile(r"\.[-\w]"), lambda m: "css-selector-class"),
    (re.compile(r"#[-\w]"), lambda m: "css-selector-id"),
    (re.compile(r"\["), lambda m: "css-selector-attribute"),
    (re.compile(r"\*"), lambda m: "css-selector-universal"),
    (re.compile(r">"), lambda m: "css-selector-child"),
    (re.compile(r"\+"), lambda m: "css-selector-adjacent-sibling"),
    (re.compile(r"~"), lambda m: "css-selector-general-sibling"),
    (re.compile(r","), lambda m: "css-selector-grouping"),
    (re.compile(r"[\w\])]\s+[\w.#:\[*]"), lambda m: "css-selector-descendant"),
    (re.compile(r"(?:^|[\s,>+~])[a-z][a-z0-9]*"), lambda m: "css-selector-type"),
)


def _selector_uses(selector: str, offset: int) -> Iterator[Use]:
    text = selector.strip()
    for pattern, slug in _SELECTOR_PARTS:
        for match in pattern.finditer(text):
            yield Use(slug(match), offset, text)
            break


def stylesheet_uses(css: str, start: int, index: dict[str, str]) -> Iterator[Use]:
    """The features of a ``<style>`` block's text starting at ``start`` in the HTML."""
    css = re.sub(r"/\*.*?\*/", lambda m: " " * len(m.group(0)), css, flags=re.S)
    for match in re.finditer(r"@([-\w]+)([^{;]*)", css):
        name = match.group(1).lower()
        if name in _AT_RULES:
            yield Use(_AT_RULES[name], start + match.start(), "@" + name)
        if name == "media":
            for feature in re.findall(r"\(\s*([-\w]+)", match.group(2)):
                if feature.lower() in _MEDIA_FEATURES:
                    yield Use(_MEDIA_FEATURES[feature.lower()], start + match.start(),
                              feature.lower())
    for match in re.finditer(r"([^{}@;]+)\{([^{}]*)\}", css):
        selector = match.group(1)
        if selector.strip().startswith("@") or not selector.strip():
            continue
        lead = len(selector) - len(selector.lstrip())
        yield from _selector_uses(selector, start + match.start(1) + lead)
        yield from _declarations(match.group(2), start + match.start(2), index)


# --- HTML ---------------------------------------------------------------------------------
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_ATTRIBUTE = re.compile(r"([^\s=/>\"']+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+))?")
_ELEMENT_GROUPS = {"h1": "html-h1-h6", "h2": "html-h1-h6", "h3": "html-h1-h6",
                   "h4": "html-h1-h6", "h5": "html-h1-h6", "h6": "html-h1-h6",
                   "ul": "html-lists", "ol": "html-lists", "dl": "html-lists",
                   "map": "html-image-maps", "svg": "html-svg", "address": "html-address",
                   **dict.fromkeys(("article", "aside", "details", "figcaption", "figure",
                                    "footer", "header", "main", "mark", "nav", "section",
                                    "summary", "time"), "html-semantics")}
_ATTRIBUTES = {"align": "html-align", "background": "html-background",
               "cellpadding": "html-cellpadding", "cellspacing": "html-cellspacing",
               "dir": "html-dir", "height": "html-height", "hidden": "html-hidden",
               "lang": "html-lang", "loading": "html-loading-attribute",
               "popover": "html-popover", "required": "html-required", "role": "html-role",
               "srcset": "html-srcset", "sizes": "html-srcset", "target": "html-target",
               "valign": "html-valign", "width": "html-width", "aria-label": "html-aria-label",
               "aria-hidden": "html-aria-hidden", "aria-live": "html-aria-live",
               "aria-describedby": "html-aria-describedby",
               "aria-labelledby": "html-aria-labelledby"}
_IMAGES = {"png": "image-png", "jpg": "image-jpg", "jpeg": "image-jpg", "gif": "image-gif",
           "webp": "image-webp", "svg": "image-svg", "avif": "image-avif", "bmp": "image-bmp",
           "tif": "image-tiff", "tiff": "image-tiff", "ico": "image-ico", "heic": "image-heif",
           "heif": "image-heif"}


def _blank_comments(html: str) -> str:
    return re.sub(r"<!--.*?-->", lambda m: re.sub(r"[^\n]", " ", m.group(0)), html, flags=re.S)


def html_uses(html: str, slugs: Set[str]) -> list[Use]:
    """Every feature use in ``html`` (offsets into ``html``)."""
    index = _property_index(slugs)
    text = _blank_comments(html)
    uses: list[Use] = []
    if re.match(r"\s*<!doctype html>", text, re.I):
        uses.append(Use("html-doctype", 0, "<!doctype"))
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        start = match.start()
        element = _ELEMENT_GROUPS.get(tag, f"html-{tag}")
        if element in slugs:
            uses.append(Use(element, start, f"<{tag}"))
        attributes = {m.group(1).lower(): (m.group(2) or "").strip("\"'")
                      for m in _ATTRIBUTE.finditer(match.group(2))}
        for name, value in attributes.items():
            if name in _ATTRIBUTES:
                uses.append(Use(_ATTRIBUTES[name], start, f"{name}="))
            if name == "style":
                offset = start + match.group(0).find(value)
                for declaration in value.split(";"):
                    key, _, val = declaration.partition(":")
                    uses += declaration_uses(key, val, offset, index)
        href = attributes.get("href", "")
        if tag == "a" and href.startswith("mailto:"):
            uses.append(Use("html-mailto-links", start, "mailto:"))
        if tag == "a" and href.startswith("#") and len(href) > 1:
            uses.append(Use("html-anchor-links", start, href))
        if tag == "meta" and attributes.get("name", "").lower() == "color-scheme":
            uses.append(Use("html-meta-color-scheme", start, "color-scheme"))
        if tag in ("input", "button") and f"html-{tag}-{attributes.get('type', '')}" in slugs:
            uses.append(Use(f"html-{tag}-{attributes['type']}", start, f"<{tag}"))
        if tag == "img":
            source = attributes.get("src", "")
            if source.startswith("data:"):
                uses.append(Use("image-base64", start, "data:"))
            extension = re.search(r"\.([a-z0-9]+)(?:[?#]|$)", source.lower())
            if extension and extension.group(1) in _IMAGES:
                uses.append(Use(_IMAGES[extension.group(1)], start, source))
        if tag == "style":
            end = text.find("</style", match.end())
            end = len(text) if end < 0 else end
            uses += stylesheet_uses(text[match.end():end], match.end(), index)
    return [u for u in uses if u.slug in slugs]
