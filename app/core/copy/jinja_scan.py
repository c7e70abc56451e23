"""Finding Jinja tags in copy and saying their logic in words.

The scanner follows Jinja's default delimiters (``{{ }}``, ``{% %}``, ``{# #}``) and
skips quoted strings inside a tag, so ``{{ "}}" }}`` is one tag. An unclosed tag is
reported, never guessed at: it is exactly what a copy edit must not produce.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError

from ...kernel.sandbox import make_environment
from ..message_text import N_, Message, msg

_OPEN = re.compile(r"\{\{|\{%|\{#")
_CLOSE = {"{{": "}}", "{%": "%}", "{#": "#}"}
_KIND = {"{{": "var", "{%": "stmt", "{#": "comment"}
_KEYWORD = re.compile(r"[-+]?\s*([a-zA-Z_]+)")
# Statements that open a block, and the words that continue or close them.
OPENERS = {"if": "endif", "for": "endfor", "with": "endwith", "filter": "endfilter",
           "call": "endcall", "macro": "endmacro", "block": "endblock",
           "autoescape": "endautoescape", "trans": "endtrans"}
MIDDLES = {"if": ("elif", "else"), "for": ("else",)}
_env = make_environment()


@dataclass(frozen=True)
class JinjaTag:
    """One tag: its kind (var/stmt/comment), span in the text and inside (stripped)."""

    kind: str
    start: int
    end: int
    body: str

    @property
    def keyword(self) -> str:
        """A statement's first word (``if``, ``endfor`` …); empty for other kinds."""
        if self.kind != "stmt":
            return ""
        match = _KEYWORD.match(self.body)
        return match.group(1) if match else ""


class UnclosedTag(ValueError):
    """A ``{{``/``{%``/``{#`` without its closing delimiter; ``offset`` is where it starts."""

    def __init__(self, opener: str, offset: int) -> None:
        super().__init__(opener)
        self.opener = opener
        self.offset = offset


def _strip_body(inner: str) -> str:
    inner = inner.strip()
    if inner[:1] in "-+":
        inner = inner[1:]
    if inner[-1:] in "-+":
        inner = inner[:-1]
    return inner.strip()


def scan_tags(text: str, start: int = 0, end: int | None = None) -> list[JinjaTag]:
    """Every Jinja tag in ``text[start:end]``; raises UnclosedTag for an unclosed one."""
    end = len(text) if end is None else end
    tags: list[JinjaTag] = []
    pos = start
    while True:
        match = _OPEN.search(text, pos, end)
        if not match:
            return tags
        opener = match.group(0)
        closer = _CLOSE[opener]
        i = match.end()
        quote = ""
        while i < end:
            ch = text[i]
            if quote:
                if ch == "\\":
                    i += 1
                elif ch == quote:
                    quote = ""
            elif opener != "{#" and ch in "'\"":
                quote = ch
            elif text.startswith(closer, i):
                break
            i += 1
        if i >= end:
            raise UnclosedTag(opener, match.start())
        stop = i + len(closer)
        body = _strip_body(text[match.end():i])
        keyword = _KEYWORD.match(body) if opener == "{%" else None
        if keyword and keyword.group(1) == "raw":
            close = re.compile(r"\{%-?\s*endraw\s*-?%\}").search(text, stop, end)
            if not close:
                raise UnclosedTag(opener, match.start())
            stop = close.end()
        tags.append(JinjaTag(_KIND[opener], match.start(), stop, body))
        pos = stop


def parse_expression(source: str) -> nodes.Expr | None:
    """The expression's Jinja tree, or None when it does not parse."""
    try:
        tree = _env.parse("{{ " + source + " }}")
    except TemplateSyntaxError:
        return None
    output = tree.body[0] if tree.body else None
    if isinstance(output, nodes.Output) and len(output.nodes) == 1:
        return output.nodes[0]
    return None


def root_names(expr: nodes.Node) -> set[str]:
    """The names an expression reads (``first_name`` for ``first_name|default('x')``)."""
    found = [expr, *expr.find_all(nodes.Name)]
    return {n.name for n in found if isinstance(n, nodes.Name) and n.ctx == "load"}


def words(name: str) -> str:
    """A variable name as words: ``first_name`` → "first name"."""
    return name.replace("_", " ").replace(".", " ").strip()


