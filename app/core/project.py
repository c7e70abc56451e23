"""Loading a project folder (missive.toml, templates, samples) into the model.

Every problem becomes an :class:`~app.kernel.errors.InputError` naming the file and line.
Channel source files are read when rendered (by :mod:`app.core.templating`'s project
loader, :class:`app.core.templating.ProjectLoader`), so an editor can change them without
reloading the project.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from ..kernel.channels import channel_names, default_channels
from ..kernel.errors import InputError
from ..kernel.input_limits import loads_json
from .did_you_mean import suggestion
from .header_fields import refuse_sender_breaks
from .model import (
    CATEGORIES,
    RESERVED_NAMES,
    VARIABLE_TYPES,
    Brand,
    Fallback,
    LocaleSettings,
    ProjectConfig,
    Sample,
    Sender,
    Strategy,
    Template,
    Variable,
)
from .project_files import check_project_tree
from .tomlfile import expect_type, find_key_line, load_toml, read_text, reject_unknown_keys

PROJECT_FILE = "missive.toml"
POLICY_FILE = "policy.toml"
_TEMPLATE_ID = re.compile(r"^[a-z0-9_]+$")
_DURATION = re.compile(r"^\d+\s*(m|min|h|d|s)$")
_SURROGATE = re.compile("[\udc80-\udcff]")


@dataclass
class Project:
    """A loaded project: its configuration, templates and samples."""

    root: Path
    config: ProjectConfig
    templates: dict[str, Template] = field(default_factory=dict)
    samples: dict[str, Sample] = field(default_factory=dict)

    @classmethod
    def load(cls, root: str | Path) -> Project:
        """Load the project in ``root``; raises InputError when it cannot be used."""
        root = Path(root)
        if not root.is_dir():
            raise InputError(
                "no such project folder", path=root,
                hint="give the folder that holds missive.toml, "
                     "or create one with 'missive new DIR'",
            )
        if not (root / PROJECT_FILE).is_file():
            raise InputError(
                f"not a Missive project: {PROJECT_FILE} is missing", path=root / PROJECT_FILE,
                hint="create one with 'missive new DIR'",
            )
        check_project_tree(root)  # no links out of the project, no FIFOs or devices
        config = load_config(root / PROJECT_FILE)
        project = cls(root=root, config=config)
        project.templates = load_templates(root / "templates", config)
        project.samples = load_samples(root / "samples")
        return project

    @property
    def policy_path(self) -> Path:
        """The project's policy.toml (it may not exist)."""
        return self.root / POLICY_FILE

    def template(self, template_id: str) -> Template:
        """The template with this id, or an InputError listing the ones there are."""
        try:
            return self.templates[template_id]
        except KeyError:
            raise InputError(
                f"no template '{template_id}'", path=self.root / "templates" / template_id,
                hint=f"templates: {', '.join(sorted(self.templates)) or 'none'}",
            ) from None

    def sample(self, name: str) -> Sample:
        """The sample with this name, or an InputError listing the ones there are."""
        try:
            return self.samples[name if name in self.samples else readable_name(name)]
        except KeyError:
            raise InputError(
                f"no sample '{name}'{suggestion(name, self.samples)}",
                path=self.root / "samples" / f"{name}.json",
                hint=f"samples: {', '.join(sorted(self.samples)) or 'none'}",
            ) from None


def _locale_id(value: str, *, path: Path, text: str, key: tuple[str, ...]) -> str:
    try:
        Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        raise InputError(
            f"unknown locale '{value}'", path=path, line=find_key_line(text, key), column=1,
            hint="use a language code such as en, he, ar or en_GB",
        ) from None
    return value


