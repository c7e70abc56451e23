"""Consent and flooding: promotions carry an opt-out; channels follow a strategy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import TemplateScope, VariantScope
from ._text import anchors


def _words(settings: dict, key: str, language: str) -> list[str]:
    table = settings[key]
    return table.get(language, []) + table.get("en", [])


@rule("opt-out", "error", N_("Promotional messages carry an opt-out"),
      N_("add an unsubscribe link (email), a STOP instruction (SMS); file WhatsApp as marketing"),
      settings={
          "email_words": {"en": ["unsubscribe", "preferences", "opt out", "opt-out"],
                          "he": ["הסרה", "להסרה", "העדפות", "ביטול הרשמה"],
                          "ar": ["إلغاء الاشتراك", "التفضيلات", "إيقاف"]},
          "sms_words": {"en": ["STOP"], "he": ["הסר", "להסרה"], "ar": ["إيقاف", "الغاء"]},
      },
      doc="""
**Violation:** a marketing email with no unsubscribe link; an operational invoice that adds
"20% off your next upgrade" (mark it `promotional = true`) and has no opt-out; a promotional
SMS without "Reply STOP to opt out".
**Fix:** add an unsubscribe / preferences link to the email footer and "STOP to opt out" to
the SMS; on WhatsApp, promotional content must be a `marketing` template.
""")
def opt_out(scope: VariantScope) -> Iterator[Issue]:
    """Applies to category "marketing" and to templates marked ``promotional = true``."""
    template = scope.template
    if template.category != "marketing" and not template.promotional:
        return
    for result in scope.ok[:1]:
        message = result.message
        if scope.channel == "email":
            words = [w.lower() for w in _words(scope.settings, "email_words", scope.language)]
            found = any(any(w in (text + " " + href).lower() for w in words)
                        for href, text in anchors(message.html))
            if not found:
                yield Issue(msg("promotional email without an unsubscribe or preferences link"),
                            **scope.at("</mj-body>"))
        elif scope.channel == "sms":
            words = _words(scope.settings, "sms_words", scope.language)
            if not any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", message.text) for w in words):
                yield Issue(msg("promotional SMS without a STOP instruction"),
                            **scope.at(re.compile(r"\S")))
        elif scope.channel == "whatsapp" and message.category != "MARKETING":
            yield Issue(msg("promotional content sent as {category} on WhatsApp; Meta "
                            "requires the MARKETING category", category=message.category),
                        path=scope.rel(template.source_path), line=0, column=0)


@rule("channel-flooding", "warning", N_("Several channels follow a strategy, not all at once"),
      N_("add [strategy] primary and fallback = [{channel = \"sms\", after = \"4h\"}]"),
      scope="template",
      doc="""
**Violation:** `channels = ["email", "sms", "whatsapp"]` with no `[strategy]`: the customer
gets the same news three times within a minute.
**Fix:** `[strategy] primary = "email"` and `fallback = [{ channel = "sms", after = "24h" }]`
— the SMS goes only if the email wasn't read in a day. Every fallback needs a delay.
""")
def channel_flooding(scope: TemplateScope) -> Iterator[Issue]:
    """Multi-channel templates name a primary channel and delayed fallbacks for the rest."""
    template = scope.template
    if len(template.channels) < 2:
        return
    strategy = template.strategy
    path = scope.path
    if not strategy.primary:
        yield Issue(msg("sent on {channels} at once: no [strategy] primary",
                        channels=", ".join(template.channels)),
                    path=path)
        return
    covered = {strategy.primary} | {f.channel for f in strategy.fallback}
    for fallback in strategy.fallback:
        if not fallback.after:
            yield Issue(msg("the {channel} fallback has no delay ('after')",
                            channel=fallback.channel), path=path)
    missing = [c for c in template.channels if c not in covered]
    if missing:
        yield Issue(msg("{channels} not in the strategy: sent together with {primary}",
                        channels=", ".join(missing), primary=strategy.primary), path=path)
