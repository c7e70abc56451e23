"""The Jinja environment every message is rendered with: sandboxed, strict, locale-aware.

- ImmutableSandboxedEnvironment: a template from someone else's project cannot reach
  Python internals or mutate the data it is given.
- StrictUndefined: a misspelt name is an error, never an empty gap in a message.
- Autoescaping for ``.mjml``/``.html`` sources only; SMS and WhatsApp text is not HTML.
- The locale filters (``money``, ``number``, ``percent``, ``date``, ``datetime``, ``time``)
  read the locale from ``message.locale`` in the render context.
- ``finalize`` isolates every value whose direction differs from the message's
  (see :mod:`app.core.bidi`).

This module imports only Jinja and Babel, so the export runtime uses it unchanged.
"""

from __future__ import annotations

import functools
import operator
import re
import types
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, Template, TemplateNotFound, nodes, pass_context
from jinja2.runtime import Context
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from markupsafe import Markup

from .bidi import isolate
from .formatting import LocaleFormatter, formatter_for

HTML_SUFFIXES = (".mjml", ".html", ".htm")
# Folders of a project that templates may extend or include from.
TEMPLATE_FOLDERS = ("layouts", "partials", "templates")
MAX_REPEAT = 100_000  # longest string or list a template may build with * or **
# Loop steps one render may take, all loops and included files together: an invoice
# has tens of lines, while two nested loops over range(100000) would run for hours.
MAX_LOOP_STEPS = 100_000
LOOP_FILTER = "x_missive_loop"
MAX_WIDTH = 10_000  # widest padding a filter or a format spec may ask for
# printf conversions (width and precision) and str.format specs (after substitution).
_PRINTF_SIZES = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?")
_SPEC_SIZES = re.compile(r"^(?:.?[<>=^])?[-+ ]?z?#?0?(\d+)?[,_]?(?:\.(\d+))?")
_steps_left: ContextVar[list[int] | None] = ContextVar("missive_loop_steps", default=None)


def _formatter(context: Context) -> LocaleFormatter:
    message = context.get("message")
    locale = "en"
    numbering = "latn"
    channel = ""
    if isinstance(message, Mapping):
        locale = message.get("locale", locale)
        numbering = message.get("numbering", numbering)
        channel = message.get("channel", channel)
    return formatter_for(locale, numbering, channel == "sms")


@pass_context
def money_filter(context: Context, value: Any, currency: Any = None) -> str:
    """``{{ amount|money(currency) }}``: the amount with its currency, as the locale writes it."""
    return _formatter(context).money(value, currency)


@pass_context
def number_filter(context: Context, value: Any, decimals: int | None = None) -> str:
    """``{{ count|number }}``: a number with the locale's separators."""
    return _formatter(context).number(value, decimals)


@pass_context
def percent_filter(context: Context, value: Any, decimals: int = 0) -> str:
    """``{{ rate|percent }}``: 0.25 as "25%" in the locale's way."""
    return _formatter(context).percent(value, decimals)


@pass_context
def date_filter(context: Context, value: Any, format: str = "medium") -> str:
    """``{{ due_date|date }}`` or ``|date("long")``: a date in the locale's words."""
    return _formatter(context).date(value, format)


@pass_context
def datetime_filter(context: Context, value: Any, format: str = "medium", tz: Any = None) -> str:
    """``{{ at|datetime(tz="Asia/Jerusalem") }}``: a date and time in a time zone."""
    return _formatter(context).datetime(value, format, tz)


@pass_context
def time_filter(context: Context, value: Any, format: str = "short", tz: Any = None) -> str:
    """``{{ at|time(tz=timezone) }}``: a time of day in a time zone."""
    return _formatter(context).time(value, format, tz)


FILTERS: dict[str, Callable[..., Any]] = {
    "money": money_filter,
    "number": number_filter,
    "percent": percent_filter,
    "date": date_filter,
    "datetime": datetime_filter,
    "time": time_filter,
}


@pass_context
def finalize(context: Context, value: Any) -> Any:
    """Isolate each interpolated value whose direction differs from the message's."""
    if value is None or isinstance(value, Markup):
        return value
    message = context.get("message")
    rtl = bool(message.get("rtl")) if isinstance(message, Mapping) else False
    return isolate(str(value), rtl)


def autoescape_for(name: str | None) -> bool:
    """Escape HTML in MJML/HTML sources; never in SMS or WhatsApp text."""
    return bool(name) and name.lower().endswith(HTML_SUFFIXES)


