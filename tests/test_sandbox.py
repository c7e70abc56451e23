"""The template sandbox: strict names, no way out to Python, no way out of the project."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.errors import ContentError, InputError
from app.core.project import Project
from app.core.render import Renderer

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


def _set_sms(demo: Path, text: str) -> None:
    (demo / "templates" / "invoice_ready" / "en" / "sms.txt").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("attack", ESCAPES)
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
