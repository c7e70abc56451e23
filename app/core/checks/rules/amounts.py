"""Amounts and facts: money shown through the locale, and the same facts everywhere."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jinja2 import nodes

from ..fixes import Edit, Fix, offset
from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import TemplateScope, VariantScope
from ._text import names_shown, outputs, parse_jinja, position, walk

SYMBOLS = "$€£₪¥₹﷼"
CODES = r"USD|EUR|ILS|NIS|GBP|SAR|AED|JPY|ש\"ח|ש״ח|ر\.س|د\.إ"
_MARK = rf"(?:[{SYMBOLS}]|\b(?:{CODES})\b)"
# A symbol or code typed right next to a placeholder: "${{ x }}", "{{ x }} ₪".
BESIDE = re.compile(rf"{_MARK}\s*\{{\{{|\}}\}}\s*{_MARK}")
# A symbol glued to a value inside an expression: {{ "$" ~ x }}.
GLUED = re.compile(rf"""["'][^"'\n]*[{SYMBOLS}][^"'\n]*["']\s*[~+]"""
                   rf"""|[~+]\s*["'][^"'\n]*[{SYMBOLS}]""")


def money_variables(scope: VariantScope | TemplateScope) -> set[str]:
    """The template's variables declared ``type = "money"``."""
    return {n for n, v in scope.template.variables.items() if v.type == "money"}


def _raw_money(source: str, money: set[str]) -> Iterator[tuple[str, int, str]]:
    """(name, line, message) for each money value shown without ``|money(currency)``."""
    tree = parse_jinja(source)
    if tree is None:
        return
    for expression in outputs(tree):
        for node, parent in walk(expression):
            if not (isinstance(node, nodes.Name) and node.name in money):
                continue
            if isinstance(parent, nodes.Filter) and parent.node is node:
                if parent.name == "money":
                    if not parent.args and not parent.kwargs:
                        yield node.name, node.lineno, msg(
                            "'{name}' is money without a currency", name=node.name)
                    continue
                yield node.name, node.lineno, msg(
                    "'{name}' is formatted with '{filter}', not 'money'", name=node.name,
                    filter=parent.name)
                continue
            if isinstance(parent, nodes.Filter) and node in parent.args:
                continue  # passed to a filter as an argument, not shown itself
            yield node.name, node.lineno, msg("'{name}' is shown raw", name=node.name)


@rule("amount-format", "error", N_("Amounts are shown through the money filter with a currency"),
      N_("write {{ amount|money(currency) }}; the locale places the symbol and separators"),
      doc="""
**Violation:** `Total: ${{ amount_due }}` or `{{ amount_due }} ₪` — the symbol is typed by
hand, the number is raw (1234.5 instead of 1,234.50), and Hebrew or Arabic readers see it
in the wrong order.
**Fix:** `Total: {{ amount_due|money(currency) }}` — the customer's locale writes
"$1,234.50", "‏1,234.50 ‏₪" or "1.234,50 €" correctly.
**Quick fix:** "Show 'amount_due' as money with its currency" turns `{{ amount_due }}`
(or `|money`, `|number`) into `{{ amount_due|money(currency) }}`; "Remove the typed '$'"
drops a sign typed beside a value.
""")
def amount_format(scope: VariantScope) -> Iterator[Issue]:
    """Every declared money variable goes through ``money`` with a currency, never raw."""
    money = money_variables(scope)
    for path, text in scope.files.items():
        if money:
            for name, line, message in _raw_money(text, money):
                yield Issue(message, path=path, line=line, column=position(text, line, name),
                            fixes=_money_fix(scope, path, text, line, name))
        for pattern in (BESIDE, GLUED):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
                fixes: tuple[Fix, ...] = ()
                if pattern is BESIDE:
                    start, end = match.span()
                    start, end = (start, end - 2) if match.group(0).endswith("{{") \
                        else (start + 2, end)
                    fixes = (Fix(msg("Remove the typed '{sign}': the money filter writes it",
                                     sign=text[start:end].strip()),
                                 (Edit(path, start, end, text[start:end], ""),)),)
                yield Issue(msg("hand-written currency around a value: '{text}'",
                                text=match.group(0).strip()),
                            path=path, line=line, column=column, fixes=fixes)


