"""Bringing translations back: each unit checked, written through the copy model.

A unit is refused — with one line naming it and why — when its source changed since the
export (stale), when its placeholders differ from the source's (missing, extra, altered),
when it names a code the source does not have, or when the copy model refuses the text.
Everything else is still imported: only the target block's span changes in its file
(:func:`app.core.copy.write_block`), atomically.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ...kernel.errors import InputError, MissiveError
from ..checks.model import Finding, msg
from ..copy import build_deck, write_block
from ..copy.model import CopyError
from ..project import Project
from .inline import Code, Piece, join, masked, matched, split
from .plural import PluralUnit, plural_units, rewrite
from .po import read_po
from .state import record
from .units import Unit, collect
from .xliff import FileUnit, codes_by_id, read_xliff


@dataclass
class ImportReport:
    """What an import did."""

    locale: str
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    refused: list[tuple[str, int, str]] = field(default_factory=list)  # id, line, reason
    places: dict[str, tuple[str, int]] = field(default_factory=dict)  # id → target path, line

    def findings(self, origin: str) -> list[Finding]:
        """The refused units as findings on their text in the project (for the studio)."""
        out = []
        for uid, line, reason in self.refused:
            path, at = self.places.get(uid, ("", 0))
            out.append(Finding("translation-import", "error",
                               msg("{file}:{line}: {unit} was not imported: {reason}",
                                   file=origin, line=line, unit=uid, reason=reason),
                               hint=msg("correct it in the translation file and import again"),
                               template=uid.split(":")[0], locale=self.locale, path=path,
                               line=at))
        return out

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {"locale": self.locale, "imported": len(self.imported),
                "unchanged": len(self.unchanged), "untranslated": len(self.untranslated),
                "refused": [{"unit": u, "line": n, "reason": r} for u, n, r in self.refused]}


class _Refused(Exception):
    pass


def _placeholders(pieces: list[Piece]) -> Counter[str]:
    return Counter(masked(p.text) for p in pieces
                   if isinstance(p, Code) and p.kind == "ph" and not p.plural)


def _check_codes(source: list[Piece], new: list[Piece]) -> None:
    want, got = _placeholders(source), _placeholders(new)
    missing, extra = want - got, got - want
    if missing:
        raise _Refused(f"a placeholder is missing: {next(iter(missing))}")
    if extra:
        raise _Refused(f"a placeholder is not in the source: {next(iter(extra))}")
    for kind, what in (("logic", "the {% %} logic"), ("plural", "the plural placeholder")):
        def count(pieces: list[Piece], kind: str = kind) -> int:
            return sum(1 for p in pieces if isinstance(p, Code) and
                       (p.plural if kind == "plural" else p.kind == kind))
        if count(new) != count(source):
            raise _Refused(f"{what} of the source must stay once, as it is")


def _from_xliff(unit: Unit, refs: list[tuple[str, str]]) -> str:
    fmt = unit.block.format
    source = split(unit.source_text, fmt)
    current = matched(source, split(unit.target_text or "", fmt))
    known = codes_by_id(source)
    # Logic, plural forms and quoted words in placeholders (default('there')) are the
    # target's own: branches are units of their own, quoted words are already translated.
    known |= {k: c for k, c in codes_by_id(current).items()
              if c.kind in ("logic", "ph") and k in known}
    closing = {p.id: p for p in source if isinstance(p, Code) and p.kind == "close"}
    pieces: list[Piece] = []
    for kind, value in refs:
        if kind == "text":
            pieces.append(value)
        elif kind == "close":
            if value not in closing:
                raise _Refused(f"formatting code {value} is not in the source")
            pieces.append(closing[value])
        elif value not in known:
            raise _Refused(f"code {value} is not in the source (a placeholder was altered)")
        else:
            pieces.append(known[value])
    _check_codes(source, pieces)
    return join(pieces, fmt)


def _from_po(unit: Unit, text: str) -> str:
    fmt = unit.block.format
    source, new = split(unit.source_text, fmt), split(text, fmt)
    _check_codes(source, new)
    current = matched(source, split(unit.target_text or "", fmt))
    own = [c.text for c in current if isinstance(c, Code) and (c.kind == "logic" or c.plural)]
    given = [c.text for c in new if isinstance(c, Code) and (c.kind == "logic" or c.plural)]
    if given != own:
        raise _Refused("the {% %} logic and plural forms are translated in their own units; "
                       "keep them as the current translation has them")
    return text


def import_translations(project: Project, path: Path) -> ImportReport:
    """Import an XLIFF or PO file into the project's files."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
    origin = str(path)
    is_xml = data.lstrip().startswith(b"<")
    entries: list[tuple[str, str, int, FileUnit | str | dict[int, str] | None]]
    if is_xml:
        locale, file_units = read_xliff(data, origin)
        entries = [(u.id, u.hash, u.line, u) for u in file_units]
    else:
        locale, po_units = read_po(data.decode("utf-8", errors="replace"), origin)
        entries = list(po_units)
    # XLIFF names en_GB as en-GB (xsd:language): back to the project's own spelling.
    locale = next((loc for loc in project.config.locales
                   if loc.replace("_", "-") == locale.replace("_", "-")), locale)
    units = collect(project, locale)
    current = {u.id: u for u in units}
    plurals = {p.id: p for p in plural_units(units, locale)}
    report = ImportReport(locale)
    done: dict[str, str] = {}
    # Text units first: a plural unit then rewrites its placeholder in the text as written.
    entries.sort(key=lambda e: "#plural" in e[0])
    for uid, digest, line, payload in entries:
        if "#plural" in uid:
            _import_plural(project, plurals.get(uid), digest, line, payload, report, uid)
            continue
        unit = current.get(uid)
        empty = payload is None or (isinstance(payload, FileUnit) and payload.target is None)
        if empty:
            report.untranslated.append(uid)
            continue
        if unit is not None and unit.target is not None:
            report.places[uid] = (unit.target.path, unit.target.line)
        try:
            if unit is None:
                raise _Refused("this text is no longer in the project")
            if digest != unit.hash:
                raise _Refused("its source changed since the export (stale): export again")
            if unit.target is None:
                raise _Refused(f"the {locale} files have no place for this text yet")
            if isinstance(payload, FileUnit):
                assert payload.target is not None
                text = _from_xliff(unit, payload.target)
            else:
                text = _from_po(unit, str(payload))
            if text == unit.target_text:
                report.unchanged.append(uid)
            else:
                write_block(project, unit.template, locale, unit.block.id, text)
                report.imported.append(uid)
            done[uid] = unit.hash
        except _Refused as exc:
            report.refused.append((uid, line, str(exc)))
        except CopyError as exc:
            report.refused.append((uid, line, str(exc)))
        except MissiveError as exc:
            report.refused.append((uid, line, str(exc)))
    if done:
        record(project.root, locale, done)
    return report


