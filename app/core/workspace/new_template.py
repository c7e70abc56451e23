"""A new, empty template: every file of ``templates/<id>/`` with placeholder copy.

The studio's wizard and ``missive template new`` both call :func:`create_template`. The
email extends the project's layout (the first ``layouts/*.mjml`` with a block, so the
shared header and footer come with it); every text the customer would read is a
placeholder in :data:`PLACEHOLDER` form, which the ``unwritten-copy`` rule reports as an
error until someone writes the words (in the Copy view, or in the files).
"""

from __future__ import annotations

import re
from pathlib import Path

from ...kernel.channels import channel_names, default_channels, spec_for
from ...kernel.errors import InputError
from ..message_text import msg
from ..model import CATEGORIES
from ..project import Project
from .atomic import atomic_write_text
from .template_settings import FallbackSettings, TemplateSettings, apply_settings

# "[WRITE: the subject]": brackets and the word WRITE mark copy nobody has written yet.
PLACEHOLDER = "[WRITE: {what}]"
# Links must still parse as URLs for the link rules, so theirs is a reserved domain.
LINK_PLACEHOLDER = "https://example.com/WRITE-the-link"
PLACEHOLDER_PATTERN = re.compile(r"\[WRITE:[^\]\n]*\]|https://example\.com/WRITE-[\w-]*")
_ID = re.compile(r"^[a-z0-9_]+$")
_BLOCK = re.compile(r"\{%-?\s*block\s+(\w+)\s*-?%\}")
_DELAYS = ("12h", "24h")


def _p(what: str) -> str:
    return PLACEHOLDER.format(what=what)


def find_layout(root: Path) -> tuple[str, str] | None:
    """(``layouts/x.mjml``, its first block's name) of the project's layout, if any."""
    folder = root / "layouts"
    if not folder.is_dir():
        return None
    candidates = sorted(folder.glob("*.mjml"), key=lambda p: (p.name != "base.mjml", p.name))
    for path in candidates:
        match = _BLOCK.search(path.read_text(encoding="utf-8"))
        if match:
            return f"layouts/{path.name}", match.group(1)
    return None


def _email_mjml(layout: tuple[str, str] | None) -> str:
    body = (
        f"        <mj-text>{_p('the greeting')}</mj-text>\n"
        f"        <mj-text>{_p('what this message is about')}</mj-text>\n"
        f"        <mj-button href=\"{LINK_PLACEHOLDER}\">{_p('the button label')}</mj-button>\n"
        f"        <mj-text>{_p('what happens next, and how to reach a person')}</mj-text>\n"
    )
    if layout is not None:
        name, block = layout
        return (f'{{% extends "{name}" %}}\n{{% block {block} %}}\n{body}'
                f"{{% endblock %}}\n")
    return ('<mjml lang="{{ message.lang }}" dir="{{ message.dir }}">\n  <mj-body>\n'
            '    <mj-section>\n      <mj-column>\n'
            f"{body}      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>\n")


def _email_toml() -> str:
    return (f'subject = "{_p("the subject")}"\n'
            f'preheader = "{_p("the preheader, the line shown after the subject")}"\n')


def _sms_txt() -> str:
    return _p("the SMS text") + "\n"


def _whatsapp_toml(category: str) -> str:
    if category == "authentication":  # Meta writes the text of authentication templates
        return (f'body = "{_p("the code message")}"\n\n'
                '[[buttons]]\ntype = "copy_code"\n'
                f'text = "{_p("the button label")}"\n')
    return (f'header = "{_p("the header")}"\n'
            f'body = """{_p("the message")}"""\n'
            f'footer = "{_p("the footer")}"\n\n'
            '[[buttons]]\ntype = "url"\n'
            f'text = "{_p("the button label")}"\n'
            f'url = "{LINK_PLACEHOLDER}"\n')


def _template_toml(settings: TemplateSettings) -> str:
    head = ("# Template settings: docs/project-format.md. Declare each variable the text uses\n"
            "# under [variables.<name>] (type: string, money, date, datetime, number, url,\n"
            "# phone) and give it a value in the samples.\n")
    return apply_settings(head, settings)


def template_problems(project: Project, template_id: str, category: str,
                      channels: list[str], locales: list[str]) -> list[str]:
    """Everything wrong with a new template's id and settings, one sentence each
    (:func:`~app.core.message_text.msg`, so the wizard shows them translated)."""
    problems: list[str] = []
    if not _ID.match(template_id or ""):
        problems.append(msg("'{id}' is not a valid template id: use lowercase letters, "
                            "digits and underscores", id=template_id))
    elif (project.root / "templates" / template_id).exists():
        problems.append(msg("a template '{id}' already exists: choose another id",
                            id=template_id))
    if not channels:
        problems.append(msg("choose at least one channel"))
    problems += [msg("unknown channel '{channel}' (channels: {channels})", channel=c,
                     channels=", ".join(channel_names())) for c in channels
                 if c not in channel_names()]
    if not locales:
        problems.append(msg("choose at least one locale"))
    problems += [msg("locale '{locale}' is not in the project", locale=loc)
                 for loc in locales if loc not in project.config.locales]
    if category not in CATEGORIES:
        problems.append(msg("category must be one of {categories}, not '{category}'",
                            categories=", ".join(CATEGORIES), category=category))
    return problems


def _starter_files(channel: str, layout: tuple[str, str] | None, category: str) -> dict[str, str]:
    """A new template's files for one channel: a starter text for the built-in channels,
    the channel's files empty for any other."""
    if channel == "email":
        return {"email.mjml": _email_mjml(layout), "email.toml": _email_toml()}
    if channel == "sms":
        return {"sms.txt": _sms_txt()}
    if channel == "whatsapp":
        return {"whatsapp.toml": _whatsapp_toml(category)}
    return dict.fromkeys(spec_for(channel).files, "")


def create_template(project: Project, template_id: str, *, title: str = "",
                    category: str = "operational", channels: list[str] | None = None,
                    locales: list[str] | None = None) -> list[Path]:
    """Create ``templates/<template_id>/`` with every file; returns the files created.

    Everything is checked before anything is written; a bad option is an InputError.
    """
    channels = list(channels) if channels else list(default_channels())
    locales = list(locales) if locales else list(project.config.locales)
    problems = template_problems(project, template_id, category, channels, locales)
    if problems:
        raise InputError("; ".join(problems), path=project.root / "missive.toml",
                         hint=f"channels: {', '.join(channel_names())}; project locales: "
                              f"{', '.join(project.config.locales)}; nothing was written")
    ordered = [c for c in channel_names() if c in channels]
    settings = TemplateSettings(
        title=title or template_id.replace("_", " ").capitalize(), category=category,
        channels=ordered, primary=ordered[0],
        fallbacks=[FallbackSettings(c, d) for c, d in zip(ordered[1:], _DELAYS, strict=False)],
    )
    files: dict[str, str] = {"template.toml": _template_toml(settings)}
    layout = find_layout(project.root)
    for locale in locales:
        for channel in ordered:
            for name, text in _starter_files(channel, layout, category).items():
                files[f"{locale}/{name}"] = text
    target = project.root / "templates" / template_id
    created = []
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, text)
        created.append(path)
    return created
