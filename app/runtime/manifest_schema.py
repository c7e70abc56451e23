"""The JSON Schema of ``manifest.json`` (format version 1), as data.

The export writes it into every bundle as ``manifest.schema.json`` and into
``docs/manifest.schema.json``; the runtime checks manifests against it with
:mod:`app.runtime.schema` (the keywords used here are the ones that module supports).
"""

from __future__ import annotations

from typing import Any

from ..kernel.channels import channel_names

FORMAT = "missive-bundle"
FORMAT_VERSION = 1
SCHEMA_ID = "https://missive.example/schemas/bundle-manifest-1.json"

def manifest_schema() -> dict[str, Any]:
    """The schema, naming every registered channel (app.kernel.channels)."""
    channels = list(channel_names())
    _SHA256 = {"type": "string", "pattern": "^[0-9a-f]{64}$"}
    _PATH = {"type": "string", "minLength": 1, "maxLength": 400,
             "pattern": r"^(?![/\\])(?!.*(^|/)\.\.?(/|$))[A-Za-z0-9_.@/-]+$"}
    _FILE = {"type": "object", "required": ["path", "sha256"], "additionalProperties": False,
             "properties": {"path": _PATH, "sha256": _SHA256}}
    _LISTED_FILE = {"type": "object", "required": ["path", "sha256", "size"],
                    "additionalProperties": False,
                    "properties": {"path": _PATH, "sha256": _SHA256,
                                   "size": {"type": "integer", "minimum": 0}}}
    _CHANNEL = {"type": "string", "enum": channels}
    _LOCALE = {"type": "string", "pattern": "^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$"}
    _ID = {"type": "string", "pattern": "^[a-z0-9_]{1,512}$"}
    _SUMMARY = {"type": "object", "required": ["errors", "warnings", "infos"],
                "additionalProperties": False,
                "properties": {k: {"type": "integer", "minimum": 0}
                               for k in ("errors", "warnings", "infos")}}
    _NULLABLE_STRING = {"type": ["string", "null"]}
    _FINDING = {"type": "object", "required": ["rule", "severity", "message"],
                "properties": {"rule": {"type": "string"},
                               "severity": {"type": "string", "enum": ["error", "warning", "info"]},
                               "message": {"type": "string"}}}
    _MESSAGE = {"type": "object", "required": ["locale", "lang", "dir", "rtl", "channel"],
                "properties": {"locale": _LOCALE, "lang": {"type": "string"},
                               "dir": {"type": "string", "enum": ["ltr", "rtl"]},
                               "rtl": {"type": "boolean"}, "channel": _CHANNEL}}
    _VARIANT = {"type": "object", "required": ["message", "files"], "additionalProperties": False,
                "properties": {"message": _MESSAGE,
                               "files": {"type": "object", "minProperties": 1,
                                         "additionalProperties": _FILE}}}
    _GOLDEN = {"type": "object", "required": ["sample", "locale", "channel", "files"],
               "additionalProperties": False,
               "properties": {"sample": {"type": "string"}, "locale": _LOCALE, "channel": _CHANNEL,
                              "files": {"type": "object", "additionalProperties": _FILE}}}
    _TEMPLATE = {
        "type": "object",
        "required": ["id", "title", "category", "channels", "strategy", "variables", "locales",
                     "checks", "review", "golden"],
        "additionalProperties": False,
        "properties": {
            "id": _ID,
            "title": {"type": "string"},
            "description": {"type": "string"},
            "category": {"type": "string", "enum": ["operational", "marketing", "authentication"]},
            "promotional": {"type": "boolean"},
            "channels": {"type": "array", "minItems": 1, "items": _CHANNEL},
            "strategy": {
                "type": "object", "required": ["primary", "fallback"],
                "additionalProperties": False,
                "properties": {
                    "primary": {"type": ["string", "null"],
                                "enum": [*channels, None]},
                    "fallback": {"type": "array", "items": {
                        "type": "object", "required": ["channel", "after", "after_seconds"],
                        "additionalProperties": False,
                        "properties": {"channel": _CHANNEL, "after": _NULLABLE_STRING,
                                       "after_seconds": {"type": ["integer", "null"],
                                                         "minimum": 0}}}},
                },
            },
            "variables": {"type": "object", "required": ["type", "properties"],
                          "properties": {"type": {"const": "object"},
                                         "properties": {"type": "object"},
                                         "required": {"type": "array",
                                                      "items": {"type": "string"}}}},
            "locales": {"type": "object", "minProperties": 1,
                        "additionalProperties": {
                            "type": "object",
                            "additionalProperties": False,
                            "properties": {c: _VARIANT for c in channels}}},
            "checks": _SUMMARY,
            "review": {"type": "object",
                       "required": ["status", "approver", "time", "approved_hash"],
                       "properties": {"status": {"type": "string", "enum": [
                           "unreviewed", "approved", "changes_requested",
                           "changed_since_approval"]},
                                      "approver": _NULLABLE_STRING, "time": _NULLABLE_STRING,
                                      "approved_hash": _NULLABLE_STRING,
                                      "content_hash": {"type": "string"},
                                      "note": {"type": "string"}}},
            "golden": {"type": "array", "items": _GOLDEN},
        },
    }

    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Missive Studio bundle manifest",
        "type": "object",
        "required": ["format", "format_version", "project", "app", "exported_at", "sender", "brand",
                     "checks", "files", "samples", "templates"],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "format_version": {"const": FORMAT_VERSION},
            "project": {"type": "object", "required": ["name", "default_locale", "locales"],
                        "additionalProperties": False,
                        "properties": {"name": {"type": "string"}, "default_locale": _LOCALE,
                                       "locales": {"type": "array", "minItems": 1,
                                                   "items": _LOCALE}}},
            "app": {"type": "object", "required": ["name", "version"],
                    "properties": {"name": {"type": "string"}, "version": {"type": "string"}}},
            "exported_at": {"type": "string",
                            "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"},
            "sender": {"type": "object", "additionalProperties": {"type": "string"}},
            "email_headers": {
                "type": "object", "required": ["keep", "set_when_sending"],
                "additionalProperties": False,
                "properties": {"keep": {"type": "array", "items": {"type": "string"}},
                               "set_when_sending": {"type": "array", "items": {"type": "string"}},
                               "placeholder_to": {"type": "string"}}},
            "brand": {"type": "object", "required": ["name", "domains"],
                      "properties": {"name": {"type": "string"},
                                     "domains": {"type": "array", "items": {"type": "string"}}}},
            "checks": {"type": "object", "required": ["summary", "allow_warnings", "findings"],
                       "additionalProperties": False,
                       "properties": {"summary": _SUMMARY, "allow_warnings": {"type": "boolean"},
                                      "findings": {"type": "array", "items": _FINDING}}},
            "files": {"type": "array", "items": _LISTED_FILE},
            "samples": {"type": "array", "items": {
                "type": "object", "required": ["name", "path", "sha256"],
                "additionalProperties": False,
                "properties": {"name": {"type": "string", "pattern": r"^[\w.@-]+$"}, "path": _PATH,
                               "sha256": _SHA256, "locale": _NULLABLE_STRING}}},
            "templates": {"type": "array", "items": _TEMPLATE},
        },
    }
