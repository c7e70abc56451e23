"""The proof document: one HTML page that shows every variant a reviewer signs off.

:func:`collect_proof` (:mod:`app.core.proof_data`) renders each selected template ×
locale on every channel with one sample, runs the checks and reads the review status;
:func:`proof_html` turns that into
a self-contained HTML document (a cover page, then one section per template × locale,
laid out ``dir="rtl"`` for right-to-left locales). Emails are embedded as
``<iframe srcdoc>`` at the device's width, so their media queries apply; the page's
own script sizes each iframe to its content before printing. Nothing here imports Qt:
:mod:`app.proof` prints the HTML to PDF, and the tests read the HTML directly.

Every value that comes from the project is escaped with :func:`html.escape`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from html import escape
from typing import Any

from babel import Locale

from ..kernel.channels import channel_names, spec_for
from .checks import Finding
from .devices import DEFAULT_DEVICE, DEVICES
from .model import is_rtl
from .project import Project
from .proof_data import OtherSample, ProofData, Variant, collect_proof, pick_sample
from .proof_email import email_views, frames_html, links_html, number_links
from .proof_review import excerpts, history_html, parts_html, quoted, signatures_cover_html
from .proof_style import CSS as _CSS
from .proof_style import SCRIPT as _SCRIPT
from .resource_hints import disarm_resource_hints
from .review import TemplateReview
from .review.states import state_label
from .review.verification import SignatureCheck

PAGE_MARGINS_MM = (12, 10, 14, 10)  # top, right, bottom, left: app.proof prints with these
PAGE_WIDTH_PX = (210 - PAGE_MARGINS_MM[1] - PAGE_MARGINS_MM[3]) * 96 / 25.4 - 4
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
BUBBLE_NOTE = ("Each paragraph takes the direction of its first letter, as phones show it.")


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def whatsapp_html(text: str) -> str:
    """WhatsApp's formatting as HTML: *bold*, _italic_, ~strike~ and ```monospace```."""
    out = []
    for i, part in enumerate(re.split(r"(```[\s\S]+?```)", text)):
        if i % 2:
            out.append(f"<code>{_e(part[3:-3])}</code>")
            continue
        part = _e(part)
        for mark, tag in (("*", "strong"), ("_", "em"), ("~", "s")):
            m = re.escape(mark)
            part = re.sub(rf"(?<![\w{m}]){m}(?=\S)([^\n]*?\S){m}(?![\w{m}])",
                          rf"<{tag}>\1</{tag}>", part)
        out.append(part)
    return "".join(out)


def _locale_name(locale: str) -> str:
    try:
        loc = Locale.parse(locale.replace("-", "_"))
    except (ValueError, TypeError):
        return locale
    english = loc.get_display_name("en") or locale  # None when CLDR has no name for it
    own = loc.get_display_name(loc) or english
    return english if english == own else f"{english} — {own}"


def _state_label(review: TemplateReview) -> str:
    """The state in words; "Partly approved" when some parts are and none is worse."""
    if review.state == "unreviewed" and review.approved_parts:
        return "Partly approved"
    return state_label(review.state)


def _status_html(review: TemplateReview) -> str:
    label = _state_label(review)
    if review.parts:
        label += f" · {review.approved_parts} of {len(review.parts)} parts approved"
    who = ""
    if review.reviewer:
        who = f" · {_e(review.reviewer)} · {_e(review.time)}"
    note = f'<div class="note"><bdi>{quoted(review.note)}</bdi></div>' if review.note else ""
    comments = (f" · {review.open_comments} open comment"
                f"{'s' if review.open_comments != 1 else ''}" if review.open_comments else "")
    return (f'<div class="status state-{_e(review.state)}"><bdi><b>{_e(label)}</b>{who}'
            f"{comments}</bdi>{note}</div>")


def _findings_html(findings: list[Finding]) -> str:
    if not findings:
        return '<p class="none"><bdi>No findings.</bdi></p>'
    merged: dict[tuple, list[str]] = {}
    for f in sorted(findings, key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.channel,
                                             f.rule, f.where)):
        samples = merged.setdefault((f.severity, f.rule, f.channel, f.message, f.hint,
                                     f.where), [])
        if f.sample and f.sample not in samples:
            samples.append(f.sample)
    rows = []
    for (severity, rule, channel, message, hint, where), samples in merged.items():
        extra = f" · samples: {', '.join(samples)}" if samples else ""
        rows.append(
            f'<li class="sev-{_e(severity)}"><bdi dir="ltr"><span class="sev">{_e(severity)}'
            f"</span> <code>{_e(rule)}</code> {_e(channel or 'template')}: {excerpts(message)}"
            f'</bdi><div class="hint"><bdi dir="ltr">{_e(hint)}</bdi></div>'
            f'<div class="where"><bdi dir="ltr">{_e(where)}{_e(extra)}</bdi></div></li>')
    return f'<ul class="findings">{"".join(rows)}</ul>'


