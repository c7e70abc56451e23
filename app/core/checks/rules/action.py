"""One action per message, over https, to the brand's own domains."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from ...channels.base import Message
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..scopes import VariantScope
from ._text import anchors, links_in_text

BUTTON = re.compile(r"<mj-button\b", re.I)


def _nth(scope: VariantScope, pattern: re.Pattern[str], n: int) -> Where:
    """Where the n-th (0-based) match of ``pattern`` is in the variant's own files."""
    seen = 0
    for path, text in scope.files.items():
        for match in pattern.finditer(text):
            if seen == n:
                line = text.count("\n", 0, match.start()) + 1
                return {"path": path, "line": line,
                        "column": match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1}
            seen += 1
    return scope.at(pattern)


def message_links(scope: VariantScope, message: Message) -> list[str]:
    """Every link the customer can follow in a rendered message."""
    data = message.to_dict()
    if scope.channel == "email":
        return [href for href, _ in anchors(data["html"])]
    if scope.channel == "whatsapp":
        text = "\n".join([data["header"], data["body"], data["footer"]])
        return links_in_text(text) + [b["url"] for b in data["buttons"] if b.get("url")]
    return links_in_text(data["text"])


@rule("single-cta", "error", N_("Exactly one primary action"),
      N_("keep one button for the one thing the customer should do; make the rest plain text"),
      settings={"action_class": "action", "whatsapp_max_url_buttons": 1, "sms_max_links": 1},
      doc="""
**Violation:** an invoice email with "Pay now", "View invoice" and "Update card" buttons, or
with no button at all; an SMS with two links.
**Fix:** keep the one button that matters ("Pay ₪1,234.50"); mention the others as text
links in the footer, or leave them out. An element with `css-class="action"` counts as a
button too.
""")
def single_cta(scope: VariantScope) -> Iterator[Issue]:
    """Email: one ``mj-button`` (or element marked as the action); WhatsApp: at most one
    URL button; SMS: at most one link."""
    settings = scope.settings
    for result in scope.ok[:1]:
        message = result.message
        if scope.channel == "email":
            action = re.escape(settings["action_class"])
            marked = re.compile(rf"<mj-button\b|css-class=\"[^\"]*\b{action}\b", re.I)
            # Buttons in <mj-attributes> set defaults; they are not actions.
            body = re.sub(r"<mj-head\b.*?</mj-head>", "", message.mjml, flags=re.S | re.I)
            count = len(marked.findall(body))
            if count == 0:
                yield Issue(msg("the email has no action button"), **scope.at("<mj-column"),
                            hint=msg("add one <mj-button> for what the customer should do"))
            elif count > 1:
                yield Issue(msg("the email has {count} action buttons; keep one", count=count),
                            **_nth(scope, marked, 1))
        elif scope.channel == "whatsapp":
            urls = [b for b in message.buttons if b.type == "url"]
            limit = settings["whatsapp_max_url_buttons"]
            if len(urls) > limit:
                yield Issue(msg("{count} URL buttons; keep at most {limit}",
                                count=len(urls), limit=limit),
                            **_nth(scope, re.compile(r'type\s*=\s*"url"'), limit),
                            hint=msg("keep one link button for the one thing the customer "
                                     "should do; put other links in the text"))
        else:
            links = links_in_text(message.text)
            limit = settings["sms_max_links"]
            if len(links) > limit:
                yield Issue(msg("the SMS has {count} links; keep at most {limit}",
                                count=len(links), limit=limit),
                            **scope.at(re.compile(r"https?://|\{\{[^}]*url[^}]*\}\}", re.I)),
                            hint=msg("keep one link, for the one thing the customer should do; "
                                     "leave the others out"))


@rule("link-https", "error", N_("Every link is https"),
      N_("use the https:// address; http links are flagged by phones and mail apps"),
      doc="""
**Violation:** `http://northwind.example/pay` — the link can be tampered with and mail
apps warn about it.
**Fix:** `https://northwind.example/pay`. If the address comes from the sample data, the
sending system must give https addresses too.
""")
def link_https(scope: VariantScope) -> Iterator[Issue]:
    """Links use https (mailto: and tel: are fine)."""
    seen: set[str] = set()
    for result in scope.ok:
        for link in message_links(scope, result.message):
            scheme = urlsplit(link).scheme.lower()
            if scheme in ("https", "mailto", "tel", "sms") or link.startswith("{{"):
                continue
            if link in seen:
                continue
            seen.add(link)
            where = scope.at(link.split("?")[0][:60])
            from_data = where["line"] == 0
            yield Issue(msg("link is not https: {link}", link=link),
                        sample=result.sample if from_data else "", **where)


SHORTENERS = ["bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly",
              "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "rb.gy", "t.ly"]


def _host(link: str) -> str:
    return (urlsplit(link if "//" in link else "//" + link).hostname or "").lower()


@rule("link-domain", "warning", N_("Links point to the brand's own domains"),
      N_("link to a domain listed in missive.toml [brand] domains; no link shorteners"),
      settings={"allowed": [], "shorteners": SHORTENERS},
      doc="""
**Violation:** `https://bit.ly/3xY` or `https://pay-northwind.com/...` in a Northwind
message: customers are taught to distrust exactly these links.
**Fix:** `https://northwind.example/pay/...`; add any other domain you really own to
`[brand] domains` in missive.toml.
""")
def link_domain(scope: VariantScope) -> Iterator[Issue]:
    """Hosts must be a brand domain (or a subdomain of one); shorteners are named."""
    config = scope.project.config
    allowed = {d.lower().lstrip(".") for d in (*config.brand.domains,
                                               *scope.settings["allowed"])}
    support = _host(config.sender.support_url)
    if support:
        allowed.add(support)
    shorteners = set(scope.settings["shorteners"])
    seen: set[str] = set()
    for result in scope.ok:
        for link in message_links(scope, result.message):
            if urlsplit(link).scheme.lower() in ("mailto", "tel", "sms"):
                continue
            host = _host(link)
            if not host or host in seen:
                continue
            seen.add(host)
            if host in shorteners:
                yield Issue(msg("link shortener {host}: customers can't see where it goes",
                                host=host), sample=result.sample, **scope.at(host))
            elif allowed and not any(host == d or host.endswith("." + d) for d in allowed):
                yield Issue(msg("{host} is not one of the brand's domains ({domains})",
                                host=host, domains=", ".join(sorted(allowed))),
                            sample=result.sample, **scope.at(host))
