"""Cutting a piece of source into blocks and runs.

A container (the inside of an ``mj-text``, a TOML string's value, an SMS file) is read
as tokens: Jinja tags, HTML tags (``html`` format only) and text. Block-level HTML tags
(``<p>``, ``<td>``, ``<li>`` …) cut it into segments, each one block; inline tags
become formatting; ``{% if %}…{% endif %}`` inside a segment becomes one atomic logic
run whose branches are blocks of their own (``<id>.if1.then``, ``.if1.else`` …).
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field, replace

from .jinja_scan import MIDDLES, OPENERS, JinjaTag, describe_statement, scan_tags
from .model import Block, Run

BLOCK_TAGS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section",
    "article", "header", "footer", "nav", "main", "aside", "figure", "figcaption", "center",
    "hr", "pre", "html", "head", "body", "title"})
HIDDEN_TAGS = frozenset({"style", "script"})
_HTML_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^<>]*?(/?)>", re.S)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_BRANCH_LABEL = {"if": "then", "for": "each"}


@dataclass(frozen=True)
class Token:
    """A token of a container: kind var/stmt/comment/tag/text, span, and tag details."""

    kind: str
    start: int
    end: int
    body: str = ""
    name: str = ""
    closing: bool = False


@dataclass
class Place:
    """Where a container's value lives, so blocks can say their file, span and line."""

    path: str
    channel: str
    direction: str
    file_text: str
    fmt: str = "html"
    container: tuple[int, int] | None = None  # a TOML string/attribute: its file span
    shared: bool = False
    used_by: tuple[str, ...] = ()
    limit: int | None = None
    blocks: list[Block] = field(default_factory=list)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a file offset."""
        text = self.file_text
        return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def tokenize(value: str, start: int, end: int, fmt: str) -> list[Token]:
    """The tokens of ``value[start:end]``; raises UnclosedTag for an unclosed Jinja tag."""
    jinja = scan_tags(value, start, end)
    tags: list[Token] = []
    if fmt == "html":
        masked = list(value[start:end])
        for tag in jinja:
            for i in range(tag.start - start, tag.end - start):
                if masked[i] != "\n":
                    masked[i] = " "
        for m in _HTML_TAG.finditer("".join(masked)):
            s, e = m.start() + start, m.end() + start
            if m.group(0).startswith("<!--"):
                tags.append(Token("markup", s, e))
            else:
                tags.append(Token("tag", s, e, name=m.group(2).lower(), closing=bool(m.group(1))))
    merged: list[Token] = list(tags)
    for tag in jinja:
        if not any(t.start <= tag.start < t.end for t in tags):
            merged.append(Token(tag.kind, tag.start, tag.end, body=tag.body))
    merged.sort(key=lambda t: t.start)
    tokens: list[Token] = []
    pos = start
    for tok in merged:
        if tok.start > pos:
            tokens.append(Token("text", pos, tok.start))
        tokens.append(tok)
        pos = tok.end
    if pos < end:
        tokens.append(Token("text", pos, end))
    return tokens


def _segments(value: str, tokens: list[Token]) -> list[list[Token]]:
    """Tokens cut at block-level tags; hidden elements (style, script) dropped."""
    out: list[list[Token]] = [[]]
    hidden = ""
    for tok in tokens:
        if hidden:
            if tok.kind == "tag" and tok.closing and tok.name == hidden:
                hidden = ""
            continue
        if tok.kind == "tag" and tok.name in HIDDEN_TAGS and not tok.closing:
            hidden = tok.name
            out.append([])
        elif tok.kind == "tag" and tok.name in BLOCK_TAGS:
            out.append([])
        else:
            out[-1].append(tok)
    return [_trim(value, seg) for seg in out if _visible(value, seg)]


def _visible(value: str, seg: list[Token]) -> bool:
    return any(t.kind == "var" or (t.kind == "text" and value[t.start:t.end].strip())
               for t in seg)


def _blank(value: str, tok: Token) -> bool:
    return tok.kind == "comment" or (tok.kind == "text" and not value[tok.start:tok.end].strip())


def _trim(value: str, seg: list[Token]) -> list[Token]:
    """The segment without surrounding whitespace and Jinja comments (they stay in the
    file, untouched)."""
    seg = list(seg)
    while seg and _blank(value, seg[0]):
        seg.pop(0)
    while seg and _blank(value, seg[-1]):
        seg.pop()
    if seg and seg[0].kind == "text":
        t = seg[0]
        lead = len(value[t.start:t.end]) - len(value[t.start:t.end].lstrip())
        seg[0] = replace(t, start=t.start + lead)
    if seg and seg[-1].kind == "text":
        t = seg[-1]
        tail = len(value[t.start:t.end]) - len(value[t.start:t.end].rstrip())
        seg[-1] = replace(t, end=t.end - tail)
    return seg


@dataclass
class _Marks:
    bold: int = 0
    italic: int = 0
    links: list[tuple[str, str]] = field(default_factory=list)

    def copy(self) -> _Marks:
        return _Marks(self.bold, self.italic, list(self.links))

    def run(self, kind: str, text: str, source: str, branches: tuple[str, ...] = ()) -> Run:
        href, tag = self.links[-1] if self.links else (None, None)
        return Run(kind, text, source, bold=self.bold > 0, italic=self.italic > 0,
                   href=href, link_tag=tag, branches=branches)


def _match_logic(tokens: list[Token], i: int) -> tuple[int, list[int]] | None:
    """For the opener at ``i``: the index of its end tag and of its middles, if closed."""
    opener = JinjaTag("stmt", 0, 0, tokens[i].body).keyword
    closer = OPENERS[opener]
    middles: list[int] = []
    depth = 0
    for j in range(i + 1, len(tokens)):
        if tokens[j].kind != "stmt":
            continue
        word = JinjaTag("stmt", 0, 0, tokens[j].body).keyword
        if word in OPENERS:
            depth += 1
        elif word.startswith("end") and depth:
            depth -= 1
        elif depth == 0 and word == closer:
            return j, middles
        elif depth == 0 and word in MIDDLES.get(opener, ()):
            middles.append(j)
    return None


def make_blocks(place: Place, value: str, start: int, end: int, *, block_id: str, kind: str,
                split: bool = True, part: str | None = None) -> list[Block]:
    """The blocks of ``value[start:end]`` (its segments, then their branches), in order.

    Segments are ``block_id``, ``block_id.2`` …, or ``block_id.<part>1`` … when ``part``
    is given (table cells).
    """
    tokens = tokenize(value, start, end, place.fmt)
    segments = _segments(value, tokens) if split else [_trim(value, tokens)]
    blocks: list[Block] = []
    for n, seg in enumerate(segments, start=1):
        seg_id = f"{block_id}.{part}{n}" if part else block_id if n == 1 else f"{block_id}.{n}"
        s = seg[0].start if seg else start
        e = seg[-1].end if seg else start
        blocks.extend(_block(place, value, seg, s, e, seg_id, kind, _Marks(), None, ""))
    return blocks


def _block(place: Place, value: str, tokens: list[Token], start: int, end: int, block_id: str,
           kind: str, marks: _Marks, parent: str | None, condition: str) -> list[Block]:
    runs: list[Run] = []
    children: list[Block] = []
    counts: dict[str, int] = {}
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        src = value[tok.start:tok.end]
        if tok.kind == "text":
            runs.append(marks.run("text", html.unescape(src) if place.fmt == "html" else src, src))
        elif tok.kind == "var":
            runs.append(marks.run("placeholder", tok.body, src))
        elif tok.kind in ("comment", "markup"):
            runs.append(marks.run("markup", "", src))
        elif tok.kind == "tag":
            _tag(tok, src, marks, runs)
        elif tok.kind == "stmt":
            word = JinjaTag("stmt", 0, 0, tok.body).keyword
            match = _match_logic(tokens, i) if word in OPENERS else None
            if match is None:
                runs.append(marks.run("logic", describe_statement(tok.body), src))
            else:
                j, middles = match
                counts[word] = counts.get(word, 0) + 1
                logic_id = f"{block_id}.{word}{counts[word]}"
                branches, ids = _branches(place, value, tokens, i, j, middles, logic_id,
                                          marks, block_id)
                children.extend(branches)
                runs.append(marks.run("logic", describe_statement(tok.body),
                                      value[tok.start:tokens[j].end], branches=ids))
                i = j
        i += 1
    runs = _merge_text(runs)
    if place.container is None:
        span_start, span_end, inner = start, end, None
    else:
        span_start, span_end = place.container
        inner = (start, end)
    line, column = place.position(span_start)
    block = Block(
        id=block_id, channel=place.channel, kind=kind, path=place.path, start=span_start,
        end=span_end, line=line, column=column, text=value[start:end], runs=tuple(runs),
        direction=place.direction, format=place.fmt, shared=place.shared,
        used_by=place.used_by, parent=parent, condition=condition, limit=place.limit,
        inner=inner,
    )
    return [block, *children]


def _branches(place: Place, value: str, tokens: list[Token], i: int, j: int,
              middles: list[int], logic_id: str, marks: _Marks,
              parent: str) -> tuple[list[Block], tuple[str, ...]]:
    word = JinjaTag("stmt", 0, 0, tokens[i].body).keyword
    cuts = [i, *middles, j]
    out: list[Block] = []
    ids: list[str] = []
    elif_n = 0
    for a, b in itertools.pairwise(cuts):
        head = tokens[a]
        head_word = JinjaTag("stmt", 0, 0, head.body).keyword
        if head_word == "elif":
            elif_n += 1
            label = f"elif{elif_n}"
        elif head_word == "else":
            label = "else"
        else:
            label = _BRANCH_LABEL.get(word, "body")
        inner = _trim(value, tokens[a + 1:b])
        s = inner[0].start if inner else head.end
        e = inner[-1].end if inner else head.end
        ids.append(f"{logic_id}.{label}")
        out.extend(_block(place, value, inner, s, e, ids[-1], "branch",
                          marks.copy(), parent, describe_statement(head.body)))
    return out, tuple(ids)


def _tag(tok: Token, src: str, marks: _Marks, runs: list[Run]) -> None:
    name = tok.name
    if name in ("strong", "b"):
        marks.bold += -1 if tok.closing else 1
        marks.bold = max(marks.bold, 0)
    elif name in ("em", "i"):
        marks.italic += -1 if tok.closing else 1
        marks.italic = max(marks.italic, 0)
    elif name == "a":
        if tok.closing:
            if marks.links:
                marks.links.pop()
        else:
            m = _HREF.search(src)
            href = html.unescape(next(g for g in m.groups() if g is not None)) if m else ""
            marks.links.append((href, src))
    elif name == "br":
        runs.append(marks.run("break", "\n", src))
    else:
        runs.append(marks.run("markup", "", src))


def _merge_text(runs: list[Run]) -> list[Run]:
    """Adjacent text runs with the same formatting become one."""
    out: list[Run] = []
    for run in runs:
        prev = out[-1] if out else None
        if (prev and run.kind == prev.kind == "text" and
                (prev.bold, prev.italic, prev.href) == (run.bold, run.italic, run.href)):
            out[-1] = replace(prev, text=prev.text + run.text, source=prev.source + run.source)
        else:
            out.append(run)
    return out
