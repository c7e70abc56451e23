"""The quick fix for a key missing from samples: add it to every sample that lacks it,
with a placeholder of the declared type, as one fix (one edit per sample file).

The key goes in as the object's last member, indented like the others, so the rest of
the author's file — order, spacing, other values — stays as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..message_text import msg
from ..model import Variable
from .fixes import Edit, Fix

_PLACEHOLDERS: dict[str, Any] = {
    "money": 100.0, "number": 1, "date": "2026-12-01",
    "datetime": "2026-12-01T09:00:00+00:00", "phone": "+972 52-555-0142",
}


def placeholder(name: str, variable: Variable, variables: Mapping[str, Variable],
                domains: Sequence[str] = ()) -> Any:
    """A value of the right type for ``name``, plainly a placeholder."""
    if any(v.currency == name for v in variables.values()):
        return "USD"
    if variable.type == "url":
        return f"https://{domains[0] if domains else 'example.com'}/"
    if variable.type in _PLACEHOLDERS:
        return _PLACEHOLDERS[variable.type]
    return f"Sample {name.replace('_', ' ')}"


def add_key_edit(path: str, text: str, key: str, value: Any) -> Edit | None:
    """An edit adding ``"key": value`` as the last member of the JSON object in ``text``."""
    close = text.rstrip().rfind("}")
    if close < 0 or not text.lstrip().startswith("{"):
        return None
    before = text[:close].rstrip()
    indent = re.search(r"\n([ \t]+)\"", text)
    pad = indent.group(1) if indent else "  "
    member = f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}"
    if before.endswith("{"):
        new, start = f"\n{pad}{member}\n", len(before)
    else:
        new, start = f",\n{pad}{member}", len(before)
    return Edit(path, start, start, "", new)


def add_key_fix(name: str, value: Any, samples: Mapping[str, str]) -> Fix | None:
    """One fix adding the key to every sample (path → JSON text) given."""
    edits = [e for path, text in samples.items() if (e := add_key_edit(path, text, name, value))]
    if not edits:
        return None
    return Fix(msg("Add '{name}' to {count} sample(s) with the placeholder {value}",
                   name=name, count=len(edits), value=json.dumps(value, ensure_ascii=False)),
               tuple(edits))
