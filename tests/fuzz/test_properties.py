"""Generated input for the readers and the template engine: whatever the text, the
answer is a value or a MissiveError (one located line), never another exception."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.templating import StringOrigin, TemplateEngine
from app.core.tomlfile import parse_toml
from app.kernel.errors import MissiveError
from app.kernel.input_limits import loads_json

QUICK = settings(max_examples=80, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

JINJA_TOKENS = st.sampled_from([
    "{{ ", " }}", "{% if x %}", "{% endif %}", "{% for i in range(n) %}", "{% endfor %}",
    "(", ")", "[", "]", "|lower", "|center(9999)", "|format(x, x)", " ** ", " * ", " ~ ",
    "9", "99", "x", "n", "'%s%s'", "'ab'", " + ", "{% set y = ", "{% endset %}", "%}",
    "{#", "#}", "{{ x.__class__ }}", "{{ range(99999)|list|length }}", "\n", "<div>",
])
NESTING_TOKENS = st.sampled_from(["[", "]", "{", "}", "a = ", "\n", "1", "9" * 900, ",",
                                  '"', "x", "=", "[t]", "{a=", "'''"])


@QUICK
@given(st.lists(JINJA_TOKENS, max_size=120).map("".join))
def test_any_template_text_renders_or_gives_one_located_line(tmp_path_factory, text) -> None:
    engine = TemplateEngine(Path(tmp_path_factory.getbasetemp()))
    origin = StringOrigin("templates/t/en/email.toml", 3, 12)
    try:
        engine.render_string(text, origin, {"x": "a", "n": 3, "message": {}})
    except MissiveError as exc:
        assert "\n" not in str(exc)
        assert str(exc).startswith("templates/t/en/email.toml:")


@QUICK
@given(st.lists(NESTING_TOKENS, max_size=400).map("".join), st.integers(0, 3000))
def test_any_toml_text_parses_or_gives_one_located_line(text, depth) -> None:
    for source in (text, "a = " + "[" * depth + text):
        try:
            parse_toml(source, "missive.toml")
        except MissiveError as exc:
            assert str(exc).startswith("missive.toml:") and "\n" not in str(exc)


@QUICK
@given(st.lists(NESTING_TOKENS, max_size=400).map("".join), st.integers(0, 3000))
def test_any_json_text_parses_or_gives_one_located_line(text, depth) -> None:
    for source in (text, '{"a": ' + "[" * depth + text):
        try:
            loads_json(source, "samples/a.json")
        except MissiveError as exc:
            assert str(exc).startswith("samples/a.json:") and "\n" not in str(exc)