def _import_plural(project: Project, plural: PluralUnit | None, digest: str, line: int,
                   payload: object, report: ImportReport, uid: str) -> None:
    if isinstance(payload, FileUnit):
        forms = payload.forms or {}
    elif isinstance(payload, dict) and plural is not None:
        forms = {plural.categories[i]: v for i, v in payload.items()
                 if i < len(plural.categories)}
    else:
        forms = {}
    if not forms:
        report.untranslated.append(uid)
        return
    try:
        if plural is None:
            raise _Refused("this plural text is no longer in the project")
        if digest != plural.hash:
            raise _Refused("its source changed since the export (stale): export again")
        lacking = [c for c in plural.categories if not forms.get(c, "").strip()]
        if lacking:
            raise _Refused(f"needs every plural form of {report.locale}: "
                           f"{', '.join(lacking)} missing")
        forms = {c: forms[c] for c in plural.categories}
        if forms == plural.target_forms:
            report.unchanged.append(uid)
            return
        unit = plural.unit
        block = build_deck(project, unit.template, report.locale).block(unit.block.id)
        text = rewrite(block.text, block.format, plural.index, forms)
        if text is None:
            raise _Refused(f"the {report.locale} text has no plural placeholder here yet")
        write_block(project, unit.template, report.locale, unit.block.id, text)
        report.imported.append(uid)
    except (_Refused, MissiveError) as exc:
        report.refused.append((uid, line, str(exc)))
