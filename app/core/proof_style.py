"""The proof document's style sheet and its one script (sizing the email frames).

The page is A4 with the margins :data:`app.core.proof_document.PAGE_MARGINS_MM` names;
``@MARGINS@`` and ``@FOOTER@`` are filled in by :func:`app.core.proof_document.proof_html`.
Right-to-left sections (``dir="rtl"``) align everything with ``start``, so they are
right-aligned throughout.
"""

# Page content height in CSS px (A4 minus margins) less a caption: an email frame taller
# than this is cut into slices, each on a page of its own, at gaps between lines of text
# (a frame can't break across pages in print, so it would be cut off).
SLICE_PX = 990

SCRIPT = """
function cutPoints(doc, total, limit) {
  const spans = [];
  const walker = doc.createTreeWalker(doc.body || doc.documentElement, NodeFilter.SHOW_TEXT);
  const range = doc.createRange();
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) if (r.height > 0) spans.push([r.top, r.bottom]);
  }
  for (const img of doc.images) {
    const r = img.getBoundingClientRect();
    if (r.height > 0 && r.height < limit / 2) spans.push([r.top, r.bottom]);
  }
  const cuts = [0];
  while (total - cuts[cuts.length - 1] > limit) {
    const start = cuts[cuts.length - 1];
    let y = start + limit, moved = true;
    while (moved) {
      moved = false;
      for (const [a, b] of spans) if (a < y && y < b) { y = Math.floor(a); moved = true; }
    }
    if (y <= start + limit / 2) y = start + limit;  // no gap: cut anyway
    cuts.push(y);
  }
  cuts.push(total);
  return cuts;
}

function fitFrames() {
  let n = 0, pending = 0;
  const done = () => { document.documentElement.dataset.fitted = String(n); };
  for (const frame of [...document.querySelectorAll('iframe.email-frame')]) {
    if (frame.dataset.slice) continue;
    const doc = frame.contentDocument;
    if (!doc || !doc.documentElement) continue;
    frame.style.height = '0px';
    const height = Math.ceil(doc.documentElement.scrollHeight);
    const scale = Number(frame.dataset.scale || 1);
    frame.style.height = height + 'px';
    const box = frame.parentElement;
    box.style.height = (height * scale) + 'px';
    n += 1;
    if (height * scale <= @SLICE@) continue;
    const cuts = cutPoints(doc, height, @SLICE@ / scale);
    box.style.height = (cuts[1] * scale) + 'px';
    const figure = box.closest('figure');
    const caption = figure.querySelector('figcaption').textContent;
    let after = figure.closest('.emails') || figure;
    for (let k = 1; k < cuts.length - 1; k++) {
      const holder = document.createElement('div');
      holder.className = 'emails alone slice';
      const fig = document.createElement('figure');
      fig.className = 'email';
      const cap = document.createElement('figcaption');
      cap.textContent = caption + ' · continued, part ' + (k + 1) + ' of ' + (cuts.length - 1);
      const nextBox = box.cloneNode(false);
      nextBox.style.height = ((cuts[k + 1] - cuts[k]) * scale) + 'px';
      const clone = frame.cloneNode(false);
      clone.dataset.slice = String(k);
      clone.style.height = height + 'px';
      clone.style.marginTop = (-cuts[k] * scale) + 'px';
      pending += 1;
      clone.addEventListener('load', () => { pending -= 1; if (pending === 0) done(); });
      nextBox.appendChild(clone);
      fig.append(cap, nextBox);
      holder.appendChild(fig);
      after.after(holder);
      after = holder;
    }
  }
  if (pending === 0) { done(); return n; }
  return -1;  // slices still loading: dataset.fitted is set when they are
}
window.addEventListener('load', fitFrames);
""".replace("@SLICE@", str(SLICE_PX))

CSS = """
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
.meta td { text-align: start; }
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
.nobr { white-space: nowrap; }
.emails.alone { display: block; break-before: page; }
.emails.alone:first-child { break-before: auto; }
.emails.alone.slice { break-before: page; }
figure.email { break-inside: avoid; }
h3.keep { break-after: avoid; }
h3.page { break-before: page; }
.links { margin: 0; padding-inline-start: 0; list-style: none; font-size: 8.5pt; }
.links li { margin-bottom: 2pt; overflow-wrap: anywhere; }
.links .n { display: inline-block; min-width: 12pt; text-align: center; color: #fff;
  background: #b3261e; border-radius: 6px; font-weight: bold; font-size: 7.5pt; }
pre.plain { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext;
  text-align: start; font: 9pt/1.45 'DejaVu Sans Mono', monospace; background: #f5f7fa;
  border: 1px solid #d9e2ec; padding: 6pt; margin: 0; }
.parts { width: 100%; font-size: 8.5pt; margin: 2pt 0 4pt; }
.parts th { width: 20mm; color: #52606d; font-weight: normal; }
.parts td { border-bottom: 1px solid #eef2f7; }
.parts .sig-ok { color: #0e5814; } .parts .sig-bad { color: #c81e1e; font-weight: bold; }
.parts .extra { color: #52606d; }
.parts tr.state-approved b { color: #0e5814; }
.parts tr.state-changed_since_approval b, .parts tr.state-changes_requested b {
  color: #8a041a; }
.history { margin: 0; padding-inline-start: 0; list-style: none; font-size: 8.5pt; }
.history .thread { border-inline-start: 3px solid #0b5cad; padding-inline-start: 6pt;
  margin-bottom: 4pt; }
.history .thread.resolved { border-color: #9aa5b1; color: #52606d; }
.history .thread-head { font-size: 7.5pt; text-transform: uppercase; color: #52606d; }
.history ul { margin: 0; padding-inline-start: 0; list-style: none; }
.history .who { color: #52606d; }
.signatures .sig-ok td:last-child { color: #0e5814; }
.signatures .sig-bad td:last-child { color: #c81e1e; font-weight: bold; }
.signatures td { font-size: 8.5pt; border-bottom: 1px solid #d9e2ec; }
.overrides { font-size: 8.5pt; color: #8a041a; }
section.other { break-before: page; }
.sample-row { display: flex; gap: 12px; align-items: flex-start; }
.sample-email { flex: 0 0 auto; }
.sample-email .emails { margin-top: 0; }
.sample-side { flex: 1 1 0; min-width: 0; }
.sample-side .meta th { width: 18mm; }
.bubbles.stacked { display: block; }
.bubbles.stacked > figure { margin-bottom: 8pt; }
pre.plain.two-columns { column-count: 2; column-gap: 12pt; font-size: 8pt; }
section.other h3 { font-size: 11pt; border-bottom: 1px solid #9aa5b1; margin-top: 0; }
"""


