"""Limits that keep a hostile or careless template from running for hours or filling
memory, on top of Jinja's sandbox (which guards Python internals, not resources).

- All ``{% for %}`` loops of one render, included files and recursive ``loop()`` too,
  share a budget of :data:`MAX_LOOP_STEPS` steps (a filter is put around every loop's
  iterable when the template is parsed).
- Strings a template builds (``~``, ``+``, ``*``, ``join``, ``replace``, ``indent``,
  ``%``, ``format``) stay under :data:`MAX_STRING` characters; ``*`` under
  :data:`MAX_REPEAT`; a whole render's output under :data:`MAX_OUTPUT`.
- Integers built with ``*`` and ``**`` stay under :data:`MAX_INT_BITS` bits.
- Padding (``center``, ``indent``, ``ljust``/``rjust``/``zfill``/``expandtabs``) and
  the width or precision of a printf ``%``/``|format`` or ``str.format`` field stay
  under :data:`MAX_WIDTH`; ``batch``/``slice`` fill and ``lipsum`` are bounded too.

Past a limit the render raises Jinja's ``SecurityError``, which the renderer reports as a
one-line error with the file and line. Imports only Jinja, MarkupSafe and the stdlib (the
export runtime uses it).
"""

from __future__ import annotations

import functools
import operator
import re
import types
from collections.abc import Callable, Generator, Iterable, Iterator
from contextvars import ContextVar
from typing import Any, cast

from jinja2 import Template, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import FILTERS as JINJA_FILTERS
from jinja2.runtime import Context
from jinja2.sandbox import (
    ImmutableSandboxedEnvironment,
    SandboxedEscapeFormatter,
    SandboxedFormatter,
)
from jinja2.utils import generate_lorem_ipsum
from markupsafe import Markup

from .jinja_depth import check_source, compile_guard

MAX_REPEAT = 100_000  # longest string or list a template may build with * or **
# Loop steps one render may take: an invoice has tens of lines, while two nested loops
# over range(100000) would run for hours.
MAX_LOOP_STEPS = 100_000
MAX_WIDTH = 10_000  # widest padding a filter or a format spec may ask for
MAX_STRING = 1_000_000  # longest string a template may build by joining or replacing
MAX_OUTPUT = 2_000_000  # most characters one render may write
MAX_INT_BITS = 14_000  # about the 4,300 digits Python will print; a power chain goes far past
LOOP_FILTER = "x_missive_loop"
# printf conversions (width and precision) and str.format specs (after substitution).
_PRINTF_SIZES = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?")
_SPEC_SIZES = re.compile(r"^(?:.?[<>=^])?[-+ ]?z?#?0?(\d+)?[,_]?(?:\.(\d+))?")
_PADDING_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
_steps_left: ContextVar[list[int] | None] = ContextVar("missive_loop_steps", default=None)


def _check_width(width: Any, what: str) -> None:
    if isinstance(width, int) and abs(width) > MAX_WIDTH:
        raise SecurityError(f"{what} {width} is wider than {MAX_WIDTH:,}")


def _check_length(length: int, what: str) -> None:
    if length > MAX_STRING:
        raise SecurityError(f"{what} would be {length:,} characters; the limit is "
                            f"{MAX_STRING:,}")


