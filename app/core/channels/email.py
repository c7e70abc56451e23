"""The email channel: subject and preheader from email.toml, body from email.mjml.

Jinja → MJML → CSS inlining (only ``mj-style inline``) → html5lib parse (errors
reported) → plain-text alternative (the authored ``text`` in email.toml, else derived
from the HTML).

The HTML is ready before the parse: the studio paints it first, and the parse errors and
the derived plain text are computed on first use, from one parse that the checks share
(:attr:`EmailMessage.document`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from ...kernel.bidi import markers_to_html, tidy_urls
from ...kernel.errors import ContentError
from ...kernel.html_depth import check_depth, check_sections
from ..email_pipeline import (
    compile_mjml,
    ensure_root_attributes,
    inline_css,
    mirror_columns,
    take_inline_styles,
)
from ..html_text import ParseIssue, html_to_text, mjml_html_issues, parse_html
from ..model import Template
from ..templating import read_project_file
from .base import BundleExport, Message, RenderJob, StudioChannel

EMAIL_TOML_KEYS = ("subject", "preheader", "text")


@dataclass
class EmailMessage:
    """A rendered email, as the customer's mail client will get it.

    ``text`` and ``parse_errors`` are computed on first use from one html5lib parse
    (``document``); ``authored_text`` is the text of email.toml, when there is one.
    """

    subject: str
    preheader: str
    html: str
    from_: str
    reply_to: str
    lang: str
    dir: str
    mjml: str = ""
    text_source: str = "derived"
    authored_text: str | None = None
    timings: dict[str, float] = field(default_factory=dict)
    channel: str = "email"
    _parsed: tuple[Element, list[ParseIssue], str] | None = field(
        default=None, init=False, repr=False, compare=False)

    def _parse(self) -> tuple[Element, list[ParseIssue], str]:
        if self._parsed is None:
            start = time.perf_counter()
            document, issues = parse_html(self.html)
            issues = mjml_html_issues(self.mjml) + issues
            text = self.authored_text if self.authored_text is not None \
                else html_to_text(document)
            self._parsed = (document, issues, text)
            self.timings["parse"] = time.perf_counter() - start
        return self._parsed

    @property
    def document(self) -> Element:
        """The final HTML parsed as a browser would (html5lib), parsed once."""
        return self._parse()[0]

    @property
    def parse_errors(self) -> list[ParseIssue]:
        """html5lib's parse errors: in the HTML inside MJML's ending tags, then the HTML."""
        return self._parse()[1]

    @property
    def text(self) -> str:
        """The plain-text alternative: authored in email.toml, else derived from the HTML."""
        return self._parse()[2]

    @property
    def parsed(self) -> bool:
        """Whether the parse (text, parse errors) has been done."""
        return self._parsed is not None

    @property
    def size_bytes(self) -> int:
        """Size of the HTML in UTF-8, the figure Gmail clips at (about 102 KB)."""
        return len(self.html.encode("utf-8"))

    def to_dict(self, complete: bool = True) -> dict[str, Any]:
        """The documented JSON form (docs/cli.md); ``complete=False`` leaves out ``text``
        and ``parse_errors`` when they have not been computed yet (to paint first)."""
        parsed = complete or self.parsed
        data: dict[str, Any] = {
            "subject": self.subject,
            "preheader": self.preheader,
            "html": self.html,
        }
        if parsed:
            data["text"] = self.text
        data.update({
            "from": self.from_,
            "reply_to": self.reply_to,
            "lang": self.lang,
            "dir": self.dir,
            "size_bytes": self.size_bytes,
            "text_source": self.text_source,
        })
        if parsed:
            data["parse_errors"] = [issue.to_dict() for issue in self.parse_errors]
        return data


def _one_line(job: RenderJob, toml_text: str, key: str, value: str) -> None:
    """A header value with a line break would end the header there (and could add new
    ones, such as Bcc): refuse it where it is written."""
    if "\r" in value or "\n" in value:
        origin = job.origin("email.toml", toml_text, (key,))
        raise ContentError(f"the {key} has a line break (CR/LF), which would start a new email "
                           f"header: {value[:60]!r}", path=origin.path,
                           line=origin.line, column=origin.column,
                           hint="a header is one line: remove the line break from the "
                                "text or the data")


class EmailChannel(StudioChannel):
    """Renders ``email.toml`` + ``email.mjml``."""

    name = "email"

    def render(self, job: RenderJob) -> EmailMessage:
        """Render the email for one data set."""
        timings: dict[str, float] = {}
        start = time.perf_counter()
        fields, toml_text = job.read_toml("email.toml", EMAIL_TOML_KEYS)
        subject = job.render_field("email.toml", toml_text, ("subject",),
                                   str(fields.get("subject", ""))).strip()
        preheader = job.render_field("email.toml", toml_text, ("preheader",),
                                     str(fields.get("preheader", ""))).strip()
        for key, value in (("subject", subject), ("preheader", preheader)):
            _one_line(job, toml_text, key, value)
        info = job.context["message"]
        info["subject"] = subject
        info["preheader"] = preheader
        body_name = job.name("email.mjml")
        source = job.engine.render_file(body_name, job.context)
        source = ensure_root_attributes(source, info["lang"], info["dir"])
        source = markers_to_html(tidy_urls(source, info["rtl"]))
        authored = None
        if fields.get("text"):
            authored = job.render_field("email.toml", toml_text, ("text",),
                                        str(fields["text"])).strip()
        timings["jinja"] = time.perf_counter() - start

        start = time.perf_counter()
        sources = {str(job.path("email.mjml")): read_project_file(job.engine, body_name)}
        check_depth(source, str(job.path("email.mjml")))
        check_sections(source, str(job.path("email.mjml")))
        compiled, css = take_inline_styles(source)
        html = compile_mjml(compiled, fonts=job.config.fonts,
                            path=str(job.path("email.mjml")), sources=sources)
        if info["rtl"]:
            html = mirror_columns(html)
        timings["mjml"] = time.perf_counter() - start

        start = time.perf_counter()
        html = inline_css(html, css)
        timings["inline"] = time.perf_counter() - start

        return EmailMessage(
            subject=subject, preheader=preheader, html=html,
            from_=job.config.sender.email_from, reply_to=job.config.sender.email_reply_to,
            lang=info["lang"], dir=info["dir"], mjml=source,
            text_source="authored" if authored is not None else "derived",
            authored_text=authored, timings=timings,
        )

    def bundle_sources(self, export: BundleExport, template: Template,
                       locale: str) -> dict[str, str | bytes]:
        """Subject, preheader, compiled body and (if authored) plain text."""
        return dict(export.builder.email(template, locale))

    def golden_files(self, export: BundleExport, template: Template, locale: str,
                     sample: str, data: dict[str, Any],
                     message: Message) -> dict[str, tuple[str, str | bytes]]:
        """The HTML in a file of its own, the message as the customer's client gets it
        (``.eml``), then the JSON render without the HTML."""
        from ..export.eml import golden_eml

        rendered = message.to_dict()
        eml = golden_eml(message, data, template=template, locale=locale, sample=sample,
                         date=export.moment,
                         project_unsubscribe_url=export.project.config.sender.unsubscribe_url)
        rest = {k: v for k, v in rendered.items() if k not in ("html", "parse_errors")}
        return {"html": (".html", rendered["html"]), "eml": (".eml", eml),
                "json": (".json", export.json(rest))}


CHANNEL = EmailChannel()
