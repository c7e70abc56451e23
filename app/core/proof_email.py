"""How the proof shows an email: numbered links, legible frames, dark and images-off views.

- :func:`number_links` puts a small number after every link of the email and lists the
  targets, so a reviewer sees where "Pay" goes.
- :func:`frames_html` lays out one or more email frames: side by side, scaled to the page,
  only while the email's smallest text stays at 8 pt or more in print; otherwise each frame
  is printed at 100 % on a page of its own.
- :func:`email_views` adds the dark-mode and images-off views
  (:mod:`app.core.workspace.preview_text` makes them, as the studio's preview does).

Every value from the project is escaped; the email HTML goes into ``srcdoc``.
"""

from __future__ import annotations

import re
from html import escape, unescape

from .workspace.preview_text import block_images, emulate_dark_scheme

MIN_PRINT_PT = 8.0
PX_TO_PT = 0.75
GAP_PX = 12
_LINK = re.compile(r"(<a\b[^>]*?\bhref\s*=\s*)(\"[^\"]*\"|'[^']*')([^>]*>)(.*?)(</a\s*>)",
                   re.I | re.S)
_TAG = re.compile(r"<[^>]+>")
_FONT_SIZE = re.compile(r"font-size\s*:\s*(\d+(?:\.\d+)?)\s*(px|pt)", re.I)
_MARK_STYLE = ("font:bold 10px/1 'DejaVu Sans',sans-serif;color:#fff;background:#b3261e;"
               "border-radius:6px;padding:1px 4px;margin:0 2px;vertical-align:super;"
               "text-decoration:none;display:inline-block")


def number_links(html: str) -> tuple[str, list[tuple[int, str, str]]]:
    """The email with a number after each link, and ``(number, text, target)`` per link."""
    links: list[tuple[int, str, str]] = []

    def mark(match: re.Match[str]) -> str:
        href = unescape(match.group(2)[1:-1]).strip()
        text = " ".join(unescape(_TAG.sub(" ", match.group(4))).split())
        number = len(links) + 1
        links.append((number, text, href))
        return (f"{match.group(0)}<sup data-proof-link=\"{number}\" "
                f"style=\"{_MARK_STYLE}\">{number}</sup>")

    return _LINK.sub(mark, html), links


def smallest_text_px(html: str) -> float:
    """The smallest font size the email sets (px), ignoring hidden preheader tricks (< 6 px)."""
    sizes = [float(n) * (1 / PX_TO_PT if unit.lower() == "pt" else 1)
             for n, unit in _FONT_SIZE.findall(html)]
    visible = [s for s in sizes if s >= 6]
    return min(visible, default=16.0)


def fits_legibly(widths: list[int], page_px: float, smallest_px: float) -> tuple[bool, float]:
    """Whether the frames fit side by side with text at 8 pt or more, and their scale."""
    total = sum(widths) + GAP_PX * (len(widths) - 1) + 4 * len(widths)
    scale = min(1.0, round(page_px / total, 3))
    return smallest_px * scale * PX_TO_PT >= MIN_PRINT_PT, scale


def _frame(caption: str, html: str, width: int, scale: float, title: str) -> str:
    shown = f" · shown at {round(scale * 100)} %" if scale < 1 else " · 100 %"
    return (f'<figure class="email"><figcaption><bdi>{escape(caption)} · {width} px{shown}'
            f'</bdi></figcaption><div class="frame-box" dir="ltr" '
            f'style="width:{width * scale + 2:.1f}px"><iframe class="email-frame" '
            f'sandbox="allow-same-origin" scrolling="no" data-scale="{scale}" '
            f'style="width:{width}px;transform:scale({scale})" title="{escape(title)}" '
            f'srcdoc="{escape(html, quote=True)}"></iframe></div></figure>')


def frames_html(frames: list[tuple[str, str, int]], page_px: float, title: str) -> str:
    """``(caption, html, width)`` frames: one scaled row when legible, else one page each."""
    if not frames:
        return ""
    smallest = min(smallest_text_px(html) for _c, html, _w in frames)
    legible, scale = fits_legibly([w for _c, _h, w in frames], page_px, smallest)
    if legible:
        inner = "".join(_frame(c, h, w, scale, title) for c, h, w in frames)
        return f'<div class="emails">{inner}</div>'
    return "".join(f'<div class="emails alone">{_frame(c, h, w, 1.0, title)}</div>'
                   for c, h, w in frames)


def links_html(links: list[tuple[int, str, str]], rtl: bool = False) -> str:
    """The numbered link targets under an email (the arrow points the reading way)."""
    if not links:
        return '<p class="none"><bdi>No links.</bdi></p>'
    arrow = "←" if rtl else "→"
    rows = "".join(f'<li><span class="n">{n}</span> <bdi>{escape(text or "(no text)")}</bdi>'
                   f' {arrow} <bdi dir="ltr"><code>{escape(href)}</code></bdi></li>'
                   for n, text, href in links)
    return f'<ol class="links">{rows}</ol>'


def email_views(html: str) -> tuple[str, str]:
    """The email as a dark-mode client shows it, and with images blocked."""
    return emulate_dark_scheme(html), block_images(html)
