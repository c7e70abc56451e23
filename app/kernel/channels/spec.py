"""What a channel is, said once: the :class:`ChannelSpec` every layer looks up.

The spec holds what the runtime and the studio both need to know about a channel — its
name and label, the files it reads in a locale folder, the message the runtime returns,
the files it contributes to a bundle, the fields a golden render compares and an
approval binds, and how the runtime renders it from a bundle. The studio's renderer
(:mod:`app.core.channels`) and preview (:mod:`app.ui.preview.channels`) register their
parts under the same name; see docs/architecture.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


def N_(text: str) -> str:
    """Marks a label for translation; the interface translates it when it shows it."""
    return text


class BundleView(Protocol):
    """What a channel's runtime render may ask of an opened bundle (see
    :class:`app.runtime.bundle.Bundle`): rendered files, expressions, JSON documents."""

    manifest: dict[str, Any]

    def render_file(self, name: str, context: dict[str, Any]) -> str:
        """One of the bundle's Jinja files rendered; failures raise its RenderError."""
        ...

    def expression(self, expression: str, context: dict[str, Any], where: str) -> str:
        """One Jinja expression rendered (a WhatsApp parameter)."""
        ...

    def document(self, name: str) -> dict[str, Any]:
        """One of the bundle's JSON files, parsed once."""
        ...

    def header_value(self, field_name: str, value: str, name: str) -> None:
        """Refuses a value that would break a header (a line break in a subject)."""
        ...

    def check_html(self, html: str, name: str) -> None:
        """Refuses HTML nested too deep for a mail client."""
        ...

    def html_text(self, html: str) -> str:
        """The plain-text alternative derived from HTML."""
        ...


RuntimeRender = Callable[[BundleView, Mapping[str, str], dict[str, Any]], Any]


def plain_fields(rendered: Mapping[str, Any]) -> str:
    """A rendered message's text fields, one per paragraph (a channel's default text form)."""
    return "\n\n".join(str(v) for v in rendered.values() if isinstance(v, str) and v)


def first_line(rendered: Mapping[str, Any]) -> str:
    """The first line of a rendered message's text (a channel's default gist)."""
    return (plain_fields(rendered).splitlines() or [""])[0]


@dataclass(frozen=True)
class ChannelSpec:
    """One channel, as every layer sees it.

    ``files``: the files the channel reads in a template's locale folder, main one first
    (a stopped render points at ``files[0]``). ``bundle_files``: role → file name of what
    it contributes to a bundle's locale folder; ``main_role`` is the role that file error
    messages name. ``golden_fields`` are compared exactly with a golden render,
    ``html_fields`` as HTML trees, in their own golden file; ``output_fields`` are what a
    reviewer's approval is bound to. ``sender_field`` names the ``[sender]`` value the
    customer sees as the sender. ``render`` renders it from a bundle (the runtime).
    ``as_text`` and ``gist`` turn a rendered message's JSON form into what a person reads
    in a terminal: the whole message, and one line of it. ``by_default``: a template that
    names no channels is sent on it (the three first channels; a new one is opt-in, so
    adding it changes no existing template). ``plain_spaces``: the filters write plain
    spaces instead of no-break and thin ones (they cost an SMS its cheap encoding).
    """

    name: str
    label: str
    files: tuple[str, ...]
    message: type
    bundle_files: Mapping[str, str]
    main_role: str
    golden_fields: tuple[str, ...]
    output_fields: tuple[str, ...]
    render: RuntimeRender
    sender_field: str = ""
    html_fields: tuple[str, ...] = ()
    limits: Mapping[str, int] = field(default_factory=dict)
    as_text: Callable[[Mapping[str, Any]], str] = plain_fields
    gist: Callable[[Mapping[str, Any]], str] = first_line
    by_default: bool = False
    plain_spaces: bool = False

    @property
    def main_file(self) -> str:
        """The source file a stopped render or an error points at."""
        return self.files[0]
