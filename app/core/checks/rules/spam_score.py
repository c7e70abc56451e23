"""spam-score: each email variant's complete MIME message scored by the real SpamAssassin.

A template rule, so all of a template's email variants are scored in one parallel batch
(:mod:`app.core.spamassassin`: worker processes, cached by message hash). The message is
the golden ``.eml`` of each sample whose locale is the variant's (all samples when none
is), with the Date set to today so the cache holds for the day.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator

from ... import spamassassin
from ...export.eml import golden_eml
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..scopes import Rendered, TemplateScope, VariantScope
from ._spam_text import EXPLAINED, GENERIC, RTL_CAPS, RTL_CAPS_HINT

_CAPS_RULES = frozenset({"SUBJ_ALL_CAPS"})


def _renders(variant: VariantScope) -> list[Rendered]:
    ok = variant.ok
    own = [r for r in ok
           if str(variant.project.samples[r.sample].locale or "") == variant.locale]
    return own or ok


def _caseless(subject: str) -> bool:
    """True when the subject is Hebrew or Arabic and no letter in it is lower case (its
    Latin letters, if any, are codes such as INV): SpamAssassin then sees capitals only."""
    letters = [c for c in subject if c.isalpha()]
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in letters) and not any(
        c.islower() for c in letters)


@rule("spam-score", "warning", N_("Spam filters would not flag the email"),
      N_("fix the rules that fired (each finding says how), then check again"),
      scope="template", settings={"warn_at": 2.5, "error_at": 5.0},
      doc="""
**Violation:** SpamAssassin (run offline, `spamassassin -L -t`) gives the email 4.5
points: no `To` line with a `Reply-To` (2.4), text coloured like its background (0.7, MJML's
hidden preheader in white), … At 5 points most filters file it as spam.
**Fix:** each finding names the rule, says what it means and what to change. The total is a
warning from `warn_at` (2.5) and an error from `error_at` (5). Hebrew and Arabic subjects
trip SUBJ_ALL_CAPS (0.5) because those scripts have no lower case: the finding explains it
and asks for no change. Without SpamAssassin installed one info finding says how to
install it (`sudo apt-get install spamassassin`; `make test` installs it) and nothing fails.
The message scored is each sample's golden `.eml` (the samples of the variant's locale, all
samples when none is), scored by several `spamassassin -L -t` processes at once (local
tests only: no DNS, no SPF/DKIM/DMARC) and cached by message hash in
`~/.cache/missive-studio/spamassassin`, so an unchanged project is checked instantly.
""")
def spam_score(scope: TemplateScope) -> Iterator[Issue]:
    """email-rules.md, "Offline spam scoring": SpamAssassin's set-0 scores, local tests only
    (``-L`` cannot check SPF, DKIM or DMARC)."""
    variants = [v for (_, channel), v in sorted(scope.variants.items())
                if channel == "email" and v.present and v.ok]
    if not variants:
        return
    where: Where = {"path": scope.path, "line": 1, "column": 1}
    if spamassassin.executable() is None:
        if scope.template.id != _first_email_template(scope):
            return  # one finding for the whole project is enough
        yield Issue(msg("SpamAssassin is not installed, so the spam score was not checked: "
                        "install it with {command}", command=spamassassin.INSTALL_HINT),
                    severity="info", **where)
        return
    today = dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    unsubscribe = scope.project.config.sender.unsubscribe_url
    jobs: list[tuple[VariantScope, Rendered, bytes]] = []
    for variant in variants:
        for render in _renders(variant):
            data = scope.project.samples[render.sample].data
            jobs.append((variant, render, golden_eml(
                render.message, data, template=scope.template, locale=variant.locale,
                sample=render.sample, date=today, project_unsubscribe_url=unsubscribe)))
    reports = spamassassin.score_messages([m for _, _, m in jobs])
    warn_at, error_at = scope.settings["warn_at"], scope.settings["error_at"]
    by_variant: dict[str, list[tuple[Rendered, spamassassin.SpamReport]]] = {}
    for (variant, render, _), report in zip(jobs, reports, strict=True):
        if report is not None:
            by_variant.setdefault(variant.locale, []).append((render, report))
    for variant in variants:
        scored = by_variant.get(variant.locale)
        at: Where = {"locale": variant.locale, "channel": "email", **_toml(variant)}
        if not scored:
            yield Issue(msg("SpamAssassin could not score this email"), severity="info", **at)
            continue
        worst_render, worst = max(scored, key=lambda pair: pair[1].score)
        severity = ("error" if worst.score >= error_at else
                    "warning" if worst.score >= warn_at else "info")
        differ = len({report.score for _, report in scored}) > 1
        yield Issue(msg("Spam score {score} (SpamAssassin, offline; {limit:g} is spam)",
                        score=_points(worst.score), limit=error_at), severity=severity,
                    sample=worst_render.sample if differ else "", **at)
        yield from _explained(variant, scored, at)


def _first_email_template(scope: TemplateScope) -> str:
    ids = [t for t in sorted(scope.project.templates)
           if "email" in scope.project.templates[t].channels]
    return ids[0] if ids else ""


def _points(value: float) -> str:
    return f"{abs(value) if abs(value) < 0.05 else value:.1f}"


def _toml(variant: VariantScope) -> Where:
    for path in variant.files:
        if path.endswith("email.toml"):
            return {"path": path, "line": 1, "column": 1}
    return {"path": next(iter(variant.files), ""), "line": 0, "column": 0}


def _explained(variant: VariantScope,
               scored: list[tuple[Rendered, spamassassin.SpamReport]],
               at: Where) -> Iterator[Issue]:
    seen: dict[str, tuple[spamassassin.Hit, list[str], str]] = {}
    for render, report in scored:
        for hit in report.hits:
            if abs(hit.points) < 0.05:
                continue  # informational (no Received header in a message never relayed)
            entry = seen.setdefault(hit.rule, (hit, [], render.message.subject))
            entry[1].append(render.sample)
    for name, (hit, samples, subject) in sorted(seen.items()):
        sample = samples[0] if len(samples) < len(scored) else ""
        points = _points(hit.points)
        if name in _CAPS_RULES and variant.rtl and _caseless(subject):
            yield Issue(msg(RTL_CAPS, points=points), hint=msg(RTL_CAPS_HINT),
                        severity="info", sample=sample, **at)
            continue
        if name in EXPLAINED:
            text, fix = EXPLAINED[name]
            message = msg(text, points=points)
        else:
            text, fix = GENERIC
            message = msg(text, rule=name, points=points, description=hit.description)
        yield Issue(message, hint=msg(fix), severity="info", sample=sample, **at)
