"""Email: subject and preheader, the plain-text part, size, images, HTML, links, contrast.

Every rule reads the rendered message (``EmailMessage``): the final inlined HTML, the
Jinja-rendered MJML and html5lib's parse errors. Sources are cited from
../shared/reference/email-rules.md (section numbers in each rule's docstring).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import Element

from ...bidi import strip_markers
from ...html_text import html_to_text, parse_html
from ..model import Issue
from ..registry import rule
from ..scopes import Rendered, VariantScope, visible_text

# Bidi marks the renderer adds (isolates, LRM/RLM, embeddings): not characters a reader
# sees, so they don't count towards lengths or comparisons.
_INVISIBLE = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f\u202a\u202b"
                                   "\u202c\u202d\u202e\u200b\u200c\u200d\ufeff"))


def clean(text: str) -> str:
    """``text`` as a reader sees it: no bidi marks, single spaces."""
    text = text.translate(_INVISIBLE).replace("\xa0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip()


def normalised(text: str) -> str:
    """For comparisons: case-folded, punctuation dropped, single spaces."""
    text = unicodedata.normalize("NFKC", clean(text)).casefold()
    text = "".join(" " if unicodedata.category(c)[0] in "PSZ" else c for c in text)
    return re.sub(r"\s+", " ", text).strip()


def _toml_key(scope: VariantScope, key: str) -> dict[str, Any]:
    """Where ``key = ...`` is in the variant's email.toml (its first line when absent)."""
    where = scope.at(re.compile(rf"^\s*{re.escape(key)}\s*=", re.M), shared=False)
    if where["line"]:
        return where
    for path in scope.files:
        if path.endswith("email.toml"):
            return {"path": path, "line": 1, "column": 1}
    return where


def _once(renders: list[Rendered], test: Callable[[Any], bool]) -> tuple[bool, str]:
    """Whether ``test`` holds for some render, and the sample to name ("" when all)."""
    hits = [r for r in renders if test(r.message)]
    if not hits:
        return False, ""
    return True, "" if len(hits) == len(renders) else hits[0].sample


# --- subject and preheader --------------------------------------------------------------

_FAKE_PREFIX = re.compile(r"^\s*(re|fwd?|fw|aw|wg|tr)\s*:", re.I)
_BANGS = re.compile(r"!\s*!")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.U)


def _caps_words(subject: str) -> tuple[int, int]:
    """(words written in capitals, words that have case at all) in a subject."""
    caps = cased = 0
    for word in _WORD.findall(_FAKE_PREFIX.sub("", clean(subject))):
        letters = [c for c in word if c.isalpha()]
        if any(c.isdigit() for c in word) or not any(c.lower() != c.upper() for c in letters):
            continue  # order numbers (INV-2026) and scripts without case (he, ar)
        cased += 1
        if len(letters) >= 2 and all(c.isupper() for c in letters if c.lower() != c.upper()):
            caps += 1
    return caps, cased


