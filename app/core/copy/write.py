"""Writing one block: checking the new text, and replacing exactly that block's span.

A text is refused (CopyError, one line) when it would break a placeholder (an unclosed
``{{``, an expression Jinja cannot read, a name the template does not declare) or the
logic (any ``{% %}`` tag added, removed or changed), or — in HTML blocks — the markup
around it (a block-level or ``mj-`` tag, an unclosed inline tag). After the edit the
file is read again and every other block must be exactly as before.
"""

from __future__ import annotations

import html
import re
import tomllib
from collections.abc import Mapping
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError

from ...kernel.sandbox import make_environment
from ..email_pipeline import PANIC_TRIGGER
from ..project import Project
from ..workspace.atomic import atomic_write_text
from .deck import build_deck
from .jinja_scan import UnclosedTag, describe_statement, parse_expression, root_names, scan_tags
from .model import Block, CopyDeck, CopyEdit, CopyError
from .segments import BLOCK_TAGS, tokenize
from .toml_strings import encode, find_strings

# A well-formed start or end tag (Jinja inside attribute values replaced by "x").
_WELL_FORMED = re.compile(
    r"""</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*"""
    r"""\s*/?>""")
_JINJA_IN_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_VOID = frozenset({"br", "img", "hr", "wbr"})
_BOUND = re.compile(
    r"^\s*(?:for\s+([\w\s,]+?)\s+in\b|set\s+(\w+)|with\s+(\w+)|macro\s+\w+\((.*)\))")
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_NO_PLACEHOLDERS = {"whatsapp_footer": "a WhatsApp footer",
                    "whatsapp_button": "a WhatsApp button label"}
RESERVED = frozenset({"message", "sender", "brand", "loop", "range", "lipsum", "dict",
                      "cycler", "joiner", "namespace", "true", "false", "none", "True",
                      "False", "None"})
_env = make_environment()


def _norm(body: str) -> str:
    return " ".join(body.split())


def _logic(text: str) -> list[str]:
    return [_norm(t.body) for t in scan_tags(text) if t.kind == "stmt"]


def _bound_names(source: str) -> set[str]:
    names: set[str] = set()
    for tag in scan_tags(source):
        if tag.kind != "stmt":
            continue
        m = _BOUND.match(tag.body)
        if m:
            for group in m.groups():
                if group:
                    names |= {n.strip().split("=")[0].strip() for n in group.split(",")}
    return names


def _simple(expr: nodes.Node) -> bool:
    """A name (``order.total``) with known filters whose arguments are names or constants."""
    if isinstance(expr, nodes.Filter):
        args = [*expr.args, *(k.value for k in expr.kwargs)]
        return expr.name in _env.filters and expr.node is not None and _simple(expr.node) and \
            all(isinstance(a, nodes.Const) or _simple(a) for a in args)
    if isinstance(expr, nodes.Getattr):
        return not expr.attr.startswith("_") and _simple(expr.node)
    return isinstance(expr, nodes.Name)