def load_config(path: Path) -> ProjectConfig:
    """Read and validate missive.toml."""
    data, text = load_toml(path)
    reject_unknown_keys(data, ("project", "sender", "brand", "locale", "email"), path=path,
                        text=text)

    def table(name: str) -> dict[str, Any]:
        return expect_type(data.get(name, {}), dict, key=(name,), path=path, text=text)

    proj = table("project")
    reject_unknown_keys(proj, ("name", "default_locale", "locales"), path=path, text=text,
                        table=("project",))
    name = expect_type(proj.get("name", path.parent.name), str, key=("project", "name"),
                       path=path, text=text)
    locales = expect_type(proj.get("locales", ["en"]), list, key=("project", "locales"),
                          path=path, text=text)
    locales = tuple(
        _locale_id(expect_type(loc, str, key=("project", "locales"), path=path, text=text),
                   path=path, text=text, key=("project", "locales"))
        for loc in locales
    )
    if not locales:
        raise InputError("[project] locales is empty", path=path,
                         line=find_key_line(text, ("project", "locales")), column=1,
                         hint='list at least one, e.g. locales = ["en"]')
    default = expect_type(proj.get("default_locale", locales[0]), str,
                          key=("project", "default_locale"), path=path, text=text)
    if default not in locales:
        raise InputError(
            f"default_locale '{default}' is not in locales", path=path,
            line=find_key_line(text, ("project", "default_locale")), column=1,
            hint=f"locales: {', '.join(locales)}",
        )

    sender_data = table("sender")
    sender_keys = tuple(Sender.__dataclass_fields__)
    reject_unknown_keys(sender_data, sender_keys, path=path, text=text, table=("sender",))
    for key, value in sender_data.items():
        expect_type(value, str, key=("sender", key), path=path, text=text)
    refuse_sender_breaks(sender_data, path, text)
    sender = Sender(**sender_data)

    brand_data = table("brand")
    reject_unknown_keys(brand_data, ("name", "domains"), path=path, text=text, table=("brand",))
    domains = expect_type(brand_data.get("domains", []), list, key=("brand", "domains"),
                          path=path, text=text)
    brand = Brand(
        name=expect_type(brand_data.get("name", name), str, key=("brand", "name"), path=path,
                         text=text),
        domains=tuple(str(d).lower() for d in domains),
    )

    settings: dict[str, LocaleSettings] = {}
    for loc, values in table("locale").items():
        expect_type(values, dict, key=("locale", loc), path=path, text=text)
        reject_unknown_keys(values, ("numbering",), path=path, text=text, table=("locale", loc))
        numbering = values.get("numbering", "latn")
        if numbering not in ("latn", "arab"):
            raise InputError(
                f"numbering must be \"latn\" or \"arab\", not {numbering!r}", path=path,
                line=find_key_line(text, ("locale", loc, "numbering")), column=1,
            )
        settings[loc] = LocaleSettings(numbering=numbering)

    email = table("email")
    reject_unknown_keys(email, ("fonts",), path=path, text=text, table=("email",))
    fonts = expect_type(email.get("fonts", {}), dict, key=("email", "fonts"), path=path, text=text)

    return ProjectConfig(
        name=name, default_locale=default, locales=locales, sender=sender, brand=brand,
        locale_settings=settings, fonts={str(k): str(v) for k, v in fonts.items()},
    )


def load_templates(folder: Path, config: ProjectConfig) -> dict[str, Template]:
    """Load every ``templates/<id>/template.toml``, sorted by id."""
    templates: dict[str, Template] = {}
    if not folder.is_dir():
        return templates
    for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
        if directory.name.startswith("."):
            continue
        templates[directory.name] = load_template(directory)
    return templates


def load_template(directory: Path) -> Template:
    """Read and validate one template's template.toml."""
    path = directory / "template.toml"
    template_id = directory.name
    if not _TEMPLATE_ID.match(template_id):
        raise InputError(
            f"template folder name '{template_id}' is not a valid id", path=directory,
            hint="use lowercase letters, digits and underscores (WhatsApp requires it)",
        )
    if not path.is_file():
        raise InputError("template.toml is missing", path=path,
                         hint="every template folder needs one; see docs/project-format.md")
    data, text = load_toml(path)
    reject_unknown_keys(
        data, ("title", "category", "channels", "variables", "strategy", "promotional",
               "description"),
        path=path, text=text,
    )

    def field_(key: str, kind: type, default: Any) -> Any:
        return expect_type(data.get(key, default), kind, key=(key,), path=path, text=text)

    category = field_("category", str, "operational")
    if category not in CATEGORIES:
        raise InputError(
            f"category must be one of {', '.join(CATEGORIES)}, not '{category}'", path=path,
            line=find_key_line(text, ("category",)), column=1,
        )
    channels = tuple(field_("channels", list, list(default_channels())))
    for channel in channels:
        if channel not in channel_names():
            raise InputError(
                f"unknown channel '{channel}'", path=path,
                line=find_key_line(text, ("channels",)), column=1,
                hint=f"channels: {', '.join(channel_names())}",
            )

    variables: dict[str, Variable] = {}
    for name, spec in field_("variables", dict, {}).items():
        key = ("variables", name)
        if name in RESERVED_NAMES:
            raise InputError(f"variable name '{name}' is reserved", path=path,
                             line=find_key_line(text, key), column=1,
                             hint=f"reserved: {', '.join(sorted(RESERVED_NAMES))}")
        expect_type(spec, dict, key=key, path=path, text=text)
        reject_unknown_keys(spec, ("type", "required", "currency", "description"), path=path,
                            text=text, table=key)
        vtype = expect_type(spec.get("type", "string"), str, key=(*key, "type"), path=path,
                            text=text)
        if vtype not in VARIABLE_TYPES:
            raise InputError(
                f"unknown variable type '{vtype}'", path=path,
                line=find_key_line(text, (*key, "type")), column=1,
                hint=f"types: {', '.join(VARIABLE_TYPES)}",
            )
        currency = spec.get("currency")
        if currency is not None:
            expect_type(currency, str, key=(*key, "currency"), path=path, text=text)
        variables[name] = Variable(
            name=name, type=vtype,
            required=expect_type(spec.get("required", True), bool, key=(*key, "required"),
                                 path=path, text=text),
            currency=currency,
            description=str(spec.get("description", "")),
        )

    strategy = _load_strategy(field_("strategy", dict, {}), path=path, text=text)
    return Template(
        id=template_id, directory=directory, title=field_("title", str, template_id),
        category=category, channels=channels, variables=variables, strategy=strategy,
        promotional=field_("promotional", bool, False),
        description=field_("description", str, ""),
    )


