"""The bundle's per-locale sources: what each channel's files hold, built from a project.

- email: ``subject.txt``, ``preheader.txt``, ``body.html`` (compiled, see
  :mod:`.email_compile`) and ``text.txt`` when the template has an authored text;
- sms: ``sms.txt`` (any channel's Jinja text file: :meth:`SourceBuilder.jinja_file`);
- whatsapp: ``whatsapp.json`` — Meta's template-creation payload plus the mapping from
  positional parameters to expressions (see :mod:`.whatsapp_payload`).

Every Jinja source is flattened: extends/includes resolved, locale constants folded.
"""

from __future__ import annotations

from typing import Any

from ...kernel.sandbox import SafeEnvironment, make_environment
from ..context import message_info
from ..model import Template
from ..project import Project
from ..templating import TemplateEngine, read_project_file
from ..tomlfile import parse_toml
from .email_compile import compile_email
from .jinja_source import Flattener, join

EMAIL_FILES = ("subject", "preheader", "body", "text")


def constants(project: Project, template: Template, locale: str, channel: str) -> dict[str, Any]:
    """The values that are the same for every customer of this locale × channel."""
    config = project.config
    return {
        "message": message_info(config, template, locale, channel),
        "sender": config.sender.as_context(),
        "brand": {"name": config.brand.name, "domains": list(config.brand.domains)},
    }


class SourceBuilder:
    """Builds the bundle sources of one project (one Jinja environment for all)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.engine = TemplateEngine(project.root)
        self.env: SafeEnvironment = make_environment()

    def _flattener(self, template: Template, locale: str, channel: str) -> Flattener:
        return Flattener(self.env, lambda name: read_project_file(self.engine, name),
                         constants(self.project, template, locale, channel))

    def _toml(self, template: Template, locale: str, filename: str) -> dict[str, Any]:
        name = f"templates/{template.id}/{locale}/{filename}"
        return parse_toml(read_project_file(self.engine, name), template.locale_dir(locale)
                          / filename)

    def email(self, template: Template, locale: str) -> dict[str, str]:
        """``subject``, ``preheader``, ``body`` and (if authored) ``text`` sources."""
        flat = self._flattener(template, locale, "email")
        fields = self._toml(template, locale, "email.toml")
        path = str(template.locale_dir(locale) / "email.toml")
        out = {}
        for key in ("subject", "preheader", "text"):
            if key == "text" and not fields.get("text"):
                continue
            parts = flat.string(str(fields.get(key, "")), path)
            out[key] = join(flat.fold(parts, autoescape=False))
        body_name = f"templates/{template.id}/{locale}/email.mjml"
        parts = flat.fold(flat.file(body_name), autoescape=True)
        info = flat.constants["message"]
        out["body"] = compile_email(parts, lang=info["lang"], direction=info["dir"],
                                    rtl=info["rtl"], fonts=self.project.config.fonts,
                                    path=str(template.locale_dir(locale) / "email.mjml"))
        return out

    def jinja_file(self, template: Template, locale: str, channel: str, filename: str) -> str:
        """A channel's Jinja text file (``sms.txt``), flattened, without autoescape."""
        flat = self._flattener(template, locale, channel)
        parts = flat.file(f"templates/{template.id}/{locale}/{filename}")
        return join(flat.fold(parts, autoescape=False))


    def whatsapp_fields(self, template: Template, locale: str) -> dict[str, Any]:
        """The raw whatsapp.toml fields (header, body, footer, buttons)."""
        return self._toml(template, locale, "whatsapp.toml")
