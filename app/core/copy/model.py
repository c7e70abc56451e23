"""The copy model's data: runs, blocks, the deck of one template × locale, and an edit.

Plain frozen dataclasses with no I/O; :mod:`.deck` builds them from the project's files
and :mod:`.write` turns a new text for one block into a :class:`CopyEdit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...kernel.errors import ContentError

# The channels in the order a deck lists them.


class CopyError(ContentError):
    """A text that cannot be written into a block (it would break a placeholder or logic)."""


@dataclass(frozen=True)
class Run:
    """One piece of a block's content.

    ``kind``:
      ``text``         visible text (HTML entities decoded); ``text`` holds it
      ``placeholder``  ``{{ expression }}``, atomic; ``text`` is the expression
      ``logic``        a whole ``{% if %}…{% endif %}`` (or another statement), atomic;
                       ``text`` says it in words, ``branches`` are the ids of the blocks
                       holding each branch's text
      ``break``        ``<br>``
      ``markup``       other inline markup kept as written (``<span …>``, a comment)
    ``bold``/``italic``/``href`` are the inline formatting around the run (``href`` is the
    link target's source, e.g. ``{{ receipt_url }}``); ``link_tag`` is the link's opening
    tag as written, reused when the block is written back with the same target.
    ``source`` is the run's exact source text.
    """

    kind: str
    text: str
    source: str
    bold: bool = False
    italic: bool = False
    href: str | None = None
    link_tag: str | None = None
    branches: tuple[str, ...] = ()

    @property
    def atomic(self) -> bool:
        """Whether an editor must treat the run as one indivisible token."""
        return self.kind in ("placeholder", "logic", "markup", "break")


@dataclass(frozen=True)
class Block:
    """One text the customer sees, where it is written and what it is made of.

    ``id`` is stable (see docs/project-format.md, "The copy model"); ``channel`` is
    email/sms/whatsapp; ``kind`` says what the text is (``subject``, ``preheader``,
    ``plain_text``, ``text``, ``button``, ``button_link``, ``image_alt``, ``table_cell``,
    ``raw``, ``branch``, ``sms_body``, ``whatsapp_header``, ``whatsapp_body``,
    ``whatsapp_footer``, ``whatsapp_button``, ``whatsapp_button_url``).
    ``path`` is project-relative (posix); ``start``/``end`` are character offsets of
    the block's span in that file's text, ``line``/``column`` (1-based) where it starts.
    ``text`` is the editable form: the source of the span for HTML blocks (inline tags,
    ``{{ }}`` and ``{% %}`` as written), the decoded value for TOML strings and
    attributes. ``format`` is ``html`` (inline HTML allowed) or ``plain``.
    ``shared`` blocks come from a layout or partial; ``used_by`` lists the templates
    whose email (in this locale) includes that file. ``parent`` is the id of the block
    holding a logic branch; ``condition`` describes when a branch is shown.
    For a TOML string or an attribute, ``start``/``end`` span the whole literal or value
    and ``inner`` is the block's range within the decoded value (always use
    :func:`~app.core.copy.write.edit_block` to write; it handles both).
    ``limit`` is a length limit in characters, where one applies.
    """

    id: str
    channel: str
    kind: str
    path: str
    start: int
    end: int
    line: int
    column: int
    text: str
    runs: tuple[Run, ...]
    direction: str
    format: str = "html"
    shared: bool = False
    used_by: tuple[str, ...] = ()
    parent: str | None = None
    condition: str = ""
    limit: int | None = None
    inner: tuple[int, int] | None = None

    @property
    def placeholders(self) -> tuple[str, ...]:
        """The expressions of the block's placeholders, in order (branches not included)."""
        return tuple(r.text for r in self.runs if r.kind == "placeholder")

    def to_dict(self) -> dict[str, Any]:
        """The block as JSON-ready data (``missive copy --format json``)."""
        return {
            "id": self.id, "channel": self.channel, "kind": self.kind, "file": self.path,
            "line": self.line, "column": self.column, "start": self.start, "end": self.end,
            "text": self.text, "format": self.format, "direction": self.direction,
            "shared": self.shared, "used_by": list(self.used_by), "parent": self.parent,
            "condition": self.condition, "limit": self.limit,
            "runs": [_run_dict(r) for r in self.runs],
        }


def _run_dict(run: Run) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": run.kind, "text": run.text}
    if run.bold:
        data["bold"] = True
    if run.italic:
        data["italic"] = True
    if run.href is not None:
        data["href"] = run.href
    if run.branches:
        data["branches"] = list(run.branches)
    return data


@dataclass(frozen=True)
class CopyDeck:
    """Every block of one template in one locale, in reading order per channel.

    ``sources`` holds the text of every file the blocks were read from (keyed by
    project-relative path), ``variables`` the template's declared variable names.
    """

    template: str
    locale: str
    direction: str
    blocks: tuple[Block, ...]
    sources: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    variables: tuple[str, ...] = ()

    def block(self, block_id: str) -> Block:
        """The block with this id, or a CopyError listing a few that exist."""
        for block in self.blocks:
            if block.id == block_id:
                return block
        known = ", ".join(b.id for b in self.blocks[:6])
        raise CopyError(f"no block '{block_id}' in {self.template} ({self.locale})",
                        hint=f"blocks: {known}{', …' if len(self.blocks) > 6 else ''}; "
                             "list them with 'missive copy'")

    def channel(self, channel: str) -> tuple[Block, ...]:
        """The blocks of one channel, in reading order."""
        return tuple(b for b in self.blocks if b.channel == channel)

    def by_id(self) -> dict[str, Block]:
        """The blocks keyed by id."""
        return {b.id: b for b in self.blocks}


@dataclass(frozen=True)
class CopyEdit:
    """Writing one block: replace ``[start, end)`` of ``path`` with ``replacement``.

    ``new_source`` is the whole file after the edit (every byte outside the span is the
    old file's); ``old_source`` the file before it.
    """

    block_id: str
    path: str
    start: int
    end: int
    replacement: str
    old_source: str
    new_source: str
