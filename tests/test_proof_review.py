"""What the proof shows a compliance reviewer (issue 19): links, plain text, dark and
images-off views, every sample, the comment history, part decisions, signatures,
legible print and RTL alignment. The last test prints a PDF with a tall email."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.proof_document import PAGE_WIDTH_PX, build_proof
from app.core.proof_email import fits_legibly, number_links, smallest_text_px
from app.core.proof_review import quoted
from app.core.review import ReviewStore
from app.proof import prepare_headless_environment

prepare_headless_environment()


def _text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def _section(html: str, locale: str) -> str:
    start = html.index(f'<section class="variant" dir="{"ltr" if locale == "en" else "rtl"}" '
                       f'lang="{locale}">')
    return html[start:html.index("</section>", start)]


def test_links_are_numbered_in_the_email_and_listed() -> None:
    html, links = number_links('<p><a href="https://x.example/pay?a=1&amp;b=2" '
                               'class="btn">Pay <b>now</b></a> or '
                               "<a href='mailto:help@x.example'>write</a></p>")
    assert links == [(1, "Pay now", "https://x.example/pay?a=1&b=2"),
                     (2, "write", "mailto:help@x.example")]
    assert html.count("data-proof-link=") == 2
    assert re.search(r"Pay <b>now</b></a><sup data-proof-link=\"1\"[^>]*>1</sup>", html)


def test_invoice_proof_shows_links_plain_text_views_and_samples(demo: Path) -> None:
    project = Project.load(demo)
    html, data = build_proof(project, ["invoice_ready"])
    en = _section(html, "en")
    assert "Links in this email" in en
    assert "https://northwind.example/pay/INV-2026-3307" in _text(en)   # the Pay button
    assert "data-proof-link=&quot;1&quot;" in en                          # numbered in it
    assert "Plain-text part" in en and "Please pay by December 1, 2026" in _text(en)
    assert "Dark mode · phone" in en and "Images off · phone" in en
    english = next(v for v in data.variants if v.locale == "en")
    assert english.sample == "emily_en"
    assert [o.name for o in english.others] == ["dana_he", "maximiliana_long_name",
                                                "no_first_name_ar", "omar_ar"]
    assert html.count('<section class="other"') == 3 * 4
    assert "Hello," in _text(html)  # the edge case without a first name is in the proof

    _html, data = build_proof(project, ["invoice_ready"], sample=["omar_ar", "dana_he"])
    assert all(v.sample == "omar_ar" and [o.name for o in v.others] == ["dana_he"]
               for v in data.variants)


def test_print_stays_at_8pt_or_more(demo: Path) -> None:
    html, _ = build_proof(Project.load(demo), ["invoice_ready"])
    frames = re.findall(r'data-scale="([0-9.]+)"[^>]*srcdoc="([^"]*)"', html)
    assert frames
    for scale, srcdoc in frames:
        smallest = smallest_text_px(srcdoc.replace("&quot;", '"'))
        assert float(scale) * smallest * 0.75 >= 8, (scale, smallest)
    # phone and desktop side by side would print the 12 px footer at ~6 pt: not allowed
    legible, scale = fits_legibly([375, 640], PAGE_WIDTH_PX, 12)
    assert not legible and scale < 0.75
    assert "Email · desktop · 640 px · 100 %" in html


def test_rtl_sections_align_every_meta_value_with_the_page(demo: Path) -> None:
    html, _ = build_proof(Project.load(demo), ["invoice_ready"])
    for locale in ("he", "ar"):
        section = _section(html, locale)
        meta = section[section.index('<table class="meta"'):]
        meta = meta[:meta.index("</table>")]
        assert 'dir="rtl"' in meta.split(">")[0]
        assert '<td dir="ltr">' not in meta           # no cell flips to the left
        assert '<td><bdi dir="ltr">Northwind Billing &lt;billing@northwind.example&gt;' in meta


def test_quote_marks_stay_with_their_words() -> None:
    assert quoted("amounts and RTL checked") == (
        '<span class="nobr">“amounts</span> and RTL <span class="nobr">checked”</span>')
    assert quoted("ok") == '<span class="nobr">“ok”</span>'
    assert "<script>" not in quoted("<script> x")


def test_history_parts_and_overrides_are_in_the_proof(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    thread = store.comment("invoice_ready", "Rina", "Is 'עד' right here?", locale="he",
                           channel="email")
    store.comment("invoice_ready", "Dana", "Yes, legal confirmed.", reply_to=thread.id)
    store.resolve("invoice_ready", thread.id, "Rina")
    store.approve("invoice_ready", "Rina", "Hebrew checked", locale="he")
    sms = demo / "templates/invoice_ready/en/sms.txt"
    sms.write_text(sms.read_text(encoding="utf-8").replace("Northwind:", "Northwind "
                                                            "{{ crm_field }}:"), "utf-8")
    ReviewStore(Project.load(demo)).approve("invoice_ready", "Tom", locale="en",
                                            channel="sms", override_errors="CRM adds it")
    html, _ = build_proof(Project.load(demo), ["invoice_ready"])
    he = _text(_section(html, "he"))
    assert "resolved · he · email" in he
    assert "Yes, legal confirmed." in he and "Rina" in he      # the reply and the author
    assert "Partly approved" in he and "part he" in he
    en = _text(_section(html, "en"))
    assert "check errors overridden: “CRM adds it”" in " ".join(en.split())
    assert "Approved despite check errors" in html


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")
def test_cover_states_signatures_and_a_tall_email_prints_in_slices(demo: Path,
                                                                   tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    from app.proof import write_pdf

    key = tmp_path / "rina"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
                   check=True)
    public = " ".join(key.with_name("rina.pub").read_text().split()[:2])
    (demo / "reviewers").write_text(f'rina@northwind.example roles="legal:*" {public}\n')
    store = ReviewStore(Project.load(demo))
    store.approve("invoice_ready", "Rina Cohen", locale="he", sign_with=key)
    store.approve("invoice_ready", "Rina Cohen", locale="ar", sign_with=key)
    log = demo / "reviews/invoice_ready.jsonl"
    lines = log.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace('"locale": "ar"', '"locale": "en"')  # tampered
    log.write_text("\n".join(lines) + "\n", encoding="utf-8")
    mjml = demo / "templates/invoice_ready/en/email.mjml"
    terms = "".join(f"<mj-text>Terms paragraph {i}: late payments may incur a fee as set "
                    f"out in section {i} of your agreement.</mj-text>\n" for i in range(40))
    mjml.write_text(mjml.read_text(encoding="utf-8").replace(
        "<mj-text>Please pay by", terms + "<mj-text>Please pay by", 1), encoding="utf-8")

    html, _ = build_proof(Project.load(demo), ["invoice_ready"], ["phone"],
                          sample=["emily_en"])
    out = tmp_path / "proof.pdf"
    write_pdf(html, out)
    doc = QPdfDocument(None)
    assert doc.load(str(out)) == QPdfDocument.Error.None_
    texts = [" ".join(doc.getAllText(i).text().split()) for i in range(doc.pageCount())]
    cover = texts[0]
    assert ("invoice_ready/he approved Rina Cohen rina@northwind.example (legal:*) verifies"
            in cover)
    assert "invoice_ready/en" in cover and "does NOT verify" in cover
    slices = [t for t in texts if "continued, part" in t]
    assert len(slices) >= 2
    everything = " ".join(texts)
    for i in (0, 20, 39):  # every paragraph of the tall email is printed somewhere
        assert f"Terms paragraph {i}:" in everything


def test_quoted_excerpts_in_findings_stay_whole() -> None:
    from app.core.proof_review import excerpts

    html = excerpts("part 3 starts at '2026-1042 שאלות? אפשר להשיב ל…' <b>")
    assert html == ("part 3 starts at <bdi class=\"nobr\">&#x27;2026-1042 שאלות? אפשר להשיב "
                    "ל…&#x27;</bdi> &lt;b&gt;")
