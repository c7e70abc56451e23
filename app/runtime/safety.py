"""Refusals that protect the sending system from a bundle or data meant to hurt it.

- Header fields (the subject; the sender's From and Reply-To) may not hold a CR or LF:
  ``INV-1\\r\\nBcc: everyone@example.com`` in a customer's data would otherwise add a
  header to the email (header injection).
- Variable patterns must match in bounded time (see :mod:`.patterns`).
"""

from __future__ import annotations

from typing import Any

from .errors import BundleError, DataError
from .patterns import UnsafePattern, check_pattern, schema_patterns

HEADER_BREAKS = ("\r", "\n")


def has_header_break(value: str) -> bool:
    """Whether ``value`` holds a carriage return or a line feed."""
    return any(ch in value for ch in HEADER_BREAKS)


def refuse_header_breaks(field: str, value: str, where: str) -> None:
    """DataError (one line) when a header field's value holds CR or LF."""
    if has_header_break(value):
        raise DataError(f"the {field} contains a line break (CR/LF), which would inject "
                        f"email headers: {value[:60]!r}", path=where,
                        hint="remove line breaks from the data that fills it")


def check_variable_patterns(manifest: dict[str, Any], origin: str) -> None:
    """BundleError unless every variable pattern matches in bounded time, and the
    sender's header fields hold no line break."""
    for key in ("email_from", "email_reply_to"):
        value = manifest.get("sender", {}).get(key, "")
        if isinstance(value, str) and has_header_break(value):
            raise BundleError(f"sender.{key} contains a line break (CR/LF)", path=origin,
                              hint="a header can't hold one; fix [sender] and export again")
    for template in manifest.get("templates", []):
        where = f"templates.{template.get('id', '?')}.variables"
        for place, pattern in schema_patterns(template.get("variables", {}), where):
            try:
                check_pattern(pattern)
            except UnsafePattern as exc:
                raise BundleError(f"{place}: the pattern {pattern[:80]!r} is refused: {exc}",
                                  path=origin, hint="it could take unbounded time to match; "
                                                    "export the bundle again from the studio") \
                    from None
