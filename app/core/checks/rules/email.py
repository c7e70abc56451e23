"""Email: subject and preheader, the plain-text part, size, images, HTML and links.

Every rule reads the rendered message (``EmailMessage``): the final inlined HTML, the
Jinja-rendered MJML and html5lib's parse errors. Sources are cited from
../shared/reference/email-rules.md (section numbers in each rule's docstring).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree.ElementTree import Element

from ....kernel.bidi import strip_markers
from ...html_text import html_to_text
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..scopes import Rendered, VariantScope
from ._html import _body, _document, _tag, _text_of, _visible, clean, normalised
from ._html_words import consequential, plain, tag_start


def _toml_key(scope: VariantScope, key: str) -> Where:
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


@rule("subject", "warning", N_("The subject is there, short enough, and doesn't shout"),
      N_("put the key facts in the first words; no capitals, '!!!' or a fake 'RE:'"),
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
        yield Issue(msg("The subject is empty; the inbox shows '(no subject)'"),
                    severity="error", sample=sample, **where)
    limit = scope.settings["max_length"]
    longest = max(renders, key=lambda r: len(clean(r.message.subject)))
    length = len(clean(longest.message.subject))
    if length > limit:
        yield Issue(msg("Subject is {length} characters; phones show about {limit}",
                        length=length, limit=limit),
                    sample=longest.sample, **where)
    hit, sample = _once(renders, lambda m: bool(_FAKE_PREFIX.match(clean(m.subject))))
    if hit:
        prefix = _FAKE_PREFIX.match(clean(renders[0].message.subject) if not sample else
                                    clean(next(r.message.subject for r in renders
                                               if r.sample == sample)))
        shown = prefix.group(0).strip() if prefix else "RE:"
        yield Issue(msg("Subject starts with '{prefix}' but the message is not a reply or "
                        "forward", prefix=shown), sample=sample, **where)
    hit, sample = _once(renders, lambda m: bool(_BANGS.search(m.subject)))
    if hit:
        yield Issue(msg("Subject shouts with repeated '!'"), sample=sample, **where)
    most = scope.settings["max_caps_words"]

    def shouting(message: Any) -> bool:
        caps, cased = _caps_words(message.subject)
        return caps > most or (caps >= 2 and caps == cased)

    hit, sample = _once(renders, shouting)
    if hit:
        caps, _ = _caps_words(next(r.message.subject for r in renders
                                   if not sample or r.sample == sample))
        yield Issue(msg("Subject shouts: {caps} words in capitals", caps=caps),
                    sample=sample, **where)


@rule("preheader", "warning", N_("A preheader that adds to the subject"),
      N_("write a preheader (the grey line after the subject) that says what the subject doesn't"),
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
        yield Issue(msg("The email has no preheader; the inbox shows the first words of the "
                        "body instead"), sample=sample, **_toml_key(scope, "preheader"))
        return

    def repeats(message: Any) -> bool:
        head, subj = normalised(message.preheader), normalised(message.subject)
        return bool(head) and bool(subj) and (head == subj or head.startswith(subj))

    hit, sample = _once(renders, repeats)
    if hit:
        yield Issue(msg("The preheader repeats the subject; use it to add the next fact"),
                    sample=sample, **_toml_key(scope, "preheader"))


# --- plain text, size ---------------------------------------------------------------------

@rule("plain-text", "error", N_("A plain-text alternative can be produced"),
      N_("put readable text in the email body, or write `text = \"...\"` in email.toml"),
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
        yield Issue(msg("No plain-text version: the email has no readable text"),
                    sample=sample, **where)


@rule("email-size", "warning", N_("The HTML stays under Gmail's clipping size"),
      N_("remove unused sections, long inline styles or repeated blocks"),
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
        yield Issue(msg("The HTML is {size:.0f} KB; Gmail clips emails over {limit} KB",
                        size=size / 1024, limit=limit),
                    sample=biggest.sample, **scope.at("<mj-body", shared=True))


# --- images -------------------------------------------------------------------------------

def _img_where(scope: VariantScope, img: Element) -> Where:
    src = strip_markers(img.get("src", ""))
    for needle in (src, src.rsplit("/", 1)[-1]):
        if needle:
            where = scope.at(needle)
            if where["line"]:
                return where
    return scope.at(re.compile(r"<(mj-image|img)\b", re.I))


@rule("image-alt", "error", N_("Every image has alt text"),
      N_("describe the image in alt=\"...\"; alt=\"\" only for decoration that isn't a link"),
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
                message = msg("Image {name} has no alt text", name=name)
            elif not clean(alt) and link is not None and not _text_of(link):
                message = msg("Linked image {name} has empty alt text, so the link has no name",
                              name=name)
            else:
                continue
            if message in seen:
                continue
            seen.add(message)
            yield Issue(message, **_img_where(scope, el))


@rule("image-only", "warning", N_("Words, not just pictures"),
      N_("write the message as text; images are blocked in many mail apps"),
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
            yield Issue(msg("{images} image(s) and only {chars} characters of text "
                            "({per_image:.0f} per image; at least {least} expected)",
                            images=len(images), chars=chars, per_image=per_image,
                            least=least),
                        **_img_where(scope, images[0]))


# --- parse errors -------------------------------------------------------------------------

# MJML's <mj-table> holds table rows; parsed as a <div> fragment they look misplaced.
_TABLE_TAGS = re.compile(r"\(?\b(tr|td|th|tbody|thead|tfoot|caption|colgroup|col)\b\)?")


def _snippet_where(scope: VariantScope, text: str, line: int, column: int
                   ) -> Where | None:
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


@rule("html-parse", "error", N_("The HTML parses cleanly"),
      N_("close every tag you open, in order; write & as &amp; in text"),
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
        for issue in consequential(issues):
            in_mjml = issue.message.startswith("<mj-")
            where = _snippet_where(scope, message.mjml if in_mjml else message.html,
                                   issue.line, issue.column) or scope.at("<mj-body")
            where = tag_start(scope, where)
            key = (plain(issue), where["path"], where["line"], where["column"])
            counts[key] = counts.get(key, 0) + 1
            seen.setdefault(key, result.sample)
    total = len(scope.ok)
    for key, first in seen.items():
        message, path, line, column = key
        yield Issue(msg("HTML error: {error}", error=message), path=path, line=line,
                    column=column, sample="" if counts[key] >= total else first)


# --- links --------------------------------------------------------------------------------

VAGUE_LINK_TEXT = {
    "en": ["click here", "here", "read more", "link", "this", "more", "click"],
    "he": ["כאן", "לחצו כאן", "לחץ כאן", "קישור", "לחצו"],
    "ar": ["اضغط هنا", "هنا", "انقر هنا", "رابط"],
}
_BARE_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


@rule("link-text", "warning", N_("Link texts say where they go"),
      N_("write what the link does (\"View your invoice\"), not \"click here\" or the address"),
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
                problem = msg("Link text '{text}' says nothing out of context", text=text)
            elif _BARE_URL.match(text):
                problem = msg("Link text is a bare address ({address})", address=text[:60])
            else:
                continue
            seen.add(text)
            where = scope.at(text if len(text) > 3 else re.compile(
                rf">\s*{re.escape(text)}\s*</a", re.I))
            yield Issue(problem, **where)
