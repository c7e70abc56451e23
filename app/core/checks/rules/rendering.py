"""A message that can't be rendered at all: the first thing to fix."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Issue
from ..registry import N_, rule
from ..scopes import VariantScope

# Errors other rules report with more to say.
UNDEFINED_MARKS = ("is not defined in the data", "is missing from the data")
WHATSAPP_LOGIC = "WhatsApp text can't use"


def is_undefined(message: str) -> bool:
    """True for the renderer's "name not in the data" errors."""
    return any(mark in message for mark in UNDEFINED_MARKS)


@rule("render-error", "error", N_("The message can't be rendered with a sample"),
      N_("fix the line named; the preview shows nothing until it renders"),
      doc="""
**Violation:** `{{ amount_due|money }}` (no currency), a misspelt filter, an unclosed
`{% if %}`, or an unclosed `<mj-section>`: the message can't be produced at all.
**Fix:** correct the line the finding names, e.g. `{{ amount_due|money(currency) }}`.
""")
def render_error(scope: VariantScope) -> Iterator[Issue]:
    """Every render that failed for a reason no more specific rule reports."""
    seen: set[str] = set()
    for result in scope.renders:
        error = result.error
        if error is None or is_undefined(error.message) or WHATSAPP_LOGIC in error.message:
            continue
        loc = error.location
        key = f"{error.message}@{loc}"
        if key in seen:  # the same mistake breaks every sample: say it once
            continue
        seen.add(key)
        yield Issue(error.message, path=loc.path if loc else "", line=loc.line if loc else 0,
                    column=loc.column if loc else 0, sample=result.sample,
                    hint=error.hint)
