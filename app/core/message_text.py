"""English sentences that remember their template and values.

The core writes English (the command line, JSON, SARIF, the proof). A sentence made with
:func:`msg` is still that English ``str``, but it also keeps its ``str.format`` template
and values, so the studio can look the template up in its catalogs and show the same
sentence in Hebrew or Arabic. ``make catalogs`` extracts ``msg("...")`` templates.
"""

from __future__ import annotations

from typing import Any


class Message(str):
    """An English sentence with its template and values (see the module docstring)."""

    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, args: dict[str, Any] | None = None) -> Message:
        args = dict(args or {})
        obj = super().__new__(cls, template.format(**args) if args else template)
        obj.template = template
        obj.args = args
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, self.args))


def msg(template: str, /, **args: Any) -> Message:
    """``msg("SMS is {n} messages", n=3)``: a sentence, translatable as a whole. The
    template is a ``str.format`` string (literal braces doubled, as in an f-string); with
    no values it is used as it is."""
    return Message(template, args)


def N_(text: str) -> str:  # gettext's name: mark now, translate when shown
    """Mark a string for the studio's catalogs without translating it (the core keeps
    English; the studio shows it in the interface's language)."""
    return text
