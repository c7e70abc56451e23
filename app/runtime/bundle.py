"""A template bundle, opened and checked, that renders messages as the studio previewed them.

    bundle = Bundle.open("messages.zip")        # manifest, checksums, sandbox scan
    email = bundle.render("invoice_ready", "he", "email", data)
    email.subject, email.html, email.text

Only Jinja, MarkupSafe, Babel and the stdlib are used, with the studio's sandbox,
filters and bidi rules (:mod:`app.kernel.sandbox`, :mod:`app.kernel.bidi`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    Template,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
)
from jinja2.exceptions import SecurityError

from ..kernel.channels import spec_for
from ..kernel.errors import ContentError
from ..kernel.formatting import FormatValueError
from ..kernel.html_depth import check_depth
from .archive import check_name, read_bundle_files
from .errors import BundleError, DataError, RenderError
from .filters import bundle_environment
from .html_text import html_to_text
from .manifest_schema import FORMAT_VERSION, manifest_schema
from .messages import Message, WhatsApp
from .safety import check_variable_patterns, refuse_header_breaks
from .schema import SchemaError, validate
from .whatsapp_send import send_payload

MANIFEST = "manifest.json"
RESERVED = ("message", "sender", "brand")
_TEMPLATE_SUFFIXES = (".txt", ".html")


class _Loader(BaseLoader):
    """Serves the bundle's template files, and nothing else."""

    def __init__(self, texts: Mapping[str, str]) -> None:
        self.texts = texts

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template not in self.texts:
            raise TemplateNotFound(template)
        return self.texts[template], template, lambda: True


