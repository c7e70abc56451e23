"""Resource hints disarmed for display: an email shown in the preview or the proof
opens no connection of its own.

A browser acts on ``<link rel=preconnect|dns-prefetch|prefetch|preload|prerender>``
below the level where request interceptors see anything: ``preconnect`` opens a TCP
connection to the host even when every request is blocked. So before the preview or the
proof shows an email, every ``<link>`` that is not a stylesheet (remote stylesheets are
blocked as requests) has its ``rel`` renamed, and DNS prefetching of links is turned off.
The email that is sent is not changed.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"""<link\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)
_REL = re.compile(r"""(\s)(rel)(\s*=\s*)("[^"]*"|'[^']*'|[^\s>]+)""", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
NO_DNS_PREFETCH = '<meta http-equiv="x-dns-prefetch-control" content="off">'


def _disarm_link(match: re.Match[str]) -> str:
    def rename(rel: re.Match[str]) -> str:
        value = rel.group(4).strip("\"'").strip().lower()
        if value == "stylesheet":
            return rel.group(0)
        return f"{rel.group(1)}data-disarmed-rel{rel.group(3)}{rel.group(4)}"

    return _REL.sub(rename, match.group(0))


def disarm_resource_hints(document: str) -> str:
    """``document`` with its non-stylesheet ``<link>`` elements inert and DNS prefetching
    off (see the module docstring)."""
    out = _LINK.sub(_disarm_link, document)
    head = _HEAD.search(out)
    if head:
        return out[:head.end()] + NO_DNS_PREFETCH + out[head.end():]
    return NO_DNS_PREFETCH + out
