"""Turning runs back into a block's editable text, and placeholders for declared variables.

An editor that shows runs (formatting as bold/italic/links, placeholders and logic as
chips) writes its content back through :func:`runs_to_text`; the result goes to
:func:`~app.core.copy.write.edit_block` like any other text. Runs that came from the
source unchanged are written exactly as they were (entities, the link's own tag).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Template, Variable
from .model import Run

# The filter each declared type needs so the customer sees it formatted for the locale.
_FILTERS = {"date": "date", "datetime": "datetime", "number": "number"}


def _escape_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _open_link(run: Run) -> str:
    if run.link_tag is not None:
        return run.link_tag
    href = (run.href or "").replace("&", "&amp;").replace('"', "&quot;")
    return f'<a href="{href}">'


def runs_to_text(runs: Sequence[Run], fmt: str = "html") -> str:
    """The editable text of a block made of ``runs`` (``fmt`` is the block's format).

    In ``html`` blocks formatting becomes ``<a href>`` (outermost), ``<strong>`` and
    ``<em>``; in ``plain`` blocks it is ignored. Placeholders become ``{{ expression }}``
    and logic runs keep their source exactly.
    """
    out: list[str] = []
    link: tuple[str | None, str | None] = (None, None)
    bold = italic = False

    def close_to(level: int) -> None:
        nonlocal link, bold, italic
        if italic and level < 3:
            out.append("</em>")
            italic = False
        if bold and level < 2:
            out.append("</strong>")
            bold = False
        if link[0] is not None and level < 1:
            out.append("</a>")
            link = (None, None)

    for run in runs:
        if fmt == "html":
            want_link = (run.href, run.link_tag) if run.href is not None else (None, None)
            if want_link[0] != link[0]:
                close_to(0)
            elif run.bold != bold:
                close_to(1)
            elif run.italic != italic:
                close_to(2)
            if want_link[0] is not None and link[0] is None:
                out.append(_open_link(run))
                link = want_link
            if run.bold and not bold:
                out.append("<strong>")
                bold = True
            if run.italic and not italic:
                out.append("<em>")
                italic = True
        out.append(_run_text(run, fmt))
    if fmt == "html":
        close_to(0)
    return "".join(out)


def _run_text(run: Run, fmt: str) -> str:
    if run.kind == "text":
        if fmt != "html":
            return run.text
        if run.source and html.unescape(run.source) == run.text and "<" not in run.source:
            return run.source
        return _escape_text(run.text)
    if run.kind == "placeholder":
        if run.source.startswith("{{") and _body(run.source) == run.text.strip():
            return run.source
        return "{{ " + run.text.strip() + " }}"
    if run.kind == "break":
        return run.source or ("<br>" if fmt == "html" else "\n")
    return run.source


def _body(source: str) -> str:
    inner = source[2:-2].strip()
    return inner.strip("-+").strip()


@dataclass(frozen=True)
class Insertable:
    """A placeholder a copywriter can insert: its label, type and source."""

    name: str
    type: str
    source: str
    description: str = ""


def placeholder_for(variable: Variable) -> str:
    """``{{ amount|money(currency) }}`` for money, ``{{ due|date }}`` for a date, …"""
    name = variable.name
    if variable.type == "money":
        currency = variable.currency or "currency"
        arg = currency if currency.isidentifier() and not currency.isupper() else repr(currency)
        return "{{ " + f"{name}|money({arg})" + " }}"
    if variable.type in _FILTERS:
        return "{{ " + f"{name}|{_FILTERS[variable.type]}" + " }}"
    if not variable.required and variable.type == "string":
        return "{{ " + f"{name}|default('')" + " }}"
    return "{{ " + name + " }}"


def insertable_placeholders(template: Template) -> list[Insertable]:
    """The template's declared variables as placeholders (the project's own come last)."""
    out = [Insertable(v.name, v.type, placeholder_for(v), v.description)
           for v in template.variables.values()]
    out += [Insertable("sender.support_url", "url", "{{ sender.support_url }}"),
            Insertable("sender.support_phone", "phone", "{{ sender.support_phone }}"),
            Insertable("brand.name", "string", "{{ brand.name }}")]
    return out
