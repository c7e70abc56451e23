"""The Jinja environment every message is rendered with: sandboxed, strict, locale-aware.

- ImmutableSandboxedEnvironment: a template from someone else's project cannot reach
  Python internals or mutate the data it is given.
- StrictUndefined: a misspelt name is an error, never an empty gap in a message.
- Autoescaping for ``.mjml``/``.html`` sources only; SMS and WhatsApp text is not HTML.
- The locale filters (``money``, ``number``, ``percent``, ``date``, ``datetime``, ``time``)
  read the locale from ``message.locale`` in the render context.
- ``finalize`` isolates every value whose direction differs from the message's
  (see :mod:`app.kernel.bidi`).
- Loops, string building and padding are bounded (see :mod:`app.kernel.sandbox_limits`).

This module imports only Jinja and Babel, so the export runtime uses it unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import BaseLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .bidi import isolate
from .channels import CHANNELS
from .formatting import LocaleFormatter, formatter_for
from .jinja_cache import SHARED as SHARED_BYTECODE
from .plurals import plural_text
from .sandbox_limits import LimitedSandbox

HTML_SUFFIXES = (".mjml", ".html", ".htm")
# Folders of a project that templates may extend or include from.
TEMPLATE_FOLDERS = ("layouts", "partials", "templates")


def _formatter(context: Context) -> LocaleFormatter:
    message = context.get("message")
    locale = "en"
    numbering = "latn"
    channel = ""
    if isinstance(message, Mapping):
        locale = message.get("locale", locale)
        numbering = message.get("numbering", numbering)
        channel = message.get("channel", channel)
    spec = CHANNELS.get(channel)
    return formatter_for(locale, numbering, spec is not None and spec.plain_spaces)


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


@pass_context
def plural_filter(context: Context, value: Any, **forms: Any) -> str:
    """``{{ n|plural(one="{n} item", other="{n} items") }}``: the form the count takes."""
    return plural_text(_formatter(context), value, forms)


FILTERS: dict[str, Callable[..., Any]] = {
    "money": money_filter,
    "number": number_filter,
    "percent": percent_filter,
    "date": date_filter,
    "datetime": datetime_filter,
    "time": time_filter,
    "plural": plural_filter,
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
    return name is not None and name.lower().endswith(HTML_SUFFIXES)


class SafeEnvironment(LimitedSandbox):
    """The environment every message renders in: Jinja's immutable sandbox with the
    resource limits of :mod:`app.kernel.sandbox_limits`."""


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
        bytecode_cache=SHARED_BYTECODE,
    )
    env.filters.update(FILTERS)
    return env
