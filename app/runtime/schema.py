"""A small JSON Schema validator, stdlib only, for the keywords bundles use.

The runtime may not depend on the ``jsonschema`` package, so the manifest and the
customer data are checked here. Supported: ``type`` (one or a list), ``properties``,
``required``, ``additionalProperties`` (boolean or schema), ``patternProperties``,
``items``, ``enum``, ``const``, ``pattern`` (searched, as JSON Schema says),
``minimum``, ``maximum``, ``minLength``, ``maxLength``, ``minItems``, ``minProperties``.
Other keywords (``format``, ``description``, ``$schema``, ``title``) are annotations.
The first problem found is raised as one line naming where it is.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Any

from .patterns import MAX_PATTERN_INPUT

_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool))
    or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


class SchemaError(ValueError):
    """A value does not match its schema; ``str()`` is one line with the place."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


@lru_cache(maxsize=256)
def _regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def type_name(value: Any) -> str:
    """The JSON type of a value, for messages."""
    for name in ("null", "boolean", "integer", "number", "string", "array", "object"):
        if _TYPES[name](value):
            return name
    return type(value).__name__


def _where(path: str, key: str | int) -> str:
    return f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else key)


def validate(value: Any, schema: dict[str, Any], path: str = "") -> None:
    """Raise SchemaError at the first place ``value`` does not match ``schema``."""
    expected = schema.get("type")
    if expected is not None:
        names = expected if isinstance(expected, list) else [expected]
        if not any(_TYPES[n](value) for n in names):
            raise SchemaError(path, f"must be {' or '.join(names)}, got {type_name(value)}"
                              + (f" {value!r}" if isinstance(value, str | int | float) else ""))
    if "const" in schema and value != schema["const"]:
        raise SchemaError(path, f"must be {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        if len(schema["enum"]) > 8 and schema.get("description"):
            # A long list (currency codes) is named by its description, not recited.
            raise SchemaError(path, f"{str(value)[:60]!r} is not valid: expected "
                                    f"{schema['description']}")
        raise SchemaError(path, f"must be one of {', '.join(map(repr, schema['enum']))}, "
                                f"got {value!r}")
    if isinstance(value, str):
        _string(value, schema, path)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if isinstance(value, float) and not math.isfinite(value):
            raise SchemaError(path, f"must be a finite number, got {value!r}")
        if "minimum" in schema and value < schema["minimum"]:
            raise SchemaError(path, f"must be at least {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            raise SchemaError(path, f"must be at most {schema['maximum']}")
    elif isinstance(value, dict):
        _object(value, schema, path)
    elif isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            raise SchemaError(path, f"needs at least {schema['minItems']} item(s)")
        if "items" in schema:
            for index, item in enumerate(value):
                validate(item, schema["items"], _where(path, index))


def _string(value: str, schema: dict[str, Any], path: str) -> None:
    if len(value) < schema.get("minLength", 0):
        raise SchemaError(path, f"must have at least {schema['minLength']} character(s)")
    if "maxLength" in schema and len(value) > schema["maxLength"]:
        raise SchemaError(path, f"must have at most {schema['maxLength']} characters")
    pattern = schema.get("pattern")
    if pattern is not None and len(value) > MAX_PATTERN_INPUT:  # bounded matching time
        raise SchemaError(path, f"is too long to check ({len(value):,} characters; at most "
                                f"{MAX_PATTERN_INPUT:,} for a value with a pattern)")
    if pattern is not None and not _regex(pattern).search(value):
        hint = schema.get("description") or f"the pattern {pattern}"
        raise SchemaError(path, f"{value[:60]!r} is not valid: expected {hint}")


def _object(value: dict[str, Any], schema: dict[str, Any], path: str) -> None:
    if len(value) < schema.get("minProperties", 0):
        raise SchemaError(path, f"needs at least {schema['minProperties']} key(s)")
    for key in schema.get("required", []):
        if key not in value:
            raise SchemaError(path, f"'{key}' is required")
    properties = schema.get("properties", {})
    patterns = schema.get("patternProperties", {})
    extra = schema.get("additionalProperties", True)
    for key, item in value.items():
        where = _where(path, key)
        if key in properties:
            validate(item, properties[key], where)
            continue
        matched = [s for p, s in patterns.items() if _regex(p).search(key)]
        for sub in matched:
            validate(item, sub, where)
        if matched:
            continue
        if extra is False:
            raise SchemaError(path, f"unknown key '{key}'")
        if isinstance(extra, dict):
            validate(item, extra, where)
