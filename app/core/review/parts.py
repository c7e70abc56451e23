"""The parts of a template a reviewer decides on, and the cells each part covers.

A *part* is a whole template, a template × locale, a template × channel or a template ×
locale × channel; an empty locale or channel means "all of them". A *cell* is one
template × locale × channel, the smallest thing with rendered output. A template's state
is derived from the states of its cells (:func:`template_state`).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...kernel.channels import channel_names
from ...kernel.errors import InputError
from ..project import Project

# Which state a template shows when its cells disagree: the first one present wins.
PRECEDENCE = ("changes_requested", "changed_since_approval", "unreviewed", "approved")


@dataclass(frozen=True)
class Part:
    """A template, or one locale and/or channel of it ("" = every one)."""

    template: str
    locale: str = ""
    channel: str = ""

    @property
    def label(self) -> str:
        """``invoice_ready``, ``invoice_ready/he``, ``invoice_ready/*/sms``, …"""
        if not self.locale and not self.channel:
            return self.template
        return "/".join([self.template, self.locale or "*"] + ([self.channel]
                                                               if self.channel else []))

    def covers(self, locale: str, channel: str) -> bool:
        """Whether the cell ``locale/channel`` belongs to this part."""
        return self.locale in ("", locale) and self.channel in ("", channel)


def cell_key(locale: str, channel: str) -> str:
    """``"he/email"``: how approvals name a cell."""
    return f"{locale}/{channel}"


def cells(project: Project, template_id: str) -> list[tuple[str, str]]:
    """Every (locale, channel) of a template, locale first."""
    template = project.template(template_id)
    return [(loc, ch) for loc in project.config.locales for ch in channel_names()
            if ch in template.channels]


def make_part(project: Project, template_id: str, locale: str = "",
              channel: str = "") -> Part:
    """A part, checked against the project (an unknown locale or channel is an input error)."""
    template = project.template(template_id)
    if locale and locale not in project.config.locales:
        raise InputError(f"locale '{locale}' is not in the project",
                         hint=f"locales: {', '.join(project.config.locales)}")
    if channel and channel not in template.channels:
        raise InputError(f"template '{template_id}' has no {channel} message",
                         hint=f"its channels: {', '.join(template.channels)}")
    return Part(template_id, locale, channel)


def template_state(states: list[str]) -> str:
    """A template's state from its cells' states."""
    for state in PRECEDENCE:
        if state in states:
            return state
    return "unreviewed"
