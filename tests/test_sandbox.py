"""The template sandbox: strict names, no way out to Python, no way out of the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.project import Project
from app.core.render import Renderer
from app.kernel.errors import ContentError, InputError

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ self._TemplateReference__context }}",
    "{{ lipsum.__globals__['os'] }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ first_name.__class__.__base__.__subclasses__() }}",
    "{{ 'x' * 1000000000 }}",
    "{{ 9 ** 99999999 }}",
    "{% for i in range(999999999) %}{% endfor %}",
    "{{ message.update({'rtl': 1}) }}",
]
# Templates that would run for hours or fill memory if nothing stopped them.
EXHAUSTION = [
    "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(1000) recursive %}{% for j in range(1000) %}{% endfor %}"
    "{{ loop(range(1000)) }}{% endfor %}",
    "{{ 'x'|center(1000000000) }}",
    "{{ 'x'|indent(1000000000, true) }}",
    "{{ '%1000000000d'|format(1) }}",
    "{{ '%.999999999f' % 1.5 }}",
    "{{ '%*d'|format(1000000000, 1) }}",
    "{{ '{:>1000000000}'.format('x') }}",
    "{{ '{0:>{1}}'.format('x', 1000000000) }}",
    "{{ 'x'.ljust(1000000000) }}",
    "{{ 'x'.zfill(1000000000) }}",
    "{% set a = 'x' * 100000 %}{% set b = a ~ a %}{% set c = b ~ b %}{% set d = c ~ c %}"
    "{% set e = d ~ d %}{{ e ~ e }}",
    "{% set a = 'x' * 100000 %}{{ a + a + a + a + a + a + a + a + a + a + a }}",
    "{{ range(100000)|join('x' * 100000) }}",
    "{{ ('x' * 100000).join(range(100000)|map('string')) }}",
    "{{ ('x' * 100000)|replace('x', 'y' * 100) }}",
    "{{ ('x' * 100000).replace('x', 'y' * 100) }}",
    "{{ ('a\\n' * 50000)|indent(5000) }}",
    "{{ range(10)|batch(100000000, 'x')|list }}",
    "{{ lipsum(1000000) }}",
]


def _set_sms(demo: Path, text: str) -> None:
    (demo / "templates" / "invoice_ready" / "en" / "sms.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("attack", ESCAPES + EXHAUSTION)
def test_sandbox_escapes_are_refused(demo: Path, attack: str) -> None:
    _set_sms(demo, f"Hello\n{attack}\n")
    project = Project.load(demo)
    data = project.samples["dana_he"].data
    with pytest.raises(ContentError) as info:
        Renderer(project).render("invoice_ready", "en", "sms", data)
    err = info.value
    assert err.location.path.endswith("sms.txt")
    assert err.location.line == 2
    assert "\n" not in str(err)


@pytest.mark.parametrize("name", ["../missive.toml", "/etc/passwd", "samples/dana_he.json",
                                  "templates/../../etc/passwd"])
def test_templates_cannot_include_files_outside_the_template_folders(demo: Path, name: str) -> None:
    _set_sms(demo, f'{{% include "{name}" %}}')
    project = Project.load(demo)
    with pytest.raises((InputError, ContentError)) as info:
        Renderer(project).render("invoice_ready", "en", "sms", project.samples["dana_he"].data)
    assert "not found" in str(info.value)


def test_undefined_name_points_at_line_and_column(demo: Path) -> None:
    _set_sms(demo, "Hi {{ first_name }},\nyou owe {{ amount_duee }}.\n")
    project = Project.load(demo)
    with pytest.raises(ContentError) as info:
        Renderer(project).render("invoice_ready", "en", "sms", project.samples["dana_he"].data)
    err = info.value
    assert (err.location.line, err.location.column) == (2, 12)
    assert "'amount_duee' is not defined" in err.message


def test_jinja_syntax_error_is_an_input_error_with_its_line(demo: Path) -> None:
    _set_sms(demo, "Hi {{ first_name }},\n{% if amount_due %}you owe\n")
    project = Project.load(demo)
    with pytest.raises(InputError) as info:
        Renderer(project).render("invoice_ready", "en", "sms", project.samples["dana_he"].data)
    assert "template syntax error" in str(info.value)
    assert info.value.location.path.endswith("sms.txt")
    assert info.value.location.line == 2


def test_bad_value_for_a_filter_names_the_line(demo: Path) -> None:
    _set_sms(demo, "You owe\n{{ amount_due|money('dollars') }}\n")
    project = Project.load(demo)
    with pytest.raises(ContentError) as info:
        Renderer(project).render("invoice_ready", "en", "sms", project.samples["dana_he"].data)
    assert "currency code" in str(info.value)
    assert info.value.location.line == 2


def test_subject_error_points_into_email_toml(demo: Path) -> None:
    path = demo / "templates" / "invoice_ready" / "en" / "email.toml"
    path.write_text('# comment\nsubject = "Invoice {{ invoice_numbr }}"\npreheader = "x"\n',
                    encoding="utf-8")
    project = Project.load(demo)
    with pytest.raises(ContentError) as info:
        Renderer(project).render("invoice_ready", "en", "email", project.samples["dana_he"].data)
    assert info.value.location.path.endswith("email.toml")
    assert info.value.location.line == 2
    assert info.value.location.column == 23


def test_undefined_name_in_unsaved_text_points_at_its_column(demo: Path) -> None:
    # The studio renders unsaved editor text: the column comes from that text, not the disk.
    project = Project.load(demo)
    unsaved = "Hello there,\n    you owe {{ amount_duee }}.\n"
    overlay = {"templates/invoice_ready/en/sms.txt": unsaved}
    with pytest.raises(ContentError) as info:
        Renderer(project, overlay).render("invoice_ready", "en", "sms",
                                          project.samples["dana_he"].data)
    assert (info.value.location.line, info.value.location.column) == (2, 16)


def test_loops_share_one_budget_across_included_files(demo: Path) -> None:
    (demo / "partials" / "loop.txt").write_text(
        "{% for b in range(1000) %}{% endfor %}", encoding="utf-8")
    _set_sms(demo, "Hi\n{% for a in range(1000) %}{% include 'partials/loop.txt' %}"
                   "{% endfor %}\n")
    project = Project.load(demo)
    with pytest.raises(ContentError, match="loops ran more than 100,000 steps"):
        Renderer(project).render("invoice_ready", "en", "sms", project.samples["dana_he"].data)


def test_ordinary_loops_and_formats_still_work(demo: Path) -> None:
    _set_sms(demo, "{% for i in range(3) %}{{ loop.index }}{% else %}none{% endfor %}"
                   "{% for x in [] %}x{% else %}|empty{% endfor %}"
                   "|{{ '%05.1f'|format(2.5) }}|{{ '{:>4}'.format('ab') }}|{{ 'ab'|center(6) }}|"
                   "{% for k, v in {'b': 1, 'a': 2}|dictsort %}{{ k }}{{ v }}{% endfor %}"
                   "|{{ ['a', 'b']|join(',') }}{{ 'x' ~ 1 }}{{ 'ab'|replace('b', 'c') }}"
                   "{{ [1] + [2] }}\n")
    project = Project.load(demo)
    sms = Renderer(project).render("invoice_ready", "en", "sms", project.samples["dana_he"].data)
    assert sms.text == "123|empty|002.5|  ab|  ab  |a2b1|a,bx1ac[1, 2]"
    # Each render starts with the whole budget: many renders in a row never run out.
    for _ in range(3):
        _set_sms(demo, "{% for i in range(90000) %}{% endfor %}ok\n")
        project = Project.load(demo)
        assert Renderer(project).render("invoice_ready", "en", "sms",
                                        project.samples["dana_he"].data).text == "ok"
