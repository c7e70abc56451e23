"""The review side of the proof: each part's decision and signature, the whole comment
history (resolved threads too), and the cover's table of signatures.

Quoted text keeps its quote marks glued to the first and last word (:func:`quoted`), so
a quote mark never ends up alone on a line, in either direction.
"""

from __future__ import annotations

import re
from html import escape

from .review.states import PartReview, state_label
from .review.store import Thread
from .review.verification import SignatureCheck


def quoted(text: str) -> str:
    """``“text”`` as HTML, the marks fixed to their words (no line break next to them)."""
    words = text.split()
    if not words:
        return "“”"
    if len(words) == 1:
        return f'<span class="nobr">“{escape(words[0])}”</span>'
    middle = " ".join(escape(w) for w in words[1:-1])
    return (f'<span class="nobr">“{escape(words[0])}</span> {middle}{" " if middle else ""}'
            f'<span class="nobr">{escape(words[-1])}”</span>')


_EXCERPT = re.compile(r"(['‘“\"])([^'’”\"\n]{1,60})(['’”\"])")


def excerpts(text: str) -> str:
    """``text`` as HTML with each short quoted excerpt ('…') kept whole: isolated in its
    own direction and never broken, so no quote mark lands alone on a line."""
    out, last = [], 0
    for match in _EXCERPT.finditer(text):
        out.append(escape(text[last:match.start()]))
        out.append(f'<bdi class="nobr">{escape(match.group(0))}</bdi>')
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def signature_words(part: PartReview, checks: dict[str, SignatureCheck]) -> str:
    """``signed by … as legal:he · verifies`` (or why not), for a part's decision."""
    if not part.signed:
        return "not signed" if part.reviewer else ""
    check = checks.get(part.decision)
    verdict = ("signature verifies" if check is not None and check.ok
               else f"signature does NOT verify: {check.problem}" if check is not None
               else "signature not checked")
    return f"signed by {part.signer} as {part.role} · {verdict}"


def parts_html(parts: list[PartReview], checks: dict[str, SignatureCheck]) -> str:
    """One row per channel of a locale: state, who decided (on what part), signature."""
    rows = []
    for part in parts:
        who = f"{part.reviewer} · {part.time} · part {part.part}" if part.reviewer else "—"
        extra = []
        if part.output_identical:
            extra.append("changed, output identical")
        if part.override:
            extra.append(f"check errors overridden: {quoted(part.override)}")
        if part.warnings:
            extra.append(f"{len(part.warnings)} warning(s) recorded")
        if part.note:
            extra.append(f"note {quoted(part.note)}")
        sig = signature_words(part, checks)
        ok = "sig-bad" if "NOT verify" in sig else "sig-ok" if sig.startswith("signed") else ""
        sig_html = f'<div class="{ok}"><bdi dir="ltr">{escape(sig)}</bdi></div>' if sig else ""
        extra_html = "".join(f'<div class="extra"><bdi>{x}</bdi></div>' for x in extra)
        rows.append(
            f'<tr class="state-{escape(part.state)}"><th><bdi>{escape(part.channel)}</bdi></th>'
            f"<td><b>{escape(state_label(part.state))}</b></td>"
            f'<td><bdi dir="ltr">{escape(who)}</bdi>{sig_html}{extra_html}</td></tr>')
    return f'<table class="parts">{"".join(rows)}</table>'


def history_html(threads: list[Thread]) -> str:
    """Every thread with every comment, oldest first; resolved ones marked."""
    if not threads:
        return '<p class="none"><bdi>No comments.</bdi></p>'
    items = []
    for thread in threads:
        pinned = " · ".join(x for x in (thread.locale, thread.channel, thread.sample) if x)
        state = "resolved" if thread.resolved else "open"
        comments = "".join(
            f'<li><bdi dir="ltr" class="who">{escape(c.author)} · {escape(c.time)}</bdi> '
            f'<bdi class="said">{quoted(c.note)}</bdi></li>' for c in thread.comments)
        items.append(f'<li class="thread {state}"><div class="thread-head"><bdi dir="ltr">'
                     f'{escape(state)}{f" · {escape(pinned)}" if pinned else ""}</bdi></div>'
                     f'<ul>{comments}</ul></li>')
    return f'<ul class="history">{"".join(items)}</ul>'


def signatures_cover_html(checks: dict[str, list[SignatureCheck]]) -> str:
    """The cover's list of every signed decision and whether it verifies."""
    rows = []
    for mine in checks.values():
        for check in mine:
            verdict = ("verifies" if check.ok else f"does NOT verify: {check.problem}")
            decision = "approved" if check.decision == "approve" else "changes requested"
            rows.append(f'<tr class="{"sig-ok" if check.ok else "sig-bad"}"><td><code>'
                        f"{escape(check.part)}</code></td><td>{escape(decision)}</td>"
                        f"<td>{escape(check.author)}</td>"
                        f"<td>{escape(check.signer)} ({escape(check.role)})</td>"
                        f"<td>{escape(verdict)}</td></tr>")
    if not rows:
        return ('<p class="explain">No approval in this proof is signed. Signed approvals '
                '(missive review approve --sign-with KEY) are verified here against the '
                "project's reviewers file.</p>")
    return ('<table class="approvals signatures"><tr><th>Part</th><th>Decision</th>'
            '<th>Reviewer</th>'
            f'<th>Signer (role)</th><th>Signature</th></tr>{"".join(rows)}</table>')