def _email_meta_html(email: dict[str, Any], locale_dir: str) -> str:
    """Subject, Preheader, From, Reply-To and size: every value aligned with the page's
    direction (addresses isolated left-to-right inside it)."""
    rows = [("Subject", email["subject"], "auto"), ("Preheader", email["preheader"], "auto"),
            ("From", email["from"], "ltr"), ("Reply-To", email["reply_to"], "ltr"),
            ("Size", f"{email['size_bytes']:,} bytes · text {email['text_source']}", "ltr")]
    body = "".join(f'<tr><th><bdi>{_e(k)}</bdi></th><td><bdi dir="{d}">{_e(v)}</bdi></td></tr>'
                   for k, v, d in rows)
    return f'<table class="meta" dir="{locale_dir}">{body}</table>'


def _emails_html(email: dict[str, Any], devices: tuple[str, ...], views: bool = True) -> str:
    """The email at each device width with its links numbered and listed; then (``views``)
    the dark-mode and images-off views at phone width and the plain-text part."""
    numbered, links = number_links(disarm_resource_hints(email["html"]))
    frames = [(f"Email · {device}", numbered, DEVICES[device].width) for device in devices]
    out = [frames_html(frames, PAGE_WIDTH_PX, email["subject"]),
           '<h3 class="keep"><bdi>Links in this email</bdi></h3>',
           links_html(links, email.get("dir") == "rtl")]
    if views:
        dark, no_images = email_views(disarm_resource_hints(email["html"]))
        width = DEVICES[DEFAULT_DEVICE].width
        out.append('<h3 class="keep page"><bdi>Dark mode and images off</bdi></h3>')
        out.append(frames_html([(f"Dark mode · {DEFAULT_DEVICE}", dark, width),
                                (f"Images off · {DEFAULT_DEVICE}", no_images, width)],
                               PAGE_WIDTH_PX,
                               email["subject"]))
    out.append('<h3 class="keep"><bdi>Plain-text part</bdi></h3>'
               f'<pre class="plain">{_e(email["text"])}</pre>')
    return "".join(out)


def _sms_html(sms: dict[str, Any]) -> str:
    parts = " + ".join(str(n) for n in sms["part_units"])
    return (f'<figure class="bubble sms"><figcaption><bdi>SMS · from {_e(sms["sender"])}'
            f'</bdi></figcaption><div class="text">{_e(sms["text"])}</div>'
            f'<div class="facts"><bdi dir="ltr">{_e(sms["encoding"])} · {sms["segments"]} '
            f'segment{"s" if sms["segments"] != 1 else ""} · {sms["units"]} units'
            f'{f" ({parts})" if sms["segments"] > 1 else ""}</bdi></div>'
            f'<div class="facts"><bdi dir="ltr">{_e(BUBBLE_NOTE)}</bdi></div></figure>')


def _whatsapp_html(wa: dict[str, Any]) -> str:
    header = f'<div class="wa-header">{_e(wa["header"])}</div>' if wa.get("header") else ""
    footer = f'<div class="wa-footer">{_e(wa["footer"])}</div>' if wa.get("footer") else ""
    buttons = "".join(
        f'<div class="wa-button"><bdi>{_e(b["text"])}</bdi>'
        f'<small dir="ltr">{_e(b.get("url") or b.get("phone") or b["type"])}</small></div>'
        for b in wa.get("buttons", []))
    return (f'<figure class="bubble whatsapp"><figcaption><bdi>WhatsApp · {_e(wa["category"])}'
            f' · {len(wa["parameters"])} parameters</bdi></figcaption>{header}'
            f'<div class="text">{whatsapp_html(wa["body"])}</div>{footer}{buttons}</figure>')


_BUBBLES = {"sms": _sms_html, "whatsapp": _whatsapp_html}


