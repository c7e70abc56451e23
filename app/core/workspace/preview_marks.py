"""Which text of the email preview is which copy block, for editing in the preview.

The preview can show a second render of the email in which each HTML text block of the
copy model (mj-text, button labels, table cells, raw text, logic branches; the
template's own and its layout's and partials') is wrapped in an unstyled
``<span data-mb-<nonce>="<block id>">``. The studio's page script finds the block of a
clicked text by that attribute; the nonce changes with every studio session, so the
template's own HTML cannot pretend to be a block. What is sent, checked and shown as
HTML source is always the unmarked render.

:func:`edit_markup` gives a block's text for editing in place: plain text, inline
formatting, and each placeholder or piece of logic as one atomic chip carrying its
exact source, so the page can hand back the block's text without ever splitting them.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from ..copy import Block, CopyDeck, CopyError, Run, build_deck, runs_to_text
from ..project import Project

MARKABLE = frozenset({"text", "button", "table_cell", "raw", "branch"})


def new_nonce() -> str:
    """A fresh random attribute suffix (letters and digits)."""
    return secrets.token_hex(6)


def marked_html(project: Project, template_id: str, locale: str, overlay: dict[str, str],
                data: dict[str, Any], nonce: str) -> str:
    """The email's HTML rendered with its blocks marked ("" when it can't be)."""
    from ...kernel.errors import MissiveError
    from ..render import Renderer

    try:
        marked, _deck = marked_overlay(project, template_id, locale, overlay, nonce)
        message = Renderer(project, marked).render(template_id, locale, "email", data)
    except (MissiveError, CopyError):
        return ""
    return message.to_dict()["html"]


def marked_overlay(project: Project, template_id: str, locale: str,
                   overlay: dict[str, str], nonce: str) -> tuple[dict[str, str], CopyDeck]:
    """``overlay`` plus every email source file with its blocks wrapped in marks."""
    deck = build_deck(project, template_id, locale, overlay=overlay or None, channel="email")
    by_path: dict[str, list[Block]] = {}
    for block in deck.blocks:
        if block.kind in MARKABLE and block.format == "html":
            by_path.setdefault(block.path, []).append(block)
    out = dict(overlay)
    for path, blocks in by_path.items():
        out[path] = mark_source(deck.sources[path], blocks, nonce)
    return out, deck


def mark_source(source: str, blocks: list[Block], nonce: str) -> str:
    """``source`` with each block's span wrapped in its mark (nested spans nest)."""
    events: list[tuple[int, int, int, str]] = []
    for block in blocks:
        ident = html.escape(block.id, quote=True)
        # At one position: closing marks first (inner first), then opening (outer first).
        events.append((block.end, 0, -block.start, "</span>"))
        events.append((block.start, 1, -block.end, f'<span data-mb-{nonce}="{ident}">'))
    events.sort()
    parts, last = [], 0
    for position, _order, _tie, mark in events:
        parts.append(source[last:position])
        parts.append(mark)
        last = position
    parts.append(source[last:])
    return "".join(parts)


def edit_markup(block: Block, label: Callable[[str], str] | None = None) -> str:
    """HTML for editing ``block`` in place: text, <strong>/<em>/<a>/<br>, and chips.

    A chip is ``<span class="mb-chip" contenteditable="false" data-src="…">label</span>``;
    its ``data-src`` is the run's exact source, which the page hands back unchanged.
    ``label`` says a placeholder's expression in words (the Copy view's chip labels).
    """
    out = []
    for run in block.runs:
        if run.kind == "break":
            out.append("<br>")
            continue
        if run.atomic:
            shown = {"placeholder": (label or _name)(run.text), "markup": "⋯"}.get(
                run.kind, run.text)
            piece = (f'<span class="mb-chip mb-{run.kind}" contenteditable="false" '
                     f'title="{html.escape(run.text, quote=True)}" '
                     f'data-src="{html.escape(run.source, quote=True)}">'
                     f"{html.escape(shown)}</span>")
        else:
            piece = html.escape(run.text, quote=False)
        if run.italic:
            piece = f"<em>{piece}</em>"
        if run.bold:
            piece = f"<strong>{piece}</strong>"
        if run.href is not None:
            piece = f'<a href="{html.escape(run.href, quote=True)}">{piece}</a>'
        out.append(piece)
    return "".join(out)


def _name(expression: str) -> str:
    return expression.split("|")[0].strip()


def text_from_page(block: Block, items: list[dict[str, Any]],
                   insertable: Iterable[str] = ()) -> str:
    """The block's new editable text from what the page edited.

    ``items`` are the page's runs in order: ``{"kind": "text", "text": …}``, ``{"kind":
    "chip", "src": …}`` or ``{"kind": "break"}``, each with ``bold``, ``italic`` and
    ``href``. A chip must be one of the block's own atomic runs, or one of the
    ``insertable`` placeholders (the template's declared variables); the rest is typed
    text, escaped as text.
    """
    atomic = {run.source: run for run in block.runs if run.atomic and run.kind != "break"}
    for source in insertable:
        atomic.setdefault(source, Run("placeholder", source[2:-2].strip(), source))
    tags = {run.href: run.link_tag for run in block.runs if run.href is not None}
    runs = []
    for item in items:
        href = item.get("href")
        href = str(href) if href is not None else None
        bold, italic = bool(item.get("bold")), bool(item.get("italic"))
        link_tag = tags.get(href) if href is not None else None
        kind = item.get("kind")
        if kind == "chip":
            original = atomic.get(str(item.get("src", "")))
            if original is None:
                raise CopyError("the preview sent a placeholder this block doesn't have; "
                                "edit it in the Copy view")
            runs.append(replace(original, bold=bold, italic=italic, href=href,
                                link_tag=link_tag))
        elif kind == "break":
            runs.append(Run("break", "\n", "<br>" if block.format == "html" else "\n"))
        elif kind == "text" and item.get("text"):
            runs.append(Run("text", str(item["text"]), "", bold=bold, italic=italic, href=href,
                            link_tag=link_tag))
    return runs_to_text(runs, block.format)