def _check_jinja(block: Block, text: str, deck: CopyDeck) -> None:
    try:
        tags = scan_tags(text)
    except UnclosedTag as exc:
        closer = {"{{": "}}", "{%": "%}", "{#": "#}"}[exc.opener]
        what = "placeholder" if exc.opener == "{{" else "logic" if exc.opener == "{%" else "note"
        raise CopyError(f"the text breaks a {what}: '{exc.opener}' at character {exc.offset + 1}"
                        f" is never closed with '{closer}'") from None
    old_tags = [t for t in scan_tags(block.text) if t.kind == "stmt"]
    if _logic(text) != [_norm(t.body) for t in old_tags]:
        said = "; ".join(describe_statement(t.body) for t in old_tags
                         if not t.keyword.startswith("end")) or "none"
        raise CopyError(f"the text changes the logic ({said}): keep every {{% … %}} tag "
                        "exactly as it is and edit the texts around and between them")
    known = set(deck.variables) | RESERVED | _bound_names(deck.sources.get(block.path, ""))
    for old in block.placeholders:
        expr = parse_expression(old)
        known |= root_names(expr) if expr is not None else set()
    old_bodies = {_norm(p) for p in block.placeholders}
    old_bodies |= {_norm(t.body) for t in scan_tags(block.text) if t.kind == "var"}
    added = False
    for tag in tags:
        if tag.kind != "var":
            continue
        expr = parse_expression(tag.body)
        if expr is None:
            raise CopyError(f"'{{{{ {tag.body} }}}}' is not a placeholder Jinja can read: "
                            "insert placeholders from the list of variables")
        if _norm(tag.body) not in old_bodies and not _simple(expr):
            raise CopyError(f"'{{{{ {tag.body} }}}}' is not a placeholder: insert placeholders "
                            "from the list of variables (a name, then filters such as |date)")
        unknown = sorted(root_names(expr) - known)
        if unknown:
            declared = ", ".join(sorted(deck.variables)) or "none"
            raise CopyError(f"'{{{{ {tag.body} }}}}' uses '{unknown[0]}', which this template "
                            f"does not declare (variables: {declared})")
        added = added or tag.body not in block.placeholders
    if added and block.kind in _NO_PLACEHOLDERS:
        raise CopyError(f"{_NO_PLACEHOLDERS[block.kind]} is fixed text: it cannot hold "
                        "placeholders")


def _check_html(text: str) -> None:
    stack: list[str] = []
    for tok in tokenize(text, 0, len(text), "html"):
        if tok.kind == "text" and "<" in text[tok.start:tok.end]:
            raise CopyError("'<' starts a tag that is never finished: write &lt; for a "
                            "'<' the customer should see")
        if tok.kind == "text" and PANIC_TRIGGER.search(text[tok.start:tok.end]):
            raise CopyError("a '>' in the text stops the MJML compiler: write &gt; instead")
        if tok.kind != "tag":
            continue
        if "\\" in text[tok.start:tok.end]:  # MJML's parser reads \" as a quote that goes on
            raise CopyError(f"the tag {text[tok.start:tok.end]} holds a '\\': MJML cannot read "
                            "it there; remove it (a '\\' in the words themselves is fine)")
        if not _WELL_FORMED.fullmatch(_JINJA_IN_TAG.sub("x", text[tok.start:tok.end])):
            raise CopyError(f"the tag {text[tok.start:tok.end]} is not well formed: write "
                            "<strong>, <em>, <a href=\"…\"> or <br>")
        if tok.name.startswith("mj-") or tok.name in BLOCK_TAGS or tok.name in ("style",
                                                                                 "script"):
            slash = "/" if tok.closing else ""
            raise CopyError(f"<{slash}{tok.name}> cannot go inside a text: use plain text "
                            "with bold, italic and links (edit the layout in the code editor)")
        if tok.name in _VOID or text[tok.start:tok.end].endswith("/>"):
            continue
        if not tok.closing:
            stack.append(tok.name)
        elif stack and stack[-1] == tok.name:
            stack.pop()
        else:
            raise CopyError(f"</{tok.name}> closes a tag that is not open here")
    if stack:
        raise CopyError(f"<{stack[-1]}> is opened but never closed in the text")


def _attribute(value: str, quote: str) -> str:
    """A value written back into an attribute: entity-like ``&`` and the quote escaped."""
    value = _ENTITY.sub(lambda m: "&amp;" + m.group(0)[1:], value)
    return value.replace(quote, "&quot;" if quote == '"' else "&#39;")


def _toml_value(data: dict[str, Any], key: tuple[str, ...]) -> object:
    node: Any = data  # parsed TOML: tables, arrays and values
    for part in key:
        m = re.fullmatch(r"(.+)\[(\d+)\]", part)
        node = node[m.group(1)][int(m.group(2))] if m else node[part]
    return node


