"""A message that can't be rendered at all: the first thing to fix."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ....kernel.errors import MissiveError
from ...plain_jinja import misspelt_filter
from ..fixes import Edit, Fix, offset
from ..model import Issue, msg
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
**Quick fix:** a misspelt filter ("there is no filter 'dat'; did you mean 'date'?") is
corrected by "Use the filter 'date'".
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
                    hint=error.hint, fixes=_filter_fix(scope, error))


def _filter_fix(scope: VariantScope, error: MissiveError) -> tuple[Fix, ...]:
    """Correct a misspelt filter ("|mony" → "|money") on the line the error names."""
    found = misspelt_filter(error.message)
    loc = error.location
    if not found or loc is None or not loc.line:
        return ()
    typed, meant = found
    path = scope.rel(loc.path)
    text = (scope.files | scope.shared).get(path)
    if text is None:
        return ()
    start = offset(text, loc.line, 1)
    end = text.find("\n", start)
    match = re.search(rf"\|\s*{re.escape(typed)}\b", text[start:end if end >= 0 else None])
    if match is None:
        return ()
    at = start + match.start()
    return (Fix(msg("Use the filter '{meant}'", meant=meant),
                (Edit(path, at, start + match.end(), match.group(0), f"|{meant}"),)),)