def _loop_steps(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every ``{% for %}`` iterates through here, counting against the render's budget."""
    budget = _steps_left.get()
    if budget is None:  # a template rendered outside BudgetTemplate.render
        budget = [MAX_LOOP_STEPS]
    for item in iterable:
        budget[0] -= 1
        if budget[0] < 0:
            from jinja2.exceptions import SecurityError

            raise SecurityError(f"the loops ran more than {MAX_LOOP_STEPS:,} steps")
        yield item


def _refuse(message: str) -> Exception:
    from jinja2.exceptions import SecurityError

    return SecurityError(message)


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise _refuse(f"{what} {width} is wider than {MAX_WIDTH:,}")


def _check_format(fmt: Any) -> None:
    """Refuse printf widths and precisions that would build a huge string."""
    if not isinstance(fmt, str):
        return
    for match in _PRINTF_SIZES.finditer(fmt):
        for size in match.groups():
            if size == "*":
                raise _refuse("a width taken from the data ('*') is not allowed in a format")
            if size:
                _check_width(int(size), "a format width")


def _check_spec(spec: str) -> None:
    """The same for one str.format field's spec, once nested fields are filled in."""
    match = _SPEC_SIZES.match(spec)
    for size in match.groups() if match else ():
        if size:
            _check_width(int(size), "a format width")


class _LimitedFormatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_spec(format_spec)
        return super().format_field(value, format_spec)


class _LimitedEscapeFormatter(_LimitedFormatter, SandboxedEscapeFormatter):
    pass


def _guarded(name: str, check: Callable[..., None]) -> Callable[..., Any]:
    """Jinja's filter ``name`` with its size arguments checked first."""
    from jinja2.filters import FILTERS as JINJA_FILTERS

    original = JINJA_FILTERS[name]

    @functools.wraps(original)  # keeps pass_environment / pass_eval_context
    def guarded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return original(*args, **kwargs)

    return guarded


def _width_arg(position: int, keyword: str) -> Callable[..., None]:
    def check(*args: Any, **kwargs: Any) -> None:
        value = kwargs.get(keyword, args[position] if len(args) > position else None)
        _check_width(value, keyword)
    return check


# Filters and str methods that pad: the only ones that turn a number into a long string.
GUARDED_FILTERS = {
    "center": _guarded("center", _width_arg(1, "width")),
    "indent": _guarded("indent", _width_arg(1, "width")),
    "format": _guarded("format", lambda fmt, *_a, **_k: _check_format(fmt)),
}


_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})


class BudgetTemplate(Template):
    """A template whose top-level render starts a fresh loop budget (includes share it)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _steps_left.set([MAX_LOOP_STEPS]) if _steps_left.get() is None else None
        try:
            return super().render(*args, **kwargs)
        finally:
            if token is not None:
                _steps_left.reset(token)


class SafeEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, plus limits on ``*`` and ``**`` so a template cannot exhaust memory,
    and on loop steps so it cannot run forever."""

    intercepted_binops = frozenset({"*", "**", "%"})
    template_class = BudgetTemplate

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters.update(GUARDED_FILTERS)
        self.filters[LOOP_FILTER] = _loop_steps

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = _counted(loop.iter)
            if loop.recursive:  # loop(children) iterates again, through the same budget
                for call in loop.find_all(nodes.Call):
                    if isinstance(call.node, nodes.Name) and call.node.name == "loop" \
                            and call.args:
                        call.args[0] = _counted(call.args[0])
        return tree

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        """Calls from templates; ``str`` padding methods get their width checked."""
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(__obj.__self__, str) \
                and __obj.__name__ in _PADDING_METHODS and args:
            _check_width(args[0], "width")
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` as the sandbox wraps them, with each field's
        width and precision checked (Jinja's own wrapper, with our formatter)."""
        if not isinstance(value, types.MethodType | types.BuiltinMethodType) \
                or value.__name__ not in ("format", "format_map") \
                or not isinstance(value.__self__, str):
            return None
        text = value.__self__
        formatter = _LimitedEscapeFormatter(self, escape=text.escape) \
            if isinstance(text, Markup) else _LimitedFormatter(self)
        is_map = value.__name__ == "format_map"

        def wrapper(*args: Any, **kwargs: Any) -> str:
            if is_map:
                if kwargs or len(args) != 1:
                    raise TypeError("format_map() takes exactly one argument")
                args, kwargs = (), args[0]
            return type(text)(formatter.vformat(text, args, kwargs))

        return functools.update_wrapper(wrapper, value)

    def call_binop(self, context: Context, op: str, left: Any, right: Any) -> Any:
        if op == "%":
            _check_format(left)
            return operator.mod(left, right)
        if op == "**" and isinstance(right, int | float) and abs(right) > 100:
            raise self.security_error(f"exponent {right} is too large")
        if op == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int) \
                        and len(seq) * count > MAX_REPEAT:
                    raise self.security_error("a repeated string or list would be too long")
        return {"*": operator.mul, "**": operator.pow}[op](left, right)

    def security_error(self, message: str) -> Exception:
        from jinja2.exceptions import SecurityError

        return SecurityError(message)


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
        if path.is_symlink() or not path.is_file():
            raise TemplateNotFound(template)
        try:
            text = path.read_text(encoding="utf-8")
            mtime = path.stat().st_mtime
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateNotFound(template, f"{template}: cannot read ({exc})") from None
        overlay = self.overlay

        def uptodate() -> bool:
            try:
                return template not in overlay and path.stat().st_mtime == mtime
            except OSError:
                return False

        return text, filename, uptodate


def _counted(expression: nodes.Expr) -> nodes.Expr:
    return nodes.Filter(expression, LOOP_FILTER, [], [], None, None,
                        lineno=expression.lineno)


def make_environment(loader: BaseLoader | None = None) -> SafeEnvironment:
    """A sandboxed, strict environment with the locale filters and bidi isolation."""
    env = SafeEnvironment(
        loader=loader,
        undefined=StrictUndefined,
        autoescape=autoescape_for,
        finalize=finalize,
        keep_trailing_newline=False,
        auto_reload=True,
        cache_size=400,
    )
    env.filters.update(FILTERS)
    return env
