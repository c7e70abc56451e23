"""The email pipeline with real Jinja, MJML, premailer and html5lib."""

from __future__ import annotations

import socket
from pathlib import Path

import html5lib
import pytest
from babel.numbers import format_currency

from app.core.project import Project
from app.core.render import Renderer
from app.kernel.bidi import strip_markers
from app.kernel.errors import ContentError, InputError


def _root(html: str):
    return html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)


@pytest.mark.parametrize("locale", ["he", "ar"])
def test_rtl_emails_carry_dir_and_lang(demo_project: Project, locale: str) -> None:
    email = Renderer(demo_project).render("invoice_ready", locale, "email",
                                          demo_project.samples["dana_he"].data)
    root = _root(email.html)
    assert root.get("dir") == "rtl"
    assert root.get("lang") == locale
    assert email.dir == "rtl" and email.lang == locale
    # Content columns are mirrored: nothing in the body is forced left.
    body = email.html.split("<body", 1)[1]
    assert "text-align:left;direction:rtl" not in body
    assert 'align="right"' in body


def test_english_email_is_ltr(demo_project: Project) -> None:
    email = Renderer(demo_project).render("invoice_ready", "en", "email",
                                          demo_project.samples["dana_he"].data)
    root = _root(email.html)
    assert (root.get("dir"), root.get("lang")) == ("ltr", "en")
    assert email.html.lstrip().lower().startswith("<!doctype html>")


@pytest.mark.parametrize("locale", ["en", "he", "ar"])
def test_amount_is_shown_as_babel_formats_it(demo_project: Project, locale: str) -> None:
    data = demo_project.samples["dana_he"].data
    email = Renderer(demo_project).render("invoice_ready", locale, "email", data)
    expected = format_currency(data["amount_due"], data["currency"], locale=locale)
    assert expected in strip_markers(email.text) or expected in email.html
    assert expected in strip_markers(email.subject) or expected in email.html


def test_order_number_is_isolated_inside_hebrew(demo_project: Project) -> None:
    data = demo_project.samples["dana_he"].data
    email = Renderer(demo_project).render("invoice_ready", "he", "email", data)
    span = f'<span dir="ltr" style="white-space:nowrap">{data["invoice_number"]}</span>'
    assert span in email.html
    # Attributes never carry direction marks: the pay link is clean.
    root = _root(email.html)
    hrefs = [a.get("href") for a in root.iter("a")]
    assert all(h == strip_markers(h) for h in hrefs)


def test_plain_text_alternative_is_derived_from_the_html(demo_project: Project) -> None:
    email = Renderer(demo_project).render("invoice_ready", "en", "email",
                                          demo_project.samples["dana_he"].data)
    assert email.text_source == "derived"
    assert "northwind.example/pay/" in email.text
    assert "<" not in email.text
    assert "@media" not in email.text
    assert email.preheader not in email.text.splitlines()[0]


def test_authored_text_is_used_when_given(demo: Path) -> None:
    path = demo / "templates" / "invoice_ready" / "en" / "email.toml"
    path.write_text(path.read_text(encoding="utf-8") + 'text = "Pay {{ pay_url }}"\n',
                    encoding="utf-8")
    project = Project.load(demo)
    email = Renderer(project).render("invoice_ready", "en", "email",
                                     project.samples["dana_he"].data)
    assert email.text_source == "authored"
    assert email.text.startswith("Pay https://northwind.example/pay/")


def test_unclosed_mjml_tag_is_reported_at_its_line(demo: Path) -> None:
    path = demo / "templates" / "invoice_ready" / "en" / "email.mjml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "</mj-text>" in line)
    lines[index] = lines[index].replace("</mj-text>", "")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    project = Project.load(demo)
    with pytest.raises(ContentError) as info:
        Renderer(project).render("invoice_ready", "en", "email", project.samples["dana_he"].data)
    err = info.value
    assert err.location.path.endswith("email.mjml")
    assert err.location.line == index + 1
    assert err.location.column == lines[index].index("<mj-text") + 1
    assert "never closed" in err.message or "not closed" in err.message


def test_html_parse_errors_are_reported(demo: Path) -> None:
    path = demo / "templates" / "invoice_ready" / "en" / "email.mjml"
    text = path.read_text(encoding="utf-8").replace(
        "It takes about a minute.", "It takes <b><i>about</b></i> a minute.")
    path.write_text(text, encoding="utf-8")
    project = Project.load(demo)
    email = Renderer(project).render("invoice_ready", "en", "email",
                                     project.samples["dana_he"].data)
    codes = {issue.code for issue in email.parse_errors}
    assert "adoption-agency-1.3" in codes or any("end-tag" in c for c in codes)


def test_clean_demo_email_has_no_parse_errors(demo_project: Project) -> None:
    email = Renderer(demo_project).render("invoice_ready", "en", "email",
                                          demo_project.samples["dana_he"].data)
    assert email.parse_errors == []


def test_missing_channel_file_is_an_input_error(demo: Path) -> None:
    (demo / "templates" / "invoice_ready" / "he" / "email.toml").unlink()
    project = Project.load(demo)
    with pytest.raises(InputError) as info:
        Renderer(project).render("invoice_ready", "he", "email", project.samples["dana_he"].data)
    assert info.value.location.path.endswith("he/email.toml")
    assert "not found" in info.value.message


def test_rendering_never_opens_a_socket(demo_project: Project,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple] = []

    class NoSocket(socket.socket):
        def __init__(self, *args, **kwargs):
            opened.append(args)
            raise OSError("network access during render")

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *a, **k: opened.append(a) or (_ for _ in ()).throw(OSError()))
    renderer = Renderer(demo_project)
    for template in demo_project.templates.values():
        if "email" not in template.channels:
            continue
        for locale in demo_project.config.locales:
            for sample in demo_project.samples.values():
                email = renderer.render(template.id, locale, "email", sample.data)
                assert "fonts.googleapis.com" not in email.html
    assert opened == []


def test_project_fonts_are_linked_not_fetched(demo: Path) -> None:
    path = demo / "missive.toml"
    path.write_text(path.read_text(encoding="utf-8")
                    + '\n[email]\nfonts = { "Noto Sans" = "https://fonts.example/inter.css" }\n',
                    encoding="utf-8")
    project = Project.load(demo)
    email = Renderer(project).render("invoice_ready", "en", "email",
                                     project.samples["dana_he"].data)
    assert 'href="https://fonts.example/inter.css"' in email.html
    assert "data-premailer" not in email.html


def test_screen_readers_get_the_subject_with_real_characters(demo_project: Project) -> None:
    """MJML copies the title into an aria-label; the isolates around the order number
    must stay characters, not the text "\\u{2066}" read aloud."""
    email = Renderer(demo_project).render("delivery_update", "ar", "email",
                                          demo_project.samples["omar_ar"].data)
    wrapper = [el for el in _root(email.html).iter()
               if el.get("aria-roledescription") == "email"]
    assert len(wrapper) == 1
    label = wrapper[0].get("aria-label")
    assert "\\u{" not in label
    assert "\u2066NW-742-0093\u2069" in label
    assert label == email.subject
