"""The content an approval is bound to, and its hash.

Everything that shapes a template's output: its own files in every locale, the layouts
and partials it actually loads (found by rendering it, so dynamic includes such as
``partials/<language>/footer.mjml`` count), ``missive.toml``, ``policy.toml`` and the
samples. Any change to one of them changes the hash.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ...kernel.errors import MissiveError
from ..project import Project
from ..project_files import read_project_text
from ..render import Renderer
from ..workspace.atomic import is_temp_file


def _rel(project: Project, path: Path) -> str:
    # A name that is not UTF-8 on disk is kept as escapes (b"caf\xe9" → "caf\\xe9").
    rel = path.relative_to(project.root).as_posix()
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def loaded_shared_files(project: Project, template_id: str,
                        renderer: Renderer | None = None) -> set[str]:
    """Layouts and partials the template loads in any locale and channel.

    ``renderer``: one that has already rendered this template (and no other) in every
    locale and channel, whose cache says what was loaded without rendering again.
    """
    template = project.template(template_id)
    if renderer is None:
        renderer = Renderer(project)
        sample = next(iter(sorted(project.samples.values(), key=lambda s: s.name)), None)
        data = sample.data if sample else {}
        for locale in project.config.locales:
            for channel in template.channels:
                try:
                    renderer.render(template_id, locale, channel, data)
                except MissiveError:
                    continue  # a broken render still loaded what it got to
    names = {key[1] for key in renderer.engine.env.cache or {}}  # (loader ref, name)
    return {n for n in names if n.startswith(("layouts/", "partials/"))}


def content_files(project: Project, template_id: str,
                  renderer: Renderer | None = None) -> dict[str, str]:
    """Project-relative path → text of every file that shapes the template's output
    (``renderer`` as for :func:`loaded_shared_files`)."""
    template = project.template(template_id)
    paths: set[Path] = {p for p in template.directory.rglob("*")
                        if p.is_file() and not is_temp_file(p.name)}  # not a killed save's
    paths |= {project.root / name
              for name in loaded_shared_files(project, template_id, renderer)}
    for name in ("missive.toml", "policy.toml"):
        if (project.root / name).is_file():
            paths.add(project.root / name)
    paths |= {s.path for s in project.samples.values()}
    out: dict[str, str] = {}
    for path in sorted(paths):
        try:
            out[_rel(project, path)] = read_project_text(path, project.root)
        except MissiveError:
            out[_rel(project, path)] = ""
    return out


def file_hash(text: str) -> str:
    """SHA-256 of a file's UTF-8 text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_of(files: dict[str, str]) -> str:
    """One hash over every (path, file hash) pair, in path order."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(f"{path}\0{file_hash(files[path])}\n".encode())
    return "sha256:" + digest.hexdigest()
