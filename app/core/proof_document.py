"""The proof document: one HTML page that shows every variant a reviewer signs off.

:func:`collect_proof` renders each selected template × locale on every channel with one
sample, runs the checks and reads the review status; :func:`proof_html` turns that into
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
from dataclasses import dataclass, field
from html import escape
from typing import Any

from babel import Locale

from .. import __version__
from .checks import Finding, run_checks
from .errors import MissiveError
from .model import Sample, Template, is_rtl
from .project import Project
from .render import Renderer
from .resource_hints import disarm_resource_hints
from .review import ReviewStore, TemplateReview

DEVICES: dict[str, int] = {"phone": 375, "desktop": 640}  # viewport widths in CSS px
PAGE_MARGINS_MM = (12, 10, 14, 10)  # top, right, bottom, left: app.proof prints with these
PAGE_WIDTH_PX = (210 - PAGE_MARGINS_MM[1] - PAGE_MARGINS_MM[3]) * 96 / 25.4 - 4
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
BUBBLE_NOTE = ("Each paragraph takes the direction of its first letter, as phones show it.")
STATE_LABELS = {
    "unreviewed": "Not reviewed",
    "approved": "Approved",
    "changes_requested": "Changes requested",
    "changed_since_approval": "Changed since approval",
}


@dataclass
class Variant:
    """One template × locale: its renders (or errors) per channel, findings and comments."""

    template: Template
    locale: str
    sample: str
    messages: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    comments: list[tuple[str, str, str]] = field(default_factory=list)  # author, where, text


@dataclass
class ProofData:
    """Everything the proof shows, gathered from the core (no HTML yet)."""

    project_name: str
    generated: dt.datetime
    version: str
    devices: tuple[str, ...]
    reviews: dict[str, TemplateReview]
    variants: list[Variant]
    project_findings: list[Finding] = field(default_factory=list)

    @property
    def failures(self) -> int:
        """How many messages did not render."""
        return sum(len(v.errors) for v in self.variants)


def pick_sample(project: Project, locale: str, name: str | None = None) -> Sample | None:
    """The sample a locale is shown with: ``name`` if given, else the fullest of its locale.

    Among the samples that name the locale, the one with the most data keys wins (ties by
    name), so an edge-case sample (a missing first name) is not the one on record.
    """
    if name:
        return project.sample(name)
    samples = sorted(project.samples.values(), key=lambda s: s.name)
    own = [s for s in samples if s.locale == locale] or samples
    return max(own, key=lambda s: len(s.data), default=None)


def collect_proof(project: Project, templates: Sequence[str] | None = None,
                  devices: Sequence[str] = tuple(DEVICES), sample: str | None = None,
                  now: dt.datetime | None = None) -> ProofData:
    """Render, check and read the review state of the selected templates (all by default).

    Raises InputError for an unknown template, sample or device; a message that fails to
    render is recorded in its variant (``Variant.errors``) rather than raised.
    """
    ids = list(dict.fromkeys(templates)) if templates else sorted(project.templates)
    for template_id in ids:
        project.template(template_id)
    for device in devices:
        if device not in DEVICES:
            from .errors import InputError
            raise InputError(f"unknown device '{device}'", hint=f"devices: {', '.join(DEVICES)}")
    if sample:
        project.sample(sample)
    report = run_checks(project, templates=ids)
    store = ReviewStore(project)
    renderer = Renderer(project)
    variants = []
    for template_id in ids:
        template = project.template(template_id)
        threads = [t for t in store.threads(template_id) if not t.resolved]
        for locale in project.config.locales:
            chosen = pick_sample(project, locale, sample)
            variant = Variant(template, locale, chosen.name if chosen else "")
            for channel in template.channels:
                try:
                    message = renderer.render(template_id, locale, channel,
                                              chosen.data if chosen else {})
                    variant.messages[channel] = message.to_dict()
                except MissiveError as exc:
                    variant.errors[channel] = str(exc)
            variant.findings = [f for f in report.findings if f.template == template_id
                                and f.locale in (locale, "")]
            variant.comments = [
                (t.comments[0].author, " · ".join(x for x in (t.channel, t.sample) if x),
                 t.comments[-1].note if len(t.comments) == 1 else
                 "\n".join(f"{c.author}: {c.note}" for c in t.comments))
                for t in threads if t.locale in ("", locale)]
            variants.append(variant)
    return ProofData(
        project_name=project.config.name,
        generated=now or dt.datetime.now().astimezone().replace(microsecond=0),
        version=__version__, devices=tuple(devices),
        reviews={t: store.status(t) for t in ids}, variants=variants,
        project_findings=[f for f in report.findings if not f.template],
    )


# -- HTML -----------------------------------------------------------------------------------

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
    english, own = loc.get_display_name("en"), loc.get_display_name(loc)
    return english if english == own else f"{english} — {own}"


def _status_html(review: TemplateReview) -> str:
    label = STATE_LABELS.get(review.state, review.state)
    who = ""
    if review.reviewer:
        who = f" · {_e(review.reviewer)} · {_e(review.time)}"
    note = f'<div class="note"><bdi>“{_e(review.note)}”</bdi></div>' if review.note else ""
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
            f"</span> <code>{_e(rule)}</code> {_e(channel or 'template')}: {_e(message)}"
            f'</bdi><div class="hint"><bdi dir="ltr">{_e(hint)}</bdi></div>'
            f'<div class="where"><bdi dir="ltr">{_e(where)}{_e(extra)}</bdi></div></li>')
    return f'<ul class="findings">{"".join(rows)}</ul>'


def _email_meta_html(email: dict[str, Any], locale_dir: str) -> str:
    rows = [("Subject", email["subject"], locale_dir), ("Preheader", email["preheader"],
                                                       locale_dir),
            ("From", email["from"], "ltr"), ("Reply-To", email["reply_to"], "ltr"),
            ("Size", f"{email['size_bytes']:,} bytes · text {email['text_source']}", "ltr")]
    body = "".join(f'<tr><th><bdi>{_e(k)}</bdi></th><td dir="{d}">{_e(v)}</td></tr>'
                   for k, v, d in rows)
    return f'<table class="meta">{body}</table>'


def _emails_html(email: dict[str, Any], devices: tuple[str, ...]) -> str:
    """The email at each device width, side by side, scaled together to fit the page."""
    total = sum(DEVICES[d] for d in devices) + 12 * (len(devices) - 1) + 4 * len(devices)
    scale = min(1.0, round(PAGE_WIDTH_PX / total, 3))
    frames = []
    for device in devices:
        width = DEVICES[device]
        frames.append(
            f'<figure class="email {device}"><figcaption><bdi>Email · {device} · {width} px'
            f'{f" · shown at {round(scale * 100)} %" if scale < 1 else ""}</bdi></figcaption>'
            f'<div class="frame-box" dir="ltr" style="width:{width * scale + 2:.1f}px">'
            f'<iframe class="email-frame" sandbox="allow-same-origin" scrolling="no" '
            f'data-scale="{scale}" style="width:{width}px;transform:scale({scale})" '
            f'title="{_e(email["subject"])}" '
            f'srcdoc="{_e(disarm_resource_hints(email["html"]))}"></iframe></div>'
            f"</figure>")
    return f'<div class="emails">{"".join(frames)}</div>'


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


def _variant_html(v: Variant, review: TemplateReview, devices: tuple[str, ...]) -> str:
    direction = "rtl" if is_rtl(v.locale) else "ltr"
    t = v.template
    errors = "".join(f'<div class="render-error" dir="ltr">{_e(ch)} does not render: {_e(msg)}'
                     f"</div>" for ch, msg in v.errors.items())
    email = v.messages.get("email")
    bubbles = "".join(fn(v.messages[ch]) for ch, fn in (("sms", _sms_html),
                                                          ("whatsapp", _whatsapp_html))
                      if ch in v.messages)
    emails = _emails_html(email, devices) if email and devices else ""
    comments = "".join(f'<li><bdi><b>{_e(a)}</b>{f" ({_e(w)})" if w else ""}:</bdi> '
                       f"<bdi>{_e(text)}</bdi></li>" for a, w, text in v.comments)
    return f"""
