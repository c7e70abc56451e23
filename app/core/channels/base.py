"""What every channel shares: the render job it is given and the studio's part of it.

A channel's studio part is one module in this package that defines a ``CHANNEL`` object
(a :class:`StudioChannel`) and registers it in ``channels/__init__.py``; what the runtime
and every other layer know of it is its spec (:mod:`app.kernel.channels`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ...kernel.channels import ChannelSpec, spec_for
from ..model import ProjectConfig, Template
from ..templating import StringOrigin, TemplateEngine, read_project_file
from ..tomlfile import find_key_line, parse_toml, reject_unknown_keys


@dataclass
class RenderJob:
    """Everything needed to render one template × locale × channel for one data set."""

    engine: TemplateEngine
    config: ProjectConfig
    template: Template
    locale: str
    context: dict[str, Any]

    def name(self, filename: str) -> str:
        """The loader name of a file in this template's locale folder."""
        return f"templates/{self.template.id}/{self.locale}/{filename}"

    def path(self, filename: str) -> Path:
        """The path of a file in this template's locale folder."""
        return self.template.locale_dir(self.locale) / filename

    def read_toml(self, filename: str, allowed: tuple[str, ...]) -> tuple[dict[str, Any], str]:
        """Parse a channel's TOML file (editor text first), rejecting unknown keys."""
        text = read_project_file(self.engine, self.name(filename))
        data = parse_toml(text, self.path(filename))
        reject_unknown_keys(data, allowed, path=self.path(filename), text=text)
        return data, text

    def origin(self, filename: str, text: str, key: tuple[str, ...]) -> StringOrigin:
        """Where the value of ``key`` starts in a TOML file, for error positions."""
        line = find_key_line(text, key) or 1
        lines = text.splitlines()
        column = 1
        if 0 < line <= len(lines):
            raw = lines[line - 1]
            eq = raw.find("=")
            if eq >= 0:
                rest = raw[eq + 1:]
                stripped = rest.lstrip()
                quote = 3 if stripped.startswith(('"""', "'''")) else 1
                if quote == 3 and not stripped[3:].strip():
                    return StringOrigin(str(self.path(filename)), line + 1, 1)
                column = eq + 1 + (len(rest) - len(stripped)) + quote + 1
        return StringOrigin(str(self.path(filename)), line, column)

    def render_field(self, filename: str, text: str, key: tuple[str, ...], source: str) -> str:
        """Render a Jinja string stored under ``key`` in a TOML file."""
        return self.engine.render_string(source, self.origin(filename, text, key), self.context)


class Message(Protocol):
    """A rendered message; ``to_dict`` gives the documented JSON form."""

    channel: str

    def to_dict(self) -> dict[str, Any]: ...


class BundleExport(Protocol):
    """What the export offers a channel building its part of a bundle
    (:mod:`app.core.export.exporter`)."""

    project: Any
    builder: Any  # app.core.export.sources.SourceBuilder
    renderer: Any  # app.core.render.Renderer
    moment: Any  # the export's datetime

    def example(self, template: Template, locale: str) -> dict[str, Any]:
        """The sample whose values a channel's examples show (Meta's, for WhatsApp)."""
        ...

    def json(self, data: Any) -> bytes:
        """``data`` as the bundle writes JSON."""
        ...


class StudioChannel:
    """The studio's part of a channel: render from sources, and build the bundle's files.

    Subclasses set ``name`` and ``files`` and implement :meth:`render`; the bundle hooks'
    defaults suit a channel whose bundle files are its Jinja source files flattened (the
    spec's ``bundle_files`` roles named after them) and whose golden render is its JSON.
    """

    name: str = ""

    @property
    def files(self) -> tuple[str, ...]:
        """The files it reads in a locale folder (the spec's)."""
        return self.spec.files

    @property
    def spec(self) -> ChannelSpec:
        """This channel's spec (app.kernel.channels)."""
        return spec_for(self.name)

    def render(self, job: RenderJob) -> Message:
        raise NotImplementedError

    def bundle_sources(self, export: BundleExport, template: Template,
                       locale: str) -> dict[str, str | bytes]:
        """Role → content of this channel's files in a bundle's locale folder."""
        return {role: export.builder.jinja_file(template, locale, self.name, name)
                for role, name in self.spec.bundle_files.items()}

    def golden_files(self, export: BundleExport, template: Template, locale: str,
                     sample: str, data: dict[str, Any],
                     message: Message) -> dict[str, tuple[str, str | bytes]]:
        """Role → (file suffix, content) of one golden render, in the order written."""
        return {"json": (".json", export.json(message.to_dict()))}


Channel = StudioChannel
