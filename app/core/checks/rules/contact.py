"""reply-channel: the customer can answer the message or reach a person."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import VariantScope
from ._text import anchors, links_in_text

NO_REPLY = re.compile(r"no[-_.]?reply|do[-_.]?not[-_.]?reply|dont[-_.]?reply|no[-_.]?answer"
                      r"|noresponse|no[-_.]?response", re.I)
PHONE = re.compile(r"(?:\+|(?<![\w-])0)\d[\d\s().\-]{6,}\d")
SUPPORT_WORDS = re.compile(r"help|support|contact|service|care", re.I)


def _address(value: str) -> str:
    match = re.search(r"<([^>]+)>", value)
    return (match.group(1) if match else value).strip()


def _language_words(settings: dict, key: str, language: str) -> list[str]:
    table = settings.get(key, {})
    return [w.lower() for w in table.get(language, table.get("en", []))]


def _has_contact(text: str, links: list[str], scope: VariantScope) -> str:
    """What in the message lets the customer reach a person ("" when nothing does)."""
    support = scope.project.config.sender.support_url
    for link in links:
        lowered = link.lower()
        if lowered.startswith("tel:") or "wa.me/" in lowered or lowered.startswith("mailto:"):
            return link
        if support and link.rstrip("/").startswith(support.rstrip("/")):
            return link
        if SUPPORT_WORDS.search(link):
            return link
    match = PHONE.search(text)
    return match.group(0) if match else ""


@rule("reply-channel", "error", N_("The customer can reply or reach a person"),
      N_("give a real reply-to mailbox, a support link or a phone number"),
      settings={
          "reply_words": {
              "en": ["reply", "respond", "answer", "call us", "contact us"],
              "he": ["להשיב", "השיבו", "השב", "תשובה", "להתקשר", "צרו קשר"],
              "ar": ["رُدّ", "رد", "الرد", "ردّ", "اتصل", "تواصل"],
          },
      },
      doc="""
**Violation:** the email comes from `noreply@northwind.example` with no reply-to, and the
text offers no link or number to reach anyone; an SMS from the alphanumeric sender
"Northwind" says "Reply to this text" (nobody can answer an alphanumeric sender).
**Fix:** set `email_reply_to` to a mailbox a person reads, or add the help-centre link or a
phone number to the message; for SMS send from a number that takes replies, or give a
phone number or support link instead of "reply".
""")
def reply_channel(scope: VariantScope) -> Iterator[Issue]:
    """No dead ends: a no-reply sender needs another way to reach a person in the message.

    Email: From or Reply-To matching noreply/no-reply/donotreply/… is an error unless the
    message carries a support link, phone, WhatsApp or mailto link. SMS: the text asks for
    a reply (only if the sender can receive one: alphanumeric sender IDs can't), or gives a
    phone number or support link. WhatsApp: the chat itself takes replies, but the text or a
    button must say how to get help; Meta's fixed authentication text is exempt.
    """
    sender = scope.project.config.sender
    for result in scope.ok[:1]:
        message = result.message
        if scope.channel == "email":
            dead = [a for a in (sender.email_from, sender.email_reply_to)
                    if a and NO_REPLY.search(_address(a))]
            reply_to = _address(sender.email_reply_to)
            if not dead and reply_to:
                return
            links = [href for href, _ in anchors(message.html)]
            if _has_contact(message.text, links, scope):
                return
            if dead:
                problem = msg("'{address}' is a no-reply address and the email offers no other "
                              "way to reach a person", address=_address(dead[0]))
            else:
                problem = msg("there is no reply-to address and the email offers no other way "
                              "to reach a person")
            yield Issue(problem, path=scope.rel(scope.project.root / "missive.toml"),
                        line=_toml_line(scope, "email_from" if dead and
                                        dead[0] == sender.email_from else "email_reply_to"),
                        column=1)
        elif scope.channel == "sms":
            text = message.text
            words = _language_words(scope.settings, "reply_words", scope.language)
            can_reply = not re.search(r"[A-Za-z]", sender.sms_sender or "x")
            asks_reply = any(w in text.lower() for w in words)
            if _has_contact(text, links_in_text(text), scope) or (asks_reply and can_reply):
                return
            if asks_reply:
                yield Issue(msg("the SMS asks for a reply, but the sender '{sender}' is "
                                "alphanumeric and can't receive one", sender=sender.sms_sender),
                            **scope.at(re.compile("|".join(re.escape(w) for w in words), re.I)),
                            hint=msg("send from a number that takes replies, or give a phone "
                                     "number or support link"))
            else:
                yield Issue(msg("the SMS gives no way to reply or reach a person"),
                            **scope.at(re.compile(r"\S")),
                            hint=msg("add a phone number or a support link, or ask for a reply "
                                     "if the SMS is sent from a number that takes them"))
        elif scope.channel == "whatsapp":
            if scope.template.category == "authentication":
                return
            data = message.to_dict()
            text = "\n".join([data["header"], data["body"], data["footer"]])
            words = _language_words(scope.settings, "reply_words", scope.language)
            kinds = {b["type"] for b in data["buttons"]}
            links = links_in_text(text) + [b.get("url", "") for b in data["buttons"]]
            if (kinds & {"phone", "quick_reply"} or any(w in text.lower() for w in words)
                    or _has_contact(text, links, scope)):
                return
            yield Issue(msg("the WhatsApp message doesn't tell the customer how to get help"),
                        **scope.at("body"),
                        hint=msg("say they can reply in this chat, or add a phone number or a "
                                 "support link"))


def _toml_line(scope: VariantScope, key: str) -> int:
    try:
        text = (scope.project.root / "missive.toml").read_text(encoding="utf-8")
    except OSError:
        return 0
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{key}\s*=", line):
            return number
    return 0
