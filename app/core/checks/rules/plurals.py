"""Plural forms: a counted phrase gives every form the locale's language uses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from jinja2 import nodes

from ....kernel.plurals import CATEGORIES, categories_for
from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import VariantScope
from ._text import parse_jinja


def _plural_calls(source: str) -> Iterator[nodes.Filter]:
    tree = parse_jinja(source)
    if tree is None:
        return
    yield from (node for node in tree.find_all(nodes.Filter) if node.name == "plural")


@rule("plural-forms", "error", N_("Counted phrases give every plural form of the language"),
      N_("add the missing forms to plural(…): each language counts differently"),
      doc="""
**Violation:** an Arabic text `{{ item_count|plural(one="قطعة واحدة", other="{n} قطع") }}`:
Arabic says 0, 2, 3–10 and 11–99 items each in its own way (zero, two, few, many), so a
customer with 2 items reads the wrong form.
**Fix:** `{{ item_count|plural(zero="لا قطع", one="قطعة واحدة", two="قطعتان",
few="{n} قطع", many="{n} قطعة", other="{n} قطعة") }}`. English needs one and other;
Hebrew one, two and other; Arabic zero, one, two, few, many and other (CLDR). `{n}` is the
count in the locale's digits.
""")
def plural_forms(scope: VariantScope) -> Iterator[Issue]:
    """Every ``plural(...)`` call names the forms the locale's language needs."""
    needed = categories_for(scope.locale)
    for path, text in scope.files.items():
        for call in _plural_calls(text):
            # jinja2 annotates a filter's kwargs as Pair nodes; its parser makes Keywords.
            given = {kw.key for kw in cast(list[nodes.Keyword], call.kwargs)}
            unknown = sorted(given - set(CATEGORIES))
            if unknown:
                yield Issue(msg("'{form}' is not a plural form; use {forms}", form=unknown[0],
                                forms=", ".join(CATEGORIES)), path=path, line=call.lineno)
            missing = [c for c in needed if c not in given]
            if missing:
                yield Issue(msg("this {language} text lacks the plural forms: {forms}",
                                language=scope.locale, forms=", ".join(missing)),
                            path=path, line=call.lineno)
