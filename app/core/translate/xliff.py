"""XLIFF 1.2 out and in, the format Crowdin, Lokalise and Phrase take best.

One ``<file>`` per template, one ``<trans-unit>`` per block. Placeholders and Jinja
logic are ``<x id="…" equiv-text="{{ amount|money(currency) }}"/>``, line breaks
``<x ctype="lb"/>``, paired formatting ``<g id="…" ctype="bold|italic|link">``. Each
unit names its source hash in a ``<context-group>`` (``context-type="x-source-hash"``), a
note says where the text is, what it looks like for a sample customer and its length
limit (``maxwidth``). Nothing outside XLIFF's own vocabulary is written, so the file
validates against the OASIS strict schema alone (see ``xliff_schema``): that schema
demands a declaration for every attribute of another namespace.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from ...kernel.errors import InputError
from .inline import Code, Piece, matched, split
from .plural import RANGES, PluralUnit
from .units import Unit

NS = "urn:oasis:names:tc:xliff:document:1.2"
MIS = "urn:missive-studio:xliff"  # files exported before the hash moved to a context
HASH_CONTEXT = "x-source-hash"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STATE = {"missing": "needs-translation", "identical": "needs-translation",
          "stale": "needs-review-translation", "translated": "translated"}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _language(locale: str) -> str:
    """A locale as the schema's xsd:language wants it (en_GB → en-GB)."""
    return locale.replace("_", "-")


def _hash_context(parent: etree._Element, digest: str) -> None:
    """The source hash, in a context group tools keep but do not show translators."""
    group = etree.SubElement(parent, _q("context-group"), purpose="x-missive-studio")
    etree.SubElement(group, _q("context"), {"context-type": HASH_CONTEXT}).text = digest


def _hash_of(element: etree._Element) -> str:
    for context in element.iterfind(f"{_q('context-group')}/{_q('context')}"):
        if context.get("context-type") == HASH_CONTEXT:
            return (context.text or "").strip()
    return element.get(f"{{{MIS}}}source-hash", "")


def _fill(element: etree._Element, pieces: Sequence[Piece]) -> None:
    """Append text and codes to ``element`` (``g`` pairs become nested elements)."""
    stack = [element]
    last: etree._Element | None = None

    def add_text(text: str) -> None:
        holder = stack[-1]
        target = holder[-1] if len(holder) else None
        if target is not None:
            target.tail = (target.tail or "") + text
        else:
            holder.text = (holder.text or "") + text

    for piece in pieces:
        if isinstance(piece, str):
            add_text(piece)
        elif piece.kind == "open":
            last = etree.SubElement(stack[-1], _q("g"), id=piece.id, ctype=piece.ctype)
            stack.append(last)
        elif piece.kind == "close" and len(stack) > 1:
            stack.pop()
        else:
            attrs = {"id": piece.id, "equiv-text": piece.text}
            if piece.ctype:
                attrs["ctype"] = piece.ctype
            etree.SubElement(stack[-1], _q("x"), attrs)


def _form_pieces(text: str) -> list[Piece]:
    pieces: list[Piece] = []
    for i, part in enumerate(text.split("{n}")):
        if i:
            pieces.append(Code("n", "ph", "{n}"))
        if part:
            pieces.append(part)
    return pieces


def _plural_group(body: etree._Element, plural: PluralUnit) -> None:
    group = etree.SubElement(body, _q("group"), {"id": plural.id,
                                                  "restype": "x-gettext-plurals"})
    _hash_context(group, plural.hash)  # the schema wants a group's context before its units
    for category in plural.categories:
        tu = etree.SubElement(group, _q("trans-unit"), id=f"{plural.id}[{category}]")
        source = etree.SubElement(tu, _q("source"))
        source.set(XML_SPACE, "preserve")
        _fill(source, _form_pieces(plural.source_for(category)))
        if category in plural.target_forms:
            target = etree.SubElement(tu, _q("target"), state="translated")
            target.set(XML_SPACE, "preserve")
            _fill(target, _form_pieces(plural.target_forms[category]))
        note = etree.SubElement(tu, _q("note"), attrib={"from": "missive-studio"})
        note.text = (f"plural form '{category}' ({RANGES[category]}); {{n}} is the count. "
                     f"{plural.unit.note}")


def _file(root: etree._Element, original: str, source_locale: str,
          locale: str) -> etree._Element:
    """A ``<file>`` with its header; returns its (empty) body."""
    file = etree.SubElement(root, _q("file"), original=original, datatype="plaintext",
                            attrib={"source-language": _language(source_locale),
                                    "target-language": _language(locale)})
    header = etree.SubElement(file, _q("header"))
    etree.SubElement(header, _q("tool"), attrib={"tool-id": "missive-studio",
                                                 "tool-name": "Missive Studio"})
    return etree.SubElement(file, _q("body"))


