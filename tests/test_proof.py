"""The proof: the HTML document from the core, and the PDF printed offscreen by Qt.

The PDF tests print the demo project (with an approval, a change request and a change
after approval), turn every page into a PNG under /tmp/proof-pages/ for a person to look
at, and read the pages back with QtPdf.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.core.paths import demo_project_dir
from app.core.project import Project
from app.core.proof_document import build_proof, pick_sample, whatsapp_html
from app.core.review import ReviewStore
from app.proof import prepare_headless_environment

prepare_headless_environment()  # before any QApplication exists

PAGES_DIR = Path("/tmp/proof-pages")
HEBREW_SENTENCE = "אם כבר שילמת, אין צורך לעשות דבר"  # invoice_ready/he/email.mjml
ARABIC_SENTENCE = "فاتورتك رقم"  # invoice_ready/ar/email.mjml (no marks: PDF text reorders them)


def _reviewed_demo(root: Path) -> Project:
    shutil.copytree(demo_project_dir(), root)
    project = Project.load(root)
    store = ReviewStore(project)
    store.approve("invoice_ready", "Noa Cohen", note="amounts and RTL checked",
                  now="2026-11-20T10:00:00Z")
    store.request_changes("delivery_update", "Noa Cohen", note="say when the courier calls",
                          now="2026-11-20T10:05:00Z")
    store.comment("delivery_update", "Noa Cohen", "Is 'out for delivery' the right term?",
                  locale="he", channel="sms")
    store.approve("payment_received", "Omar Haddad", now="2026-11-20T10:10:00Z")
    sms = root / "templates" / "payment_received" / "en" / "sms.txt"
    sms.write_text(sms.read_text(encoding="utf-8") + " Thanks!", encoding="utf-8")
    return Project.load(root)


# -- the document (no Qt) ---------------------------------------------------------------------

def test_whatsapp_formatting_is_applied_after_escaping() -> None:
    assert whatsapp_html("Pay *$5* by _Friday_ ~now~ ```a*b*c```") == (
        "Pay <strong>$5</strong> by <em>Friday</em> <s>now</s> <code>a*b*c</code>")
    assert whatsapp_html("<b>x</b> & *<i>*") == (
        "&lt;b&gt;x&lt;/b&gt; &amp; <strong>&lt;i&gt;</strong>")
    assert whatsapp_html("snake_case_name and 2*3*4") == "snake_case_name and 2*3*4"


def test_each_locale_is_shown_with_its_fullest_sample(demo_project: Project) -> None:
    assert pick_sample(demo_project, "ar").name == "omar_ar"  # not the one without a name
    assert pick_sample(demo_project, "he").name == "dana_he"
    assert pick_sample(demo_project, "he", "emily_en").name == "emily_en"


def test_document_has_a_section_per_template_and_locale_with_its_direction(
        tmp_path: Path) -> None:
    project = _reviewed_demo(tmp_path / "demo")
    html, data = build_proof(project)
    assert len(data.variants) == len(project.templates) * len(project.config.locales)
    assert html.count('<section class="variant" dir="rtl" lang="he">') == 4
    assert html.count('<section class="variant" dir="rtl" lang="ar">') == 4
    assert html.count('<section class="variant" dir="ltr" lang="en">') == 4
    statuses = {t: r.state for t, r in data.reviews.items()}
    assert statuses == {"invoice_ready": "approved", "delivery_update": "changes_requested",
                        "payment_received": "changed_since_approval",
                        "login_code": "unreviewed"}
    text = re.sub(r"<[^>]+>", "", html)  # quotes keep their words in no-break spans
    assert "Noa Cohen" in text and "“amounts and RTL checked”" in text
    assert "“Is &#x27;out for delivery&#x27; the right term?”" in text
    assert data.failures == 0


def test_user_content_is_escaped(tmp_path: Path) -> None:
    project_root = tmp_path / "demo"
    shutil.copytree(demo_project_dir(), project_root)
    toml = project_root / "templates" / "login_code" / "template.toml"
    text = re.sub(r'^title = ".*"$', 'title = "</title><script>alert(1)</script>"',
                  toml.read_text(encoding="utf-8"), flags=re.M)
    toml.write_text(text, encoding="utf-8")
    html, _ = build_proof(Project.load(project_root), ["login_code"])
    assert "<script>alert(1)" not in html
    assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_one_device_only(demo_project: Project) -> None:
    phone, _ = build_proof(demo_project, ["invoice_ready"], ["phone"])
    assert "Email · phone · 375 px" in phone and "desktop · 640 px" not in phone


# -- the PDF (real QtWebEngine, offscreen) ------------------------------------------------------

@pytest.fixture(scope="module")
def proofs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The reviewed demo's proof with both devices, phone only and desktop only."""
    from app.proof import write_pdf

    root = tmp_path_factory.mktemp("proof")
    project = _reviewed_demo(root / "demo")
    out = {}
    for name, devices in (("both", ("phone", "desktop")), ("phone", ("phone",)),
                          ("desktop", ("desktop",))):
        html, _ = build_proof(project, devices=devices)
        out[name] = root / f"{name}.pdf"
        write_pdf(html, out[name])
    return out


