"""A template's declared variables as a JSON Schema, which the runtime checks data against.

Types map as: ``string`` → string; ``money``/``number`` → a JSON number or a numeric
string; ``date`` → an ISO 8601 calendar date (``2026-12-15``); ``datetime`` → an ISO 8601
date-time with its offset (``2026-11-23T14:00:00+02:00`` or ``…Z``): a time without a zone
is ambiguous for a customer in another one; ``url`` → an http(s) URL with a host, a mailto
address or a tel number; ``phone`` → an E.164 number (``+``, then digits), written with or
without spaces, dots, dashes and brackets. The variable a money variable names as
its ``currency`` holds an ISO 4217 code (``ILS``, ``USD``) from CLDR's list.

Bad data is refused by schema validation before rendering, with its place
(``data.currency: 'shekels' is not valid: expected an ISO 4217 currency code …``).
Keys the template does not declare are allowed (a customer record holds more). Every
pattern is linear (no nested repetition), so a validator in any language checks it in
bounded time.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from babel.numbers import list_currencies

from ..model import Template

NUMERIC = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"
_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
_TIME = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?"
_ZONE = r"(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)"
TYPE_SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "money": {"type": ["number", "string"], "pattern": NUMERIC},
    "number": {"type": ["number", "string"], "pattern": NUMERIC},
    "date": {"type": "string", "format": "date", "pattern": f"^{_DATE}$"},
    "datetime": {"type": "string", "format": "date-time",
                 "pattern": f"^{_DATE}[Tt ]{_TIME}{_ZONE}$"},
    "url": {"type": "string", "format": "uri",
            "pattern": r"^(https?://[^\s/?#@:]+(:\d{1,5})?([/?#]\S*)?"
                       r"|mailto:[^\s@]+@[^\s@]+|tel:\+?\d[\d().-]*)$"},
    # Flat (no repetition inside a repetition, see app/runtime/patterns.py): a + and a
    # digit, then digits and separators, ending on a digit — about 7 to 15 digits.
    "phone": {"type": "string", "pattern": r"^\+[1-9][0-9 ().-]{5,22}[0-9]$"},
}
HINTS = {"money": "a number such as 1234.50", "number": "a number such as 12",
         "date": "an ISO date such as 2026-12-15",
         "datetime": "an ISO date-time with its zone such as 2026-11-23T14:00:00+02:00",
         "url": "a URL such as https://example.com/x",
         "phone": "a phone number in E.164 form such as +972 3 555 0100"}
CURRENCY_HINT = "an ISO 4217 currency code such as ILS, USD or EUR"


@cache
def currency_codes() -> tuple[str, ...]:
    """The ISO 4217 codes CLDR knows (what ``money`` formats with its own symbol)."""
    return tuple(sorted(code for code in list_currencies() if len(code) == 3))


def currency_schema(description: str = "") -> dict[str, Any]:
    """The schema of a variable that holds a currency code."""
    hint = CURRENCY_HINT + (f" ({description})" if description else "")
    return {"type": "string", "pattern": "^[A-Z]{3}$", "enum": list(currency_codes()),
            "description": hint, "x-missive-type": "currency"}


def variables_schema(template: Template) -> dict[str, Any]:
    """The JSON Schema of the data a template needs."""
    currency_holders = {v.currency for v in template.variables.values()
                        if v.type == "money" and v.currency in template.variables}
    properties = {}
    for name, variable in template.variables.items():
        if name in currency_holders and variable.type == "string":
            properties[name] = currency_schema(variable.description)
            continue
        schema = dict(TYPE_SCHEMAS[variable.type])
        schema["description"] = variable.description or HINTS.get(variable.type, variable.type)
        if variable.type in HINTS and "pattern" in schema:
            schema["description"] = HINTS[variable.type]
            if variable.description:
                schema["description"] += f" ({variable.description})"
        schema["x-missive-type"] = variable.type
        if variable.currency:
            schema["x-missive-currency"] = variable.currency
        properties[name] = schema
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": properties,
        "required": [n for n, v in template.variables.items() if v.required],
        "additionalProperties": True,
    }