def _money_fix(scope: VariantScope, path: str, text: str, line: int,
               name: str) -> tuple[Fix, ...]:
    """Show ``name`` through ``money`` with its currency: ``{{ amount }}``,
    ``{{ amount|money }}`` and ``{{ amount|number(2) }}`` become
    ``{{ amount|money(currency) }}``."""
    currency = scope.template.variables[name].currency or "currency"
    start = offset(text, line, 1)
    end = text.find("\n", start)
    row = text[start:end if end >= 0 else None]
    pattern = re.compile(rf"(?<![\w.]){re.escape(name)}(\s*\|\s*\w+(?:\([^()]*\))?)?"
                         r"(?=\s*[}|)~+])")
    match = pattern.search(row)
    if match is None:
        return ()
    new = f"{name}|money({currency})"
    return (Fix(msg("Show '{name}' as money with its currency ({new})", name=name, new=new),
                (Edit(path, start + match.start(), start + match.end(), match.group(0), new),)),)


def _variant_shows(scope: VariantScope) -> set[str]:
    shown: set[str] = set()
    for text in scope.files.values():
        shown |= set(names_shown(text))
    return shown


@rule("amount-missing", "error", N_("A required amount is shown on every channel"),
      N_("show the amount in this channel too: customers act on the number"),
      scope="template",
      doc="""
**Violation:** the invoice email shows the amount due, but the SMS only says "your invoice
is ready".
**Fix:** add `{{ amount_due|money(currency) }}` to the SMS and WhatsApp texts too.
""")
def amount_missing(scope: TemplateScope) -> Iterator[Issue]:
    """A required money variable appears in each channel and locale it is sent on."""
    required = {n for n in money_variables(scope) if scope.template.variables[n].required}
    for (locale, channel), variant in scope.variants.items():
        if not variant.present or not required:
            continue
        for name in sorted(required - _variant_shows(variant)):
            yield Issue(msg("the amount '{name}' is not shown", name=name),
                        locale=locale, channel=channel,
                        path=next(iter(variant.files)), line=0, column=0)


@rule("cross-channel-consistency", "warning",
      N_("Required facts appear in every channel and locale"),
      N_("add the missing fact so every channel tells the same story"),
      scope="template",
      settings={"ignore_types": ["url"], "ignore": []},
      doc="""
**Violation:** the delivery email gives the order number and the delivery window, but the
Arabic SMS leaves out the order number.
**Fix:** add `{{ order_number }}` to the Arabic SMS. Links (`url` variables) and values used
only to format others (a currency, a time zone) don't count as facts.
""")
def cross_channel_consistency(scope: TemplateScope) -> Iterator[Issue]:
    """Each required fact is shown in every channel and locale that is sent."""
    settings = scope.settings
    variables = scope.template.variables
    facts = {n for n, v in variables.items()
             if v.required and v.type not in settings["ignore_types"]
             and n not in settings["ignore"]}
    shown_as_value: set[str] = set()
    shown: dict[tuple[str, str], set[str]] = {}
    for key, variant in scope.variants.items():
        if not variant.present:
            continue
        shown[key] = _variant_shows(variant)
        for text in variant.files.values():
            shown_as_value |= _values_shown(text)
    facts &= shown_as_value  # a currency or a time zone only formats other values
    money = money_variables(scope)
    for (locale, channel), names in shown.items():
        for name in sorted(facts - names - money):  # amounts: amount-missing says it
            yield Issue(msg("'{name}' is shown elsewhere but not here", name=name),
                        locale=locale, channel=channel,
                        path=next(iter(scope.variants[(locale, channel)].files)))


def _values_shown(source: str) -> set[str]:
    tree = parse_jinja(source)
    if tree is None:
        return set()
    found: set[str] = set()
    for expression in outputs(tree):
        for node, parent in walk(expression):
            if isinstance(node, nodes.Name) and not (
                    isinstance(parent, nodes.Filter) and node in parent.args):
                found.add(node.name)
    return found