class Bundle:
    """An opened bundle: its manifest, its files, and a Jinja environment over them."""

    def __init__(self, files: Mapping[str, bytes], origin: str = "<bundle>") -> None:
        self.origin = origin
        self.files = dict(files)
        self.manifest = _load_manifest(self.files, origin)
        _check_files(self.manifest, self.files, origin)
        check_variable_patterns(self.manifest, origin)  # no pattern that can hang a render
        self.templates: dict[str, dict[str, Any]] = {t["id"]: t for t in self.manifest["templates"]}
        self._texts = {name: _utf8(data, name, origin) for name, data in self.files.items()
                       if name.startswith("templates/") and name.endswith(_TEMPLATE_SUFFIXES)}
        self.env = bundle_environment(_Loader(self._texts))
        self.env.auto_reload = False
        _scan_sandbox(self.env, self._texts, origin)
        self._whatsapp: dict[str, dict[str, Any]] = {}
        self._expressions: dict[str, Template] = {}

    @classmethod
    def open(cls, path: str | Path) -> Bundle:
        """Open a bundle (zip file or folder); raises BundleError if it can't be trusted."""
        return cls(read_bundle_files(path), str(path))

    # -- reading -------------------------------------------------------------------------
    def template(self, template_id: str) -> dict[str, Any]:
        """The manifest entry of a template."""
        try:
            return self.templates[template_id]
        except KeyError:
            raise BundleError(f"no template '{template_id}' in the bundle",
                              hint=f"templates: {', '.join(sorted(self.templates))}") from None

    def variant(self, template_id: str, locale: str, channel: str) -> dict[str, Any]:
        """The manifest entry of one template × locale × channel."""
        entry = self.template(template_id)
        if locale not in entry["locales"]:
            raise BundleError(f"template '{template_id}' has no locale '{locale}'",
                              hint=f"locales: {', '.join(entry['locales'])}")
        channels = entry["locales"][locale]
        if channel not in channels:
            raise BundleError(f"template '{template_id}' is not sent on '{channel}'",
                              hint=f"channels: {', '.join(channels)}")
        return channels[channel]

    def sample(self, name: str) -> dict[str, Any]:
        """The data of a golden sample."""
        for sample in self.manifest["samples"]:
            if sample["name"] == name:
                return json.loads(self.files[sample["path"]])
        raise BundleError(f"no sample '{name}' in the bundle")

    def validate_data(self, template_id: str, data: Any) -> None:
        """Raise DataError (one line) unless ``data`` matches the template's variables."""
        if not isinstance(data, dict):
            raise DataError("the data must be a JSON object")
        for name in RESERVED:
            if name in data:
                raise DataError(f"'{name}' is a reserved name; the bundle fills it")
        try:
            validate(data, self.template(template_id)["variables"], "data")
        except SchemaError as exc:
            raise DataError(str(exc), hint="see the template's variables in manifest.json") \
                from None

    # -- rendering -----------------------------------------------------------------------
    def whatsapp_send_payload(self, template_id: str, locale: str, data: Mapping[str, Any],
                              to: str) -> dict[str, Any]:
        """The Cloud API ``messages`` body that sends this template to ``to`` (E.164)."""
        message = self.render(template_id, locale, "whatsapp", data)
        if not isinstance(message, WhatsApp):  # pragma: no cover - render keeps channels
            raise RenderError(f"'{template_id}' did not render as a WhatsApp message")
        return send_payload(message, template_id, to)

    def render(self, template_id: str, locale: str, channel: str,
               data: Mapping[str, Any]) -> Message:
        """Render one message; raises BundleError, DataError or RenderError."""
        variant = self.variant(template_id, locale, channel)
        self.validate_data(template_id, data)
        context = dict(data)
        context["message"] = dict(variant["message"])
        context["sender"] = dict(self.manifest["sender"])
        context["brand"] = {"name": self.manifest["brand"]["name"],
                            "domains": list(self.manifest["brand"]["domains"])}
        files = {role: f["path"] for role, f in variant["files"].items()}
        return spec_for(channel).render(self, files, context)

    # -- what a channel's render may ask (app.kernel.channels.BundleView) ----------------
    def render_file(self, name: str, context: dict[str, Any]) -> str:
        """One of the bundle's Jinja files rendered; failures raise RenderError."""
        return self._render(name, context)

    def expression(self, expression: str, context: dict[str, Any], where: str) -> str:
        """One Jinja expression rendered (a WhatsApp parameter)."""
        return self._expression(expression, context, where)

    def document(self, name: str) -> dict[str, Any]:
        """One of the bundle's JSON files, parsed once."""
        if name not in self._whatsapp:
            self._whatsapp[name] = json.loads(self.files[name])
        return self._whatsapp[name]

    def header_value(self, field_name: str, value: str, name: str) -> None:
        """Refuses a value that would break a header (a line break in a subject)."""
        refuse_header_breaks(field_name, value, name)

    def check_html(self, html: str, name: str) -> None:
        """Refuses HTML nested too deep for a mail client, as a RenderError."""
        try:
            check_depth(html, name)
        except ContentError as exc:
            raise RenderError(exc.message, path=name, line=exc.location.line
                              if exc.location else 0, hint=exc.hint) from None

    def html_text(self, html: str) -> str:
        """The plain-text alternative derived from the HTML."""
        return html_to_text(html)

    def _render(self, name: str, context: dict[str, Any]) -> str:
        try:
            return self.env.get_template(name).render(context)
        except MemoryError:
            raise
        except Exception as exc:
            raise _render_error(exc, name) from None

    def whatsapp_document(self, template_id: str, locale: str) -> dict[str, Any]:
        """The ``whatsapp.json`` of a locale: Meta's payload, the parameter mapping, sources."""
        return self.document(self.variant(template_id, locale, "whatsapp")["files"]
                             ["whatsapp"]["path"])

    def _expression(self, expression: str, context: dict[str, Any], where: str) -> str:
        template = self._expressions.get(expression)
        if template is None:
            try:
                template = self.env.from_string("{{ " + expression + " }}")
            except TemplateSyntaxError as exc:
                raise RenderError(f"bad expression {expression!r}: {exc.message}",
                                  path=where) from None
            self._expressions[expression] = template
        try:
            return template.render(context)
        except MemoryError:
            raise
        except Exception as exc:
            raise _render_error(exc, where) from None


