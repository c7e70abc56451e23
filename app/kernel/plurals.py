"""Plural forms: a message that counts things says it as the customer's language does.

In a template: ``{{ item_count|plural(one="{n} item", other="{n} items") }}``. The count
picks a CLDR plural category through Babel — English uses *one* and *other*, Hebrew
*one*, *two* and *other*, Arabic *zero*, *one*, *two*, *few*, *many* and *other* — and
``{n}`` becomes the count written with the locale's digits and separators. A form the
template does not give falls back to *other*, so a render never fails on it; the
``plural-forms`` rule reports the forms a locale needs and the template lacks.

Only Babel is imported: the runtime renders plurals exactly as the studio.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from babel import Locale

from .formatting import FormatValueError, LocaleFormatter, to_decimal

CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@cache
def categories_for(locale: str) -> tuple[str, ...]:
    """The plural categories a locale's language distinguishes, in CLDR order."""
    try:
        tags = Locale.parse(locale.replace("-", "_")).plural_form.tags
    except (ValueError, TypeError):
        tags = frozenset({"one"})
    return tuple(c for c in CATEGORIES if c in tags or c == "other")


def category(locale: str, count: Any) -> str:
    """The CLDR category of ``count`` in ``locale`` ("few" for 3 in Arabic)."""
    amount = to_decimal(count, "plural")
    value: int | Decimal = int(amount) if amount == amount.to_integral_value() else amount
    return str(Locale.parse(locale.replace("-", "_")).plural_form(value))


def plural_text(formatter: LocaleFormatter, count: Any, forms: dict[str, Any]) -> str:
    """The form of ``forms`` that ``count`` takes, with ``{n}`` written in the locale."""
    unknown = sorted(set(forms) - set(CATEGORIES))
    if unknown:
        raise FormatValueError(f"plural: '{unknown[0]}' is not a plural form; use "
                               f"{', '.join(CATEGORIES)}")
    if "other" not in forms:
        raise FormatValueError('plural: needs other="…", the form every language has')
    chosen = forms.get(category(str(formatter.locale), count), forms["other"])
    return str(chosen).replace("{n}", formatter.number(count))
