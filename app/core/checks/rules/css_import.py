"""css-import: a CSS ``@import`` in the email is dropped, never fetched (no network)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...css_imports import find_imports
from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import VariantScope

# The CSS of an MJML source: mj-style, and style elements (in mj-raw or the head).
_CSS_BLOCK = re.compile(r"<(mj-style|style)\b[^>]*>(.*?)(?:</\1\s*>|$)", re.I | re.S)
_ISOLATES = re.compile("[\u2066-\u2069\u200e\u200f]")
_IMPORT_AT = re.compile(r"@(?:import|\\0*69\s?mport|\\i)", re.I)


@rule("css-import", "warning", N_("The email's CSS imports nothing from the network"),
      N_("put the rules into mj-style itself; mail apps ignore @import"),
      channels=("email",),
      doc="""
**Violation:** `<mj-style>@import url(https://fonts.example/brand.css);</mj-style>`, or a
`<style>` with `@import` inside `mj-raw`. Rendering never touches the network, so the
import is dropped from the email (and would be ignored by most mail apps anyway).
**Fix:** write the CSS rules you need into the `mj-style` block; for web fonts use
`[email] fonts` in missive.toml.
""")
def css_import(scope: VariantScope) -> Iterator[Issue]:
    """Every ``@import`` in the rendered MJML's CSS, located in its source file."""
    seen: set[str] = set()
    for result in scope.ok:
        source = getattr(result.message, "mjml", "") or ""
        for block in _CSS_BLOCK.finditer(source):
            for found in find_imports(block.group(2)):
                text = " ".join(_ISOLATES.sub("", found.text).split())
                if text in seen:
                    continue
                seen.add(text)
                where = scope.at(_ISOLATES.sub("", found.text))
                if not where["line"]:
                    where = scope.at(_IMPORT_AT)
                yield Issue(msg("the CSS rule '{rule}' was dropped: rendering never fetches "
                                "anything from the network", rule=text[:200]),
                            **where)
