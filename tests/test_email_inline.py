"""Inlining as MJML does: only the CSS of <mj-style inline="inline">, head styles kept."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree.ElementTree import Element

import mjml
import pytest

from app.core.email_pipeline import compile_mjml, take_inline_styles
from app.core.html_text import html_to_text, parse_html
from app.core.project import Project
from app.core.render import Renderer

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"
SAMPLES = {"en": "sarah_en", "he": "noa_he", "ar": "yusuf_ar"}


@pytest.fixture(scope="module")
def corpus() -> Project:
    return Project.load(CORPUS)


def _tags(root: Element) -> list[str]:
    body = root.find(".//body")
    return [el.tag for el in body.iter() if isinstance(el.tag, str)]


def _without_styles(html: str) -> str:
    """Without style attributes, nor the ones an inliner derives from them (MJML's juice
    and premailer alike turn vertical-align and background-color into valign, bgcolor)."""
    return re.sub(r'\s(?:style|valign|bgcolor)="[^"]*"', "", html)


def _style(root: Element, css_class: str) -> list[str]:
    return [el.get("style", "") for el in root.iter()
            if css_class in (el.get("class") or "").split()]


@pytest.mark.parametrize("template", ["order_shipped", "monthly_digest", "account_statement",
                                      "trip_itinerary"])
def test_corpus_email_equals_a_direct_mjml_compile_plus_the_inline_rules(
        corpus: Project, template: str) -> None:
    email = Renderer(corpus).render(template, "en", "email", corpus.samples["sarah_en"].data)
    direct = mjml.mjml2html(email.mjml, disable_comments=False, fonts={})
    ours, _ = parse_html(email.html)
    theirs, _ = parse_html(direct)
    assert html_to_text(ours) == html_to_text(theirs)
    assert _tags(ours) == _tags(theirs)
    # Apart from what the inline rules add to the elements (and the inline CSS that
    # MJML takes out of the head), the HTML is MJML's, within 2% of its size.
    size = len(_without_styles(email.html).encode())
    reference = len(_without_styles(re.sub(r"<style[^>]*>[^<]*\.price \{[^<]*</style>", "",
                                           direct)).encode())
    assert abs(size - reference) <= 0.02 * reference, (size, reference)
    assert 30_000 <= len(email.html.encode()) <= 70_000
    # the inline rules are on the elements …
    inline_css = take_inline_styles(email.mjml)[1]
    assert "a.plain" in inline_css
    links = _style(ours, "plain")
    assert links and all("text-decoration:underline" in s.replace(" ", "") for s in links)
    assert not any("text-decoration" in s for s in _style(theirs, "plain"))
    # … and not in the head; MJML's head styles stay there, as MJML wrote them
    head = "".join(el.text or "" for el in ours.iter("style"))
    assert "a.plain" not in head and ".footer a" in head and "prefers-color-scheme" in head
    assert "mj-column-per-100" in head


def test_no_inline_css_means_no_inlining(demo_project: Project) -> None:
    email = Renderer(demo_project).render("invoice_ready", "en", "email",
                                          demo_project.samples["emily_en"].data)
    assert 'inline="inline"' not in email.mjml
    assert email.html == compile_mjml(email.mjml, fonts=None, path="email.mjml")
    # the demo's head rule (.amount div) is not copied onto the element
    amount = re.search(r'class="amount"[^>]*><div style="([^"]*)"', email.html).group(1)
    assert "!important" not in amount


@pytest.mark.parametrize("locale", ["en", "he", "ar"])
def test_corpus_sizes_are_newsletter_sized(corpus: Project, locale: str) -> None:
    renderer = Renderer(corpus)
    for template in corpus.templates:
        email = renderer.render(template, locale, "email",
                                corpus.samples[SAMPLES[locale]].data)
        assert 30_000 <= email.size_bytes <= 70_000, (template, locale, email.size_bytes)
        assert email.parse_errors == []


def test_text_and_parse_errors_come_from_one_parse_on_first_use(demo_project: Project) -> None:
    email = Renderer(demo_project).render("invoice_ready", "en", "email",
                                          demo_project.samples["emily_en"].data)
    assert not email.parsed and "text" not in email.to_dict(complete=False)
    assert "Emily" in email.text
    assert email.parsed and email.document is email.document
    assert email.to_dict(complete=False)["text"] == email.text