def _say(expr: nodes.Node) -> str:
    if isinstance(expr, nodes.Name):
        return words(expr.name)
    if isinstance(expr, nodes.Getattr):
        return f"{_say(expr.node)} {words(expr.attr)}"
    if isinstance(expr, nodes.Const):
        return repr(expr.value) if isinstance(expr.value, str) else str(expr.value)
    return ""  # filters, calls, arithmetic: said as written


_COMPARE = {"eq": "{left} is {right}", "ne": "{left} is not {right}",
            "gt": "{left} is more than {right}", "gteq": "{left} is at least {right}",
            "lt": "{left} is less than {right}", "lteq": "{left} is at most {right}",
            "in": "{left} is in {right}", "notin": "{left} is not in {right}"}
_KNOWN, _NOT_KNOWN = N_("{subject} is known"), N_("{subject} is not known")
# The sentences, listed for the studio's catalogs (they are built from _COMPARE too).
_SENTENCES = (_KNOWN, _NOT_KNOWN,
              N_("{left} and {right}"), N_("{left} or {right}"), N_("not ({condition})"),
              N_("{left} is {right}"), N_("{left} is not {right}"),
              N_("{left} is more than {right}"), N_("{left} is at least {right}"),
              N_("{left} is less than {right}"), N_("{left} is at most {right}"),
              N_("{left} is in {right}"), N_("{left} is not in {right}"),
              N_("if {condition}"), N_("otherwise, if {condition}"), N_("otherwise"),
              N_("for each {item} in {items}"), N_("set {name}"),
              N_("include another file"))


def _known(expr: nodes.Node, known: bool) -> Message | None:
    subject = _say(expr)
    if not subject:
        return None
    return msg(_KNOWN if known else _NOT_KNOWN, subject=subject)


def _condition(expr: nodes.Node) -> Message | None:
    """A condition in words, or None when it is not one of the common shapes."""
    if isinstance(expr, (nodes.And, nodes.Or)):
        left, right = _condition(expr.left), _condition(expr.right)
        if isinstance(expr, nodes.And) and left and left == right:
            return left  # "first_name is defined and first_name"
        if not (left and right):
            return None
        word = "{left} and {right}" if isinstance(expr, nodes.And) else "{left} or {right}"
        return msg(word, left=left, right=right)
    if isinstance(expr, nodes.Not):
        if isinstance(expr.node, (nodes.Name, nodes.Getattr)):
            return _known(expr.node, False)
        if isinstance(expr.node, nodes.Test) and expr.node.name == "defined":
            return _known(expr.node.node, False)
        inner = _condition(expr.node)
        return msg("not ({condition})", condition=inner) if inner else None
    if isinstance(expr, nodes.Test) and expr.name in ("defined", "none", "undefined"):
        return _known(expr.node, expr.name == "defined")
    if isinstance(expr, (nodes.Name, nodes.Getattr)):
        return _known(expr, True)
    if isinstance(expr, nodes.Compare) and len(expr.ops) == 1:
        said_left, said_right = _say(expr.expr), _say(expr.ops[0].expr)
        sentence = _COMPARE.get(expr.ops[0].op)
        return msg(sentence, left=said_left, right=said_right) \
            if said_left and said_right and sentence else None
    return None


def describe_condition(source: str) -> str:
    """``first_name is defined and first_name`` → "first name is known"."""
    expr = parse_expression(source)
    said = _condition(expr) if expr is not None else None
    return said or source.strip()


def describe_statement(body: str) -> str:
    """A statement tag's inside in words: "if first name is known", "for each item in items"."""
    keyword = _KEYWORD.match(body)
    word = keyword.group(1) if keyword else ""
    rest = body[keyword.end():].strip() if keyword else body
    if word == "if":
        return msg("if {condition}", condition=describe_condition(rest))
    if word == "elif":
        return msg("otherwise, if {condition}", condition=describe_condition(rest))
    if word == "else":
        return msg("otherwise")
    if word == "for":
        match = re.match(r"(.+?)\s+in\s+(.+)", rest)
        if match:
            return msg("for each {item} in {items}", item=words(match.group(1)),
                       items=words(match.group(2)))
    if word == "set":
        return msg("set {name}", name=words(rest.split("=", 1)[0]))
    if word == "include":
        return msg("include another file")
    return body.strip()
