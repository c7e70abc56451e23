"""What a reader sees: Hebrew and Arabic emails written with no alignment or direction
attributes are laid out right to left by Chromium; the same MJML in English stays left."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWebEngineCore import QWebEnginePage
from PySide6.QtWebEngineWidgets import QWebEngineView

from app.core.project import Project
from app.core.render import Renderer

# Two columns, a button and a table; nothing says align, direction or dir.
MJML = """<mjml>
  <mj-body width="600px">
    <mj-section>
      <mj-column><mj-text css-class="one">{one}</mj-text></mj-column>
      <mj-column><mj-text css-class="two">{two}</mj-text></mj-column>
    </mj-section>
    <mj-section>
      <mj-column>
        <mj-button css-class="pay" href="https://northwind.example/pay">{button}</mj-button>
        <mj-table css-class="lines">
          <tr><td class="c1">{one}</td><td class="c2">10</td></tr>
        </mj-table>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>"""
TEXTS = {"he": ("החשבונית שלך מוכנה", "תודה שבחרת בנו", "לתשלום"),
         "ar": ("فاتورتك جاهزة", "شكرًا لاختيارك لنا", "ادفع الآن"),
         "en": ("Your invoice is ready", "Thanks for choosing us", "Pay now")}
SAMPLES = {"he": "dana_he", "ar": "omar_ar", "en": "emily_en"}

# For each marked block: its box, and the box of its text (a Range over the text node).
MEASURE = """
(function () {
  function box(el) { var r = el.getBoundingClientRect(); return [r.left, r.right]; }
  function textBox(el) {
    var walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var node; while ((node = walker.nextNode()) && !node.data.trim()) {}
    var range = document.createRange(); range.selectNodeContents(node);
    var r = range.getBoundingClientRect(); return [r.left, r.right];
  }
  var out = {};
  [["one", ".one div"], ["two", ".two div"], ["c1", "td.c1"], ["c2", "td.c2"],
   ["pay", ".pay a"]].forEach(function (pair) {
    var el = document.querySelector(pair[1]);
    out[pair[0]] = {box: box(el), text: textBox(el),
                    align: getComputedStyle(el).textAlign,
                    column: box(el.closest("td").parentElement.closest("td") || el)};
  });
  out.body = box(document.body);
  return JSON.stringify(out);
})()
"""


def _run(page: QWebEnginePage, script: str) -> str:
    loop = QEventLoop()
    result: dict[str, str] = {}
    page.runJavaScript(script, 0, lambda value: (result.update(value=value), loop.quit()))
    QTimer.singleShot(10000, loop.quit)
    loop.exec()
    return result.get("value", "{}")


def _layout(project: Project, locale: str) -> dict:
    one, two, button = TEXTS[locale]
    overlay = {f"templates/invoice_ready/{locale}/email.mjml":
               MJML.format(one=one, two=two, button=button)}
    email = Renderer(project, overlay).render("invoice_ready", locale, "email",
                                              project.samples[SAMPLES[locale]].data)
    view = QWebEngineView()  # a desktop-wide window: the two columns side by side
    view.resize(800, 900)
    view.show()
    page = view.page()
    page.settings().setAttribute(page.settings().WebAttribute.JavascriptEnabled, True)
    loop = QEventLoop()
    page.loadFinished.connect(lambda _ok: loop.quit())
    QTimer.singleShot(20000, loop.quit)
    page.setHtml(email.html)
    loop.exec()
    try:
        return json.loads(_run(page, MEASURE))
    finally:
        view.close()
        view.deleteLater()


@pytest.mark.parametrize("locale", ["he", "ar"])
def test_rtl_email_without_attributes_reads_from_the_right(qapp, demo_project: Project,
                                                          locale: str) -> None:
    shown = _layout(demo_project, locale)
    one, two = shown["one"], shown["two"]
    assert one["align"] == two["align"] == "right"
    # the first column is on the right, the second on its left
    assert one["box"][0] >= two["box"][1] - 1
    # the text hugs the right edge of its block
    for block in (one, two, shown["c1"]):
        assert block["box"][1] - block["text"][1] < 30, block
        assert block["text"][0] - block["box"][0] > 40, block
    # table cells run right to left too
    assert shown["c1"]["box"][0] > shown["c2"]["box"][0]
    # the button keeps its centre
    pay = shown["pay"]["box"]
    body = shown["body"]
    assert abs((pay[0] + pay[1]) / 2 - (body[0] + body[1]) / 2) < 20


def test_the_same_mjml_in_english_stays_left(qapp, demo_project: Project) -> None:
    shown = _layout(demo_project, "en")
    one, two = shown["one"], shown["two"]
    assert one["align"] == two["align"] == "left"
    assert one["box"][1] <= two["box"][0] + 1
    for block in (one, two, shown["c1"]):
        assert block["text"][0] - block["box"][0] < 30, block
    assert shown["c1"]["box"][0] < shown["c2"]["box"][0]
