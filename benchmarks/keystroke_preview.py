"""Keystroke-to-preview time in the studio, on the demo invoice and a corpus email (offscreen).

For each keystroke typed into an email (by default the demo's
``templates/invoice_ready/en/email.mjml`` and the corpus's 65 KB
``templates/order_shipped/en/email.mjml``, see ``--project``), measures the
time until the email preview has loaded the HTML that contains it: the 150 ms debounce,
rendering in the worker (Jinja → MJML → CSS inlining → parse; in the bounded worker
process as the studio does, or ``--in-process``) and QtWebEngine loading the page.
Then types a fast burst to show that stale results are dropped.

    .venv/bin/python benchmarks/keystroke_preview.py [--keystrokes 60] [--project demo|corpus|all]
        [--locale en|he|ar]

Not part of the tests: it prints a table.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from projects import PROJECTS, percentile, project_dir

from app.ui.environment import prepare_environment

prepare_environment(offscreen=True)

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.workspace import RecoveryStore  # noqa: E402
from app.ui.application import apply_language  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.settings import SettingsStore  # noqa: E402

MARK = "Thanks"
# Per project: the template typed into, and per locale a word inside an mj-text to type after.
TARGETS = {"demo": ("invoice_ready", {"en": "anything", "he": "לעשות דבר", "ar": "شيء"}),
           "corpus": ("order_shipped", {"en": "in the parcel", "he": "מה שיש בחבילה",
                                        "ar": "ما في الطرد"})}


def wait_until(app: QApplication, condition: Callable[[], bool], timeout_s: float = 30) -> None:
    """Run the event loop until ``condition`` holds."""
    end = time.perf_counter() + timeout_s
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the preview did not update")
        app.processEvents()
        time.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keystrokes", type=int, default=60)
    parser.add_argument("--project", choices=(*PROJECTS, "all"), default="all")
    parser.add_argument("--locale", choices=("en", "he", "ar"), default="en")
    parser.add_argument("--in-process", action="store_true",
                        help="render in the studio's own process (no bounded worker)")
    args = parser.parse_args()
    if not args.in_process:  # as `missive studio` does: renders in the bounded worker
        from app.ui.application import ensure_render_pool

        ensure_render_pool()
    app = QApplication.instance() or QApplication([sys.argv[0]])
    apply_language(app, "en")
    for name in PROJECTS if args.project == "all" else (args.project,):
        bench(app, name, args.locale, args.keystrokes)
    return 0


def bench(app: QApplication, name: str, locale: str, keystrokes: int) -> None:
    """Type ``keystrokes`` keys into one email of project ``name`` and print the table."""
    template, anchors = TARGETS[name]
    with tempfile.TemporaryDirectory(prefix="missive-bench-") as tmp:
        root = Path(tmp) / name
        shutil.copytree(project_dir(name), root)
        window = MainWindow(SettingsStore(Path(tmp) / "s.ini"), RecoveryStore(Path(tmp) / "r"))
        window.resize(1500, 950)
        window.show()
        window.open_project(root)
        window.select(template=template, locale=locale, channel="email", device="phone")
        email = window.preview.email
        wait_until(app, lambda: email.loads > 0 and not email.page.isLoading())
        page = window.editors.current_page()
        editor = page.editor
        text = page.text
        cursor = editor.textCursor()
        cursor.setPosition(text.index(anchors[locale]) + len(anchors[locale]))  # in an mj-text
        editor.setTextCursor(cursor)

        totals, renders, paints = [], [], []
        for i in range(keystrokes):
            before = window.preview.result.generation
            started = time.perf_counter()
            QTest.keyClick(editor, MARK[i % len(MARK)])
            wait_until(app, lambda b=before: _painted_after(window, b))
            totals.append((time.perf_counter() - started) * 1000)
            renders.append(window.preview.result.render_ms)
            paints.append(email.paint_ms)

        # A fast burst: keys with no pause; only the last text's result should be shown.
        dropped_before = window.render.dropped
        generation_before = window.render._generation
        before = window.preview.result.generation
        for _ in range(40):
            QTest.keyClick(editor, Qt.Key.Key_Space)
            app.processEvents()
            time.sleep(0.02)
        wait_until(app, lambda: _painted_after(window, before)
                   and not window.render._timer.isActive() and window.render.running == 0)
        burst_renders = window.render._generation - generation_before
        burst_dropped = window.render.dropped - dropped_before

        rows = [("keystroke → preview painted", totals),
                ("  of which rendering in the worker", renders),
                ("  of which the page load or swap", paints)]
        size = len(window.preview.result.message["html"].encode()) / 1024
        print(f"\nKeystroke to preview, {name} {template} email ({locale}, phone, {size:.0f} KB),"
              f" {len(totals)} keystrokes, debounce {window.render._timer.interval()} ms,"
              f" offscreen")
        print(f"{'':36} {'median':>9} {'p95':>9} {'max':>9}")
        for label, values in rows:
            print(f"{label:36} {statistics.median(values):8.1f}ms {percentile(values, .95):8.1f}ms"
                  f" {max(values):8.1f}ms")
        print(f"pages loaded {email.loads}, swapped in place {email.swaps}")
        print(f"burst of 40 keys ~20 ms apart: {burst_renders} render(s) started, "
              f"{burst_dropped} stale result(s) dropped, the last text shown")
        window.editors.close_all(ask=False)
        window.render.wait_for_done()
        window.close()


def _painted_after(window: MainWindow, generation: int) -> bool:
    """Whether a result newer than ``generation`` is current and loaded into the page."""
    result = window.preview.result
    email = window.preview.email
    return (result is not None and result.generation > generation
            and result.message is not None and window.render.is_current(result)
            and email._shown_html is not None
            # the email as rendered (the page shows it with resource hints disarmed), or
            # its marked twin for editing in the preview
            and result.message["html"] in (email._html, email._marked_from)
            and not email.is_painting())


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip interpreter teardown: PySide6 can crash while collecting web views at exit.
    os._exit(code)