def _check_int(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise SecurityError(f"the number would have about {int(bits * 0.30103):,} digits; "
                            f"the limit is {int(MAX_INT_BITS * 0.30103):,}")


def _int_operands(left: Any, right: Any) -> bool:
    return isinstance(left, int) and isinstance(right, int) \
        and not isinstance(left, bool) and not isinstance(right, bool)


def sized(value: Any) -> Any:
    """A built string, refused when it is too long (wraps every ``~``)."""
    if isinstance(value, str):
        _check_length(len(value), "a joined string")
    return value


def _check_format(fmt: Any) -> None:
    """Refuse printf widths and precisions that would build a huge string."""
    if not isinstance(fmt, str):
        return
    for match in _PRINTF_SIZES.finditer(fmt):
        for size in match.groups():
            if size == "*":
                raise SecurityError("a width taken from the data ('*') is not allowed "
                                    "in a format")
            if size:
                _check_width(int(size), "a format width")


def _check_spec(spec: str) -> None:
    match = _SPEC_SIZES.match(spec)
    for size in match.groups() if match else ():
        if size:
            _check_width(int(size), "a format width")


def _check_join(separator: Any, items: list[Any]) -> None:
    total = sum(len(str(item)) for item in items) + len(str(separator)) * max(len(items) - 1, 0)
    _check_length(total, "the joined text")


def _check_replace(text: Any, old: Any, new: Any, count: Any = None) -> None:
    text, old, new = str(text), str(old), str(new)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    _check_length(len(text) + hits * max(len(new) - len(old), 0), "the replaced text")


class _LimitedFormatter(SandboxedFormatter):
    def format_field(self, value: Any, format_spec: str) -> Any:
        _check_spec(format_spec)
        return super().format_field(value, format_spec)


class _LimitedEscapeFormatter(_LimitedFormatter, SandboxedEscapeFormatter):
    pass


def _guarded(name: str, check: Callable[..., None]) -> Callable[..., Any]:
    """Jinja's filter ``name`` with its arguments checked first."""
    original = JINJA_FILTERS[name]

    @functools.wraps(original)  # keeps pass_environment / pass_eval_context
    def guarded(*args: Any, **kwargs: Any) -> Any:
        check(*args, **kwargs)
        return original(*args, **kwargs)

    return guarded


def _sized_result(function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` with its string result measured (a format can double its input)."""

    @functools.wraps(function)
    def measured(*args: Any, **kwargs: Any) -> Any:
        return sized(function(*args, **kwargs))

    return measured


def _arg(args: tuple[Any, ...], kwargs: dict[str, Any], position: int, name: str,
         default: Any = None) -> Any:
    return kwargs.get(name, args[position] if len(args) > position else default)


def _indent_check(*args: Any, **kwargs: Any) -> None:
    text, width = str(_arg(args, kwargs, 0, "s", "")), _arg(args, kwargs, 1, "width", 4)
    _check_width(width, "width")
    if isinstance(width, int):
        _check_length(len(text) + abs(width) * (text.count("\n") + 1), "the indented text")


def _join_filter(eval_ctx: Any, value: Iterable[Any], d: str = "",
                 attribute: Any = None) -> Any:
    items = list(value)
    _check_join(d, items)
    return JINJA_FILTERS["join"](eval_ctx, items, d, attribute)


functools.update_wrapper(_join_filter, JINJA_FILTERS["join"])

# Filters that can turn a small input into a huge output, with their arguments checked.
GUARDED_FILTERS: dict[str, Callable[..., Any]] = {
    "center": _guarded("center", lambda *a, **k: _check_width(_arg(a, k, 1, "width"),
                                                               "width")),
    "indent": _guarded("indent", _indent_check),
    "format": _sized_result(_guarded("format", lambda fmt, *_a, **_k: _check_format(fmt))),
    "replace": _guarded("replace", lambda _ctx, s, old, new, count=None:
                        _check_replace(s, old, new, count)),
    "batch": _guarded("batch", lambda _v, linecount, *_a, **_k:
                      _check_width(linecount, "a batch of")),
    "slice": _guarded("slice", lambda _v, slices, *_a, **_k:
                      _check_width(slices, "a slice count of")),
    "join": _join_filter,
}


def lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's placeholder text, at most 20 paragraphs of at most 200 words."""
    if n > 20 or max > 200:
        raise SecurityError("lipsum is limited to 20 paragraphs of 200 words")
    return generate_lorem_ipsum(n, html, min, max)


def _loop_steps(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every ``{% for %}`` iterates through here, counting against the render's budget."""
    budget = _steps_left.get()
    if budget is None:  # a template rendered outside LimitedTemplate.render
        budget = [MAX_LOOP_STEPS]
    for item in iterable:
        budget[0] -= 1
        if budget[0] < 0:
            raise SecurityError(f"the loops ran more than {MAX_LOOP_STEPS:,} steps")
        yield item


def _bounded_output(chunks: Generator[str, None, None]) -> Iterator[str]:
    """A render's output, refused past :data:`MAX_OUTPUT` characters (many allowed
    paddings or loop steps add up to more than any message needs). The refusal is
    thrown into the template's own frame, so the error names the line that wrote."""
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_OUTPUT:
            chunks.throw(SecurityError(f"the output is longer than {MAX_OUTPUT:,} "
                                       "characters"))
        yield chunk


def _counted(expression: nodes.Node) -> nodes.Expr:
    return nodes.Filter(expression, LOOP_FILTER, [], [], None, None,
                        lineno=expression.lineno)


class LimitedTemplate(Template):
    """A template whose top-level render starts a fresh loop budget (includes share it)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        token = _steps_left.set([MAX_LOOP_STEPS]) if _steps_left.get() is None else None
        try:
            context = self.new_context(dict(*args, **kwargs))
            try:
                # Jinja's compiled root function is a generator (annotated as an Iterator).
                chunks = cast(Generator[str, None, None], self.root_render_func(context))
                return self.environment.concat(_bounded_output(chunks))
            except Exception:
                self.environment.handle_exception()
        finally:
            if token is not None:
                _steps_left.reset(token)


class _LimitedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with every ``~`` concatenation's result measured."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.x_missive_sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class LimitedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with the limits of this module."""

    intercepted_binops = frozenset({"*", "**", "%", "+"})
    template_class = LimitedTemplate
    code_generator_class = _LimitedCodeGenerator

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters.update(GUARDED_FILTERS)
        self.filters[LOOP_FILTER] = _loop_steps
        self.globals["lipsum"] = lipsum
        self.x_missive_sized = sized

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        check_source(source, name, filename)
        with compile_guard(name, filename):
            tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = _counted(loop.iter)
            if loop.recursive:  # loop(children) iterates again, through the same budget
                for call in loop.find_all(nodes.Call):
                    if isinstance(call.node, nodes.Name) and call.node.name == "loop" \
                            and call.args:
                        call.args[0] = _counted(call.args[0])
        return tree

    def _compile(self, source: str, filename: str) -> Any:
        with compile_guard(None, filename):
            return super()._compile(source, filename)

    def _generate(self, source: nodes.Template, name: str | None, filename: str | None,
                  defer_init: bool = False) -> str:
        with compile_guard(name, filename):
            return super()._generate(source, name, filename, defer_init)

    def call(__self, __context: Context, __obj: Any, *args: Any,
             **kwargs: Any) -> Any:
        """Calls from templates; ``str`` methods that build strings are checked first."""
        if isinstance(__obj, types.BuiltinMethodType) and isinstance(__obj.__self__, str):
            name = __obj.__name__
            if name in _PADDING_METHODS and args:
                _check_width(args[0], "width")
            elif name == "join" and args:
                items = list(args[0])
                _check_join(__obj.__self__, items)
                args = (items, *args[1:])
            elif name == "replace" and len(args) >= 2:
                _check_replace(__obj.__self__, *args[:3])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``str.format`` and ``format_map`` as the sandbox wraps them, with each field's
        width and precision checked (Jinja's own wrapper, with a checking formatter)."""
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
                kwargs = args[0]
                args = ()
            return sized(type(text)(formatter.vformat(text, args, kwargs)))

        return functools.update_wrapper(wrapper, value)

    def call_binop(self, context: Context, op: str, left: Any, right: Any) -> Any:
        if op == "%":
            _check_format(left)
            return sized(operator.mod(left, right))
        if op == "+":
            if isinstance(left, str | list | tuple) and isinstance(right, str | list | tuple):
                _check_length(len(left) + len(right), "the added string or list")
            return operator.add(left, right)
        if op == "**" and isinstance(right, int | float) and abs(right) > 100:
            raise SecurityError(f"exponent {right} is too large")
        if op == "**" and _int_operands(left, right) and right > 0:
            _check_int(max(left.bit_length() - 1, 0) * right)
        if op == "*" and _int_operands(left, right):
            _check_int(left.bit_length() + right.bit_length())
        if op == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int) \
                        and len(seq) * count > MAX_REPEAT:
                    raise SecurityError("a repeated string or list would be too long")
        return {"*": operator.mul, "**": operator.pow}[op](left, right)
