"""The hidden preheader, hidden without looking like hidden text to spam filters.

MJML's ``mj-preview`` writes ``display:none;font-size:1px;color:#ffffff;…``: white 1 px
text, which SpamAssassin scores as HTML_FONT_LOW_CONTRAST (text coloured like its
background, 0.7) and counts as tiny text. ``display:none`` already hides it in the major
clients (caniemail ``css-display-none``) and ``mso-hide:all`` in Outlook for Windows, with
zero height, width and opacity and clipped overflow for the clients that ignore it; so the
colour and the font size go.
"""

from __future__ import annotations

import re

_MJML_PREVIEW = re.compile(
    r'(<body\b[^>]*>\s*<div style=")display:none;font-size:1px;color:#[0-9a-f]{3,6};'
    r'line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;(">)', re.I)
PREHEADER_STYLE = ("display:none;max-height:0px;max-width:0px;opacity:0;overflow:hidden;"
                   "mso-hide:all;")


def hide_preheader(html: str) -> str:
    """``html`` with MJML's preview div restyled (unchanged when there is none)."""
    return _MJML_PREVIEW.sub(lambda m: m.group(1) + PREHEADER_STYLE + m.group(2), html,
                             count=1)