@rule("subject", "warning", "The subject is there, short enough, and doesn't shout",
      "put the key facts in the first words; no capitals, '!!!' or a fake 'RE:'",
      settings={"max_length": 60, "max_caps_words": 2},
      channels=("email",),
      doc="""
**Violation:** an empty subject (error); "Your Northwind invoice INV-2026-3307 for $89.99
is now ready to view and pay online" (74 characters: phones cut it after about 40–60);
"URGENT: PAY YOUR BILL NOW!!!"; "RE: your invoice" on a message that isn't a reply.
**Fix:** "Invoice INV-2026-3307: $89.99 due Dec 1" — the amount and date up front, in
normal case, no "!!!", no "RE:" or "FWD:". Acronyms such as "VAT" are fine: more than
`max_caps_words` words in capitals count as shouting.
""")
def subject(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §2: RFC 5322 §2.1.1 line lengths and the measured display
    truncation (about 33–70 characters by client), Google's sender guidelines (81126,
    "Message formatting": no ``Re:``/``Fwd:`` unless it really is a reply or forward,
    subjects that accurately represent the content)."""
    renders = scope.ok
    if not renders:
        return
    where = _toml_key(scope, "subject")
    hit, sample = _once(renders, lambda m: not clean(m.subject))
    if hit:
        yield Issue("The subject is empty; the inbox shows '(no subject)'",
                    severity="error", sample=sample, **where)
    limit = scope.settings["max_length"]
    longest = max(renders, key=lambda r: len(clean(r.message.subject)))
    length = len(clean(longest.message.subject))
    if length > limit:
        yield Issue(f"Subject is {length} characters; phones show about {limit}",
                    sample=longest.sample, **where)
    hit, sample = _once(renders, lambda m: bool(_FAKE_PREFIX.match(clean(m.subject))))
    if hit:
        prefix = _FAKE_PREFIX.match(clean(renders[0].message.subject) if not sample else
                                    clean(next(r.message.subject for r in renders
                                               if r.sample == sample)))
        shown = prefix.group(0).strip() if prefix else "RE:"
        yield Issue(f"Subject starts with '{shown}' but the message is not a reply or "
                    "forward", sample=sample, **where)
    hit, sample = _once(renders, lambda m: bool(_BANGS.search(m.subject)))
    if hit:
        yield Issue("Subject shouts with repeated '!'", sample=sample, **where)
    most = scope.settings["max_caps_words"]

    def shouting(message: Any) -> bool:
        caps, cased = _caps_words(message.subject)
        return caps > most or (caps >= 2 and caps == cased)

    hit, sample = _once(renders, shouting)
    if hit:
        caps, _ = _caps_words(next(r.message.subject for r in renders
                                   if not sample or r.sample == sample))
        yield Issue(f"Subject shouts: {caps} words in capitals", sample=sample, **where)


@rule("preheader", "warning", "A preheader that adds to the subject",
      "write a preheader (the grey line after the subject) that says what the subject doesn't",
      channels=("email",),
      doc="""
**Violation:** no `preheader` in email.toml — the inbox then shows the first words of the
body ("Northwind · Hi Dana,") — or a preheader that repeats the subject.
**Fix:** `preheader = "Pay by December 1 in a minute, or reply if something looks wrong."`
""")
def preheader(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §2: preheaders show about 40–140 characters after the subject; keep
    them short and truthful (Google 81126, no hidden misleading content)."""
    renders = scope.ok
    if not renders:
        return
    hit, sample = _once(renders, lambda m: not clean(m.preheader))
    if hit:
        yield Issue("The email has no preheader; the inbox shows the first words of the "
                    "body instead", sample=sample, **_toml_key(scope, "preheader"))
        return

    def repeats(message: Any) -> bool:
        head, subj = normalised(message.preheader), normalised(message.subject)
        return bool(head) and bool(subj) and (head == subj or head.startswith(subj))

    hit, sample = _once(renders, repeats)
    if hit:
        yield Issue("The preheader repeats the subject; use it to add the next fact",
                    sample=sample, **_toml_key(scope, "preheader"))


# --- plain text, size ---------------------------------------------------------------------

