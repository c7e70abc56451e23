"""The email preview shows what is sent and nothing more: no scripts, no network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QUrl

from app.ui.preview.web_page import PreviewGuard

GIF = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
       b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


@pytest.fixture
def tracker() -> Iterator[tuple[str, list[str]]]:
    """A local web server standing in for a tracking pixel's host; records every hit."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/gif")
            self.end_headers()
            self.wfile.write(GIF)

        def log_message(self, *_args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def test_the_guard_allows_only_inline_content_and_project_files(tmp_path) -> None:
    guard = PreviewGuard()
    guard.project_root = tmp_path
    assert guard.is_allowed(QUrl("data:text/html,hi"), False)
    assert guard.is_allowed(QUrl.fromLocalFile(str(tmp_path / "images/logo.png")), True)
    assert not guard.is_allowed(QUrl.fromLocalFile("/etc/passwd"), False)
    assert not guard.is_allowed(QUrl("https://tracker.example/pixel.gif"), True)
    guard.allow_remote_images = True
    assert guard.is_allowed(QUrl("https://cdn.example/logo.png"), True)
    assert not guard.is_allowed(QUrl("https://cdn.example/app.js"), False)


def _email(html: str) -> dict:
    return {"html": html, "from": "", "subject": "s", "preheader": "", "text": "", "dir": "ltr"}


def test_a_tracking_pixel_fires_only_when_remote_images_are_allowed(qtbot, window,
                                                                    tracker) -> None:
    base, hits = tracker
    email = window.preview.email
    html = (f'<html><head><title>pixel-test</title></head><body><p>Hi</p>'
            f'<img src="{base}/open.gif" alt="pixel">'
            '<script>document.title="ran"</script></body></html>')
    email.set_message(_email(html), window.project.root)
    # Wait for this page (not a load of the demo still in flight), then give the image
    # every chance to be fetched.
    qtbot.waitUntil(lambda: email.page.title() == "pixel-test", timeout=20000)
    qtbot.wait(1000)
    assert hits == []  # the page loaded, images included, without a request
    assert email.page.title() == "pixel-test"  # JavaScript is off: the script didn't run
    window.actions["remote_images"].setChecked(True)
    qtbot.waitUntil(lambda: "/open.gif" in hits, timeout=20000)
    window.actions["remote_images"].setChecked(False)


def _image_width(qtbot, page) -> int:
    """The loaded width of the page's first image (0 when it was not loaded)."""
    from PySide6.QtWebEngineCore import QWebEngineScript

    result: list[int] = []
    page.runJavaScript("document.images.length ? document.images[0].naturalWidth : -1",
                       QWebEngineScript.ScriptWorldId.ApplicationWorld, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=10000)
    return int(result[0])


def test_images_off_shows_the_alt_text_instead(qtbot, window) -> None:
    from PySide6.QtGui import QColor, QImage

    logo = QImage(40, 20, QImage.Format.Format_RGB32)
    logo.fill(QColor("#0b5cad"))
    assert logo.save(str(window.project.root / "logo.png"))
    email = window.preview.email
    html = ('<html><head><title>{t}</title></head><body>'
            '<img src="logo.png" alt="Northwind logo" width="40" height="20"></body></html>')
    email.set_message(_email(html.format(t="images-on")), window.project.root)
    qtbot.waitUntil(lambda: email.page.title() == "images-on", timeout=20000)
    qtbot.waitUntil(lambda: _image_width(qtbot, email.page) == 40, timeout=10000)
    window.actions["images_off"].setChecked(True)
    email.set_message(_email(html.format(t="images-off")), window.project.root)
    qtbot.waitUntil(lambda: email.page.title() == "images-off", timeout=20000)
    qtbot.wait(500)
    assert _image_width(qtbot, email.page) == 0  # not loaded: the reader sees the alt text
    window.actions["images_off"].setChecked(False)
