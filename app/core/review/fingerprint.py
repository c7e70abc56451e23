"""A template's fingerprint now: per cell, the output hash and the sources hash.

Rendering uses the studio pipeline (:class:`app.core.render.Renderer`); the samples are
those that fit the template's variables, sorted by name, as the export's golden renders.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ...kernel.errors import MissiveError
from ..project import Project
from ..render import Renderer
from .hashing import content_files, file_hash, hash_of
from .outputs import output_hash
from .parts import cell_key, cells


@dataclass(frozen=True)
class Fingerprint:
    """``outputs`` and ``sources``: ``"locale/channel"`` → hash; ``files``: path → text."""

    outputs: dict[str, str]
    sources: dict[str, str]
    files: dict[str, str]


def fitting_samples(project: Project, template_id: str) -> list[tuple[str, dict]]:
    """(name, data) of every sample that fits the template's variables, by name."""
    from ...runtime.schema import SchemaError, validate
    from ..export.variables import variables_schema

    schema = variables_schema(project.template(template_id))
    out = []
    for name, sample in sorted(project.samples.items()):
        try:
            validate(sample.data, schema)
        except SchemaError:
            continue
        out.append((name, sample.data))
    return out


def _cell_files(files: dict[str, str], template_dir: str, locale: str,
                channel: str) -> dict[str, str]:
    """The files of ``files`` that shape one cell: the template's own for that locale and
    channel, plus everything outside the template folder (layouts, partials, settings,
    samples)."""
    mine = f"{template_dir}/{locale}/{channel}."
    return {p: t for p, t in files.items()
            if not p.startswith(template_dir + "/") or p.startswith(mine)
            or p == f"{template_dir}/template.toml"}


_CACHE: dict[tuple[str, str, str], Fingerprint] = {}
_CACHE_SIZE = 128  # bounded: each entry keeps the text of its files


def project_digest(root: Path) -> str:
    """A hash of every file of the project but its reviews (what renders depend on)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel.startswith(("reviews/", ".")) or "/." in rel or not path.is_file():
            continue
        try:
            # A name that is not UTF-8 (bytes kept as surrogates) still hashes as its bytes.
            name = rel.encode("utf-8", "surrogateescape")
            digest.update(name + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            digest.update(rel.encode("utf-8", "surrogateescape") + b"\0unreadable\0")
    return digest.hexdigest()


def fingerprint(project: Project, template_id: str, digest: str | None = None
                ) -> Fingerprint:
    """Render every fitting sample in every cell and hash outputs and sources.

    The result is kept per project state (``digest``, :func:`project_digest`), so the
    studio's repeated refreshes render only after a file changed.
    """
    digest = digest or project_digest(project.root)
    key = (str(project.root), template_id, digest)
    if key not in _CACHE:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _fingerprint(project, template_id)
    return _CACHE[key]


def _fingerprint(project: Project, template_id: str) -> Fingerprint:
    template = project.template(template_id)
    renderer = Renderer(project)
    samples = fitting_samples(project, template_id)
    template_dir = template.directory.relative_to(project.root).as_posix()
    outputs: dict[str, str] = {}
    sources: dict[str, str] = {}
    renders_by_cell = {}
    for locale, channel in cells(project, template_id):
        renders: list[tuple[str, dict | str]] = []
        for name, data in samples:
            try:
                renders.append((name, renderer.render(template_id, locale, channel,
                                                      data).to_dict()))
            except MissiveError as exc:
                renders.append((name, f"does not render: {exc.message}"))
        renders_by_cell[cell_key(locale, channel)] = (channel, renders)
    files = content_files(project, template_id, renderer if samples else None)
    for key, (channel, renders) in renders_by_cell.items():
        locale = key.split("/", 1)[0]
        outputs[key] = output_hash(channel, renders)
        sources[key] = hash_of(_cell_files(files, template_dir, locale, channel))
    return Fingerprint(outputs, sources, files)


def file_hashes(files: dict[str, str]) -> dict[str, str]:
    """Path → SHA-256 of each file (what an approval event records)."""
    return {p: file_hash(t) for p, t in files.items()}
