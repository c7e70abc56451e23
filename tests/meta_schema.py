"""Validating against the vendored part of Meta's WhatsApp OpenAPI description.

OpenAPI 3.1 schemas are JSON Schema 2020-12 plus OpenAPI's ``discriminator``, which picks
the schema to apply from a property's value (``type: button`` → ``ButtonComponent``).
A plain JSON Schema validator ignores it, and then a component's parameters are never
checked (``TemplateComponent.parameters`` is only "an array"), so this validator applies
the mapped schema too. ``$ref``s stay as Meta wrote them and resolve inside the vendored
document (tests/data/meta-whatsapp/README.md).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, ValidationError, validators

META_PATH = Path(__file__).parent / "data" / "meta-whatsapp" / "template-message.schema.json"
META_DOCUMENT: dict[str, Any] = json.loads(META_PATH.read_text(encoding="utf-8"))

_ACTIVE: set[tuple[int, str]] = set()


def _discriminator(validator: Any, discriminator: dict[str, Any], instance: Any,
                   schema: dict[str, Any]) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "object"):
        return
    target = discriminator.get("mapping", {}).get(instance.get(discriminator["propertyName"]))
    key = (id(instance), str(target))
    # The mapped schema starts with allOf [the schema holding this discriminator]: once
    # is enough for one instance.
    if target is None or key in _ACTIVE:
        return
    _ACTIVE.add(key)
    try:
        errors = list(validator.descend(instance, {"$ref": target}))
    finally:
        _ACTIVE.discard(key)
    yield from errors


OpenApiValidator = validators.extend(Draft202012Validator, {"discriminator": _discriminator})


def meta_errors(instance: Any, document: dict[str, Any] | None = None) -> list[ValidationError]:
    """Every way ``instance`` breaks Meta's TemplateMessage schema (the vendored one)."""
    return list(OpenApiValidator(document or META_DOCUMENT).iter_errors(instance))


def without_errata() -> dict[str, Any]:
    """The schema exactly as Meta publishes it, before the README's corrections."""
    document = copy.deepcopy(META_DOCUMENT)
    for erratum in document["x-errata"]:
        *parents, key = erratum["pointer"].strip("/").split("/")
        node: Any = document
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[key] = erratum["was"]
    return document