def write_xliff(units: Sequence[Unit], source_locale: str, locale: str,
                plurals: Sequence[PluralUnit] = ()) -> bytes:
    """The XLIFF document of ``units`` (and their plural forms)."""
    by_unit: dict[str, list[PluralUnit]] = {}
    for plural in plurals:
        by_unit.setdefault(plural.unit.id, []).append(plural)
    root = etree.Element(_q("xliff"), nsmap={None: NS}, version="1.2")
    files: dict[str, etree._Element] = {}
    for unit in units:
        if not unit.source_text.strip():
            continue
        if unit.template not in files:
            files[unit.template] = _file(root, f"templates/{unit.template}", source_locale,
                                         locale)
        attrs = {"id": unit.id, "resname": unit.block.id,
                 "extradata": f"{unit.block.path}:{unit.block.line}"}
        if unit.limit:
            attrs |= {"maxwidth": str(unit.limit), "size-unit": "char"}
        tu = etree.SubElement(files[unit.template], _q("trans-unit"), attrs)
        source_pieces = split(unit.source_text, unit.block.format)
        source = etree.SubElement(tu, _q("source"))
        source.set(XML_SPACE, "preserve")
        _fill(source, source_pieces)
        if unit.target_text is not None:
            target = etree.SubElement(tu, _q("target"), state=_STATE[unit.state])
            target.set(XML_SPACE, "preserve")
            _fill(target, matched(source_pieces, split(unit.target_text, unit.block.format)))
        note = etree.SubElement(tu, _q("note"), attrib={"from": "missive-studio"})
        note.text = unit.note
        _hash_context(tu, unit.hash)
        for plural in by_unit.get(unit.id, []):
            _plural_group(files[unit.template], plural)
    if not files:  # nothing to translate: still a valid file naming its languages
        _file(root, "templates", source_locale, locale)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


_INLINE_HOLDERS = {"source", "target", "note", "tool", "context"}


def _indent(element: etree._Element, level: int = 0) -> None:
    """Indent the structure, never the inside of a source, target or note (it is text)."""
    if etree.QName(element).localname in _INLINE_HOLDERS or not len(element):
        return
    pad = "\n" + "  " * (level + 1)
    element.text = pad
    for child in element:
        _indent(child, level + 1)
        child.tail = pad
    element[-1].tail = "\n" + "  " * level


@dataclass(frozen=True)
class FileUnit:
    """A unit read back: its id, source hash and target as text and code references."""

    id: str
    hash: str
    line: int
    target: list[tuple[str, str]] | None  # ("text", s) | ("x"|"open"|"close", id)
    forms: dict[str, str] | None = None   # a plural unit's translated forms


def _walk(element: etree._Element, out: list[tuple[str, str]]) -> None:
    if element.text:
        out.append(("text", element.text))
    for child in element:
        name = etree.QName(child).localname
        if name in ("x", "ph", "bx", "ex", "it"):
            out.append(("x", child.get("id", "")))
        elif name in ("g", "mrk"):
            if name == "g":
                out.append(("open", child.get("id", "")))
            _walk(child, out)
            if name == "g":
                out.append(("close", child.get("id", "")))
        if child.tail:
            out.append(("text", child.tail))


def read_xliff(data: bytes, origin: str) -> tuple[str, list[FileUnit]]:
    """The target locale and units of an XLIFF 1.2 file; InputError on a broken file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False,
                             load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(f"{origin}: not readable XML ({exc.msg}, line {exc.lineno})",
                         hint="export again, or check the file the translation tool gave "
                              "back") from None
    if etree.QName(root).namespace != NS or root.get("version") != "1.2":
        raise InputError(f"{origin}: not an XLIFF 1.2 file", hint="export with --format xliff")
    locales = {f.get("target-language") for f in root.iter(_q("file"))}
    if len(locales) != 1 or None in locales:
        raise InputError(f"{origin}: the files in it name no single target language")
    units: list[FileUnit] = []
    for group in root.iter(_q("group")):
        if group.get("restype") != "x-gettext-plurals":
            continue
        forms: dict[str, str] = {}
        for tu in group.iter(_q("trans-unit")):
            category = (tu.get("id", "").rpartition("[")[2]).rstrip("]")
            target = tu.find(_q("target"))
            if target is not None:
                refs: list[tuple[str, str]] = []
                _walk(target, refs)
                forms[category] = "".join(v if k == "text" else "{n}" for k, v in refs
                                          if k in ("text", "x"))
        units.append(FileUnit(group.get("id", ""), _hash_of(group),
                              group.sourceline or 0, None, forms or None))
    for tu in root.iter(_q("trans-unit")):
        parent = tu.getparent()
        if parent is not None and parent.get("restype") == "x-gettext-plurals":
            continue
        target = tu.find(_q("target"))
        pieces: list[tuple[str, str]] | None = None
        if target is not None:
            pieces = []
            _walk(target, pieces)
        units.append(FileUnit(tu.get("id", ""), _hash_of(tu), tu.sourceline or 0, pieces))
    return str(locales.pop()), units


def codes_by_id(pieces: Sequence[Piece]) -> dict[str, Code]:
    """Opening and single codes of ``pieces`` by id (closing tags are looked up apart)."""
    return {p.id: p for p in pieces if isinstance(p, Code) and p.kind != "close"}
