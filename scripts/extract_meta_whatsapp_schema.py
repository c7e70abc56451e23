"""Extract the template-message part of Meta's WhatsApp OpenAPI description for the tests.

Meta publishes the WhatsApp Business Platform (Cloud API) as one OpenAPI 3.1 document,
``business-messaging-api_v23.0.yaml`` in its "Meta OpenAPI Specifications" (MIT). Over a
megabyte of it is about other endpoints, so the repository keeps only what a template
send needs: ``POST /{Version}/{Phone-Number-ID}/messages`` takes ``#/components/schemas/
Message``, whose discriminator maps ``type: template`` to ``TemplateMessage``; this script
copies ``TemplateMessage`` and every schema it reaches through ``$ref`` or a discriminator
mapping, unchanged but for the errata below, plus the description's own template request
example, into tests/data/meta-whatsapp/template-message.schema.json.

    python scripts/extract_meta_whatsapp_schema.py business-messaging-api_v23.0.yaml

It needs PyYAML (``pip install pyyaml``), which nothing else in the project uses.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parents[1] / "tests" / "data" / "meta-whatsapp" / \
    "template-message.schema.json"
PATH = "/{Version}/{Phone-Number-ID}/messages"
ROOT = "TemplateMessage"
EXAMPLES = ("Send Message Template Interactive",)
_INDEX_WHY = ("The pattern is a character class matching one of 1-6, a comma or a space, so "
              "it refuses '0', the index of a template's first button, which this same "
              "description sends in its examples (TemplateObject's example and 'Send Message "
              "Template Interactive' use '0' and '1'); its own description says 'Position "
              "index of the button (0-9)'.")
ERRATA = (
    ("/components/schemas/LanguageObject/required", ["policy", "code"], ["code"],
     "The template request examples of this same description send language with a code "
     "only ('Send Message Template Interactive': {code: language-and-locale-code}); policy "
     "stays allowed, with its one value deterministic."),
    ("/components/schemas/TemplateComponent/properties/index/pattern", "^[2-6, 11-14]$",
     "^[0-9]$", _INDEX_WHY),
    ("/components/schemas/ButtonComponent/allOf/1/properties/index/pattern",
     "^[2-6, 11-14]$", "^[0-9]$", _INDEX_WHY),
)


def _refs(node: Any) -> list[str]:
    """Every schema name a node points at: ``$ref`` values and discriminator mappings."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, dict):
            for key, value in item.items():
                if key == "$ref" and isinstance(value, str):
                    found.append(value)
                elif key == "discriminator" and isinstance(value, dict):
                    found.extend(value.get("mapping", {}).values())
                else:
                    walk(value)
        elif isinstance(item, list):
            for child in item:
                walk(child)

    walk(node)
    prefix = "#/components/schemas/"
    return [ref.removeprefix(prefix) for ref in found if ref.startswith(prefix)]


def closure(schemas: dict[str, Any], root: str) -> dict[str, Any]:
    """The root schema and everything it reaches, in the description's order."""
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in schemas:
            raise SystemExit(f"error: #/components/schemas/{name} is referenced but missing")
        seen.add(name)
        todo += _refs(schemas[name])
    return {name: schemas[name] for name in schemas if name in seen}


def _at(document: dict[str, Any], pointer: str) -> tuple[Any, str]:
    parts = pointer.strip("/").split("/")
    node: Any = document
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node, parts[-1]


def apply_errata(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Correct the known errors, refusing if the description no longer has them."""
    applied = []
    for pointer, was, now, why in ERRATA:
        parent, key = _at(document, pointer)
        if parent.get(key) != was:
            raise SystemExit(f"error: {pointer} is {parent.get(key)!r}, not {was!r}: "
                             "the description changed; review the errata")
        parent[key] = now
        applied.append({"pointer": pointer, "was": was, "now": now, "why": why})
    return applied


def extract(description: dict[str, Any]) -> dict[str, Any]:
    """The vendored document: source, errata, the schemas and Meta's template example."""
    body = description["paths"][PATH]["post"]["requestBody"]["content"]["application/json"]
    schemas = description["components"]["schemas"]
    mapping = schemas["Message"]["discriminator"]["mapping"]
    if body["schema"] != {"$ref": "#/components/schemas/Message"} or \
            mapping.get("template") != f"#/components/schemas/{ROOT}":
        raise SystemExit("error: the send-message body is no longer Message → TemplateMessage")
    document: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": "Extracted by scripts/extract_meta_whatsapp_schema.py; see README.md.",
        "x-source": {
            "document": "Meta OpenAPI Specifications, business-messaging-api_v23.0.yaml",
            "openapi": description["openapi"],
            "version": description["info"]["version"],
            "operation": f"POST {PATH} (sendMessage): requestBody "
                         "#/components/schemas/Message, discriminator type=template → "
                         f"#/components/schemas/{ROOT}",
            "license": "MIT, Copyright (c) Meta Platforms, Inc. and affiliates (LICENSE)",
        },
        "$ref": f"#/components/schemas/{ROOT}",
        "components": {"schemas": closure(schemas, ROOT)},
        "x-examples": {name: body["examples"][name]["value"] for name in EXAMPLES},
    }
    document["x-errata"] = apply_errata(document)
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("description", type=Path, help="business-messaging-api_v23.0.yaml")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    try:
        import yaml
    except ImportError:
        print("error: this script needs PyYAML: pip install pyyaml", file=sys.stderr)
        return 2
    description = yaml.safe_load(args.description.read_text(encoding="utf-8"))
    document = extract(description)
    args.out.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(f"wrote {args.out}: {len(document['components']['schemas'])} schemas")
    return 0


if __name__ == "__main__":
    sys.exit(main())
