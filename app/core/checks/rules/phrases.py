"""policy-phrases: text the project's policy forbids, or requires (a legal footer)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...html_text import html_to_text
from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import VariantScope, visible_text
from ._html import _document, normalised

# --- policy phrases -----------------------------------------------------------------------

def _phrases(table: dict[str, Any], locale: str, language: str) -> list[str]:
    out: list[str] = []
    for key in dict.fromkeys((language, locale, "*")):
        value = table.get(key, [])
        out += [value] if isinstance(value, str) else [str(v) for v in value]
    return [p for p in out if p.strip()]


def _full_text(message: Any) -> str:
    text = visible_text(message)
    if getattr(message, "channel", "") == "email" and message.text_source == "authored":
        text += "\n" + html_to_text(_document(message))  # the HTML body says more
    return text


def _contains(haystack: str, phrase: str) -> bool:
    return normalised(phrase) in normalised(haystack) if normalised(phrase) else False


@rule("policy-phrases", "error", N_("Text the policy forbids or requires"),
      N_("remove the forbidden wording, or add the required text (for example the legal footer)"),
      settings={"forbidden": {}, "required": {}},
      doc="""
Set the lists per language in policy.toml; `forbidden` applies to every channel,
`required` to email (a legal footer has no place in a 160-character SMS):

```toml
[rules.policy-phrases]
forbidden = { en = ["guaranteed", "act now"], he = ["מבצע בלעדי"] }
required = { en = ["Northwind Telecom Ltd"], he = ["נורת׳ווינד תקשורת בע״מ"] }
```
**Violation:** "Act now to keep your line" in an SMS; an English email without
"Northwind Telecom Ltd" in its footer.
**Fix:** "Pay by December 1 to keep your line"; put the company's legal name in the
footer partial so every email carries it.
""")
def policy_phrases(scope: VariantScope) -> Iterator[Issue]:
    """The project's own compliance lists (policy.toml). Forbidden phrases are looked for
    in what the customer reads on every channel (subject, preheader, body, buttons);
    required phrases only in emails. Matching ignores case, punctuation and bidi marks."""
    forbidden = _phrases(scope.settings["forbidden"], scope.locale, scope.language)
    required = (_phrases(scope.settings["required"], scope.locale, scope.language)
                if scope.channel == "email" else [])
    if not (forbidden or required) or not scope.ok:
        return
    texts = [(r.sample, _full_text(r.message)) for r in scope.ok]
    for phrase in forbidden:
        hits = [sample for sample, text in texts if _contains(text, phrase)]
        if hits:
            where = scope.at(phrase)
            yield Issue(msg("Forbidden wording: '{phrase}'", phrase=phrase),
                        sample="" if where["line"] or len(hits) == len(texts) else hits[0],
                        **where)
    for phrase in required:
        misses = [sample for sample, text in texts if not _contains(text, phrase)]
        if misses:
            yield Issue(msg("Required text is missing: '{phrase}'", phrase=phrase),
                        sample="" if len(misses) == len(texts) else misses[0],
                        **scope.at("<mj-body"))
