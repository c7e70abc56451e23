"""The runtime: hostile bundles refused, data validated, no heavy imports."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from app.core.paths import demo_project_dir
from app.runtime import Bundle, BundleError, DataError, RenderError
from app.runtime.archive import MAX_ENTRY_BYTES
from tests.bundle_helpers import export_demo, read_zip, rewrite, write_zip

ROOT = Path(__file__).resolve().parents[1]
BODY = "templates/invoice_ready/en/email/body.html"


@pytest.fixture(scope="module")
def demo_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("bundle") / "demo.zip"
    export_demo(demo_project_dir(), out)
    return read_zip(out)


def _refused(path: Path, words: str) -> None:
    before = sorted(p.name for p in path.parent.iterdir())
    with pytest.raises(BundleError) as info:
        Bundle.open(path)
    assert words in str(info.value) and "\n" not in str(info.value)
    assert sorted(p.name for p in path.parent.iterdir()) == before  # nothing written


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/evil.txt", "templates/../../x.txt",
                                  "C:/evil.txt", "a\\..\\b.txt"])
def test_unsafe_paths_are_refused(tmp_path: Path, demo_files: dict[str, bytes],
                                  name: str) -> None:
    files = dict(demo_files)
    files[name] = b"x"
    _refused(write_zip(tmp_path / "b.zip", files), "unsafe path")


def test_links_are_refused(tmp_path: Path, demo_files: dict[str, bytes]) -> None:
    path = tmp_path / "b.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in demo_files.items():
            archive.writestr(name, data)
        link = zipfile.ZipInfo("templates/link")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    _refused(path, "link")
    folder = tmp_path / "folder"
    folder.mkdir()
    for name, data in demo_files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    os.symlink("/etc/passwd", folder / "samples" / "x.json")
    with pytest.raises(BundleError, match="link"):
        Bundle.open(folder)


def test_oversized_entries_and_zip_bombs_are_refused(tmp_path: Path,
                                                     demo_files: dict[str, bytes]) -> None:
    files = dict(demo_files)
    files["big.bin"] = os.urandom(MAX_ENTRY_BYTES + 1)
    _refused(write_zip(tmp_path / "big.zip", files), "too large")
    bomb = dict(demo_files)
    bomb["bomb.txt"] = b"\0" * (4 * 1024 * 1024)
    _refused(write_zip(tmp_path / "bomb.zip", bomb), "zip bomb")


def test_a_manifest_that_does_not_validate_is_refused(tmp_path: Path,
                                                      demo_files: dict[str, bytes]) -> None:
    manifest = json.loads(demo_files["manifest.json"])
    manifest["templates"][0]["category"] = "spam"
    files = dict(demo_files, **{"manifest.json": json.dumps(manifest).encode()})
    _refused(write_zip(tmp_path / "b.zip", files), "does not validate")
    files = dict(demo_files, **{"manifest.json": b"{not json"})
    _refused(write_zip(tmp_path / "c.zip", files), "not valid JSON")


def test_checksum_mismatch_and_unlisted_files_are_refused(tmp_path: Path,
                                                          demo_files: dict[str, bytes]) -> None:
    files = dict(demo_files)
    files[BODY] = files[BODY].replace(b"Northwind", b"Nothwind")
    _refused(write_zip(tmp_path / "b.zip", files), "checksum mismatch")
    extra = dict(demo_files, **{"templates/extra.txt": b"hi"})
    _refused(write_zip(tmp_path / "c.zip", extra), "not listed")


def test_templates_that_escape_the_sandbox_are_refused(tmp_path: Path,
                                                       demo_files: dict[str, bytes]) -> None:
    hostile = demo_files[BODY] + b"{{ ''.__class__.__mro__[1].__subclasses__() }}"
    _refused(write_zip(tmp_path / "b.zip", rewrite(demo_files, BODY, hostile)), "sandbox")
    include = demo_files[BODY] + b'{% include "../../../etc/passwd" %}'
    _refused(write_zip(tmp_path / "c.zip", rewrite(demo_files, BODY, include)), "load other")
    # A name built at render time gets past the scan; the sandbox refuses it then.
    dynamic = demo_files[BODY] + b"{{ message|attr('_' ~ '_class_' ~ '_') }}"
    bundle = Bundle.open(write_zip(tmp_path / "d.zip", rewrite(demo_files, BODY, dynamic)))
    data = bundle.sample("emily_en")
    with pytest.raises((RenderError, BundleError)):
        bundle.render("invoice_ready", "en", "email", data)


def test_data_is_validated_with_one_line_errors(tmp_path: Path,
                                                demo_files: dict[str, bytes]) -> None:
    bundle = Bundle.open(write_zip(tmp_path / "b.zip", demo_files))
    data = bundle.sample("emily_en")
    with pytest.raises(DataError, match="'amount_due' is required"):
        bundle.render("invoice_ready", "en", "sms", {k: v for k, v in data.items()
                                                     if k != "amount_due"})
    with pytest.raises(DataError, match=r"data\.due_date") as info:
        bundle.render("invoice_ready", "en", "sms", dict(data, due_date="tomorrow"))
    assert "ISO date" in str(info.value) and "\n" not in str(info.value)
    with pytest.raises(DataError, match="number or string"):
        bundle.render("invoice_ready", "en", "sms", dict(data, amount_due=True))
    with pytest.raises(DataError, match="reserved"):
        bundle.render("invoice_ready", "en", "sms", dict(data, message="x"))
    message = bundle.render("invoice_ready", "he", "whatsapp", bundle.sample("dana_he"))
    assert [p["component"] for p in message.parameters][-1] == "button:0"
    assert message.buttons[0]["url"] == "https://northwind.example/pay/INV-2026-1042"


def test_runtime_imports_no_qt_mjml_premailer_or_html5lib(tmp_path: Path,
                                                          demo_files: dict[str, bytes]) -> None:
    path = write_zip(tmp_path / "b.zip", demo_files)
    code = (
        "import sys, json\n"
        "from app.runtime import Bundle\n"
        f"b = Bundle.open({str(path)!r})\n"
        "for c in ('email', 'sms', 'whatsapp'):\n"
        "    b.render('invoice_ready', 'he', c, b.sample('dana_he'))\n"
        "heavy = ('PySide6', 'shiboken6', 'mjml', 'premailer', 'html5lib', 'lxml', 'cssutils')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


def test_runtime_plain_text_matches_the_studio_on_tricky_html() -> None:
    from app.core.html_text import html_to_text as studio_text
    from app.core.html_text import parse_html
    from app.runtime.html_text import html_to_text as runtime_text

    html = ('<!doctype html><html><head><title>x</title><style>p{a:b}</style></head><body>'
            '<div style="display:none">hidden preheader</div><!--[if mso]><p>mso</p><![endif]-->'
            '<h1>Your &amp; our <b>invoice</b></h1><p>Pay <a href="https://x.example/?a=1&amp;b=2"'
            ' title="a > b">here &lt;now&gt;</a><br/>Line two&nbsp;&#8362;5</p>'
            '<table><tr><td>Cell 1</td><td>Cell 2</td></tr></table>'
            "<p data-x='single \"quoted\"'>Call <a href=\"tel:+97235550100\">us</a></p>"
            '</body></html>')
    assert runtime_text(html) == studio_text(parse_html(html)[0])
