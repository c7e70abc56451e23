"""Plural units: the forms of each ``plural(…)`` placeholder, translated per language.

A block holding ``{{ item_count|plural(one="{n} item", other="{n} items") }}`` gives one
plural unit beside its text unit: the source's forms, and the target language's CLDR
forms (Hebrew one/two/other, Arabic zero…other). XLIFF carries it as a
``<group restype="x-gettext-plurals">`` of one trans-unit per target form; PO as
``msgid``/``msgid_plural`` with ``msgstr[n]`` in the order of the header's
``Plural-Forms``. Importing rewrites only that placeholder's forms in the target block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from jinja2 import nodes

from ...kernel.plurals import categories_for
from ..copy.jinja_scan import parse_expression
from .inline import Code, split
from .units import Unit, source_hash

RANGES = {"zero": "0", "one": "1", "two": "2", "few": "3–10 in Arabic",
          "many": "11–99 in Arabic", "other": "every other count"}


@dataclass(frozen=True)
class PluralUnit:
    """The k-th plural placeholder of a text unit."""

    id: str
    unit: Unit
    index: int
    source_forms: dict[str, str]
    target_forms: dict[str, str]
    categories: tuple[str, ...]
    hash: str

    def source_for(self, category: str) -> str:
        """The source form a translator reads for a target category."""
        return self.source_forms.get(category, self.source_forms.get("other", ""))


def forms_of(placeholder: str) -> tuple[str, dict[str, str]] | None:
    """(the counted expression, {category: form}) of a ``plural`` placeholder."""
    expr = parse_expression(placeholder.strip()[2:-2].strip())
    if not isinstance(expr, nodes.Filter) or expr.name != "plural" or expr.node is None:
        return None
    # jinja2 annotates a filter's kwargs as Pair nodes; its parser makes Keywords.
    forms = {kw.key: str(kw.value.value) for kw in cast(list[nodes.Keyword], expr.kwargs)
             if isinstance(kw.value, nodes.Const)}
    head = placeholder.strip()[2:-2]
    return head[: head.rindex("plural")].rstrip().rstrip("|").strip(), forms


def _plurals(text: str, fmt: str) -> list[str]:
    return [p.text for p in split(text, fmt) if isinstance(p, Code) and p.plural]


def plural_units(units: list[Unit], locale: str) -> list[PluralUnit]:
    """The plural units of ``units``."""
    out = []
    for unit in units:
        sources = _plurals(unit.source_text, unit.block.format)
        targets = _plurals(unit.target_text or "", unit.block.format)
        for index, placeholder in enumerate(sources, start=1):
            parsed = forms_of(placeholder)
            if parsed is None:
                continue
            target = forms_of(targets[index - 1]) if index <= len(targets) else None
            out.append(PluralUnit(f"{unit.id}#plural{index}", unit, index, parsed[1],
                                  target[1] if target else {}, categories_for(locale),
                                  source_hash(placeholder)))
    return out


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rewrite(text: str, fmt: str, index: int, forms: dict[str, str]) -> str | None:
    """``text`` with its ``index``-th plural placeholder giving ``forms``."""
    plurals = _plurals(text, fmt)
    if index > len(plurals):
        return None
    old = plurals[index - 1]
    parsed = forms_of(old)
    if parsed is None:
        return None
    args = ", ".join(f"{c}={_quote(forms[c])}" for c in categories_for_order(forms))
    new = "{{ " + parsed[0] + "|plural(" + args + ") }}"
    at = -1
    for _ in range(index):
        at = text.index(old, at + 1)
    return text[:at] + new + text[at + len(old):]


def categories_for_order(forms: dict[str, str]) -> list[str]:
    """The categories of ``forms`` in CLDR order."""
    order = ("zero", "one", "two", "few", "many", "other")
    return [c for c in order if c in forms]