@rule("plain-text", "error", "A plain-text alternative can be produced",
      "put readable text in the email body, or write `text = \"...\"` in email.toml",
      channels=("email",),
      doc="""
**Violation:** an email whose body is only an image, or an empty `text = ""` in
email.toml: text-only mail clients, watches and screen readers get nothing.
**Fix:** write the message as text in `<mj-text>` (the plain-text part is made from it), or
give a `text` in email.toml with the same facts and link.
""")
def plain_text(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §6 (guidance from RNIB, GoRebel, City of Toronto): send
    multipart/alternative with a text/plain part."""
    hit, sample = _once(scope.ok, lambda m: not clean(m.text))
    if hit:
        where = (_toml_key(scope, "text") if any(r.message.text_source == "authored"
                                                 for r in scope.ok)
                 else scope.at("<mj-body", shared=True))
        yield Issue("No plain-text version: the email has no readable text", sample=sample,
                    **where)


@rule("email-size", "warning", "The HTML stays under Gmail's clipping size",
      "remove unused sections, long inline styles or repeated blocks",
      settings={"max_kb": 102},
      channels=("email",),
      doc="""
**Violation:** an email whose HTML is 130 KB (a long table of every charge, repeated
styles): Gmail shows "[Message clipped]" and hides the rest — often the footer with the
contact details.
**Fix:** summarise and link to the full statement; drop unused sections.
""")
def email_size(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §1: Gmail clips HTML over about 102 KB (observed by industry tests;
    Google publishes no figure)."""
    if not scope.ok:
        return
    biggest = max(scope.ok, key=lambda r: r.message.size_bytes)
    size = biggest.message.size_bytes
    limit = scope.settings["max_kb"]
    if size > limit * 1024:
        yield Issue(f"The HTML is {size / 1024:.0f} KB; Gmail clips emails over {limit} KB",
                    sample=biggest.sample, **scope.at("<mj-body", shared=True))


# --- HTML helpers -------------------------------------------------------------------------

_HIDDEN = re.compile(r"display\s*:\s*none|max-height\s*:\s*0(?:px)?\s*(?:;|$)|"
                     r"mso-hide\s*:\s*all|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$)",
                     re.I)
_SKIP = frozenset({"head", "style", "script", "title", "template", "noscript"})


def _tag(el: Element) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _hidden(el: Element) -> bool:
    return bool(_HIDDEN.search(el.get("style", ""))) or el.get("hidden") is not None


def _text_of(el: Element) -> str:
    return clean("".join(el.itertext()))


_PARSED: dict[str, Element] = {}


def _document(message: Any) -> Element:
    """The parsed final HTML (several rules read the same render: parse it once)."""
    html = message.html
    document = _PARSED.get(html)
    if document is None:
        if len(_PARSED) >= 8:
            _PARSED.pop(next(iter(_PARSED)))
        document = _PARSED[html] = parse_html(html)[0]
    return document


def _body(message: Any) -> Element:
    root = _document(message)
    body = root.find(".//body")
    return body if body is not None else root


def _visible(el: Element, parents: tuple[Element, ...] = ()
             ) -> Iterator[tuple[Element, tuple[Element, ...]]]:
    """Every shown element under ``el`` with its ancestors."""
    if _tag(el) in _SKIP or _hidden(el) or not isinstance(el.tag, str):
        return
    yield el, parents
    for child in el:
        yield from _visible(child, (*parents, el))


# --- images -------------------------------------------------------------------------------

def _img_where(scope: VariantScope, img: Element) -> dict[str, Any]:
    src = strip_markers(img.get("src", ""))
    for needle in (src, src.rsplit("/", 1)[-1]):
        if needle:
            where = scope.at(needle)
            if where["line"]:
                return where
    return scope.at(re.compile(r"<(mj-image|img)\b", re.I))


@rule("image-alt", "error", "Every image has alt text",
      "describe the image in alt=\"...\"; alt=\"\" only for decoration that isn't a link",
      channels=("email",),
      doc="""
**Violation:** `<mj-image src="…/invoice-header.png">` with no `alt`: mail apps that block
images (most corporate ones) show an empty box, and screen readers read the file name. A
linked logo with `alt=""` leaves the link with no name.
**Fix:** `alt="Northwind"` for the linked logo, `alt="Your invoice at a glance"` for a
picture that says something; `alt=""` is right only for a decorative image that isn't a
link.
""")
def image_alt(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §6: WCAG 2.2 SC 1.1.1 Non-text Content; the derived editor checks
    (``<img>`` without ``alt`` → error, a linked image with empty ``alt`` → error)."""
    for result in scope.ok[:1]:  # images come from the layout and the source, not data
        seen: set[str] = set()
        for el, parents in _visible(_body(result.message)):
            if _tag(el) != "img":
                continue
            src = el.get("src", "")
            name = src.rsplit("/", 1)[-1] or "an image"
            alt = el.get("alt")
            link = next((p for p in reversed(parents) if _tag(p) == "a"), None)
            if alt is None:
                message = f"Image {name} has no alt text"
            elif not clean(alt) and link is not None and not _text_of(link):
                message = f"Linked image {name} has empty alt text, so the link has no name"
            else:
                continue
            if message in seen:
                continue
            seen.add(message)
            yield Issue(message, **_img_where(scope, el))


@rule("image-only", "warning", "Words, not just pictures",
      "write the message as text; images are blocked in many mail apps",
      settings={"min_chars_per_image": 100},
      channels=("email",),
      doc="""
**Violation:** an email that is one big banner image with "Pay now" under it: with images
off (the default in many mail apps) the customer sees an empty message, and spam filters
distrust it.
**Fix:** put the amount, the date and what to do in text; keep images for the logo or an
illustration.
""")
def image_only(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §6: "use real text instead of images of text" (RNIB, GoRebel);
    images are blocked by default in many clients."""
    for result in scope.ok[:1]:
        body = _body(result.message)
        images = [el for el, _ in _visible(body) if _tag(el) == "img"
                  and not (el.get("width") in ("0", "1") or el.get("height") in ("0", "1"))]
        if not images:
            continue
        chars = len(clean(html_to_text(_document(result.message))))
        per_image = chars / len(images)
        least = scope.settings["min_chars_per_image"]
        if per_image < least:
            yield Issue(f"{len(images)} image(s) and only {chars} characters of text "
                        f"({per_image:.0f} per image; at least {least} expected)",
                        **_img_where(scope, images[0]))


# --- parse errors -------------------------------------------------------------------------

# MJML's <mj-table> holds table rows; parsed as a <div> fragment they look misplaced.
_TABLE_TAGS = re.compile(r"\(?\b(tr|td|th|tbody|thead|tfoot|caption|colgroup|col)\b\)?")


def _snippet_where(scope: VariantScope, text: str, line: int, column: int
                   ) -> dict[str, Any] | None:
    """Find the source of the text at ``line``/``column`` of rendered ``text``."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    row = lines[line - 1]
    start = max(0, column - 1)
    # The snippet from the error onwards, then from the tag that holds it.
    tag_start = row.rfind("<", 0, start + 1)
    candidates = [row[start:start + n] for n in (40, 24, 12)]
    if tag_start >= 0:
        candidates += [row[tag_start:tag_start + n] for n in (40, 24)]
    for snippet in candidates:
        snippet = snippet.strip()
        if len(snippet) < 4 or "{" in snippet:
            continue
        where = scope.at(snippet)
        if where["line"]:
            return where
    return None


@rule("html-parse", "error", "The HTML parses cleanly",
      "close every tag you open, in order; write & as &amp; in text",
      channels=("email",),
      doc="""
**Violation:** `<mj-text>Pay by <b><i>Friday</b></i></mj-text>` — tags closed in the
wrong order, or a `<td>` outside a table. Mail apps repair broken HTML each in their
own way, so the email looks different in each.
**Fix:** `<mj-text>Pay by <b><i>Friday</i></b></mj-text>`.
""")
def html_parse(scope: VariantScope) -> Iterator[Issue]:
    """html5lib (the WHATWG parsing algorithm browsers and webmail use) reports an error
    in the author's HTML inside MJML ending tags or in the final HTML; email-rules.md §3
    (Gmail and Yahoo require RFC 5322-conformant, well-formed messages)."""
    seen: dict[tuple[str, str, int, int], str] = {}
    counts: dict[tuple[str, str, int, int], int] = {}
    for result in scope.ok:
        message = result.message
        issues = [i for i in message.parse_errors if not (
            i.message.startswith("<mj-table>") and i.code in (
                "unexpected-start-tag-ignored", "unexpected-end-tag")
            and _TABLE_TAGS.search(i.message.split(":", 1)[-1]))]
        if any(i.message.startswith("<mj-") for i in issues):
            # The author's HTML is broken: errors in the final HTML follow from it.
            issues = [i for i in issues if i.message.startswith("<mj-")]
        for issue in issues:
            in_mjml = issue.message.startswith("<mj-")
            where = _snippet_where(scope, message.mjml if in_mjml else message.html,
                                   issue.line, issue.column) or scope.at("<mj-body")
            key = (issue.message, where["path"], where["line"], where["column"])
            counts[key] = counts.get(key, 0) + 1
            seen.setdefault(key, result.sample)
    total = len(scope.ok)
    for key, first in seen.items():
        message, path, line, column = key
        yield Issue(f"HTML error: {message}", path=path, line=line, column=column,
                    sample="" if counts[key] >= total else first)


# --- links --------------------------------------------------------------------------------

VAGUE_LINK_TEXT = {
    "en": ["click here", "here", "read more", "link", "this", "more", "click"],
    "he": ["כאן", "לחצו כאן", "לחץ כאן", "קישור", "לחצו"],
    "ar": ["اضغط هنا", "هنا", "انقر هنا", "رابط"],
}
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


@rule("link-text", "warning", "Link texts say where they go",
      "write what the link does (\"View your invoice\"), not \"click here\" or the address",
      settings={"vague": VAGUE_LINK_TEXT},
      channels=("email",),
      doc="""
**Violation:** "To see your invoice, <u>click here</u>", "<u>כאן</u>", "<u>اضغط هنا</u>", or the
address itself as the link text (`https://northwind.example/pay/INV-2026-3307`):
screen-reader users often hear the list of links alone, and "click here" tells them nothing.
**Fix:** "<u>View your invoice</u>", "<u>לצפייה בחשבונית</u>", "<u>عرض الفاتورة</u>".
""")
def link_text(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §6: "use descriptive link text" (WCAG 2.2 SC 2.4.4 Link Purpose,
    RNIB and City of Toronto accessible-email guidance)."""
    vague = {normalised(p) for phrases in scope.settings["vague"].values()
             for p in phrases}
    vague.discard("")
    for result in scope.ok[:1]:
        seen: set[str] = set()
        for el, _ in _visible(_body(result.message)):
            if _tag(el) != "a" or not el.get("href"):
                continue
            text = _text_of(el)
            if not text or text in seen:
                continue
            if normalised(text) in vague:
                problem = f"Link text '{text}' says nothing out of context"
            elif _BARE_URL.match(text):
                problem = f"Link text is a bare address ({text[:60]})"
            else:
                continue
            seen.add(text)
            where = scope.at(text if len(text) > 3 else re.compile(
                rf">\s*{re.escape(text)}\s*</a", re.I))
            yield Issue(problem, **where)


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
        r, g, b = (min(255.0, max(0.0, c)) for c in rgb)
        return (r, g, b, min(1.0, max(0.0, alpha)))
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


@rule("contrast", "warning", "Text is readable against its background",
      "darken the text or lighten the background until the contrast is at least 4.5:1",
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
            yield Issue(f"Text '{sample_text}' is {_hex(fg)} on {_hex(bg)}: contrast "
                        f"{ratio:.1f}:1, below {needed:g}:1", **where)


# --- policy phrases -----------------------------------------------------------------------

def _phrases(table: dict[str, Any], locale: str, language: str) -> list[str]:
    out: list[str] = []
    for key in dict.fromkeys((language, locale, "*")):
        value = table.get(key, [])
        out += [value] if isinstance(value, str) else [str(v) for v in value]
    return [p for p in out if p.strip()]


def _full_text(message: Any) -> str:
    text = visible_text(message)
    if getattr(message, "channel", "") == "email" and message.text_source == "authored":
        text += "\n" + html_to_text(_document(message))  # the HTML body says more
    return text


def _contains(haystack: str, phrase: str) -> bool:
    return normalised(phrase) in normalised(haystack) if normalised(phrase) else False


@rule("policy-phrases", "error", "Text the policy forbids or requires",
      "remove the forbidden wording, or add the required text (for example the legal footer)",
      settings={"forbidden": {}, "required": {}},
      doc="""
Set the lists per language in policy.toml; `forbidden` applies to every channel,
`required` to email (a legal footer has no place in a 160-character SMS):

```toml
[rules.policy-phrases]
forbidden = { en = ["guaranteed", "act now"], he = ["מבצע בלעדי"] }
required = { en = ["Northwind Telecom Ltd"], he = ["נורת׳ווינד תקשורת בע״מ"] }
```
**Violation:** "Act now to keep your line" in an SMS; an English email without
"Northwind Telecom Ltd" in its footer.
**Fix:** "Pay by December 1 to keep your line"; put the company's legal name in the
footer partial so every email carries it.
""")
def policy_phrases(scope: VariantScope) -> Iterator[Issue]:
    """The project's own compliance lists (policy.toml). Forbidden phrases are looked for
    in what the customer reads on every channel (subject, preheader, body, buttons);
    required phrases only in emails. Matching ignores case, punctuation and bidi marks."""
    forbidden = _phrases(scope.settings["forbidden"], scope.locale, scope.language)
    required = (_phrases(scope.settings["required"], scope.locale, scope.language)
                if scope.channel == "email" else [])
    if not (forbidden or required) or not scope.ok:
        return
    texts = [(r.sample, _full_text(r.message)) for r in scope.ok]
    for phrase in forbidden:
        hits = [sample for sample, text in texts if _contains(text, phrase)]
        if hits:
            where = scope.at(phrase)
            yield Issue(f"Forbidden wording: '{phrase}'",
                        sample="" if where["line"] or len(hits) == len(texts) else hits[0],
                        **where)
    for phrase in required:
        misses = [sample for sample, text in texts if not _contains(text, phrase)]
        if misses:
            yield Issue(f"Required text is missing: '{phrase}'",
                        sample="" if len(misses) == len(texts) else misses[0],
                        **scope.at("<mj-body"))