def _bubble_html(channel: str, message: dict[str, Any]) -> str:
    """A channel's bubble; one without a bubble of its own shows its text under its label."""
    make = _BUBBLES.get(channel)
    if make is not None:
        return make(message)
    spec = spec_for(channel)
    return (f'<figure class="bubble {_e(channel)}"><figcaption><bdi>{_e(spec.label)}</bdi>'
            f'</figcaption><div class="text">{_e(spec.as_text(message))}</div></figure>')


def _bubbles_html(messages: dict[str, dict[str, Any]]) -> str:
    """Every channel that is not a document (an email) as a phone bubble, in order."""
    return "".join(_bubble_html(ch, messages[ch]) for ch in channel_names()
                   if ch in messages and not spec_for(ch).html_fields)


def _errors_html(errors: dict[str, str]) -> str:
    return "".join(f'<div class="render-error" dir="ltr">{_e(ch)} does not render: {_e(msg)}'
                   f"</div>" for ch, msg in errors.items())


def _other_html(v: Variant, other: OtherSample, direction: str) -> str:
    """Another sample on one page: the email at phone width beside its subject, preheader,
    SMS, WhatsApp, links and plain text."""
    email = other.messages.get("email")
    side = [_errors_html(other.errors)]
    frame = ""
    if email:
        numbered, links = number_links(disarm_resource_hints(email["html"]))
        frame = frames_html([(f"Email · {DEFAULT_DEVICE}", numbered,
                              DEVICES[DEFAULT_DEVICE].width)], PAGE_WIDTH_PX, email["subject"])
        side += [f'<table class="meta"><tr><th><bdi>Subject</bdi></th><td><bdi>'
                 f'{_e(email["subject"])}</bdi></td></tr><tr><th><bdi>Preheader</bdi></th>'
                 f'<td><bdi>{_e(email["preheader"])}</bdi></td></tr></table>']
    side.append(f'<div class="bubbles stacked">{_bubbles_html(other.messages)}</div>')
    plain = ""
    if email:
        side += ['<h3 class="keep"><bdi>Links in this email</bdi></h3>',
                 links_html(links, direction == "rtl")]
        plain = ('<h3 class="keep"><bdi>Plain-text part</bdi></h3>'
                 f'<pre class="plain two-columns">{_e(email["text"])}</pre>')
    return f"""
  <section class="other" dir="{direction}" lang="{_e(v.locale)}">
    <h3><bdi>{_e(v.template.title)}</bdi> · <bdi dir="ltr">{_e(v.locale)} · sample
      <code>{_e(other.name)}</code></bdi></h3>
    <div class="sample-row"><div class="sample-email">{frame}</div>
      <div class="sample-side">{"".join(side)}</div></div>
    {plain}
  </section>"""


def _variant_html(v: Variant, review: TemplateReview, devices: tuple[str, ...],
                  checks: dict[str, SignatureCheck] | None = None) -> str:
    direction = "rtl" if is_rtl(v.locale) else "ltr"
    t = v.template
    email = v.messages.get("email")
    emails = _emails_html(email, devices) if email and devices else ""
    others = "".join(_other_html(v, other, direction) for other in v.others)
    other_names = ", ".join(o.name for o in v.others)
    return f"""
<section class="variant" dir="{direction}" lang="{_e(v.locale)}">
  <header class="variant-head">
    <h2><bdi>{_e(t.title)}</bdi></h2>
    <div class="ids"><bdi dir="ltr"><code>{_e(t.id)}</code> · {_e(_locale_name(v.locale))}
      · {_e(v.locale)} · {direction} · {_e(t.category)} · sample
      <code>{_e(v.sample or "none")}</code>{f" · also: {_e(other_names)}" if other_names
                                             else ""}</bdi></div>
    {_status_html(review)}
  </header>
  {parts_html(v.parts, checks or {}) if v.parts else ""}
  {_errors_html(v.errors)}
  {_email_meta_html(email, direction) if email else ""}
  <h3><bdi>Findings</bdi></h3>
  {_findings_html(v.findings)}
  <h3><bdi>Comments</bdi></h3>
  {history_html(v.threads)}
  <div class="bubbles">{_bubbles_html(v.messages)}</div>
  {emails}
</section>{others}"""


def _overrides_html(data: ProofData) -> str:
    rows = [f"<li><code>{_e(t)}/{_e(p.key)}</code> · {_e(p.reviewer)}: {quoted(p.override)}"
            f"</li>" for t, r in data.reviews.items() for p in r.parts if p.override]
    if not rows:
        return ""
    return ('<h2>Approved despite check errors</h2>'
            f'<ul class="overrides">{"".join(rows)}</ul>')


