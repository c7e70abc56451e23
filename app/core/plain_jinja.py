"""Jinja's syntax messages in plain words, with a did-you-mean for a misspelt filter.

Jinja writes "No filter named 'mony'." or "expected token 'end of print statement',
got 'x'"; a copywriter needs "there is no filter 'mony'; did you mean 'money'?" and
"a {{ … }} is not closed". Unknown messages pass through unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .did_you_mean import suggestion

_NO_FILTER = re.compile(r"No filter named '([^']+)'")
_END_OF_TEMPLATE = re.compile(r"Unexpected end of template\. Jinja was looking for the "
                              r"following tags: '(\w+)'")
_PLAIN = (
    (re.compile(r"expected token 'end of print statement', got '([^']*)'"),
     "a {{{{ … }}}} has something extra in it ('{0}'), or is not closed with }}}}"),
    (re.compile(r"unexpected end of template, expected 'end of print statement'"),
     "a {{{{ … }}}} is not closed: add }}}}"),
    (re.compile(r"unexpected '\}'"), "a }} is there without its {{{{, or a {{% %}} tag is "
                                     "not closed with %}}"),
    (re.compile(r"Encountered unknown tag '(\w+)'"), "'{{% {0} %}}' is not a tag Jinja knows"),
)


@lru_cache(maxsize=1)
def filter_names() -> tuple[str, ...]:
    """The filters a template may use (the project's and Jinja's own)."""
    from ..kernel.sandbox import make_environment

    return tuple(sorted(make_environment().filters))


def plain_message(message: str) -> str:
    """Jinja's message rewritten for a copywriter (unchanged when not known)."""
    match = _NO_FILTER.search(message)
    if match:
        name = match.group(1)
        return f"there is no filter '{name}'{suggestion(name, filter_names())}"
    match = _END_OF_TEMPLATE.search(message)
    if match:
        return f"a {{% {match.group(1).removeprefix('end')} %}} is not closed: add {{% " \
               f"{match.group(1)} %}}"
    for pattern, words in _PLAIN:
        match = pattern.search(message)
        if match:
            return words.format(*match.groups())
    return message


def misspelt_filter(message: str) -> tuple[str, str] | None:
    """(typed, meant) from a plain "no filter 'x'; did you mean 'y'?" message."""
    match = re.search(r"there is no filter '([^']+)'; did you mean '([^']+)'\?", message)
    return (match.group(1), match.group(2)) if match else None
