"""A sample's data against a template's variable declarations: required keys, types
and currency codes. The ``sample-schema`` rule and the studio's sample editor both call
:func:`sample_problems`, so a problem reads the same in the findings and while typing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.numbers import is_currency

from ..kernel.formatting import to_date, to_datetime
from .message_text import N_, msg
from .model import Variable


@dataclass(frozen=True)
class SampleProblem:
    """One problem of a sample: the key, what is wrong, and the key's line (0: absent)."""

    key: str
    message: str  # a message_text.Message where the studio can translate it
    line: int = 0
    column: int = 0


# Each type problem of type_problem() as a whole sentence (so it translates as one).
TYPE_SENTENCES = {
    "a number": N_("'{name}' should be a number, got {value}"),
    "text": N_("'{name}' should be text, got {value}"),
    "an ISO date such as 2026-12-01":
        N_("'{name}' should be an ISO date such as 2026-12-01, got {value}"),
    "an ISO date-time such as 2026-12-01T14:30:00+02:00":
        N_("'{name}' should be an ISO date-time such as 2026-12-01T14:30:00+02:00, got "
           "{value}"),
    "a web address starting with https://":
        N_("'{name}' should be a web address starting with https://, got {value}"),
    "a phone number such as +972 52-555-0142":
        N_("'{name}' should be a phone number such as +972 52-555-0142, got {value}"),
}


def type_problem(kind: str, value: Any) -> str:
    """Why ``value`` doesn't fit a variable type ("" when it does)."""
    if kind in ("money", "number"):
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            return "a number"
        try:
            Decimal(str(value))
        except InvalidOperation:
            return "a number"
        return ""
    if not isinstance(value, str):
        return "text"
    try:
        if kind == "date":
            to_date(value)
        elif kind == "datetime":
            to_datetime(value)
    except ValueError:
        return "an ISO date such as 2026-12-01" if kind == "date" else \
            "an ISO date-time such as 2026-12-01T14:30:00+02:00"
    if kind == "url" and not re.match(r"https?://\S+$", value):
        return "a web address starting with https://"
    if kind == "phone" and not re.fullmatch(r"\+?[\d\s().\-]{6,}", value):
        return "a phone number such as +972 52-555-0142"
    return ""


def json_line(text: str, key: str) -> int:
    """The line where ``"key":`` appears in a JSON text (0 when it doesn't)."""
    needle = json.dumps(key) + ":"
    for number, row in enumerate(text.splitlines(), start=1):
        if needle in row.replace('" :', '":'):
            return number
    return 0


def sample_problems(template_id: str, variables: Mapping[str, Variable],
                    data: Mapping[str, Any], text: str = "") -> list[SampleProblem]:
    """Every way ``data`` (a sample, whose JSON source is ``text``) misfits the declarations."""
    problems = []
    for name, variable in variables.items():
        line = json_line(text, name)
        if name not in data or data[name] is None:
            if variable.required:
                problems.append(SampleProblem(
                    name, msg("'{name}' is required by {template} but missing", name=name,
                              template=template_id)))
            continue
        value = data[name]
        problem = type_problem(variable.type, value)
        if problem:
            problems.append(SampleProblem(
                name, msg(TYPE_SENTENCES[problem], name=name, value=json.dumps(value)[:40]),
                line, 1 if line else 0))
        if variable.type == "money" and variable.currency:
            code = data.get(variable.currency, variable.currency) \
                if variable.currency in variables else variable.currency
            if not isinstance(code, str) or not is_currency(code.upper()):
                problems.append(SampleProblem(
                    variable.currency, msg("'{name}' should be a currency code such as ILS "
                                           "or USD, got {value}", name=variable.currency,
                                           value=json.dumps(code)[:40]),
                    json_line(text, variable.currency)))
    return problems
