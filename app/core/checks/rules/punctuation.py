"""Punctuation that the values bring with them.

An amount or abbreviation can end in a period of its own ("3,450.75 ر.س.", "Ltd."); a
sentence typed to end right after it then shows two periods ("ر.س.."), which reads as
a typing mistake. Found in what the customer reads, reported where the period is typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..fixes import Edit, Fix, offset
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..scopes import VariantScope, visible_text

_MARKS = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"
# A letter's period, then (after invisible direction marks) a second one that is not the
# start of an ellipsis.
DOUBLE_PERIOD = re.compile(rf"([^\W\d_][{_MARKS}]*\.)[{_MARKS}]*(\.)(?![.\u2026])")
# A value followed by a typed period in the source, and the text typed after it.
_AFTER_VALUE = re.compile(r"\}\}(\.)([^{}<>\"\n]{0,12})")
_INVISIBLE = re.compile(rf"[{_MARKS}\s]+")


def _excerpt(text: str, end: int) -> str:
    start = max(text.rfind("\n", 0, end) + 1, end - 30)
    while start > 0 and text[start - 1].isalnum() and text[start] != " " and \
            start > end - 40:  # start at a word
        start -= 1
    return re.sub(rf"[{_MARKS}]", "", text[start:end]).strip()


def _typed_period(scope: VariantScope, after: str) -> Where:
    """Where the doubled period is typed: after a value, followed by the same text."""
    following = _INVISIBLE.sub("", after)[:6]
    for pool in (scope.files, scope.shared):
        for path, text in pool.items():
            for match in _AFTER_VALUE.finditer(text):
                typed = _INVISIBLE.sub("", match.group(2))
                size = min(6, len(typed), len(following))
                if typed[:size] == following[:size] and (size or typed == following):
                    start = match.start(1)
                    line = text.count("\n", 0, start) + 1
                    return {"path": path, "line": line,
                            "column": start - (text.rfind("\n", 0, start) + 1) + 1}
    return scope.at(re.compile(r"\.\s*\."), shared=False)


@rule("double-period", "warning", N_("A sentence does not end with two periods"),
      N_("remove the period after the amount or abbreviation: it already ends in one"),
      doc="""
**Violation:** the Arabic subject "تم استلام دفعتك: {{ amount_paid|money(currency) }}. شكرًا"
shows "… ر.س.. شكرًا": the Saudi riyal is written "ر.س." with its own period, and the
typed period doubles it. The same happens after "Ltd." or "etc.".
**Fix:** drop the typed period after the value, or rewrite the sentence so it does not end
on the amount ("شكرًا لك، تم استلام دفعتك: …").
**Quick fix:** "Remove the typed period" deletes the period typed after the value.
""")
def double_period(scope: VariantScope) -> Iterator[Issue]:
    """Two periods in a row after a letter, in the rendered text of any sample."""
    seen: set[tuple] = set()
    for result in scope.ok:
        text = visible_text(result.message)
        for match in DOUBLE_PERIOD.finditer(text):
            line_end = text.find("\n", match.end())
            where = _typed_period(scope, text[match.end():line_end if line_end >= 0 else None])
            key = (where["path"], where["line"], where["column"])
            if key in seen:
                continue
            seen.add(key)
            yield Issue(msg("'{text}' ends with two periods", text=_excerpt(text, match.end())),
                        sample=result.sample, fixes=_remove_period(scope, where), **where)


def _remove_period(scope: VariantScope, where: Where) -> tuple[Fix, ...]:
    path = where["path"]
    text = scope.files.get(path, scope.shared.get(path))
    if text is None or not where["line"]:
        return ()
    at = offset(text, where["line"], where["column"])
    if text[at:at + 1] != ".":
        return ()
    return (Fix(msg("Remove the typed period"), (Edit(path, at, at + 1, ".", ""),)),)
