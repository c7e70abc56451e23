"""What the preview shows (a :class:`Choice` of template, locale, channel, sample and
device) and the rules that keep it valid for the project: the studio's pickers and window
show and change it, and nothing here needs Qt."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..devices import DEFAULT_DEVICE
from ..project import Project


@dataclass
class Choice:
    """What the preview shows."""

    template: str = ""
    locale: str = ""
    channel: str = "email"
    sample: str = ""
    device: str = DEFAULT_DEVICE


def best_sample(project: Project, locale: str, current: str = "") -> str:
    """The current sample if it suits the locale, else the first sample of that locale."""
    samples = project.samples
    if current in samples and samples[current].locale in (None, locale):
        return current
    for name, sample in samples.items():
        if sample.locale == locale:
            return name
    return current if current in samples else next(iter(samples), "")


def choose(project: Project, current: Choice, template: str | None = None,
           locale: str | None = None, channel: str | None = None,
           sample: str | None = None, device: str | None = None) -> Choice:
    """``current`` with the given fields changed, made valid for ``project``.

    An unknown template becomes the first, an unknown locale the default one, a channel the
    template is not sent on becomes its primary channel (else its first). The sample
    follows the locale (:func:`best_sample`) when the locale changed or the sample is
    gone, but a sample chosen here stays even if it is not written for the locale:
    focusing a file must not swap the sample the writer picked.
    """
    changes = dict(template=template, locale=locale, channel=channel, sample=sample,
                   device=device)
    choice = replace(current, **{k: v for k, v in changes.items() if v is not None})
    if choice.template not in project.templates:
        choice.template = next(iter(project.templates), "")
    if choice.locale not in project.config.locales:
        choice.locale = project.config.default_locale
    if choice.template:
        channels = project.templates[choice.template].channels
        if choice.channel not in channels:
            primary = project.templates[choice.template].strategy.primary
            choice.channel = primary if primary in channels else channels[0]
    if sample is None and (choice.locale != current.locale
                           or choice.sample not in project.samples):
        choice.sample = best_sample(project, choice.locale, choice.sample)
    return choice


__all__ = ["Choice", "best_sample", "choose"]
