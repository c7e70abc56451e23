"""A block's text as plain pieces and protected codes, for translation files.

Translators see words; placeholders (``{{ amount|money(currency) }}``), Jinja logic
(``{% if … %}…{% endif %}``) and markup are codes they move but cannot change. Paired
inline formatting (``<strong>``, ``<em>``, ``<a href>``) travels as a pair sharing an
id, so a translator may wrap other words in it. Ids are numbered in the source's order;
a translation's codes get the ids of the source codes they match (placeholders by their
text, logic and plural placeholders by their order, tags by name and order).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..copy.jinja_scan import scan_tags
from ..copy.segments import tokenize

PAIRED = {"strong": "bold", "b": "bold", "em": "italic", "i": "italic", "a": "link",
          "u": "underlined", "span": "x-span"}


@dataclass(frozen=True)
class Code:
    """A protected piece: ``kind`` is ph (placeholder), logic, open, close or tag."""

    id: str
    kind: str
    text: str
    ctype: str = ""

    @property
    def plural(self) -> bool:
        """A ``plural(…)`` placeholder: its forms are translated, so it differs by locale."""
        return self.kind == "ph" and "plural(" in self.text.replace(" ", "")


Piece = str | Code
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def masked(text: str) -> str:
    """A placeholder with its quoted words blanked: ``default('there')`` matches
    ``default('לקוח יקר')`` (those words are translated with the text)."""
    return " ".join(_QUOTED.sub("''", text).split())


_OPENERS = ("if", "for", "with", "filter", "call", "macro", "block")


def _logic_spans(text: str) -> list[tuple[int, int]]:
    """Each top-level ``{% if %}…{% endif %}`` (or lone statement) of ``text``."""
    spans: list[tuple[int, int]] = []
    depth, begin = 0, 0
    for tag in scan_tags(text):
        if tag.kind != "stmt":
            continue
        word = tag.body.split()[0] if tag.body.split() else ""
        if word in _OPENERS:
            if depth == 0:
                begin = tag.start
            depth += 1
        elif word.startswith("end") and depth:
            depth -= 1
            if depth == 0:
                spans.append((begin, tag.end))
        elif depth == 0:
            spans.append((tag.start, tag.end))
    return spans


def split(text: str, fmt: str) -> list[Piece]:
    """The pieces of a block's text (``fmt`` html or plain), codes numbered from 1."""
    logic = _logic_spans(text)
    pieces: list[Piece] = []
    stack: list[tuple[str, str]] = []
    number = 0

    def next_id() -> str:
        nonlocal number
        number += 1
        return str(number)

    pos = 0
    for start, end in [*logic, (len(text), len(text))]:
        for tok in tokenize(text, pos, start, fmt) if start > pos else []:
            raw = text[tok.start:tok.end]
            if tok.kind == "text":
                pieces.append(html.unescape(raw) if fmt == "html" else raw)
            elif tok.kind == "var":
                pieces.append(Code(next_id(), "ph", raw))
            elif tok.kind == "tag" and tok.name in PAIRED and not raw.endswith("/>"):
                if not tok.closing:
                    code = Code(next_id(), "open", raw, PAIRED[tok.name])
                    stack.append((tok.name, code.id))
                    pieces.append(code)
                elif stack and stack[-1][0] == tok.name:
                    pieces.append(Code(stack.pop()[1], "close", raw, PAIRED[tok.name]))
                else:
                    pieces.append(Code(next_id(), "tag", raw, "x-html"))
            elif tok.kind == "tag" and tok.name == "br":
                pieces.append(Code(next_id(), "tag", raw, "lb"))
            else:
                pieces.append(Code(next_id(), "tag", raw, "x-" + tok.kind))
        if end > start:
            pieces.append(Code(next_id(), "logic", text[start:end], "x-jinja-logic"))
        pos = end
    return [p for p in pieces if p != ""]


def matched(source: list[Piece], target: list[Piece]) -> list[Piece]:
    """``target``'s pieces with the ids of the source codes they correspond to."""
    src = [p for p in source if isinstance(p, Code)]
    used: set[str] = set()
    remap: dict[str, str] = {}
    extra = 0

    def find(code: Code) -> str | None:
        if code.kind == "close":
            return remap.get(code.id)
        if code.kind == "logic" or code.plural:
            group = [c for c in src if c.kind == code.kind and c.plural == code.plural]
        elif code.kind == "ph":
            group = [c for c in src if c.kind == "ph" and masked(c.text) == masked(code.text)]
        else:
            name = code.text.strip("</>").split()[0].lower() if code.text else ""
            group = [c for c in src if c.kind == code.kind
                     and c.text.strip("</>").split()[0].lower() == name]
        for candidate in group:
            if candidate.id not in used:
                return candidate.id
        return None

    out: list[Piece] = []
    for piece in target:
        if not isinstance(piece, Code):
            out.append(piece)
            continue
        new = find(piece)
        if new is None:
            extra += 1
            new = f"t{extra}"
        if piece.kind != "close":
            used.add(new)
            remap[piece.id] = new
        out.append(Code(new, piece.kind, piece.text, piece.ctype))
    return out


def join(pieces: list[Piece], fmt: str) -> str:
    """The block text of ``pieces`` (text escaped again in HTML blocks)."""
    out = []
    for piece in pieces:
        if isinstance(piece, Code):
            out.append(piece.text)
        else:
            out.append(html.escape(piece, quote=False) if fmt == "html" else piece)
    return "".join(out)


def visible(pieces: list[Piece]) -> str:
    """What a translator reads: text with placeholders as written (for PO and notes)."""
    return "".join(p.text if isinstance(p, Code) and p.kind in ("ph", "logic") else
                   ("" if isinstance(p, Code) else p) for p in pieces)
