"""The email channel: subject, preheader, HTML body and its plain-text alternative."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..bidi import strip_markers
from .spec import N_, BundleView, ChannelSpec


@dataclass
class Email:
    """A rendered email: subject, preheader, final HTML, plain text and the envelope."""

    subject: str
    preheader: str
    html: str
    text: str
    from_: str
    reply_to: str
    lang: str
    dir: str
    text_source: str
    channel: str = "email"

    def to_dict(self) -> dict[str, Any]:
        """JSON form: subject, preheader, html, text, from, reply_to, lang, dir, text_source."""
        return {"subject": self.subject, "preheader": self.preheader, "html": self.html,
                "text": self.text, "from": self.from_, "reply_to": self.reply_to,
                "lang": self.lang, "dir": self.dir, "text_source": self.text_source}


def render(view: BundleView, files: Mapping[str, str], context: dict[str, Any]) -> Email:
    """Subject and preheader first (the body may show them), then the body and its text."""
    info = context["message"]
    subject = view.render_file(files["subject"], context).strip()
    view.header_value("subject", subject, files["subject"])
    preheader = view.render_file(files["preheader"], context).strip()
    info["subject"] = subject
    info["preheader"] = preheader
    html = view.render_file(files["body"], context)
    view.check_html(html, files["body"])
    if "text" in files:
        text, source = view.render_file(files["text"], context).strip(), "authored"
    else:
        text, source = view.html_text(html), "derived"
    sender = view.manifest["sender"]
    return Email(subject=subject, preheader=preheader, html=html, text=text,
                 from_=sender.get("email_from", ""), reply_to=sender.get("email_reply_to", ""),
                 lang=info["lang"], dir=info["dir"], text_source=source)


def as_text(d: Mapping[str, Any]) -> str:
    """The envelope, subject and preheader, then the plain text."""
    return (f"From: {d['from']}\nReply-To: {d['reply_to']}\nSubject: {d['subject']}\n"
            f"Preheader: {d['preheader']}\n\n{d['text']}")


def gist(d: Mapping[str, Any]) -> str:
    """Its size and subject."""
    return f"{d['size_bytes'] // 1024} KB  {strip_markers(d['subject'])}"


SPEC = ChannelSpec(
    name="email",
    label=N_("Email"),
    files=("email.mjml", "email.toml"),
    message=Email,
    bundle_files={"subject": "subject.txt", "preheader": "preheader.txt", "body": "body.html",
                  "text": "text.txt"},
    main_role="body",
    golden_fields=("subject", "preheader", "text", "from", "reply_to"),
    output_fields=("subject", "preheader", "html", "text", "from", "reply_to"),
    render=render,
    sender_field="email_from",
    html_fields=("html",),
    as_text=as_text,
    gist=gist,
    by_default=True,
)
