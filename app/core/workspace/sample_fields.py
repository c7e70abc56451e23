"""A sample's values as typed form fields: read what a field shows, write what it took.

The studio's sample form shows one field per declared variable of the template, typed
by the variable (money and number as numbers, date and datetime as ISO text, url, phone,
string); these functions turn the form's text into the JSON value and write it into the
sample's JSON text, keeping the file's indentation, key order and non-ASCII letters, so
the JSON stays readable and editable beside the form.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ...kernel.errors import InputError
from ..sample_schema import type_problem

_INDENT = re.compile(r"\n([ \t]+)\"")


def field_text(value: Any) -> str:
    """How a field shows a JSON value ("" for absent or null)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def parse_field(var_type: str, text: str) -> tuple[Any, str]:
    """(JSON value, problem) for what was typed in a field of ``var_type``.

    Money and numbers become JSON numbers (an int when whole, written as typed
    otherwise); everything else stays text. ``problem`` is "" when the value fits the
    type, else what the type expects (from :func:`app.core.sample_schema.type_problem`).
    """
    text = text.strip()
    value: Any = text
    if var_type in ("money", "number"):
        try:
            number = Decimal(text.replace(",", ""))
        except InvalidOperation:
            return text, type_problem(var_type, text) or "a number"
        value = int(number) if number == number.to_integral_value() and "." not in text \
            else float(number)
    return value, type_problem(var_type, value)


def set_sample_value(text: str, key: str, value: Any, path: str = "sample") -> str:
    """The sample's JSON ``text`` with ``key`` set to ``value`` (removed when None)."""
    try:
        data = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno,
                         column=exc.colno, hint="fix the JSON first (Edit JSON)") from None
    if not isinstance(data, dict):
        raise InputError("sample data must be a JSON object ({...})", path=path, line=1,
                         column=1)
    if value is None:
        if key not in data:
            return text
        del data[key]
    else:
        if data.get(key, object()) == value and type(data.get(key)) is type(value):
            return text
        data[key] = value
    match = _INDENT.search(text)
    indent = match.group(1) if match else "  "
    out = json.dumps(data, ensure_ascii=False, indent=indent)
    return out + ("\n" if text.endswith("\n") or not text else "")
