"""What a reader sees: LTR runs inside Hebrew and Arabic emails laid out by Chromium."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWebEngineCore import QWebEnginePage

from app.core.project import Project
from app.core.render import Renderer

# The characters of every isolated run (span[dir=ltr]) sorted by their x position on screen.
VISUAL_ORDER = """
(function () {
  var out = [];
  document.querySelectorAll('span[dir="ltr"]').forEach(function (span) {
    var node = span.firstChild;
    if (!node || node.nodeType !== 3) return;
    var chars = [];
    for (var i = 0; i < node.length; i++) {
      var r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
      var box = r.getBoundingClientRect();
      if (box.width > 0) chars.push([node.data[i], box.left, box.top]);
    }
    out.push({text: node.data, chars: chars});
  });
  return JSON.stringify(out);
})()
"""


def _run(page: QWebEnginePage, script: str) -> str:
    loop = QEventLoop()
    result: dict[str, str] = {}
    page.runJavaScript(script, 0, lambda value: (result.update(value=value), loop.quit()))
    QTimer.singleShot(10000, loop.quit)
    loop.exec()
    return result.get("value", "[]")


@pytest.mark.parametrize("locale, sample", [("he", "dana_he"), ("ar", "omar_ar")])
def test_numbers_and_ids_read_left_to_right_inside_rtl_email(qapp, demo_project: Project,
                                                            locale: str, sample: str) -> None:
    email = Renderer(demo_project).render("invoice_ready", locale, "email",
                                          demo_project.samples[sample].data)
    page = QWebEnginePage()
    page.settings().setAttribute(page.settings().WebAttribute.JavascriptEnabled, True)
    loop = QEventLoop()
    page.loadFinished.connect(lambda _ok: loop.quit())
    QTimer.singleShot(20000, loop.quit)
    page.setHtml(email.html)
    loop.exec()
    runs = json.loads(_run(page, VISUAL_ORDER))
    texts = {run["text"] for run in runs}
    assert "+972 3 555 0100" in texts  # the support phone in the footer
    assert demo_project.samples[sample].data["invoice_number"] in texts
    for run in runs:
        lines: dict[int, list] = {}
        for char, left, top in run["chars"]:
            lines.setdefault(round(top), []).append((left, char))
        assert len(lines) == 1, f"{run['text']!r} is broken across lines"
        shown = "".join(c for _, c in sorted(next(iter(lines.values()))))
        assert shown == run["text"], f"{run['text']!r} is shown as {shown!r}"
    page.deleteLater()
