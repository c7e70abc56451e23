"""A template's declared variables as a JSON Schema, which the runtime checks data against.

Types map as: ``string`` → string; ``money``/``number`` → a JSON number or a numeric
string; ``date`` → an ISO date string; ``datetime`` → an ISO date-time string; ``url`` →
an http(s), mailto or tel URL; ``phone`` → digits with an optional ``+`` and separators.
Keys the template does not declare are allowed (a customer record holds more).
"""

from __future__ import annotations

from typing import Any

from ..model import Template

NUMERIC = r"^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$"
TYPE_SCHEMAS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "money": {"type": ["number", "string"], "pattern": NUMERIC},
    "number": {"type": ["number", "string"], "pattern": NUMERIC},
    "date": {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}"},
    "datetime": {"type": "string", "format": "date-time",
                 "pattern": r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}"},
    "url": {"type": "string", "format": "uri", "pattern": r"^(https?://|mailto:|tel:)\S+$"},
    "phone": {"type": "string", "pattern": r"^\+?[0-9][0-9 ().-]*$"},
}
HINTS = {"money": "a number such as 1234.50", "number": "a number such as 12",
         "date": "an ISO date such as 2026-12-15",
         "datetime": "an ISO date-time such as 2026-11-23T14:00:00+02:00",
         "url": "a URL such as https://example.com/x",
         "phone": "a phone number such as +972 3 555 0100"}


def variables_schema(template: Template) -> dict[str, Any]:
    """The JSON Schema of the data a template needs."""
    properties = {}
    for name, variable in template.variables.items():
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
