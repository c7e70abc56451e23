"""What a reader sees in the plain-text part of a Hebrew or Arabic email: phone numbers and
order ids in reading order, in Chromium's right-to-left text view and in the studio's
Plain text tab."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWebEngineCore import QWebEnginePage

from app.core.project import Project
from app.core.render import Renderer
from app.kernel.bidi import strip_markers
from app.runtime.html_text import html_to_text as runtime_text
from app.ui.preview.email_preview import EmailPreview

# The characters of each needle in a right-to-left <pre>, sorted by their x on screen.
SHOWN = """
(function (needles) {
  var pre = document.getElementById('t');
  var node = pre.firstChild, out = {};
  needles.forEach(function (needle) {
    var at = node.data.indexOf(needle), chars = [];
    if (at < 0) { out[needle] = null; return; }
    for (var i = at; i < at + needle.length; i++) {
      var r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      var box = r.getBoundingClientRect();
      chars.push([node.data[i], box.left, box.top, box.width]);
    }
    out[needle] = chars;
  });
  return JSON.stringify(out);
})
"""


def _email(project: Project, locale: str, sample: str):
    return Renderer(project).render("invoice_ready", locale, "email",
                                    project.samples[sample].data)


def _visual(chars: list) -> str:
    """The needle as it reads on screen: lines top to bottom, each left to right (a
    left-to-right run wrapped at a space continues on the next line)."""
    lines: dict[int, list] = {}
    for char, left, top, _width in chars:
        lines.setdefault(round(top), []).append((left, char))
    return " ".join("".join(c for _x, c in sorted(lines[top])).strip() for top in sorted(lines))


def _run(page: QWebEnginePage, script: str) -> str:
    loop = QEventLoop()
    result: dict[str, str] = {}
    page.runJavaScript(script, 0, lambda value: (result.update(value=value), loop.quit()))
    QTimer.singleShot(10000, loop.quit)
    loop.exec()
    return result.get("value", "{}")


@pytest.mark.parametrize("locale, sample", [("he", "dana_he"), ("ar", "omar_ar")])
def test_plain_text_part_reads_in_order_in_chromium(qapp, demo_project: Project, locale: str,
                                                    sample: str) -> None:
    email = _email(demo_project, locale, sample)
    assert email.text_source == "derived"
    assert email.text == runtime_text(email.html)  # the bundle runtime sends the same text
    order_id = demo_project.samples[sample].data["invoice_number"]
    needles = ["+972 3 555 0100", order_id, f"https://northwind.example/pay/{order_id}"]
    page = QWebEnginePage()
    loop = QEventLoop()
    page.loadFinished.connect(lambda _ok: loop.quit())
    QTimer.singleShot(20000, loop.quit)
    # A text/plain part in a right-to-left reader: text as it is, direction rtl.
    page.setHtml('<!doctype html><meta charset="utf-8"><body style="width:640px">'
                 '<pre id="t" dir="rtl" style="white-space:pre-wrap;font-size:16px"></pre>')
    loop.exec()
    _run(page, f"document.getElementById('t').textContent = {json.dumps(email.text)}")
    shown = json.loads(_run(page, f"({SHOWN})({json.dumps(needles)})"))
    for needle in needles:
        assert shown[needle], f"{needle!r} is not in the plain text"
        assert _visual([c for c in shown[needle] if c[3] > 0]) == needle
    page.deleteLater()


@pytest.mark.parametrize("locale, sample", [("he", "dana_he"), ("ar", "omar_ar")])
def test_plain_text_tab_reads_in_order(qtbot, demo_project: Project, locale: str,
                                       sample: str) -> None:
    email = _email(demo_project, locale, sample)
    preview = EmailPreview()
    qtbot.addWidget(preview)
    preview.resize(700, 800)
    preview.set_message(email.to_dict(), demo_project.root)
    preview.set_mode("text")
    preview.show()
    view = preview.text_view
    assert view.document().defaultTextOption().textDirection() == Qt.LayoutDirection.RightToLeft
    text = view.toPlainText()
    order_id = demo_project.samples[sample].data["invoice_number"]
    for needle in ("+972 3 555 0100", order_id):
        at = text.index(needle)
        xs = []
        for index in range(at, at + len(needle) + 1):
            cursor = QTextCursor(view.document())
            cursor.setPosition(index)
            xs.append(view.cursorRect(cursor).x())
        inner = xs[1:-1]  # the run's edges touch right-to-left text
        assert inner == sorted(inner) and len(set(inner)) == len(inner), (needle, xs)
    assert strip_markers(text).count("+972 3 555 0100") == 1
