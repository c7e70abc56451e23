"""html5lib's parse errors in words a copywriter can act on.

"Unexpected end tag (strog). Ignored." becomes "</strog> closes a tag that isn't open;
did you mean </strong>?". An "unexpected end of file" inside an MJML text block follows
from another error in the same block (the tag the typo failed to close), so it is left
out when that error is reported.
"""

from __future__ import annotations

import re

from ...did_you_mean import closest
from ...html_text import ParseIssue
from ..model import Where

_TAGS = ("a", "b", "big", "br", "center", "div", "em", "font", "h1", "h2", "h3", "h4", "h5",
         "h6", "hr", "i", "img", "li", "ol", "p", "small", "span", "strong", "sub", "sup",
         "table", "tbody", "td", "th", "thead", "tr", "u", "ul")
EOF_CODES = frozenset({"expected-closing-tag-but-got-eof", "eof-in-table",
                       "expected-named-closing-tag-but-got-eof"})


def _name(message: str) -> str:
    match = re.search(r"\(([^)]+)\)", message)
    return match.group(1) if match else ""


def plain(issue: ParseIssue) -> str:
    """The issue's message in plain words (its MJML element kept as a prefix)."""
    prefix, _, rest = issue.message.rpartition(": ") if issue.message.startswith("<mj-") \
        else ("", "", issue.message)
    name = _name(rest)
    words = rest
    if issue.code in ("unexpected-end-tag", "unexpected-end-tag-before-html",
                      "unexpected-end-tag-after-body") and name:
        meant = closest(name, _TAGS)
        words = f"</{name}> closes a tag that isn't open" + (
            f"; did you mean </{meant}>?" if meant else "")
    elif (issue.code.startswith(("adoption-agency", "end-tag-too-early"))
          or issue.code == "expected-one-end-tag-but-got-another") and name:
        words = f"</{name}> comes before a tag inside it is closed: close tags in reverse order"
    elif issue.code in EOF_CODES:
        words = "a tag is opened here and never closed"
    elif issue.code in ("named-entity-without-semicolon", "expected-named-entity"):
        words = "& starts a special character here: write &amp; for an ampersand"
    elif issue.code == "non-void-element-with-trailing-solidus" and name:
        words = f"<{name}/> can't close itself: write <{name}></{name}>"
    return f"{prefix}: {words}" if prefix else words


def consequential(issues: list[ParseIssue]) -> list[ParseIssue]:
    """Leave out end-of-block errors when another error explains them."""
    if any(i.code not in EOF_CODES for i in issues):
        return [i for i in issues if i.code not in EOF_CODES]
    return issues


def tag_start(scope: object, where: Where) -> Where:
    """html5lib places an error after the tag it is about; point at the tag's "<"."""
    text = getattr(scope, "files", {}).get(where.get("path")) or \
        getattr(scope, "shared", {}).get(where.get("path"))
    if not text or not where.get("line") or not where.get("column"):
        return where
    row = text.splitlines()[where["line"] - 1] if where["line"] <= text.count("\n") + 1 else ""
    end = where["column"] - 1
    if 0 < end <= len(row) and row[end - 1] == ">":
        start = row.rfind("<", 0, end)
        if start >= 0:
            return {**where, "column": start + 1}
    return where
