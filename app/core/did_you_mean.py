"""Did you mean …? The closest known name to a misspelt one (variables, filters, rule ids,
sample names), so a message can offer the fix instead of only the mistake."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(name: str, known: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The known name most like ``name`` (a typo away), or None."""
    candidates = sorted(set(known) - {name})
    found = difflib.get_close_matches(name, candidates, n=1, cutoff=cutoff)
    if found:
        return found[0]
    # A letter dropped or added at the end ("plan_nam") still scores high; a very short
    # name ("nam") needs the looser test of being a prefix.
    prefixed = [c for c in candidates if len(name) >= 3 and
                (c.startswith(name) or name.startswith(c)) and abs(len(c) - len(name)) <= 2]
    return prefixed[0] if len(prefixed) == 1 else None


def suggestion(name: str, known: Iterable[str]) -> str:
    """" — did you mean 'x'?" or ""."""
    found = closest(name, known)
    return f"; did you mean '{found}'?" if found else ""
