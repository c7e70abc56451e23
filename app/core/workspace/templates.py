"""Template folder operations: new from a starter, duplicate, rename, delete, add a locale.

Each works on the files of a project and returns what it created; the caller reloads
the project. Ids are checked first, so a failed operation writes nothing.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from ...kernel.errors import InputError
from ..paths import demo_project_dir
from ..project import Project
from ..tomlfile import read_text

_ID = re.compile(r"^[a-z0-9_]+$")


@dataclass(frozen=True)
class Starter:
    """A template to start from: its key, a label and the demo template it copies."""

    key: str
    label: str
    source_id: str


# Labels are marked for the interface's translation by the studio (N_ in app/ui).
STARTERS: dict[str, Starter] = {
    "invoice": Starter("invoice", "Invoice", "invoice_ready"),
    "receipt": Starter("receipt", "Payment receipt", "payment_received"),
    "delivery": Starter("delivery", "Delivery update", "delivery_update"),
    "one_time_code": Starter("one_time_code", "One-time code", "login_code"),
}

# A comment at the top of each copied file, in the file's own comment syntax.
_MARKS = {
    ".toml": "# TRANSLATE from {source}: every text below is still in '{source}'.\n",
    ".mjml": "{{#- TRANSLATE from {source}: every text below is still in '{source}'. -#}}\n",
    ".txt": "{{#- TRANSLATE from {source}: the text below is still in '{source}'. -#}}\n",
}


def validate_template_id(project: Project, template_id: str) -> str:
    """Check that ``template_id`` is a valid, unused id; returns it."""
    if not _ID.match(template_id or ""):
        raise InputError(f"'{template_id}' is not a valid template id",
                         hint="use lowercase letters, digits and underscores")
    if (project.root / "templates" / template_id).exists():
        raise InputError(f"a template '{template_id}' already exists",
                         path=project.root / "templates" / template_id,
                         hint="choose another id")
    return template_id


def _template_dir(project: Project, template_id: str) -> Path:
    return project.template(template_id).directory


def new_from_starter(project: Project, starter_key: str, template_id: str) -> Path:
    """Create ``templates/<id>`` from a starter, for the project's locales.

    A locale the starter has is copied as is; any other is a copy of the starter's
    English text, marked for translation.
    """
    validate_template_id(project, template_id)
    try:
        starter = STARTERS[starter_key]
    except KeyError:
        raise InputError(f"no starter '{starter_key}'",
                         hint=f"starters: {', '.join(STARTERS)}") from None
    source = demo_project_dir() / "templates" / starter.source_id
    target = project.root / "templates" / template_id
    target.mkdir(parents=True)
    shutil.copy2(source / "template.toml", target / "template.toml")
    for locale in project.config.locales:
        if (source / locale).is_dir():
            shutil.copytree(source / locale, target / locale)
        else:
            _copy_marked(source / "en", target / locale, "en")
    return target


def duplicate_template(project: Project, template_id: str, new_id: str) -> Path:
    """Copy a template's folder to a new id."""
    source = _template_dir(project, template_id)
    validate_template_id(project, new_id)
    target = project.root / "templates" / new_id
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".*"))
    return target


def rename_template(project: Project, template_id: str, new_id: str) -> Path:
    """Rename a template's folder (its id)."""
    source = _template_dir(project, template_id)
    validate_template_id(project, new_id)
    target = project.root / "templates" / new_id
    source.rename(target)
    return target


def delete_template(project: Project, template_id: str) -> None:
    """Delete a template's folder and everything in it."""
    shutil.rmtree(_template_dir(project, template_id))


def add_locale(project: Project, template_id: str, locale: str) -> list[Path]:
    """Add ``locale`` to a template: a copy of the default locale, marked for translation."""
    template = project.template(template_id)
    if locale not in project.config.locales:
        raise InputError(f"locale '{locale}' is not in the project",
                         path=project.root / "missive.toml",
                         hint="add it to [project] locales in missive.toml first")
    target = template.locale_dir(locale)
    if target.exists():
        raise InputError(f"template '{template_id}' already has '{locale}'", path=target)
    default = project.config.default_locale
    source = template.locale_dir(default)
    if not source.is_dir():
        raise InputError(f"template '{template_id}' has no '{default}' folder to copy",
                         path=source)
    return _copy_marked(source, target, default)


def _copy_marked(source: Path, target: Path, source_locale: str) -> list[Path]:
    target.mkdir(parents=True)
    created = []
    for path in sorted(source.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        text = read_text(path)
        mark = _MARKS.get(path.suffix, "")
        out = target / path.name
        out.write_text(mark.format(source=source_locale) + text, encoding="utf-8")
        created.append(out)
    return created