<section class="variant" dir="{direction}" lang="{_e(v.locale)}">
  <header class="variant-head">
    <h2><bdi>{_e(t.title)}</bdi></h2>
    <div class="ids"><bdi dir="ltr"><code>{_e(t.id)}</code> · {_e(_locale_name(v.locale))}
      · {_e(v.locale)} · {direction} · {_e(t.category)} · sample
      <code>{_e(v.sample or "none")}</code></bdi></div>
    {_status_html(review)}
  </header>
  {errors}
  {_email_meta_html(email, direction) if email else ""}
  <h3><bdi>Findings</bdi></h3>
  {_findings_html(v.findings)}
  {f'<h3><bdi>Open comments</bdi></h3><ul class="comments">{comments}</ul>' if comments else ""}
  <div class="bubbles">{bubbles}</div>
  {emails}
</section>"""


def _cover_html(data: ProofData) -> str:
    rows = []
    for template_id, r in data.reviews.items():
        approved = r.approved_hash if r.approved_hash else "—"
        note = f"<div>note “{_e(r.note)}”</div>" if r.note else ""
        rows.append(
            f'<tr class="state-{_e(r.state)}"><td><code>{_e(template_id)}</code></td>'
            f"<td>{_e(STATE_LABELS.get(r.state, r.state))}</td><td>{_e(r.reviewer or '—')}"
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
    <tr><th>Email devices</th><td>{_e(", ".join(f"{d} ({DEVICES[d]} px)"
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
  <p class="explain">An approval is bound to the content hash of everything that shapes the
  template's output (its files in every locale, the layouts and partials it uses,
  missive.toml, policy.toml and the samples). "Approved" means the hash now equals the
  approved one; remote images and fonts are not loaded in this proof.</p>
  {wide}
</section>"""


