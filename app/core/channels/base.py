"""What every channel shares: the render job it is given and the protocol it follows.

A channel is one module in this package that defines a :class:`Channel` object and
registers it in ``channels/__init__.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

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


class Channel(Protocol):
    """A channel: its name, the files it reads in a locale folder, and how it renders."""

    name: str
    files: tuple[str, ...]

    def render(self, job: RenderJob) -> Message: ...
