"""Right-to-left by default: MJML's left-to-right defaults mirrored for he, ar and the like."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.model import is_rtl
from app.core.project import Project
from app.core.render import Renderer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "benchmarks" / "corpus"
BODY = "templates/invoice_ready/{locale}/email.mjml"
# MJML as teams write it elsewhere: no align, no direction, no dir.
PLAIN = """<mjml>
  <mj-head><mj-attributes><mj-text font-size="15px" /></mj-attributes></mj-head>
  <mj-body>
    <mj-section>
      <mj-column><mj-text css-class="first">{first}</mj-text></mj-column>
      <mj-column><mj-text css-class="second">{second}</mj-text>
        <mj-button href="https://northwind.example/pay">{button}</mj-button></mj-column>
    </mj-section>
    <mj-section><mj-group><mj-column><mj-text>{first}</mj-text></mj-column></mj-group></mj-section>
    <mj-wrapper><mj-section><mj-column>
      <mj-table><tr><td>{first}</td><td>1</td></tr></mj-table>
      <mj-social><mj-social-element name="facebook" href="https://facebook.com/x">F</mj-social-element></mj-social>
    </mj-column></mj-section></mj-wrapper>
  </mj-body>
</mjml>"""
TEXTS = {"he": ("שלום דנה, החשבונית מוכנה.", "תודה שבחרת בנו.", "לתשלום"),
         "ar": ("مرحبًا عمر، فاتورتك جاهزة.", "شكرًا لاختيارك لنا.", "ادفع الآن"),
         "en": ("Hi Emily, your invoice is ready.", "Thanks for choosing us.", "Pay now")}


def render(project: Project, locale: str, mjml: str):
    sample = {"he": "dana_he", "ar": "omar_ar", "en": "emily_en"}[locale]
    renderer = Renderer(project, {BODY.format(locale=locale): mjml})
    return renderer.render("invoice_ready", locale, "email", project.samples[sample].data)


def plain(locale: str) -> str:
    first, second, button = TEXTS[locale]
    return PLAIN.format(first=first, second=second, button=button)


def _style_of(html: str, pattern: str) -> str:
    match = re.search(pattern, html)
    assert match, pattern
    return match.group(1)


@pytest.mark.parametrize("locale", ["he", "ar"])
def test_rtl_locales_mirror_mjml_defaults(demo_project: Project, locale: str) -> None:
    html = render(demo_project, locale, plain(locale)).html
    assert re.search(rf'<html lang="{locale}" dir="rtl"', html)
    # mj-text and mj-table align right; the author's own mj-attributes still apply
    text_div = _style_of(html, r'class="first"[^>]*>\s*<div style="([^"]*)"')
    assert "text-align:right" in text_div and "font-size:15px" in text_div
    table_cell = re.search(r'<td align="(\w+)"[^>]*><table border="0" cellpadding="0" '
                           r'cellspacing="0" width="100%" style="color', html)
    assert table_cell and table_cell.group(1) == "right"  # mj-table
    # sections, wrappers and groups run right to left; column wrappers are right-aligned
    assert "direction:ltr" not in html
    columns = re.findall(r'class="mj-outlook-group-fix[^"]*" style="([^"]*)"', html)
    assert columns and all("text-align:right" in c and "direction:rtl" in c for c in columns)
    group = _style_of(html, r'class="mj-column-per-100 mj-outlook-group-fix" style="([^"]*)"')
    assert "text-align:right" in group
    # the Outlook-only tables carry dir and lang
    outlook = re.findall(r"<!--\[if mso \| IE\]>(.*?)<!\[endif\]-->", html, re.S)
    tables = [t for block in outlook for t in re.findall(r"<table\b[^>]*>", block)]
    assert tables and all(f'dir="rtl" lang="{locale}"' in t for t in tables)
    # buttons keep their centre
    assert re.search(r'<td align="center"[^>]*>\s*<table[^>]*>\s*<tbody>\s*<tr>\s*'
                     r'<td align="center" bgcolor', html)


def test_english_keeps_mjml_defaults(demo_project: Project) -> None:
    html = render(demo_project, "en", plain("en")).html
    assert "text-align:right" not in html and 'dir="rtl"' not in html
    assert "text-align:left" in _style_of(html, r'class="first"[^>]*>\s*<div style="([^"]*)"')


def test_what_the_author_set_wins(demo_project: Project) -> None:
    mjml = plain("he").replace('<mj-text font-size="15px" />',
                               '<mj-text font-size="15px" align="center" />')
    mjml = mjml.replace('<mj-text css-class="second">', '<mj-text css-class="second" '
                        'align="justify">')
    mjml = mjml.replace("<mj-column><mj-text css-class=\"first\">",
                        '<mj-column direction="ltr"><mj-text css-class="first">')
    html = render(demo_project, "he", mjml).html
    assert "text-align:center" in _style_of(html, r'class="first"[^>]*>\s*<div style="([^"]*)"')
    assert "text-align:justify" in _style_of(html,
                                             r'class="second"[^>]*>\s*<div style="([^"]*)"')
    columns = re.findall(r'class="mj-outlook-group-fix[^"]*" style="([^"]*)"', html)
    assert "text-align:left;direction:ltr" in columns[0]  # the author's ltr column


def test_babel_decides_which_locales_are_rtl() -> None:
    assert all(is_rtl(x) for x in ("he", "ar", "fa", "ur", "he_IL", "ar-EG", "az_Arab", "ckb"))
    assert not any(is_rtl(x) for x in ("en", "az", "pa", "de_CH"))


def _check(project_dir: Path) -> list[dict]:
    done = subprocess.run([sys.executable, "-m", "app", "check", str(project_dir),
                           "--format", "json", "--jobs", "1", "--locale", "he",
                           "--template", "order_shipped"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)["findings"]


def test_missive_check_on_hebrew_mjml_without_alignment(tmp_path: Path) -> None:
    project = tmp_path / "corpus"
    shutil.copytree(CORPUS, project)
    source = (project / "templates/order_shipped/he/email.mjml").read_text(encoding="utf-8")
    layout = (project / "layouts/store.mjml").read_text(encoding="utf-8")
    assert not re.search(r"(?<![-\w])align=|direction=|\bdir=", source + layout)
    assert not [f for f in _check(project) if f["rule"] == "rtl-direction"]
    email = Renderer(Project.load(project)).render(
        "order_shipped", "he", "email", Project.load(project).samples["noa_he"].data)
    assert "text-align:right" in re.search(r'<div style="([^"]*)">חדשות טובות', email.html
                                           ).group(1)

    # An explicit align="left" on Hebrew text stays an error, named with its line.
    lines = source.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "[[" not in line
                  and "<mj-text>" in line and "חדשות טובות" in line)
    lines[number - 1] = lines[number - 1].replace("<mj-text>", '<mj-text align="left">')
    (project / "templates/order_shipped/he/email.mjml").write_text("\n".join(lines) + "\n",
                                                                    encoding="utf-8")
    errors = [f for f in _check(project) if f["rule"] == "rtl-direction"]
    assert errors and errors[0]["line"] == number
    assert errors[0]["path"].endswith("templates/order_shipped/he/email.mjml")
    assert "align=\"left\"" in errors[0]["message"]