_SCRIPT = """
function fitFrames() {
  let n = 0;
  for (const frame of document.querySelectorAll('iframe.email-frame')) {
    const doc = frame.contentDocument;
    if (!doc || !doc.documentElement) continue;
    frame.style.height = '0px';
    const height = Math.ceil(doc.documentElement.scrollHeight);
    frame.style.height = height + 'px';
    frame.parentElement.style.height = (height * Number(frame.dataset.scale || 1)) + 'px';
    n += 1;
  }
  document.documentElement.dataset.fitted = String(n);
  return n;
}
window.addEventListener('load', fitFrames);
"""

_CSS = """
@page { size: A4; margin: @MARGINS@;
  @bottom-left { content: "@FOOTER@"; font: 8pt 'DejaVu Sans', sans-serif; color: #667; }
  @bottom-right { content: counter(page) " / " counter(pages);
    font: 8pt 'DejaVu Sans', sans-serif; color: #667; } }
html { font: 10pt/1.4 'DejaVu Sans', sans-serif; color: #1f2933;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; }
h1 { font-size: 20pt; margin: 0 0 12pt; }
h2 { font-size: 14pt; margin: 0 0 4pt; }
h3 { font-size: 10.5pt; margin: 10pt 0 4pt; }
code { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.9em; }
table { border-collapse: collapse; }
th, td { text-align: start; vertical-align: top; padding: 2pt 6pt 2pt 0; }
.cover .facts th { width: 34mm; color: #52606d; font-weight: normal; }
.approvals { width: 100%; margin-top: 4pt; }
.approvals th { border-bottom: 1px solid #9aa5b1; }
.approvals td.time { white-space: nowrap; }
.approvals tr.hashes .note { font-style: italic; }
.approvals tr.hashes td { font-size: 7.5pt; color: #52606d; border-bottom: 1px solid #d9e2ec;
  word-break: break-all; padding-bottom: 4pt; }
.explain { color: #52606d; font-size: 8.5pt; margin-top: 10pt; }
section.variant { break-before: page; }
.variant-head { border-bottom: 2px solid #0b5cad; padding-bottom: 4pt; margin-bottom: 6pt; }
.ids { color: #52606d; font-size: 8.5pt; }
.status { margin-top: 4pt; padding: 3pt 6pt; border-radius: 3pt; display: inline-block; }
.status .note { font-style: italic; }
.state-approved .status, .status.state-approved { background: #e3f9e5; color: #0e5814; }
.status.state-unreviewed { background: #eef2f7; color: #3e4c59; }
.status.state-changes_requested { background: #fff3c4; color: #8d2b0b; }
.status.state-changed_since_approval { background: #ffe3e3; color: #8a041a; }
tr.state-changed_since_approval td, tr.state-changes_requested td { color: #8a041a; }
.meta { width: 100%; font-size: 9pt; }
.meta th { width: 24mm; color: #52606d; font-weight: normal; white-space: nowrap; }
.findings, .comments { margin: 0; padding-inline-start: 14pt; font-size: 8.5pt; }
.findings li { margin-bottom: 3pt; }
.findings .sev { font-weight: bold; text-transform: uppercase; font-size: 7pt; }
.sev-error .sev { color: #c81e1e; } .sev-warning .sev { color: #b45309; }
.sev-info .sev { color: #2563eb; }
.findings .hint, .findings .where { color: #52606d; text-align: start; }
.none { color: #52606d; font-size: 8.5pt; margin: 0; }
.render-error { background: #ffe3e3; color: #8a041a; padding: 4pt; margin: 4pt 0;
  font-size: 8.5pt; }
.bubbles { display: flex; gap: 12px; align-items: flex-start; margin-top: 10pt; }
.bubbles > figure { flex: 1 1 0; min-width: 0; }
.emails { display: flex; gap: 12px; align-items: flex-start; margin-top: 10pt;
  break-inside: avoid; }
.frame-box { overflow: hidden; border: 1px solid #9aa5b1; border-radius: 4px; }
figure { margin: 0; }
figcaption { font-size: 8pt; color: #52606d; margin-bottom: 2pt; }
.email-frame { display: block; border: 0; height: 400px; transform-origin: 0 0; }
.bubble .text { white-space: pre-wrap; unicode-bidi: plaintext; text-align: start;
  overflow-wrap: anywhere; font-size: 9.5pt; }
.sms .text { background: #e9e9eb; border-radius: 12px; padding: 6pt 8pt; }
.whatsapp { background: #efeae2; padding: 6pt; border-radius: 6px; }
.whatsapp .wa-header, .whatsapp .text, .whatsapp .wa-footer {
  background: #fff; padding: 3pt 8pt; unicode-bidi: plaintext; }
.whatsapp .wa-header { font-weight: bold; border-radius: 8px 8px 0 0; padding-top: 6pt; }
.whatsapp .wa-footer { color: #667781; font-size: 8pt; border-radius: 0 0 8px 8px;
  padding-bottom: 6pt; }
.whatsapp code { background: #f0f0f0; }
.wa-button { background: #fff; margin-top: 3px; border-radius: 8px; text-align: center;
  color: #027eb5; padding: 4pt; font-weight: bold; }
.wa-button small { display: block; color: #667781; font-weight: normal; font-size: 7pt;
  overflow-wrap: anywhere; }
.facts { font-size: 8pt; color: #52606d; margin-top: 2pt; }
"""