def _cover_html(data: ProofData) -> str:
    rows = []
    for template_id, r in data.reviews.items():
        approved = r.approved_hash if r.approved_hash else "—"
        note = f'<div class="note">note {quoted(r.note)}</div>' if r.note else ""
        rows.append(
            f'<tr class="state-{_e(r.state)}"><td><code>{_e(template_id)}</code></td>'
            f"<td>{_e(_state_label(r))}</td><td>{_e(r.reviewer or '—')}"
            f'</td><td class="time">{_e(r.time or "—")}</td><td>{r.open_comments}</td></tr>'
            f'<tr class="hashes"><td></td><td colspan="4">{note}<div>now <code>'
            f"{_e(r.current_hash)}</code></div><div>approved <code>{_e(approved)}</code></div>"
            f"</td></tr>")
    counts = {s: sum(f.severity == s for v in data.variants for f in v.findings)
              for s in SEVERITY_ORDER}
    locales = sorted({v.locale for v in data.variants}, key=[v.locale for v in
                                                              data.variants].index)
    wide = _findings_html(data.project_findings) if data.project_findings else ""
    return f"""
<section class="cover" dir="ltr" lang="en">
  <h1>Proof · {_e(data.project_name)}</h1>
  <table class="facts">
    <tr><th>Generated</th><td>{_e(data.generated.isoformat())}</td></tr>
    <tr><th>Missive Studio</th><td>{_e(data.version)}</td></tr>
    <tr><th>Templates</th><td>{len(data.reviews)}</td></tr>
    <tr><th>Locales</th><td>{_e(", ".join(locales))}</td></tr>
    <tr><th>Email devices</th><td>{_e(", ".join(f"{d} ({DEVICES[d].width} px)"
                                                 for d in data.devices))}</td></tr>
    <tr><th>Findings</th><td>{counts["error"]} errors · {counts["warning"]} warnings ·
      {counts["info"]} infos</td></tr>
    <tr><th>Not rendered</th><td>{data.failures}</td></tr>
  </table>
  <h2>Approvals and content hashes</h2>
  <table class="approvals">
    <tr><th>Template</th><th>State</th><th>Reviewer</th><th>Time</th>
      <th>Open comments</th></tr>
    {"".join(rows)}
  </table>
  <p class="explain">An approval is given to a template, a locale or a channel of it, and
  is bound to the rendered output of every sample there (subject, preheader, HTML, text,
  SMS, WhatsApp components and parameters). "Approved" means every part renders now
  exactly as when it was approved; remote images and fonts are not loaded in this
  proof.</p>
  <h2>Signatures</h2>
  {signatures_cover_html(data.signatures)}
  {_overrides_html(data)}
  {wide}
</section>"""


def proof_html(data: ProofData) -> str:
    """The whole proof as one HTML document (print it with :mod:`app.proof`)."""
    footer = f"{data.project_name} · proof {data.generated.isoformat()}"
    footer = " ".join(footer.split()).replace("\\", "\\\\").replace('"', '\\"')
    margins = " ".join(f"{m}mm" for m in PAGE_MARGINS_MM)
    css = _CSS.replace("@FOOTER@", footer).replace("@MARGINS@", margins)
    checks = {c.event: c for mine in data.signatures.values() for c in mine}
    sections = "".join(_variant_html(v, data.reviews[v.template.id], data.devices, checks)
                       for v in data.variants)
    return (f'<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
            f"<title>Proof · {_e(data.project_name)}</title><style>{_e_css(css)}</style>"
            f"<script>{_SCRIPT}</script></head><body>{_cover_html(data)}{sections}</body></html>")


def _e_css(css: str) -> str:
    # The footer text is user content inside a <style>: keep it from closing the element.
    return css.replace("</", "<\\/")


def build_proof(project: Project, templates: Sequence[str] | None = None,
                devices: Sequence[str] | None = None,
                sample: str | Sequence[str] | None = None,
                now: dt.datetime | None = None) -> tuple[str, ProofData]:
    """Collect and lay out the proof; returns the HTML and the data it shows."""
    data = collect_proof(project, templates, devices, sample, now)
    return proof_html(data), data


__all__ = ["ProofData", "Variant", "build_proof", "collect_proof", "pick_sample",
           "proof_html", "whatsapp_html"]
