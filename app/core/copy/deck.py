"""Building the copy deck of one template × locale from the project's files.

Email: subject and preheader (email.toml), the body's blocks in reading order — the
layout's text before its ``{% block %}``, the template's text in it, the layout's after
it, partials where they are included — then the authored plain text. SMS: the body.
WhatsApp: header, body, footer, then each button's label and URL.

Block ids (stable across edits of other blocks and of the markup around):
``email.subject``, ``email.preheader``, ``email.text``, ``sms.body``,
``whatsapp.header|body|footer``, ``whatsapp.button<n>`` and ``whatsapp.button<n>.url``;
in MJML ``email.<file>.<element><n>`` where ``<file>`` is ``body`` (the template's
email.mjml), ``layout-<name>`` or ``partial-<name>`` (the locale folder left out, so the
same partial has the same id in every locale) and ``<element><n>`` counts that element
in its file: ``text3``, ``button1`` (+ ``.link``), ``image2.alt``, ``table1.cell4``,
``raw1``; a second paragraph of one element is ``text3.2``; a logic branch is
``<block>.if1.then``, ``.if1.elif1``, ``.if1.else``, ``.for1.each``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path, PurePosixPath

from ...kernel.channels import channel_names, spec_for
from ...kernel.errors import InputError
from ..context import message_info
from ..model import is_rtl, language_of
from ..overlay import current_text
from ..project import Project
from .jinja_scan import UnclosedTag
from .mjml_scan import Element, scan_mjml
from .model import Block, CopyDeck
from .segments import Place, make_blocks
from .toml_strings import find_strings

# Length limits the checks apply (see app/core/checks/rules/email.py and whatsapp.py).
SUBJECT_MAX = 60
WHATSAPP_LIMITS = spec_for("whatsapp").limits
MAX_DEPTH = 20
Reader = Callable[[str], "str | None"]


def reader(root: Path, overlay: Mapping[str, str] | None = None) -> Reader:
    """Read a project-relative file: the overlay's unsaved text first, else the disk's."""
    return lambda rel: current_text(root, rel, overlay)


def unclosed_error(path: str, text: str, exc: UnclosedTag) -> InputError:
    """An unclosed Jinja tag as one line with its position."""
    line = text.count("\n", 0, exc.offset) + 1
    column = exc.offset - (text.rfind("\n", 0, exc.offset) + 1) + 1
    closer = {"{{": "}}", "{%": "%}", "{#": "#}"}[exc.opener]
    return InputError(f"'{exc.opener}' is never closed", path=path, line=line, column=column,
                      hint=f"close it with '{closer}'")


class _Builder:
    def __init__(self, project: Project, template_id: str, locale: str,
                 overlay: Mapping[str, str] | None) -> None:
        self.project = project
        self.template = project.template(template_id)
        self.locale = locale
        self.direction = "rtl" if is_rtl(locale) else "ltr"
        self.read = reader(project.root, overlay)
        self.sources: dict[str, str] = {}
        self.folder = f"templates/{template_id}/{locale}"
        self._used_by: dict[str, tuple[str, ...]] | None = None

    def text(self, rel: str) -> str | None:
        if rel not in self.sources:
            text = self.read(rel)
            if text is None:
                return None
            self.sources[rel] = text
        return self.sources[rel]

    def place(self, rel: str, channel: str, fmt: str, container: tuple[int, int] | None = None,
              limit: int | None = None) -> Place:
        shared = not rel.startswith(f"templates/{self.template.id}/")
        return Place(rel, channel, self.direction, self.sources[rel], fmt, container,
                     shared, self.used_by(rel) if shared else (), limit)

    # --- shared files ---------------------------------------------------------------
    def used_by(self, rel: str) -> tuple[str, ...]:
        if self._used_by is None:
            users: dict[str, set[str]] = {}
            for tid, template in self.project.templates.items():
                if "email" not in template.channels:
                    continue
                for f in self._files(f"templates/{tid}/{self.locale}/email.mjml", tid, 0):
                    users.setdefault(f, set()).add(tid)
            self._used_by = {f: tuple(sorted(t)) for f, t in users.items()}
        return self._used_by.get(rel, ())

    def _files(self, rel: str, tid: str, depth: int) -> set[str]:
        text = self.read(rel)
        if text is None or depth > MAX_DEPTH:
            return set()
        try:
            scan = scan_mjml(text, self._context(tid))
        except UnclosedTag:
            return {rel}
        out = {rel}
        for target in [t for _, t in scan.includes] + ([scan.extends] if scan.extends else []):
            out |= self._files(target, tid, depth + 1)
        return out

    def _context(self, tid: str | None = None) -> dict:
        template = self.project.templates.get(tid or self.template.id, self.template)
        return {"message": message_info(self.project.config, template, self.locale, "email")}

    # --- channels -------------------------------------------------------------------
    def toml_blocks(self, rel: str, channel: str, keys: list[tuple[tuple[str, ...], str, str,
                                                                     int | None]]) -> list[Block]:
        text = self.text(rel)
        if text is None:
            return []
        strings = {s.key: s for s in find_strings(text)}
        out: list[Block] = []
        for key, block_id, kind, limit in keys:
            found = strings.get(key)
            if found is None:
                continue
            place = self.place(rel, channel, "plain", (found.start, found.end), limit)
            out += self._guard(rel, partial(make_blocks, place, found.value, 0, len(found.value),
                                            block_id=block_id, kind=kind, split=False))
        return out

    def _guard(self, rel: str, build: Callable[[], list[Block]]) -> list[Block]:
        try:
            return build()
        except UnclosedTag as exc:
            raise unclosed_error(rel, self.sources[rel], exc) from None

    def email(self) -> list[Block]:
        rel = f"{self.folder}/email.toml"
        head = self.toml_blocks(rel, "email", [(("subject",), "email.subject", "subject",
                                                SUBJECT_MAX),
                                               (("preheader",), "email.preheader",
                                                "preheader", None)])
        body = self.compose(f"{self.folder}/email.mjml", {}, 0)
        tail = self.toml_blocks(rel, "email", [(("text",), "email.text", "plain_text", None)])
        return head + body + tail

    def sms(self) -> list[Block]:
        return self.text_file("sms", "sms.txt", "sms_body")

    def text_file(self, channel: str, filename: str, kind: str = "text_file") -> list[Block]:
        """A channel's plain-text Jinja file as one block (``sms.body`` for ``sms.txt``):
        any channel whose deck has no reader of its own gets its ``.txt`` files this way."""
        rel = f"{self.folder}/{filename}"
        text = self.text(rel)
        if text is None:
            return []
        start = len(text) - len(text.lstrip())
        end = max(start, len(text.rstrip()))
        place = self.place(rel, channel, "plain")
        stem = filename.rsplit(".", 1)[0]
        return self._guard(rel, lambda: make_blocks(place, text, start, end,
                                                    block_id=f"{stem}.body", kind=kind,
                                                    split=False))

    def whatsapp(self) -> list[Block]:
        rel = f"{self.folder}/whatsapp.toml"
        text = self.text(rel)
        if text is None:
            return []
        keys: list[tuple[tuple[str, ...], str, str, int | None]] = [
            (("header",), "whatsapp.header", "whatsapp_header", WHATSAPP_LIMITS["header"]),
            (("body",), "whatsapp.body", "whatsapp_body", WHATSAPP_LIMITS["body"]),
            (("footer",), "whatsapp.footer", "whatsapp_footer", WHATSAPP_LIMITS["footer"]),
        ]
        buttons = sorted({s.key[0] for s in find_strings(text) if s.key[0].startswith("buttons[")},
                         key=lambda k: int(k[8:-1]))
        for b in buttons:
            n = int(b[8:-1]) + 1
            keys.append(((b, "text"), f"whatsapp.button{n}", "whatsapp_button",
                         WHATSAPP_LIMITS["button"]))
            keys.append(((b, "url"), f"whatsapp.button{n}.url", "whatsapp_button_url",
                         WHATSAPP_LIMITS["url"]))
        return self.toml_blocks(rel, "whatsapp", keys)

    # --- MJML composition -----------------------------------------------------------
    def file_key(self, rel: str) -> str:
        parts = PurePosixPath(rel).with_suffix("").parts
        if rel == f"{self.folder}/email.mjml":
            return "body"
        locales = set(self.project.config.locales) | {self.locale, language_of(self.locale)}
        if parts[0] == "layouts":
            return "layout-" + "-".join(parts[1:])
        if parts[0] == "partials":
            return "partial-" + "-".join(p for p in parts[1:] if p not in locales)
        return "file-" + "-".join(p for p in parts if p not in locales)

    def compose(self, rel: str, overrides: dict[str, list[Block]], depth: int) -> list[Block]:
        text = self.text(rel)
        if text is None or depth > MAX_DEPTH:
            return []
        try:
            scan = scan_mjml(text, self._context())
        except UnclosedTag as exc:
            raise unclosed_error(rel, text, exc) from None
        key = self.file_key(rel)
        items: list[tuple[int, list[Block]]] = [
            (el.start, self._guard(rel, partial(self.element_blocks, rel, key, el)))
            for el in scan.elements]
        items += [(pos, self.compose(target, {}, depth + 1)) for pos, target in scan.includes]
        if scan.extends:
            regions = {name: [b for pos, bl in sorted(items, key=lambda i: i[0])
                              if s <= pos < e for b in bl]
                       for name, s, e in scan.regions}
            return self.compose(scan.extends, {**regions, **overrides}, depth + 1)
        replaced = [(name, s, e) for name, s, e in scan.regions if name in overrides]
        kept = [(pos, bl) for pos, bl in items
                if not any(s <= pos < e for _, s, e in replaced)]
        for name, s, _e in replaced:
            if not any(s2 <= s < e2 for n2, s2, e2 in replaced if n2 != name):
                kept.append((s, overrides[name]))
        kept.sort(key=lambda i: i[0])
        return [b for _, bl in kept for b in bl]

    def element_blocks(self, rel: str, key: str, el: Element) -> list[Block]:
        text = self.sources[rel]
        base = f"email.{key}"
        html_place = self.place(rel, "email", "html")
        out: list[Block] = []
        if el.tag == "mj-text" and el.inner:
            out += make_blocks(html_place, text, *el.inner, block_id=f"{base}.text{el.ordinal}",
                               kind="text")
        elif el.tag == "mj-button":
            name = f"{base}.button{el.ordinal}"
            if el.inner:
                out += make_blocks(html_place, text, *el.inner, block_id=name, kind="button")
            if "href" in el.attrs:
                out += self.attribute(rel, el.attrs["href"], f"{name}.link", "button_link")
        elif el.tag == "mj-image" and "alt" in el.attrs:
            out += self.attribute(rel, el.attrs["alt"], f"{base}.image{el.ordinal}.alt",
                                  "image_alt")
        elif el.tag == "mj-table" and el.inner:
            out += make_blocks(html_place, text, *el.inner, block_id=f"{base}.table{el.ordinal}",
                               kind="table_cell", part="cell")
        elif el.tag == "mj-raw" and el.inner:
            out += make_blocks(html_place, text, *el.inner, block_id=f"{base}.raw{el.ordinal}",
                               kind="raw")
        return out

    def attribute(self, rel: str, span: tuple[int, int], block_id: str,
                  kind: str) -> list[Block]:
        value = html.unescape(self.sources[rel][span[0]:span[1]])
        place = self.place(rel, "email", "plain", span)
        return make_blocks(place, value, 0, len(value), block_id=block_id, kind=kind,
                           split=False)


def _channel_blocks(builder: _Builder, channel: str) -> list[Block]:
    """A channel's blocks: its own reader (``email``, ``sms``, ``whatsapp``), else each of
    its plain-text files as one block."""
    reader = getattr(builder, channel, None)
    if callable(reader):
        return list(reader())
    return [block for filename in spec_for(channel).files if filename.endswith(".txt")
            for block in builder.text_file(channel, filename)]


def build_deck(project: Project, template_id: str, locale: str,
               overlay: Mapping[str, str] | None = None,
               channel: str | None = None) -> CopyDeck:
    """Every customer-visible text of ``template_id`` in ``locale``, in reading order.

    ``overlay`` maps project-relative paths to unsaved text (as for rendering);
    ``channel`` keeps one channel only. Raises InputError for an unknown template or
    locale, or a file whose Jinja tags do not close.
    """
    builder = _Builder(project, template_id, locale, overlay)
    if locale not in project.config.locales:
        raise InputError(f"no locale '{locale}' in this project",
                         path=project.root / "missive.toml",
                         hint=f"locales: {', '.join(project.config.locales)}")
    blocks: list[Block] = []
    for name in channel_names():
        if name in builder.template.channels and channel in (None, name):
            blocks += _channel_blocks(builder, name)
    first: dict[str, Block] = {}  # each id once, where it first appears
    for block in blocks:
        first.setdefault(block.id, block)
    return CopyDeck(template_id, locale, builder.direction, tuple(first.values()),
                    dict(builder.sources), tuple(builder.template.variables))
