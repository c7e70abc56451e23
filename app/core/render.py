"""Rendering one template × locale × channel with a data set: the core's entry point.

The CLI, the studio's preview worker, the checks and the export all call
:meth:`Renderer.render`. A Renderer keeps the Jinja environment (and its compiled
templates) for one project; ``overlay`` lets the studio render unsaved editor text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..kernel.errors import InputError
from .channels import CHANNELS, Message, RenderJob
from .context import build_context
from .project import Project
from .templating import TemplateEngine
from .worker import guard


class Renderer:
    """Renders messages of one project."""

    def __init__(self, project: Project, overlay: Mapping[str, str] | None = None) -> None:
        self.project = project
        self.engine = TemplateEngine(project.root, overlay)

    def render(self, template_id: str, locale: str, channel: str,
               data: Mapping[str, Any]) -> Message:
        """Render one message; raises InputError or ContentError with a file and line.

        When the process renders in a bounded worker pool (the CLI, the studio), the
        render runs there (see :mod:`app.core.worker`).
        """
        pool = guard.current_pool()
        if pool is not None:
            from .worker import render_in_pool

            return render_in_pool(pool, self, template_id, locale, channel, data)
        return self.render_here(template_id, locale, channel, data)

    def render_here(self, template_id: str, locale: str, channel: str,
                    data: Mapping[str, Any]) -> Message:
        """Render one message in this process."""
        template = self.project.template(template_id)
        config = self.project.config
        if locale not in config.locales:
            raise InputError(f"locale '{locale}' is not in the project", path=self.project.root
                             / "missive.toml", hint=f"locales: {', '.join(config.locales)}")
        if channel not in CHANNELS:
            raise InputError(f"unknown channel '{channel}'",
                             hint=f"channels: {', '.join(CHANNELS)}")
        if channel not in template.channels:
            raise InputError(f"template '{template_id}' is not sent on {channel}",
                             path=template.source_path,
                             hint=f"its channels: {', '.join(template.channels)}")
        if not template.locale_dir(locale).is_dir():
            raise InputError(f"template '{template_id}' has no '{locale}' folder",
                             path=template.locale_dir(locale),
                             hint="add the locale (copy the default locale's folder)")
        if guard.in_worker():
            from .worker import render_label

            guard.begin(render_label(self, template_id, locale, channel))
        context = build_context(config, template, locale, channel, data)
        job = RenderJob(self.engine, config, template, locale, context)
        return CHANNELS[channel].render(job)


def render_message(project: Project, template_id: str, locale: str, channel: str,
                   data: Mapping[str, Any]) -> Message:
    """Render one message with a fresh Renderer (convenient for one-off calls)."""
    return Renderer(project).render(template_id, locale, channel, data)