def proof_html(data: ProofData) -> str:
    """The whole proof as one HTML document (print it with :mod:`app.proof`)."""
    footer = f"{data.project_name} · proof {data.generated.isoformat()}"
    footer = " ".join(footer.split()).replace("\\", "\\\\").replace('"', '\\"')
    margins = " ".join(f"{m}mm" for m in PAGE_MARGINS_MM)
    css = _CSS.replace("@FOOTER@", footer).replace("@MARGINS@", margins)
    sections = "".join(_variant_html(v, data.reviews[v.template.id], data.devices)
                       for v in data.variants)
    return (f'<!doctype html><html lang="en" dir="ltr"><head><meta charset="utf-8">'
            f"<title>Proof · {_e(data.project_name)}</title><style>{_e_css(css)}</style>"
            f"<script>{_SCRIPT}</script></head><body>{_cover_html(data)}{sections}</body></html>")


def _e_css(css: str) -> str:
    # The footer text is user content inside a <style>: keep it from closing the element.
    return css.replace("</", "<\\/")


def build_proof(project: Project, templates: Sequence[str] | None = None,
                devices: Sequence[str] = tuple(DEVICES), sample: str | None = None,
                now: dt.datetime | None = None) -> tuple[str, ProofData]:
    """Collect and lay out the proof; returns the HTML and the data it shows."""
    data = collect_proof(project, templates, devices, sample, now)
    return proof_html(data), data


__all__ = ["DEVICES", "ProofData", "Variant", "build_proof", "collect_proof", "pick_sample",
           "proof_html", "whatsapp_html"]
