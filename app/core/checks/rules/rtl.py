"""Right-to-left: Hebrew and Arabic emails laid out right to left, LTR runs kept whole.

Sources: ../shared/reference/email-rules.md §8 (RTL emails: ``lang`` and ``dir`` on the
root, right alignment in the layout) and the Unicode Bidirectional Algorithm (UAX #9) for
plain-text channels, where isolates (U+2066–U+2069) are the only markup there is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

from ....kernel.bidi import FSI, LRI, PDI, RLI
from ..fixes import Edit, Fix, offset, replace_at
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..scopes import VariantScope
from ._html import _document

_LEFT_STYLE = re.compile(r"(?:^|;)\s*(text-align\s*:\s*left|float\s*:\s*left)\b", re.I)
_LEFT_SOURCE = re.compile(r"""\balign\s*=\s*["']?left\b|text-align\s*:\s*left\b|"""
                          r"""float\s*:\s*left\b""", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.I)
_SKIP = frozenset({"head", "style", "script", "title"})
_SHRINK = re.compile(r"display\s*:\s*inline-table", re.I)


def _has_rtl(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _forced_left(el: Element) -> str:
    """How ``el`` forces left alignment ("" when it doesn't)."""
    match = _LEFT_STYLE.search(el.get("style", ""))
    if match:
        return re.sub(r"\s+", "", match.group(1)).lower()
    if (el.get("align") or "").strip().lower() == "left":
        return 'align="left"'
    return ""


def _left_blocks(root: Element) -> Iterator[tuple[Element, str]]:
    """Outermost shown elements holding right-to-left text that are forced left."""
    def walk(el: Element) -> Iterator[tuple[Element, str]]:
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if not tag or tag in _SKIP or _HIDDEN.search(el.get("style", "")):
            return
        if _SHRINK.search(el.get("style", "")):
            return  # shrink-wrapped (mj-social's icons and labels): alignment can't show
        how = _forced_left(el)
        if how and _has_rtl("".join(el.itertext())):
            yield el, how
            return  # one finding per block, not one per nested wrapper
        for child in el:
            yield from walk(child)

    body = root.find(".//body")
    yield from walk(body if body is not None else root)


def _excerpt(text: str, length: int = 40) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= length else text[:length - 1] + "…"


@rule("rtl-direction", "error", N_("Hebrew and Arabic emails read right to left"),
      N_("keep dir and lang on the <mjml> root, and align text with message.align, not 'left'"),
      channels=("email",),
      doc="""
**Violation:** a Hebrew email whose layout says `<mjml dir="ltr">` or drops `lang`, or a
paragraph written `<mj-text align="left">` (or `style="text-align:left"`,
`float:left`) in a Hebrew or Arabic email: the text hugs the wrong edge and punctuation
lands at the wrong end of the line.
**Fix:** remove the `align="left"`: right-to-left locales get MJML's defaults mirrored
(text and tables right, columns from the right, `dir` and `lang` from the locale), so
MJML written without alignment reads right. `align="{{ message.align }}"` (right for
Hebrew and Arabic, left for English) also works. Blocks with no Hebrew or Arabic in them
(an English address, a column of numbers) may be aligned left.
**Quick fix:** "Let the language set dir on <mjml>" writes `dir="{{ message.dir }}"` (or
`lang="{{ message.lang }}"`); "Align with the language instead of left" turns
`align="left"` into `align="{{ message.align }}"`.
""")
def rtl_direction(scope: VariantScope) -> Iterator[Issue]:
    """email-rules.md §8: ``<html lang="he" dir="rtl">`` at the root, and
    ``direction:rtl; text-align:right`` on the layout (caniemail ``html-dir``,
    ``html-lang``, ``css-direction``). MJML's own left-aligned boilerplate is not
    flagged: Outlook-only tables live in conditional comments, and ``mj-social`` cells sit
    in shrink-wrapped ``display:inline-table`` tables where alignment can't show. Only
    blocks that hold Hebrew or Arabic text are checked."""
    if not scope.rtl:
        return
    for result in scope.ok[:1]:  # structure comes from the source, not the data
        root = _document(result.message)
        html = root if root.tag == "html" else root.find(".//html")
        attrs = html.attrib if html is not None else {}
        root_where = scope.at(re.compile(r"<mjml\b", re.I))
        direction = (attrs.get("dir") or "").strip().lower()
        if direction != "rtl":
            if direction:
                message = msg('The email\'s <html> has dir="{direction}"; {locale} needs '
                              'dir="rtl"', direction=direction, locale=scope.locale)
            else:
                message = msg('The email\'s <html> has no dir; {locale} needs dir="rtl"',
                              locale=scope.locale)
            yield Issue(message, fixes=_root_fix(scope, root_where, "dir"), **root_where)
        if not (attrs.get("lang") or "").strip():
            yield Issue(msg("The email's <html> has no lang; set lang=\"{language}\"",
                            language=scope.language),
                        fixes=_root_fix(scope, root_where, "lang"), **root_where)
        seen: set[str] = set()
        for el, how in _left_blocks(root):
            text = _excerpt("".join(el.itertext()))
            if text in seen:
                continue
            seen.add(text)
            where = scope.at(_LEFT_SOURCE)
            yield Issue(msg("Right-to-left text '{text}' is forced to the left ({how})",
                            text=text, how=how), fixes=_align_fix(scope, where), **where)


def _source_text(scope: VariantScope, path: str) -> str | None:
    return scope.files.get(path, scope.shared.get(path))


def _root_fix(scope: VariantScope, where: Where, attribute: str) -> tuple[Fix, ...]:
    """Let the locale set ``dir``/``lang`` on <mjml>: ``dir="{{ message.dir }}"``."""
    text = _source_text(scope, where["path"])
    if text is None or not where["line"]:
        return ()
    start = offset(text, where["line"], where["column"])
    end = text.find(">", start)
    tag = text[start:end]
    value = f'{attribute}="{{{{ message.{attribute} }}}}"'
    found = re.search(rf"""\b{attribute}\s*=\s*("[^"]*"|'[^']*'|[^\s>]*)""", tag)
    if found:
        edit = Edit(where["path"], start + found.start(), start + found.end(), found.group(0),
                    value)
    else:
        at = start + len("<mjml")
        edit = Edit(where["path"], at, at, "", " " + value)
    return (Fix(msg("Let the language set {attribute} on <mjml>", attribute=attribute),
                (edit,)),)


def _align_fix(scope: VariantScope, where: Where) -> tuple[Fix, ...]:
    """Align with the language (``message.align``) instead of 'left'."""
    text = _source_text(scope, where["path"])
    if text is None or not where["line"]:
        return ()
    start = offset(text, where["line"], where["column"])
    found = _LEFT_SOURCE.match(text, start)
    if found is None:
        return ()
    old = found.group(0)
    new = re.sub(r"left", "{{ message.align }}", old, flags=re.I)
    return (Fix(msg("Align with the language instead of left"),
                (Edit(where["path"], start, found.end(), old, new),)),)


# --- bidi isolation in plain text ---------------------------------------------------------

_OPENERS = (LRI, RLI, FSI)
_MARKS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e"
_SIGNS = "+#$€£¥₪"
_URLISH = re.compile(r"://|\bwww\.|[\w.+-]+@[\w-]+\.\w", re.I)
_CODEISH = re.compile(r"[/:@#&+=_\\<>|]")


def _outside_isolates(text: str) -> list[str]:
    """The pieces of ``text`` that are not inside an isolate (LRI/RLI/FSI … PDI)."""
    pieces: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            if depth == 0:
                pieces.append("".join(current))
                current = []
            depth += 1
        elif ch == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            current.append(ch)
    pieces.append("".join(current))
    return [p for p in pieces if p.strip()]


def _kind(ch: str) -> str:
    if ch in _MARKS:
        return "B"
    cls = unicodedata.bidirectional(ch)
    if cls == "L":
        return "L"
    if cls == "EN":
        return "D"
    if cls in ("R", "AL", "AN", "B", "S"):
        return "B"
    return "n"


_RUN = re.compile(r"[LD](?:n*[LD])*")


def ltr_runs(text: str) -> list[str]:
    """Left-to-right runs (Latin letters, digits and what joins them) in ``text``."""
    kinds = "".join(_kind(ch) for ch in text)
    runs = []
    for match in _RUN.finditer(kinds):
        start = match.start()
        while start > 0 and text[start - 1] in _SIGNS:
            start -= 1
        runs.append(text[start:match.end()])
    return runs


# One whole sentence per kind of run, so each translates as a sentence.
_SAYS = {
    "a link or address": N_("The link '{run}' may show in pieces in right-to-left text"),
    "a number with separators or letters":
        N_("The number '{run}' may show in the wrong order in right-to-left text"),
    "Latin text with punctuation":
        N_("'{run}' may show in the wrong order in right-to-left text"),
}


def reorderable(run: str) -> str:
    """Why a left-to-right run may be shown reordered in right-to-left text ("" if not).

    Digits on their own ("15") and Latin words ("Northwind", "Northwind Telecom") read
    fine between right-to-left words; digits with separators, signs, spaces or letters
    (phones, amounts, dates, times, order ids) and links are what gets reordered.
    """
    if _URLISH.search(run):
        return "a link or address"
    digits = any(unicodedata.bidirectional(c) == "EN" for c in run)
    if digits and not run.isdigit():
        return "a number with separators or letters"
    if not digits and _CODEISH.search(run):
        return "Latin text with punctuation"
    return ""


def _texts(scope: VariantScope, message: Any) -> list[str]:
    if scope.channel == "whatsapp":
        parts = [message.header, message.body, message.footer]
        parts += [getattr(b, "text", "") for b in message.buttons]
        return [p for p in parts if p]
    if scope.channel == "email":  # no markup in these: only isolates keep a run whole
        return [p for p in (message.subject, message.preheader, message.text) if p]
    return [message.text]


@rule("bidi-isolation", "warning", N_("Left-to-right runs in Hebrew and Arabic text are isolated"),
      N_("use the quick fix to keep it in reading order, or take the number from the data "
         "(a variable), which is always kept whole"),
      channels=("sms", "whatsapp", "email"),
      doc="""
**Violation:** a Hebrew SMS with a phone number or order number typed into the text:
"להזמנה NW-558-2291 התקשרו ל-+972 3 555 0100" — on the phone the pieces of the number can
show in the wrong order ("0100 555 3 +972").
The same holds for an email's subject, preheader and plain-text part, which have no
markup: a number typed into a Hebrew email body shows reversed in a text-only reader.
**Fix:** take the number from the data (`{{ sender.support_phone }}`, `{{ order_number }}`):
values are isolated automatically. If it must be typed, wrap it in the isolate characters
LRI (U+2066) and PDI (U+2069). A Latin word on its own ("Northwind") or a plain number
("15") reads fine and is not flagged; digits with separators, signs, spaces or letters
(phones, amounts, dates, times, order ids) and links are.
**Quick fix:** "Keep '+972 3 555 0100' in reading order" wraps the typed run in invisible
isolate characters for you (`missive check --fix`, or the finding's button in the studio).
""")
def bidi_isolation(scope: VariantScope) -> Iterator[Issue]:
    """Unicode Bidirectional Algorithm (UAX #9, rules W1–W7 and N1–N2): weak and neutral
    characters (``+``, ``-``, ``/``, ``:``, spaces) between numbers take the paragraph's
    direction, so in a right-to-left SMS or WhatsApp message an unisolated phone, amount,
    date or order id can be shown in pieces; email-rules.md §8 notes that subjects (and,
    likewise, SMS and WhatsApp text) have no markup, only Unicode controls. Values the
    renderer puts in are isolated already; this reports runs typed into the source."""
    if not scope.rtl:
        return
    seen: set[str] = set()
    for result in scope.ok:
        for text in _texts(scope, result.message):
            for piece in _outside_isolates(text):
                for run in ltr_runs(piece):
                    if run in seen:
                        continue
                    seen.add(run)
                    why = reorderable(run)
                    if not why:
                        continue
                    where = scope.at(run, shared=False)
                    if not where["line"]:
                        continue  # from the data: the renderer decides how it is shown
                    edit = replace_at(where["path"], scope.files[where["path"]], where["line"],
                                      where["column"], run, f"{LRI}{run}{PDI}")
                    fixes = (Fix(msg("Keep '{run}' in reading order", run=run),
                                 (edit,)),) if edit else ()
                    yield Issue(msg(_SAYS[why], run=run), fixes=fixes,
                                **where)
