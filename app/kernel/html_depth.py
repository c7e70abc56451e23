"""How deeply a document's elements nest, measured before a parser sees it.

The MJML compiler (Rust) overflows its stack and kills the process near 10,000 nested
elements, and the HTML tools after it recurse too; a real email nests a few dozen
deep. :func:`check_depth` refuses more than :data:`MAX_DEPTH` levels with a line and
column, cheaply: a document with fewer tags than the limit is not even scanned.
"""

from __future__ import annotations

import re

from .errors import ContentError

MAX_DEPTH = 500
MAX_SECTIONS = 200  # mj-section/mj-wrapper/mj-hero; a long email has a few dozen
_SECTION = re.compile(r"<mj-(?:section|wrapper|hero)\b")
_TAG = re.compile(r"<!--.*?-->|<(/?)([A-Za-z][\w:.-]*)[^<>]*?(/?)>", re.S)
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                   "meta", "param", "source", "track", "wbr", "mj-image", "mj-divider",
                   "mj-spacer", "mj-breakpoint", "mj-font", "mj-all", "mj-class"})


def deepest(source: str, limit: int = MAX_DEPTH) -> int:
    """The offset where nesting first passes ``limit`` levels, or -1 if it never does.

    Elements that are never closed count as still open (an upper bound), which is how
    the payload that crashes the compiler is written.
    """
    if source.count("<") <= limit:
        return -1
    depth = 0
    for match in _TAG.finditer(source):
        closing, name, self_closing = match.groups()
        if name is None or self_closing or name.lower() in _VOID:
            continue
        if closing:
            depth = max(0, depth - 1)
            continue
        depth += 1
        if depth > limit:
            return match.start()
    return -1


def check_depth(source: str, path: str, limit: int = MAX_DEPTH) -> None:
    """Raise ContentError (file, line, column, limit) if ``source`` nests too deeply."""
    offset = deepest(source, limit)
    if offset < 0:
        return
    line = source.count("\n", 0, offset) + 1
    column = offset - (source.rfind("\n", 0, offset) + 1) + 1
    raise ContentError(f"elements nest more than {limit} levels deep", path=path,
                       line=line, column=column,
                       hint="close the tags you open (a real email nests a few dozen deep)")


def check_sections(source: str, path: str, limit: int = MAX_SECTIONS) -> None:
    """Raise ContentError (file, line, column, limit) past ``limit`` MJML sections: the
    compiler and the checks take seconds for each few thousand."""
    if source.count("<mj-") <= limit:
        return
    for count, match in enumerate(_SECTION.finditer(source), start=1):
        if count > limit:
            offset = match.start()
            line = source.count("\n", 0, offset) + 1
            column = offset - (source.rfind("\n", 0, offset) + 1) + 1
            raise ContentError(f"more than {limit} sections", path=path, line=line,
                               column=column, hint="split the message, or use a loop over "
                                                    "fewer, richer sections")