def _pages(path: Path) -> list[str]:
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument(None)
    assert doc.load(str(path)) == QPdfDocument.Error.None_
    return [doc.getAllText(i).text() for i in range(doc.pageCount())]


def test_demo_proof_pages(proofs: dict[str, Path]) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument(None)
    assert doc.load(str(proofs["both"])) == QPdfDocument.Error.None_
    count = doc.pageCount()
    assert count >= 1 + 4 * 3  # the cover, then one or more pages per template × locale
    shutil.rmtree(PAGES_DIR, ignore_errors=True)
    PAGES_DIR.mkdir(parents=True)
    for i in range(count):
        size = doc.pagePointSize(i)
        image = doc.render(i, QSize(round(size.width() * 1.5), round(size.height() * 1.5)))
        assert not image.isNull()
        assert image.save(str(PAGES_DIR / f"page-{i + 1:02}.png"))
    texts = [" ".join(doc.getAllText(i).text().split()) for i in range(count)]
    cover = texts[0]
    assert "Northwind operational messages" in cover
    assert "Noa Cohen" in cover and "Changed since approval" in cover
    assert re.search(r"sha256:[0-9a-f]{64}", cover)
    assert any(HEBREW_SENTENCE in text for text in texts[1:])
    assert any(ARABIC_SENTENCE in text for text in texts[1:])
    assert all(f"{i + 1} / {count}" in text for i, text in enumerate(texts))


def test_phone_and_desktop_proofs_differ(proofs: dict[str, Path]) -> None:
    phone, desktop = _pages(proofs["phone"]), _pages(proofs["desktop"])
    assert any("Email · phone · 375 px" in text for text in phone)
    assert not any("desktop · 640 px" in text for text in phone)
    assert any("Email · desktop · 640 px" in text for text in desktop)
    assert phone != desktop


def test_the_proof_fetches_nothing_remote(tmp_path: Path) -> None:
    import http.server
    import threading

    from app.proof import write_pdf

    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        html = (f'<html><head><link rel="stylesheet" href="{base}/font.css"></head><body>'
                f'<img src="{base}/logo.png"><iframe srcdoc="&lt;img src=&quot;{base}/in.png'
                f'&quot;&gt;"></iframe><script>function fitFrames() {{ return 0; }}</script>'
                f"</body></html>")
        write_pdf(html, tmp_path / "remote.pdf")
    finally:
        server.shutdown()
    assert (tmp_path / "remote.pdf").read_bytes().startswith(b"%PDF")
    assert hits == []


def test_cli_writes_the_proof_and_reports_bad_input(cli, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "proof.pdf"
    result = cli("proof", demo, "--out", out, "--template", "login_code", "--device", "phone")
    assert result.code == 0, result.err
    assert len(_pages(out)) >= 1 + 3
    bad = cli("proof", demo, "--out", out, "--template", "nope")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "no template 'nope'" in bad.err
    nowhere = cli("proof", demo, "--out", tmp_path / "missing" / "p.pdf")
    assert nowhere.code == 2 and "cannot write the proof here" in nowhere.err