def _replacement(block: Block, text: str, source: str) -> tuple[int, int, str]:
    """The span to replace and what to put there."""
    if block.inner is None:
        return block.start, block.end, text
    a, b = block.inner
    if block.path.endswith(".toml"):
        literal = next(s for s in find_strings(source) if s.start == block.start)
        value = literal.value[:a] + text + literal.value[b:]
        new = encode(value, literal.style, literal.leading_newline)
        try:
            data = tomllib.loads(source[:block.start] + new + source[block.end:])
            ok = _toml_value(data, literal.key) == value
        except (tomllib.TOMLDecodeError, KeyError, IndexError, TypeError):
            ok = False
        if not ok:
            raise CopyError("the text cannot be written as a TOML string here")
        return block.start, block.end, new
    value = html.unescape(source[block.start:block.end])
    value = value[:a] + text + value[b:]
    return block.start, block.end, _attribute(value, source[block.start - 1])


def edit_block(project: Project, deck: CopyDeck, block_id: str, text: str) -> CopyEdit:
    """The edit that writes ``text`` into the block, or CopyError saying why it cannot.

    ``text`` is the block's editable form (see :attr:`Block.text`; an editor showing
    runs gets it from :func:`~app.core.copy.runs.runs_to_text`). The edit is not applied
    to any file: apply ``CopyEdit.new_source`` (or replace the span) yourself, or use
    :func:`write_block`.
    """
    block = deck.block(block_id)
    try:
        return _edit(project, deck, block, text)
    except CopyError as exc:
        if exc.location is not None:
            raise
        raise CopyError(exc.message, path=block.path, line=block.line, column=block.column,
                        hint=exc.hint) from None


def _edit(project: Project, deck: CopyDeck, block: Block, text: str) -> CopyEdit:
    block_id = block.id
    text = text.strip()  # a block's span leaves out the whitespace around its text
    if text == block.text:
        source = deck.sources[block.path]
        return CopyEdit(block_id, block.path, block.start, block.end,
                        source[block.start:block.end], source, source)
    if block.kind in ("subject", "preheader") and ("\n" in text or "\r" in text):
        raise CopyError(f"the {block.kind} is one line: remove the line break (mail clients "
                        "show one line, and a break would start a new mail header)")
    if block.kind.startswith("whatsapp") and "{%" in text:
        raise CopyError("WhatsApp text cannot hold {% … %} logic: Meta sends fixed text with "
                        "numbered placeholders")
    _check_jinja(block, text, deck)
    if block.format == "html":
        _check_html(text)
    source = deck.sources[block.path]
    start, end, replacement = _replacement(block, text, source)
    new_source = source[:start] + replacement + source[end:]
    try:
        _env.parse(new_source)
    except TemplateSyntaxError as exc:
        raise CopyError(f"the text would break the template: {exc.message}") from None
    _check_others(project, deck, block, text, new_source)
    return CopyEdit(block_id, block.path, start, end, replacement, source, new_source)


def _related(block_id: str, other: str) -> bool:
    return other == block_id or other.startswith(block_id + ".") or \
        block_id.startswith(other + ".")


def _check_others(project: Project, deck: CopyDeck, block: Block, text: str,
                  new_source: str) -> None:
    """Every block is still there, and every unrelated one reads exactly as before."""
    overlay = {**deck.sources, block.path: new_source}
    channel = None if block.shared else block.channel
    after = build_deck(project, deck.template, deck.locale, overlay, channel).by_id()
    before = {b.id: b for b in deck.blocks if channel in (None, b.channel)}
    if block.id not in after:
        raise CopyError("the text would empty this block and remove it: write something, "
                        "or delete the element in the code editor")
    if set(after) != set(before) or after[block.id].text != text or any(
            after[i].text != b.text for i, b in before.items() if not _related(block.id, i)):
        raise CopyError("the text would change the layout around it: write plain text with "
                        "placeholders, bold, italic and links only")


def write_block(project: Project, template_id: str, locale: str, block_id: str, text: str,
                overlay: Mapping[str, str] | None = None) -> CopyEdit:
    """Check and write one block to disk (atomically); returns the edit made."""
    deck = build_deck(project, template_id, locale, overlay)
    edit = edit_block(project, deck, block_id, text)
    if edit.new_source != edit.old_source:
        atomic_write_text(project.root / edit.path, edit.new_source)
    return edit
