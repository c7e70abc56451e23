"""The first line of defence: payloads and malformed input end in one located line
(the per-operation limits of the sandbox and the input limits), in this process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from app.core.project import Project
from app.core.render import Renderer
from app.core.tomlfile import parse_toml
from app.kernel.errors import ContentError, InputError, MissiveError
from app.kernel.html_depth import check_depth
from app.kernel.input_limits import loads_json
from app.kernel.sandbox import make_environment

DATA = {"code": "123456", "code_minutes": 5}
SANDBOX_PAYLOADS = {
    "power chain": ("{{ (((9**99)**99)**99)**99 }}", "digits; the limit is"),
    "multiplying up": ("{% set n = namespace(v=9**99) %}{% for i in range(40) %}"
                       "{% set n.v = n.v * n.v %}{% endfor %}{{ n.v }}", "digits; the limit is"),
    "format doubling": ("{% set s = namespace(v='ab') %}{% for i in range(40) %}"
                        "{% set s.v = '%s%s'|format(s.v, s.v) %}{% endfor %}{{ s.v|length }}",
                        "the limit is 1,000,000"),
    "% doubling": ("{% set s = namespace(v='ab') %}{% for i in range(40) %}"
                   "{% set s.v = '%s%s' % (s.v, s.v) %}{% endfor %}", "the limit is 1,000,000"),
    "str.format doubling": ("{% set s = namespace(v='ab') %}{% for i in range(40) %}"
                            "{% set s.v = '{0}{0}'.format(s.v) %}{% endfor %}",
                            "the limit is 1,000,000"),
    "99,999 paddings": ("{% for i in range(99999) %}{{ 'x'|center(9999) }}{% endfor %}",
                        "the output is longer than 2,000,000 characters"),
    "output bomb": ("{% for i in range(99999) %}{{ 'x' * 99999 }}{% endfor %}",
                    "the output is longer than"),
}


@pytest.mark.parametrize("name", SANDBOX_PAYLOADS)
def test_resource_payloads_are_refused_by_the_sandbox_with_the_line(demo: Path,
                                                                    name: str) -> None:
    source, expected = SANDBOX_PAYLOADS[name]
    (demo / "templates/login_code/en/sms.txt").write_text("Hi\n" + source)
    with pytest.raises(ContentError) as caught:
        Renderer(Project.load(demo)).render("login_code", "en", "sms", DATA)
    text = str(caught.value)
    assert "\n" not in text and expected in text
    assert text.startswith(f"{demo / 'templates/login_code/en/sms.txt'}:2:")


def test_allowed_arithmetic_and_formatting_still_work() -> None:
    env = make_environment()
    assert env.from_string("{{ 2**64 }} {{ '%05d'|format(42) }} {{ 12 * 12 }}").render() \
        == "18446744073709551616 00042 144"


JINJA_NESTING = {
    "100 nested if": ("{% if 1 %}" * 100 + "x" + "{% endif %}" * 100, "blocks nest more than 20"),
    "2,000 parentheses": ("{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}",
                          "brackets nest more than 60"),
    "5,000 chained filters": ("{{ 'a'" + "|lower" * 5000 + " }}", "more than 300 filters"),
    "3,000 additions": ("{{ 1" + " + 1" * 3000 + " }}", "more than 300 filters or operators"),
}


@pytest.mark.parametrize("name", JINJA_NESTING)
def test_deep_jinja_is_a_syntax_error_naming_line_and_limit(name: str) -> None:
    source, expected = JINJA_NESTING[name]
    with pytest.raises(TemplateSyntaxError) as caught:
        make_environment().from_string("line one\nline two\n" + source)
    assert expected in caught.value.message
    assert caught.value.lineno == 3


def test_a_project_file_with_deep_jinja_names_the_file(demo: Path) -> None:
    (demo / "templates/login_code/en/sms.txt").write_text("{% if 1 %}" * 100)
    with pytest.raises(InputError) as caught:
        Renderer(Project.load(demo)).render("login_code", "en", "sms", DATA)
    assert str(caught.value).startswith(f"{demo / 'templates/login_code/en/sms.txt'}:1:")


def test_20000_unclosed_divs_are_refused_before_the_mjml_compiler(demo: Path) -> None:
    mjml = demo / "templates/invoice_ready/en/email.mjml"
    mjml.write_text("<mjml><mj-body><mj-section><mj-column>\n<mj-raw>"
                    + "<div>" * 20000 + "</mj-raw></mj-column></mj-section></mj-body></mjml>")
    project = Project.load(demo)
    with pytest.raises(ContentError) as caught:  # the compiler used to kill the process
        Renderer(project).render("invoice_ready", "en", "email",
                                 project.samples["emily_en"].data)
    assert str(caught.value).startswith(f"{mjml}:2:")
    assert "elements nest more than 500 levels deep" in str(caught.value)


def test_normal_nesting_passes_the_depth_check() -> None:
    check_depth("<div>" * 400 + "</div>" * 400 + "<br>" * 5000 + "<p>x</p>" * 3000, "x.html")


def test_5000_sections_are_refused_with_the_line(demo: Path) -> None:
    mjml = demo / "templates/invoice_ready/en/email.mjml"
    section = "<mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section>\n"
    mjml.write_text("<mjml><mj-body>\n" + section * 5000 + "</mj-body></mjml>")
    project = Project.load(demo)
    with pytest.raises(ContentError) as caught:
        Renderer(project).render("invoice_ready", "en", "email",
                                 project.samples["emily_en"].data)
    assert str(caught.value).startswith(f"{mjml}:202:1: more than 200 sections")


def test_5000_whatsapp_placeholders_are_refused_with_the_line(demo: Path) -> None:
    path = demo / "templates/login_code/en/whatsapp.toml"
    path.write_text(path.read_text().replace("*{{ code }}* is", "{{ code }} " * 5000 + "is"))
    with pytest.raises(ContentError) as caught:
        Renderer(Project.load(demo)).render("login_code", "en", "whatsapp", DATA)
    assert "more than 100 placeholders in the body" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:1:")


def test_a_subject_with_a_line_break_is_refused_at_its_line(demo: Path) -> None:
    path = demo / "templates/invoice_ready/en/email.toml"
    path.write_text('preheader = "p"\nsubject = "Invoice\\nBcc: x@example.com"\n')
    project = Project.load(demo)
    with pytest.raises(ContentError) as caught:
        Renderer(project).render("invoice_ready", "en", "email",
                                 project.samples["emily_en"].data)
    assert str(caught.value).startswith(f"{path}:2:12: the subject has a line break")


@pytest.mark.parametrize(("text", "expected"), [
    ("a = " + "[" * 5000 + "]" * 5000, "1:69: brackets nest more than 64 deep"),
    ("a = 1\nb = " + "{x=" * 3000 + "1" + "}" * 3000, "2:"),
    ("a = " + "9" * 5000, "1:5: a number has more than 4,300 digits"),
    ("a = '" + "x" * 2_000_001 + "'", "1:1: the file is larger than 2,000,000 characters"),
])
def test_toml_limits_name_the_line(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_toml(text, "missive.toml")
    assert str(caught.value).startswith(f"missive.toml:{expected}")


def test_a_string_with_brackets_does_not_count_as_nesting() -> None:
    assert parse_toml('a = "' + "[" * 500 + '"', "x.toml")["a"] == "[" * 500


@pytest.mark.parametrize(("text", "expected"), [
    ('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "1:70: brackets nest more than 64"),
    ('{\n "amount": ' + "9" * 5000 + "\n}", "2:12: a number has more than 4,300 digits"),
])
def test_json_limits_name_the_line(text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        loads_json(text, "samples/a.json")
    assert str(caught.value).startswith(f"samples/a.json:{expected}")


def test_a_deep_sample_is_refused_when_the_project_loads(demo: Path) -> None:
    (demo / "samples/emily_en.json").write_text(json.dumps({"a": 1}).replace(
        "1", "[" * 3000 + "]" * 3000))
    with pytest.raises(MissiveError) as caught:
        Project.load(demo)
    assert "emily_en.json:1:" in str(caught.value)
