"""client-support: HTML and CSS the target mail clients don't (fully) support, per caniemail.

The final HTML (after inlining) is read as text: elements, attributes, inline styles and
the ``<style>`` blocks left in the head (:mod:`app.core.email_features`). Each feature is
looked up in the vendored caniemail data (:mod:`app.core.caniemail`) for every target
client, at its latest tested version: "n" is a warning naming the clients, "a" an info
carrying caniemail's notes. The finding points at the source line that writes the
feature (an MJML attribute of the same name, the mj-style…) when there is one, and names
the line of the final HTML in any case. What MJML writes on its own for every email
(its doctype, conditional tables, media queries, the button's rounded corners…) comes with
MJML's own fallbacks and is left out unless the author's source writes it too, so the
findings are the author's to act on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from ... import caniemail
from ...email_features import Use, html_uses
from ...email_pipeline import compile_mjml
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..scopes import VariantScope

# Where a feature written by MJML comes from, when its name is not in the source.
_SOURCE_NEEDLES = {"html-style": "<mj-style", "css-at-media": "<mj-style",
                   "css-selector-class": "css-class", "html-dir": "dir=",
                   "html-lang": "lang=", "css-direction": "direction="}


@rule("client-support", "warning",
      N_("The target mail clients support the HTML and CSS the email uses"),
      N_("use what every target client supports, or silence the feature in policy.toml "
         "([rules.client-support] ignore) if the email works without it"),
      settings={"clients": list(caniemail.DEFAULT_CLIENTS), "ignore": []},
      channels=("email",),
      doc="""
**Violation:** `border-radius` on the button (Outlook for Windows shows square corners),
`@media (prefers-color-scheme: dark)` (Gmail ignores it), `display:flex` (Outlook for
Windows): a warning names the clients and the line. Partial support (caniemail's "a",
such as `dir` in Outlook for Windows, buggy on links) is an info with caniemail's note.
**Fix:** use what the clients support, or accept the difference and silence the feature:
`ignore = ["css-border-radius"]` under `[rules.client-support]`. `clients` lists the
targets as caniemail's `family.platform` (default: Gmail web, iOS, Android; Outlook
Windows, macOS, Outlook.com; Apple Mail macOS, iOS; Yahoo; Samsung Email).
The rule reads the final HTML: elements and attributes (`dir`, `lang`, `role`, `target`…),
inline `style` attributes and the CSS left in the head's `<style>` blocks (properties,
values, units, functions, `!important`, selectors, `@media` and its features), and skips
Outlook's conditional comments. Each client's support is that of its latest tested
version in caniemail's data, vendored at a pinned version in `app/core/data/caniemail.json`
(MIT; `caniemail-SOURCE.md` says which; `scripts/refresh_caniemail.py` refreshes it from a
local `npm pack caniemail`); nothing is fetched. The studio shows the same findings per
client family beside the email preview.
""")
def client_support(scope: VariantScope) -> Iterator[Issue]:
    """caniemail.com's support tables (MIT, vendored at a pinned version); email-rules.md
    §7 (dark mode) and §8 (``dir``, ``direction``) cite the same data."""
    renders = scope.ok
    if not renders:
        return
    data = caniemail.load()
    ignore = set(scope.settings["ignore"])
    clients = [c for c in scope.settings["clients"] if data.known_client(c)]
    unknown = [c for c in scope.settings["clients"] if not data.known_client(c)]
    if unknown:
        yield Issue(msg("Unknown mail client '{client}' in policy.toml; caniemail names "
                        "clients like 'gmail.ios' or 'outlook.windows'", client=unknown[0]),
                    severity="info", path="policy.toml")
    html = renders[0].message.html  # the features come from the layout and source, not data
    own = mjml_own_features(frozenset(data.features))
    first: dict[str, Use] = {}
    for use in html_uses(html, data.features.keys()):
        if use.slug in ignore or use.slug in first:
            continue
        # What MJML writes on its own, with its fallbacks, is not the author's to fix;
        # it is reported only when the author's source writes it too.
        if use.slug in own and not _written(scope, use):
            continue
        first[use.slug] = use
    for slug, use in sorted(first.items()):
        feature = data.features[slug]
        missing: list[str] = []
        partial: list[str] = []
        notes: list[str] = []
        for client in clients:
            value, texts = feature.support(client)
            if value == "n":
                missing.append(data.client_name(client))
            elif value == "a":
                partial.append(data.client_name(client))
                notes += [t for t in texts if t not in notes]
        if not missing and not partial:
            continue
        line = html.count("\n", 0, use.offset) + 1
        where = _source(scope, use)
        if missing:
            yield Issue(msg("'{feature}' is not supported in {clients} (final HTML line "
                            "{line})", feature=feature.title, clients=", ".join(missing),
                            line=line), **where)
        if partial and slug not in own:  # MJML's own markup: its partial support is known
            note = " ".join(_plain(n) for n in notes) or feature.note or "see " + feature.url
            yield Issue(msg("'{feature}' is only partly supported in {clients}: {note} "
                            "(final HTML line {line})", feature=feature.title,
                            clients=", ".join(partial), note=note, line=line),
                        severity="info", **where)


# Every component MJML has a default look for, with the attributes writers leave alone.
_SKELETON = """<mjml><mj-head><mj-title>t</mj-title><mj-preview>p</mj-preview></mj-head><mj-body>
<mj-wrapper><mj-section><mj-group><mj-column><mj-text>t</mj-text></mj-column></mj-group>
</mj-section></mj-wrapper><mj-section><mj-column><mj-image src="https://x.example/i.png"
alt="a" href="https://x.example"/><mj-button href="https://x.example">b</mj-button>
<mj-divider/><mj-spacer/><mj-table><tr><td>c</td></tr></mj-table><mj-social>
<mj-social-element name="facebook" href="https://x.example">f</mj-social-element>
</mj-social><mj-navbar><mj-navbar-link href="https://x.example">n</mj-navbar-link>
</mj-navbar><mj-raw><p>r</p></mj-raw></mj-column><mj-column><mj-text>u</mj-text>
</mj-column></mj-section><mj-hero><mj-text>h</mj-text></mj-hero></mj-body></mjml>"""


@cache
def mjml_own_features(slugs: frozenset[str]) -> frozenset[str]:
    """The caniemail features MJML's own output uses for a document of every component."""
    html = compile_mjml(_SKELETON, fonts=None, path="<mjml skeleton>")
    # Direction is every right-to-left email's concern, whoever wrote the attribute.
    return frozenset(use.slug for use in html_uses(html, slugs)) - {"html-dir", "css-direction"}


def _written(scope: VariantScope, use: Use) -> bool:
    needle = _SOURCE_NEEDLES.get(use.slug, use.needle)
    return bool(needle) and bool(scope.at(re.compile(re.escape(needle), re.I))["line"])


def _plain(note: str) -> str:
    """caniemail's Markdown note as plain text."""
    note = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", note)
    return note.replace("`", "'").strip()


def _source(scope: VariantScope, use: Use) -> Where:
    needle = _SOURCE_NEEDLES.get(use.slug, use.needle)
    pattern = re.compile(re.escape(needle), re.I)
    where = scope.at(pattern)
    if where["line"]:
        return where
    for path in scope.files:
        if path.endswith("email.mjml"):
            return {"path": path, "line": 0, "column": 0}
    return where
