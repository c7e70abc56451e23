"""Rendering Jinja sources of a project and turning every failure into a located error.

Files (``email.mjml``, ``sms.txt``, layouts, partials) go through the project loader;
short strings kept in TOML (subject, preheader, WhatsApp fields) are compiled with the
TOML file as their filename and the key's line as offset, so an error still points at
the right line of the right file.
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, Template, TemplateNotFound, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError

from ..kernel.errors import ContentError, InputError, MissiveError
from ..kernel.formatting import FormatValueError
from ..kernel.sandbox import TEMPLATE_FOLDERS, SafeEnvironment, make_environment
from .overlay import unsaved_text
from .plain_jinja import plain_message
from .project_files import read_project_text


class ProjectLoader(BaseLoader):
    """Loads ``layouts/``, ``partials/`` and ``templates/`` files of one project.

    ``overlay`` maps a template name (a path relative to the project root, with ``/``)
    to text that replaces the file's: the studio's unsaved editor buffers.
    """

    def __init__(self, root: Path, overlay: Mapping[str, str] | None = None) -> None:
        self.root = Path(root)
        self.overlay: Mapping[str, str] = overlay if overlay is not None else {}

    def path_for(self, name: str) -> Path:
        """The file behind a template name; refuses names outside the template folders."""
        parts = name.replace("\\", "/").split("/")
        if (
            not parts
            or parts[0] not in TEMPLATE_FOLDERS
            or any(p in ("", ".", "..") for p in parts)
            or name.startswith("/")
        ):
            raise TemplateNotFound(name, f"{name}: templates may only load files under "
                                         f"{', '.join(f + '/' for f in TEMPLATE_FOLDERS)}")
        return self.root.joinpath(*parts)

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        path = self.path_for(template)
        filename = str(path)
        if template in self.overlay:
            text = self.overlay[template]
            overlay = self.overlay
            return text, filename, lambda: overlay.get(template) == text
        if not path.exists() and not path.is_symlink():
            raise TemplateNotFound(template)
        text = read_project_text(path, self.root)  # refuses links out, FIFOs, devices
        try:
            mtime = path.stat().st_mtime
        except OSError as exc:
            raise TemplateNotFound(template, f"{template}: cannot read ({exc})") from None
        overlay = self.overlay

        def uptodate() -> bool:
            try:
                return template not in overlay and path.stat().st_mtime == mtime
            except OSError:
                return False

        return text, filename, uptodate


@dataclass(frozen=True)
class StringOrigin:
    """Where a Jinja string kept inside another file starts (1-based line and column)."""

    path: str
    line: int = 1
    column: int = 1


class TemplateEngine:
    """A project's Jinja environment with error translation and a cache for TOML strings."""

    def __init__(self, root: Path, overlay: Mapping[str, str] | None = None) -> None:
        self.loader = ProjectLoader(root, overlay)
        self.env: SafeEnvironment = make_environment(self.loader)
        self._strings: dict[tuple[str, str], Template] = {}

    def name_for(self, path: Path) -> str:
        """The loader name (``templates/x/en/sms.txt``) of a file inside the project."""
        return path.relative_to(self.loader.root).as_posix()

    def source_of(self, name: str) -> str:
        """The current text of a project file: the overlay's if edited, else the disk's."""
        return self.loader.get_source(self.env, name)[0]

    def get_file(self, name: str) -> Template:
        """Compile (or reuse) a project file; syntax errors become InputError."""
        try:
            return self.env.get_template(name)
        except TemplateNotFound as exc:
            raise InputError("file not found", path=self.loader.path_for(name),
                             hint=exc.message or "create the file") from None
        except TemplateSyntaxError as exc:
            raise _syntax_error(exc, None) from None

    def get_string(self, source: str, origin: StringOrigin) -> Template:
        """Compile (or reuse) a Jinja string that lives inside a TOML file."""
        key = (origin.path, source)
        cached = self._strings.get(key)
        if cached is not None:
            return cached
        try:
            code = self.env.compile(source, name=None, filename=_string_filename(origin))
        except TemplateSyntaxError as exc:
            raise _syntax_error(exc, origin) from None
        template = self.env.template_class.from_code(self.env, code, self.env.make_globals(None))
        if len(self._strings) > 2000:
            self._strings.clear()
        self._strings[key] = template
        return template

    def render_file(self, name: str, context: Mapping[str, Any]) -> str:
        """Render a project file with ``context``."""
        return render_template(self.get_file(name), context)

    def render_string(self, source: str, origin: StringOrigin, context: Mapping[str, Any]) -> str:
        """Render a Jinja string from a TOML file with ``context``."""
        return render_template(self.get_string(source, origin), context, origin)


def _string_filename(origin: StringOrigin) -> str:
    # Encodes the offset into the filename so tracebacks can be mapped back.
    return f"{origin.path}@@{origin.line}@@{origin.column}"


def _split_filename(filename: str | None) -> tuple[str, int, int]:
    if filename and "@@" in filename:
        path, line, col = filename.rsplit("@@", 2)
        return path, int(line), int(col)
    return filename or "<template>", 1, 1


def _place(filename: str | None, lineno: int) -> tuple[str, int, int]:
    """File and line of a template line, undoing the offset of a TOML-embedded string."""
    path, line0, col0 = _split_filename(filename)
    if "@@" in (filename or ""):
        return path, line0 + max(lineno, 1) - 1, col0 if lineno <= 1 else 1
    return path, lineno, 0


