"""Helpers the email rules share: text as a reader sees it, the parsed final HTML."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import Element

from ...html_text import parse_html

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


# --- parsed HTML -------------------------------------------------------------------------

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
    if hasattr(type(message), "document"):  # an EmailMessage keeps its own parse
        return message.document
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
