"""Gettext PO out and in (polib, MIT), for tools and translators who prefer it.

``msgctxt`` is the unit id and its source hash (``invoice_ready:email.subject@…``), so a
translation made from another source is never mistaken for this one; ``msgid`` the
source text with placeholders and Jinja logic verbatim; ``msgstr`` the translation. The
extracted comment says where the text is, its limit, and lists the placeholders that
must stay exactly as written (they are also flagged ``no-c-format``, so no tool reads
``{n}`` or ``%`` as its own format). The header carries the language's
``Plural-Forms`` from CLDR (Babel).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import polib
from babel.messages.plurals import get_plural

from ...kernel.errors import InputError
from .inline import Code, split
from .plural import PluralUnit
from .units import Unit


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M+0000")


def write_po(units: Sequence[Unit], project_name: str, source_locale: str,
             locale: str, plurals: Sequence[PluralUnit] = ()) -> str:
    """The PO file of ``units`` (and their plural forms)."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": project_name,
        "PO-Revision-Date": _now(),
        "Last-Translator": "",
        "Language-Team": "",
        "Language": locale,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": get_plural(locale).plural_forms,
        "X-Source-Language": source_locale,
        "X-Generator": "Missive Studio",
    }
    for unit in units:
        if not unit.source_text.strip():
            continue
        codes = [p.text for p in split(unit.source_text, unit.block.format)
                 if isinstance(p, Code) and p.kind in ("ph", "logic")]
        comment = unit.note
        if codes:
            comment += "\nkeep exactly as written: " + "  ".join(codes)
        entry = polib.POEntry(msgctxt=f"{unit.id}@{unit.hash}", msgid=unit.source_text,
                              msgstr=unit.target_text or "", comment=comment,
                              occurrences=[(unit.block.path, str(unit.block.line))],
                              flags=["no-c-format"] + (["fuzzy"] if unit.state == "stale"
                                                       else []))
        po.append(entry)
    for plural in plurals:
        po.append(polib.POEntry(
            msgctxt=f"{plural.id}@{plural.hash}", msgid=plural.source_for("one"),
            msgid_plural=plural.source_for("other"),
            msgstr_plural={i: plural.target_forms.get(c, "")
                           for i, c in enumerate(plural.categories)},
            comment=f"plural forms in order: {', '.join(plural.categories)}; {{n}} is the "
                    f"count. {plural.unit.note}",
            occurrences=[(plural.unit.block.path, str(plural.unit.block.line))],
            flags=["no-c-format"]))
    return str(po)


def read_po(text: str, origin: str
            ) -> tuple[str, list[tuple[str, str, int, str | dict[int, str] | None]]]:
    """The language and units (id, hash, line, translation — for a plural unit its forms
    by index — or None) of a PO file."""
    try:
        po = polib.pofile(text)
    except (OSError, ValueError) as exc:
        raise InputError(f"{origin}: not a readable PO file ({exc})",
                         hint="export again with --format po") from None
    locale = po.metadata.get("Language", "")
    if not locale:
        raise InputError(f"{origin}: the PO header names no Language")
    units: list[tuple[str, str, int, str | dict[int, str] | None]] = []
    for entry in po:
        uid, _, digest = (entry.msgctxt or "").rpartition("@")
        if "fuzzy" in entry.flags:
            units.append((uid, digest, entry.linenum or 0, None))
        elif entry.msgid_plural:
            forms = {int(k): v for k, v in entry.msgstr_plural.items() if v}
            units.append((uid, digest, entry.linenum or 0, forms or None))
        else:
            units.append((uid, digest, entry.linenum or 0, entry.msgstr or None))
    return locale, units