def _syntax_error(exc: TemplateSyntaxError, origin: StringOrigin | None) -> InputError:
    # Some lexer errors carry no file name; the string's origin still knows it.
    filename = exc.filename or (_string_filename(origin) if origin else None)
    path, line, col = _place(filename, exc.lineno or 1)
    source_line = _source_line(exc.source, exc.lineno)
    column = col or _guess_column(source_line, exc.message or "")
    return InputError(
        f"template syntax error: {plain_message(exc.message or '')}", path=path, line=line,
        column=column,
        hint="check the {{ }} and {% %} tags on this line",
    )


def _source_line(source: str | None, lineno: int | None) -> str:
    if not source or not lineno:
        return ""
    lines = source.splitlines()
    return lines[lineno - 1] if 0 < lineno <= len(lines) else ""


def _guess_column(line: str, message: str) -> int:
    """Best-effort column: where a quoted name from the message, or a tag, starts."""
    for name in re.findall(r"'([^']+)'", message):
        idx = line.find(name)
        if idx >= 0:
            return idx + 1
    for token in ("{%", "{{"):
        idx = line.find(token)
        if idx >= 0:
            return idx + 1
    stripped = len(line) - len(line.lstrip())
    return stripped + 1 if line else 1


def _template_frame(exc: BaseException) -> tuple[str, int, str]:
    """The innermost traceback frame that belongs to a template: (filename, line, text)."""
    found = ("", 0, "")
    for frame in traceback.extract_tb(exc.__traceback__):
        fname = frame.filename or ""
        if "@@" in fname or fname.endswith((".mjml", ".txt", ".html", ".toml")):
            found = (fname, frame.lineno or 0, frame.line or "")
    return found


def render_template(template: Template, context: Mapping[str, Any],
                    origin: StringOrigin | None = None) -> str:
    """Render ``template``; any failure becomes a ContentError or InputError with a place."""
    try:
        return template.render(context)
    except (MissiveError, MemoryError):
        raise  # the bounded worker reports memory as its limit, and starts clean
    except Exception as exc:
        raise _runtime_error(exc, template, origin) from None


def _runtime_error(exc: Exception, template: Template, origin: StringOrigin | None) -> MissiveError:
    fname, lineno, _ = _template_frame(exc)
    fname = fname or template.filename or (origin and _string_filename(origin)) or ""
    path, line, col = _place(fname, lineno or 1)
    source_line = _source_line_of(template, path, line)
    if isinstance(exc, UndefinedError):
        message = _undefined_message(exc)
        names = re.findall(r"'([^']+)'", message)
        column = _find_column(source_line, names) or col
        return ContentError(message, path=path, line=line, column=column or 1,
                            hint="declare it in template.toml and give it a value in the sample")
    if isinstance(exc, SecurityError):
        return ContentError(f"refused by the template sandbox: {exc}", path=path, line=line,
                            column=col or 1,
                            hint="templates may only format the data they are given")
    if isinstance(exc, TemplateNotFound):
        return InputError(f"included file not found: {exc.name}", path=path, line=line,
                          column=col or 1,
                          hint="layouts and partials live in layouts/ and partials/")
    if isinstance(exc, FormatValueError):
        return ContentError(str(exc), path=path, line=line, column=col or 1,
                            hint="check the sample value and the filter's arguments")
    if isinstance(exc, RecursionError):
        return ContentError("the template calls itself or nests too deeply", path=path,
                            line=line, column=col or 1,
                            hint="flatten the nesting (macros, includes, loop(...))")
    if isinstance(exc, ValueError) and "digits" in str(exc):
        return ContentError("a number is too long to print (more than 4,300 digits)",
                            path=path, line=line, column=col or 1,
                            hint="check the arithmetic on this line")
    return ContentError(f"{type(exc).__name__}: {exc}", path=path, line=line, column=col or 1,
                        hint="check the expression on this line")


def _undefined_message(exc: UndefinedError) -> str:
    text = str(exc.message or exc)
    m = re.match(r"'([^']+)' is undefined", text)
    if m:
        return f"'{m.group(1)}' is not defined in the data"
    m = re.match(r"'(.+?)' has no attribute '([^']+)'", text)
    if m:
        return f"'{m.group(2)}' is missing from the data ({text})"
    return text


def _find_column(line: str, names: list[str]) -> int:
    for name in reversed(names):
        m = re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", line)
        if m:
            return m.start() + 1
    return 0


def _source_line_of(template: Template, path: str, line: int) -> str:
    """A line of the file as rendered: the studio's unsaved text first, else the disk's."""
    loader = template.environment.loader
    root = getattr(loader, "root", None)
    unsaved = None if root is None else unsaved_text(root, Path(path),
                                                     getattr(loader, "overlay", None))
    if unsaved is not None:
        lines = unsaved.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else ""
    return _read_line(path, line)


def _read_line(path: str, line: int) -> str:
    try:
        with open(path, encoding="utf-8") as fh:
            for number, text in enumerate(fh, start=1):
                if number == line:
                    return text
    except OSError:
        pass
    return ""


def read_project_file(engine: TemplateEngine, name: str) -> str:
    """The current text of a project file (overlay first), or InputError if missing."""
    try:
        return engine.source_of(name)
    except TemplateNotFound:
        raise InputError("file not found", path=engine.loader.path_for(name),
                         hint="create it, or remove the channel from template.toml") from None