def _utf8(data: bytes, name: str, origin: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise BundleError(f"{name} is not UTF-8 text", path=origin) from None


def _load_manifest(files: Mapping[str, bytes], origin: str) -> dict[str, Any]:
    if MANIFEST not in files:
        raise BundleError("manifest.json is missing", path=origin,
                          hint="give a bundle made by missive export")
    try:
        manifest = json.loads(_utf8(files[MANIFEST], MANIFEST, origin))
    except json.JSONDecodeError as exc:
        raise BundleError(f"manifest.json is not valid JSON: {exc.msg} at line {exc.lineno}",
                          path=origin) from None
    if isinstance(manifest, dict) and manifest.get("format_version") not in (None,
                                                                               FORMAT_VERSION):
        raise BundleError(f"bundle format version {manifest.get('format_version')!r} is not "
                          f"supported (this runtime reads {FORMAT_VERSION})", path=origin,
                          hint="update Missive Studio's runtime")
    try:
        validate(manifest, manifest_schema(), "manifest")
    except SchemaError as exc:
        raise BundleError(f"manifest.json does not validate: {exc}", path=origin) from None
    return manifest


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check_files(manifest: dict[str, Any], files: Mapping[str, bytes], origin: str) -> None:
    """Every file listed with the right checksum, and no file that is not listed."""
    listed: dict[str, str] = {}
    for entry in manifest["files"]:
        name = check_name(entry["path"])
        data = files.get(name)
        if data is None:
            raise BundleError(f"{name} is listed in the manifest but missing", path=origin)
        if len(data) != entry["size"] or _sha256(data) != entry["sha256"]:
            raise BundleError(f"checksum mismatch for {name}", path=origin,
                              hint="the bundle was changed after export; export it again")
        listed[name] = entry["sha256"]
    for name in files:
        if name != MANIFEST and name not in listed:
            raise BundleError(f"{name} is not listed in the manifest", path=origin,
                              hint="a bundle holds only the files its manifest lists")
    references: list[dict[str, str]] = list(manifest["samples"])
    for template in manifest["templates"]:
        for channels in template["locales"].values():
            for variant in channels.values():
                references += variant["files"].values()
        for golden in template["golden"]:
            references += golden["files"].values()
    for ref in references:
        if listed.get(ref["path"]) != ref["sha256"]:
            raise BundleError(f"{ref['path']} is referenced but not listed with that checksum",
                              path=origin)


def _scan_sandbox(env: Any, texts: Mapping[str, str], origin: str) -> None:
    """Refuse templates that reach for Python internals before anything is rendered."""
    for name, text in texts.items():
        try:
            tree = env.parse(text, name)
        except RecursionError:
            raise BundleError(f"{name}: the template nests too deeply", path=origin) from None
        except TemplateSyntaxError as exc:
            raise BundleError(f"{name}:{exc.lineno}: template syntax error: {exc.message}",
                              path=origin) from None
        for node in tree.find_all((nodes.Getattr, nodes.Getitem, nodes.Import, nodes.FromImport,
                                   nodes.Extends, nodes.Include)):
            attr = getattr(node, "attr", None)
            if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
                attr = node.arg.value
            if isinstance(node, nodes.Import | nodes.FromImport | nodes.Extends | nodes.Include):
                raise BundleError(f"{name}: a bundle template may not load other files",
                                  path=origin, hint="bundles are flattened at export")
            if isinstance(attr, str) and attr.startswith("_"):
                raise BundleError(f"{name}: the template tries to escape the sandbox "
                                  f"(attribute {attr!r})", path=origin,
                                  hint="refused; export the bundle again from the studio")


def _render_error(exc: Exception, name: str) -> Exception:
    if isinstance(exc, UndefinedError):
        return RenderError(f"{exc.message}", path=name,
                           hint="give the value in the data (see the template's variables)")
    if isinstance(exc, SecurityError):
        return RenderError(f"refused by the template sandbox: {exc}", path=name,
                           hint="the template tries to escape the sandbox")
    if isinstance(exc, FormatValueError):
        return RenderError(str(exc), path=name, hint="check the value in the data")
    if isinstance(exc, RenderError | DataError | BundleError):
        return exc
    if isinstance(exc, RecursionError):
        return RenderError("the template nests too deeply", path=name)
    return RenderError(f"{type(exc).__name__}: {exc}", path=name)


__all__ = ["Bundle"]