def _load_strategy(data: dict[str, Any], *, path: Path, text: str) -> Strategy:
    reject_unknown_keys(data, ("primary", "fallback"), path=path, text=text, table=("strategy",))
    primary = data.get("primary")
    if primary is not None and primary not in channel_names():
        raise InputError(f"unknown primary channel '{primary}'", path=path,
                         line=find_key_line(text, ("strategy", "primary")), column=1)
    fallbacks = []
    for item in expect_type(data.get("fallback", []), list, key=("strategy", "fallback"),
                            path=path, text=text):
        expect_type(item, dict, key=("strategy", "fallback"), path=path, text=text)
        line = find_key_line(text, ("strategy", "fallback"))
        unknown = set(item) - {"channel", "after"}
        if unknown:
            raise InputError(f"unknown key '{sorted(unknown)[0]}' in a fallback", path=path,
                             line=line, column=1, hint="a fallback has channel and after")
        channel = item.get("channel")
        if channel not in channel_names():
            raise InputError(f"fallback channel must be one of {', '.join(channel_names())}",
                             path=path, line=line, column=1)
        after = item.get("after")
        if after is not None and not (isinstance(after, str) and _DURATION.match(after)):
            raise InputError(f"fallback delay {after!r} is not a duration", path=path,
                             line=line, column=1, hint='write it like "30m", "4h" or "1d"')
        fallbacks.append(Fallback(channel=channel, after=after))
    return Strategy(primary=primary, fallback=tuple(fallbacks))


def load_samples(folder: Path) -> dict[str, Sample]:
    """Load every ``samples/<name>.json``, sorted by name."""
    samples: dict[str, Sample] = {}
    if not folder.is_dir():
        return samples
    for path in sorted(folder.glob("*.json")):
        sample = load_sample(path)
        name = sample.name
        while name in samples:  # two undecodable names may read the same
            name += "_"
        samples[name] = Sample(name=name, path=path, data=sample.data)
    return samples


def load_sample(path: Path) -> Sample:
    """Read one sample file; it must hold a JSON object."""
    return Sample(name=readable_name(path.stem), path=path, data=load_json_object(path))


def readable_name(stem: str) -> str:
    """A file name as text: the bytes of a name that is not UTF-8 on disk (Python reads
    them back as surrogates) are read as Windows-1252, the usual source of such names;
    what is still not a letter or digit becomes '_'. JSON, the bundle and a terminal can
    then hold the name."""
    def one(match: re.Match[str]) -> str:
        char = bytes([ord(match.group(0)) - 0xDC00]).decode("cp1252", "replace")
        return char if char.isalnum() else "_"

    return _SURROGATE.sub(one, stem)


def load_json_object(path: Path) -> dict[str, Any]:
    """Parse a JSON file that must hold an object; errors name the line and column."""
    text = read_text(path)
    data = loads_json(text, path)
    if not isinstance(data, dict):
        raise InputError("sample data must be a JSON object ({...})", path=path, line=1,
                         column=1)
    for name in RESERVED_NAMES & set(data):
        raise InputError(f"'{name}' is a reserved name", path=path,
                         line=_json_key_line(text, name), column=1,
                         hint="rename the key; the studio fills it from missive.toml")
    return data


def _json_key_line(text: str, key: str) -> int:
    needle = json.dumps(key)
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 0


def list_template_locales(template: Template) -> list[str]:
    """The locale folders present in a template, sorted."""
    if not template.directory.is_dir():
        return []
    return sorted(p.name for p in template.directory.iterdir() if p.is_dir())


__all__ = ["POLICY_FILE", "PROJECT_FILE", "Project", "load_config", "load_json_object",
           "load_sample", "load_template", "read_text"]
