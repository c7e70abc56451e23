"""Jinja sources as data: scanning tags, flattening extends/include, folding locale constants.

A bundle's templates must render without the project folder, so at export time every
``{% extends %}`` and ``{% include %}`` is resolved into one self-contained source, and
the values that are the same for every customer of a locale (``message.dir``,
``sender.support_phone``, ``brand.name`` …) are written in as text, so that MJML sees
real attribute values when it compiles.

The scanner follows Jinja's default syntax and the environment of
:mod:`app.kernel.sandbox` (no ``trim_blocks``/``lstrip_blocks``, trailing newline dropped):
whitespace control (``{%-``, ``-%}``) is applied inside each file before files are
joined, so a partial's ``{#- … -#}`` never strips text of the file that includes it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError

from ...kernel.errors import ContentError, InputError
from ...kernel.sandbox import SafeEnvironment

CONSTANT_NAMES = frozenset({"message", "sender", "brand"})
# message.* values that depend on the data (the rendered subject and preheader).
DATA_MESSAGE_KEYS = frozenset({"subject", "preheader"})
_OPENERS = {"{{": "var", "{%": "stmt", "{#": "comment"}
_CLOSERS = {"var": "}}", "stmt": "%}", "comment": "#}"}
_NEWLINES = re.compile(r"\r\n|\r|\n")
_KEYWORD = re.compile(r"\s*([a-zA-Z_]+)")
_BLOCK_OPEN = frozenset({"if", "for", "macro", "call", "filter", "with", "block", "autoescape",
                         "raw", "trans"})
MAX_DEPTH = 20


@dataclass(frozen=True)
class Tag:
    """One ``{{ }}``, ``{% %}``, ``{# #}`` (or a whole ``{% raw %}…{% endraw %}``)."""

    kind: str  # "var" | "stmt" | "comment" | "raw"
    body: str  # the inside, without delimiters and whitespace-control signs
    strip_before: bool = False
    strip_after: bool = False
    line: int = 0

    @property
    def keyword(self) -> str:
        """The statement's first word (``if``, ``endfor`` …), empty for other tags."""
        if self.kind != "stmt":
            return ""
        match = _KEYWORD.match(self.body)
        return match.group(1) if match else ""

    def source(self) -> str:
        """The tag as Jinja source, without whitespace control (already applied)."""
        if self.kind == "raw":
            return self.body
        if self.kind == "var":
            return "{{ " + self.body.strip() + " }}"
        if self.kind == "stmt":
            return "{% " + self.body.strip() + " %}"
        return ""


Part = str | Tag


def normalize(source: str) -> str:
    """Newlines as ``\\n`` and one trailing newline dropped, as Jinja's lexer does."""
    lines = _NEWLINES.split(source)
    if lines and lines[-1] == "":
        del lines[-1]
    return "\n".join(lines)


def scan(source: str, name: str = "<string>") -> list[Part]:
    """Split a source into text and tags, with whitespace control applied."""
    parts: list[Part] = []
    pos = 0
    n = len(source)
    while pos < n:
        starts = [(source.find(o, pos), o) for o in _OPENERS]
        starts = [(i, o) for i, o in starts if i >= 0]
        if not starts:
            parts.append(source[pos:])
            break
        start, opener = min(starts)
        if start > pos:
            parts.append(source[pos:start])
        kind = _OPENERS[opener]
        line = source.count("\n", 0, start) + 1
        end = _find_close(source, start + 2, kind, name, line)
        inner = source[start + 2:end]
        strip_before = inner.startswith("-")
        inner = inner[1:] if inner[:1] in "-+" else inner
        strip_after = inner.endswith("-")
        inner = inner[:-1] if inner[-1:] in "-+" else inner
        close_end = end + 2
        tag = Tag(kind, inner, strip_before, strip_after, line)
        if tag.keyword == "raw":
            match = re.compile(r"\{%-?\s*endraw\s*-?%\}").search(source, close_end)
            if not match:
                raise InputError("{% raw %} without {% endraw %}", path=name, line=line)
            tag = Tag("raw", "{% raw %}" + source[close_end:match.start()] + "{% endraw %}",
                      strip_before, match.group(0).endswith("-%}"), line)
            close_end = match.end()
        parts.append(tag)
        pos = close_end
    return _apply_whitespace_control(parts)


def _find_close(source: str, pos: int, kind: str, name: str, line: int) -> int:
    closer = _CLOSERS[kind]
    if kind == "comment":
        end = source.find(closer, pos)
        if end < 0:
            raise InputError("unclosed {# comment", path=name, line=line)
        return end
    quote = ""
    i = pos
    while i < len(source):
        ch = source[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif source.startswith(closer, i):
            return i
        i += 1
    raise InputError(f"unclosed {{{'{' if kind == 'var' else '%'} tag", path=name, line=line)


def _apply_whitespace_control(parts: list[Part]) -> list[Part]:
    out: list[Part] = list(parts)
    for index, part in enumerate(out):
        if not isinstance(part, Tag):
            continue
        before = out[index - 1] if part.strip_before and index > 0 else None
        if isinstance(before, str):
            out[index - 1] = before.rstrip()
        after = out[index + 1] if part.strip_after and index + 1 < len(out) else None
        if isinstance(after, str):
            out[index + 1] = after.lstrip()
    return [p for p in out if not (isinstance(p, Tag) and p.kind == "comment") and p != ""]


def join(parts: list[Part]) -> str:
    """The parts as one Jinja source."""
    return "".join(p if isinstance(p, str) else p.source() for p in parts)


class Flattener:
    """Resolves extends/include and folds locale constants for one locale × channel.

    ``load(name)`` returns a project file's source; ``constants`` holds ``message``
    (without subject and preheader), ``sender`` and ``brand``.
    """

    def __init__(self, env: SafeEnvironment, load: Callable[[str], str],
                 constants: Mapping[str, Any]) -> None:
        self.env = env
        self.load = load
        self.constants = dict(constants)

    # -- files -------------------------------------------------------------------------
    def file(self, name: str) -> list[Part]:
        """A project file with its extends and includes resolved (block tags removed)."""
        return strip_blocks(self._resolve(name, 0))

    def string(self, source: str, name: str) -> list[Part]:
        """A Jinja string (from a TOML file) with includes resolved."""
        parts = scan(normalize(source), name)
        return strip_blocks(self._includes(parts, name, 0))

    def _resolve(self, name: str, depth: int) -> list[Part]:
        if depth > MAX_DEPTH:
            raise ContentError("extends/include nested too deeply", path=name,
                               hint="look for a layout or partial that includes itself")
        parts = scan(normalize(self.load(name)), name)
        self._refuse_unsupported(parts, name)
        first = next((p for p in parts if not (isinstance(p, str) and not p.strip())), None)
        if isinstance(first, Tag) and first.keyword == "extends":
            parent = self._constant_name(first.body.strip()[len("extends"):], name, first)
            child = _blocks(parts, name)
            outside = [p for p in _outside_blocks(parts) if p is not first]
            if any(isinstance(p, Tag) or p.strip() for p in outside):
                raise ContentError(
                    "a template that extends a layout may only hold {% block %}s", path=name,
                    hint="move text and {% set %} into a block")
            base = self._resolve(parent, depth + 1)
            parts = _override(base, child)
        return self._includes(parts, name, depth)

    def _includes(self, parts: list[Part], name: str, depth: int) -> list[Part]:
        out: list[Part] = []
        for part in parts:
            if isinstance(part, Tag) and part.keyword == "include":
                expr = part.body.strip()[len("include"):]
                expr = re.sub(r"\s+(with|without)\s+context\s*$", "", expr)
                if re.search(r"\bignore\s+missing\b", expr):
                    raise ContentError("{% include … ignore missing %} is not supported in "
                                       "an export", path=name, line=part.line,
                                       hint="include files that exist")
                target = self._constant_name(expr, name, part)
                out.extend(self._resolve(target, depth + 1))
            else:
                out.append(part)
        return out

    def _refuse_unsupported(self, parts: list[Part], name: str) -> None:
        for part in parts:
            if not isinstance(part, Tag) or part.kind == "raw":
                continue
            if part.keyword in ("import", "from"):
                raise ContentError("{% import %} is not supported in an export", path=name,
                                   line=part.line, hint="define the macro in the same file")
            if re.search(r"\bsuper\s*\(|\bself\s*\.", part.body):
                raise ContentError("super() and self.<block> are not supported in an export",
                                   path=name, line=part.line,
                                   hint="write the block's content out in full")
            if part.keyword in ("set", "for", "with", "macro") and re.search(
                    r"\b(message|sender|brand)\b\s*(=|,|\bin\b)", part.body):
                raise ContentError("message, sender and brand can't be reassigned", path=name,
                                   line=part.line, hint="use another name")

    def _constant_name(self, expr: str, name: str, tag: Tag) -> str:
        value = self.evaluate(expr)
        if value is _NOT_CONSTANT or not isinstance(value, str):
            raise ContentError(
                "the file to extend or include must be known at export time", path=name,
                line=tag.line,
                hint="build the name from literals and message.*, sender.*, brand.* only")
        return value

    # -- constants ---------------------------------------------------------------------
    def is_constant(self, expr: str) -> bool:
        """Whether an expression uses only message (not subject/preheader), sender, brand."""
        try:
            tree = self.env.parse("{{ " + expr + " }}")
        except TemplateSyntaxError:
            return False
        names = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
        if not names <= CONSTANT_NAMES:
            return False
        if any(isinstance(n, nodes.Call) for n in tree.find_all(nodes.Call)):
            return False
        if "message" in names:
            uses = [n for n in tree.find_all(nodes.Getattr)
                    if isinstance(n.node, nodes.Name) and n.node.name == "message"]
            bare = sum(1 for n in tree.find_all(nodes.Name) if n.name == "message")
            if len(uses) != bare or any(u.attr in DATA_MESSAGE_KEYS for u in uses):
                return False
        return True

    def evaluate(self, expr: str) -> Any:
        """The value of a constant expression, or ``_NOT_CONSTANT``."""
        if not self.is_constant(expr):
            return _NOT_CONSTANT
        try:
            return self.env.compile_expression(expr)(**self.constants)
        except Exception:
            return _NOT_CONSTANT

    def render_constant(self, expr: str, autoescape: bool) -> str | None:
        """What ``{{ expr }}`` outputs (finalize and escaping applied), if constant."""
        if not self.is_constant(expr):
            return None
        source = "{{ " + expr + " }}"
        if autoescape:
            source = "{% autoescape true %}" + source + "{% endautoescape %}"
        try:
            return self.env.from_string(source).render(self.constants)
        except Exception:
            return None

    def fold(self, parts: list[Part], autoescape: bool) -> list[Part]:
        """Write constant ``{{ }}`` values in as text and keep only the chosen branch of
        ``{% if %}`` chains whose every test is constant."""
        out: list[Part] = []
        index = 0
        while index < len(parts):
            part = parts[index]
            if isinstance(part, Tag) and part.kind == "var":
                value = self.render_constant(part.body, autoescape)
                out.append(part if value is None else value)
            elif isinstance(part, Tag) and part.keyword == "if":
                chain = _if_chain(parts, index)
                chosen = self._choose(parts, chain) if chain else None
                if chain is None or chosen is _NOT_CONSTANT:
                    out.append(part)
                else:
                    if chosen is not None:
                        start, end = chosen
                        out.extend(self.fold(parts[start:end], autoescape))
                    index = chain[-1] + 1
                    continue
            else:
                out.append(part)
            index += 1
        return _merge_text(out)

    def _choose(self, parts: list[Part], chain: list[int]) -> Any:
        for position, at in enumerate(chain[:-1]):
            tag = parts[at]
            assert isinstance(tag, Tag)
            if tag.keyword == "else":
                return (at + 1, chain[position + 1])
            test = tag.body.strip()[len(tag.keyword):]
            value = self.evaluate(test)
            if value is _NOT_CONSTANT:
                return _NOT_CONSTANT
            if value:
                return (at + 1, chain[position + 1])
        return None


class _NotConstant:
    def __repr__(self) -> str:
        return "<not constant>"


_NOT_CONSTANT: Any = _NotConstant()


def _if_chain(parts: list[Part], start: int) -> list[int] | None:
    """Indexes of the ``if``, ``elif``s, ``else`` and ``endif`` of one chain."""
    chain = [start]
    depth = 0
    for index in range(start + 1, len(parts)):
        part = parts[index]
        if not isinstance(part, Tag) or part.kind != "stmt":
            continue
        word = part.keyword
        if word == "if":
            depth += 1
        elif word == "endif":
            if depth == 0:
                chain.append(index)
                return chain
            depth -= 1
        elif word in ("elif", "else") and depth == 0:
            chain.append(index)
    return None


def _block_name(tag: Tag) -> str:
    match = re.match(r"\s*block\s+([A-Za-z_]\w*)", tag.body)
    return match.group(1) if match else ""


def _blocks(parts: list[Part], name: str) -> dict[str, list[Part]]:
    """Every block defined in ``parts`` (nested ones too): name → its content."""
    blocks: dict[str, list[Part]] = {}
    stack: list[tuple[str, int]] = []
    for index, part in enumerate(parts):
        if isinstance(part, Tag) and part.keyword == "block":
            stack.append((_block_name(part), index))
        elif isinstance(part, Tag) and part.keyword == "endblock":
            if not stack:
                raise InputError("{% endblock %} without {% block %}", path=name, line=part.line)
            block, start = stack.pop()
            blocks.setdefault(block, parts[start + 1:index])
    return blocks


def _outside_blocks(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    depth = 0
    for part in parts:
        if isinstance(part, Tag) and part.keyword == "block":
            depth += 1
        elif isinstance(part, Tag) and part.keyword == "endblock":
            depth -= 1
        elif depth == 0:
            out.append(part)
    return out


def _override(base: list[Part], child: dict[str, list[Part]]) -> list[Part]:
    """The base with each block's content replaced by the child's (block tags kept)."""
    out: list[Part] = []
    index = 0
    while index < len(base):
        part = base[index]
        out.append(part)
        if isinstance(part, Tag) and part.keyword == "block" and _block_name(part) in child:
            end = _matching_endblock(base, index)
            out.extend(child[_block_name(part)])
            out.append(base[end])
            index = end + 1
            continue
        index += 1
    return out


def _matching_endblock(parts: list[Part], start: int) -> int:
    depth = 0
    for index in range(start + 1, len(parts)):
        part = parts[index]
        if isinstance(part, Tag) and part.keyword == "block":
            depth += 1
        elif isinstance(part, Tag) and part.keyword == "endblock":
            if depth == 0:
                return index
            depth -= 1
    raise InputError("{% block %} without {% endblock %}")


def strip_blocks(parts: list[Part]) -> list[Part]:
    """Remove block tags: a block of a template that is not extended renders in place."""
    return _merge_text([p for p in parts
                        if not (isinstance(p, Tag) and p.keyword in ("block", "endblock"))])


def _merge_text(parts: list[Part]) -> list[Part]:
    out: list[Part] = []
    for part in parts:
        if isinstance(part, str) and out and isinstance(out[-1], str):
            out[-1] = out[-1] + part
        elif part != "":
            out.append(part)
    return out


def is_block_open(tag: Tag) -> bool:
    """Whether a statement opens a block that a later ``end…`` closes."""
    word = tag.keyword
    if word == "set":
        return "=" not in tag.body
    return word in _BLOCK_OPEN


def is_block_close(tag: Tag) -> bool:
    """Whether a statement closes a block (``endif``, ``endfor`` …)."""
    return tag.keyword.startswith("end")


def balanced(parts: list[Part]) -> bool:
    """Whether the statements among ``parts`` open and close properly."""
    depth = 0
    for part in parts:
        if isinstance(part, Tag) and part.kind == "stmt":
            if is_block_open(part):
                depth += 1
            elif is_block_close(part):
                depth -= 1
                if depth < 0:
                    return False
            elif part.keyword in ("elif", "else") and depth == 0:
                return False
    return depth == 0


__all__ = ["CONSTANT_NAMES", "Flattener", "Part", "Tag", "balanced", "join", "normalize",
           "scan", "strip_blocks"]
