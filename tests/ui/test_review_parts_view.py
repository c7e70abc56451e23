"""The review view of issue 19: part-level decisions, signed approvals shown with their
verdict, a grid that fits 1600×1000 with readable thumbnails, the collapsing findings
pane."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.review import ReviewStore
from app.core.workspace.review_grid import Cell

from .test_review_view import choose, open_review


def test_grid_fits_1600_by_1000_with_readable_thumbnails(qtbot, window) -> None:
    window.resize(1600, 1000)
    open_review(qtbot, window)
    view = window.review
    qtbot.waitUntil(lambda: not view._refit_timer.isActive(), timeout=5000)
    shown = [c for c in range(view.table.columnCount()) if not view.table.isColumnHidden(c)]
    assert view.groups.count() == 4                      # All locales, en, he, ar
    assert len(shown) == 3 and view._group in ("en", "he", "ar")
    width = sum(view.table.columnWidth(c) for c in shown)
    assert width <= view.table.viewport().width()         # no column cut off
    assert view.zoom >= 1.2                               # larger than the 176 px cells
    assert view.table.iconSize().width() >= 210

    view.set_group("")                                    # every locale: they scroll
    assert sum(not view.table.isColumnHidden(c) for c in range(view.table.columnCount())) \
        == len(view.columns)
    view.set_group("he")
    assert all(view.columns[c].locale == "he" for c in range(view.table.columnCount())
               if not view.table.isColumnHidden(c))

    choose(window, Cell("invoice_ready", "he", "sms"))
    picture = view.controls.zoom.pixmap()
    # the chosen cell, larger than the grid's 176 px cells (even with findings shown below)
    assert picture is not None and picture.width() > 190


def test_findings_pane_collapses_when_empty(qtbot, window) -> None:
    from .helpers import show

    show(window, "login_code", "en", "sms")
    qtbot.waitUntil(lambda: window.preview.result is not None
                    and window.preview.result.findings is not None, timeout=20000)
    dock = window.findingsDock
    if window.findings.findings:
        pytest.skip("the demo's login SMS has findings now")
    qtbot.waitUntil(lambda: dock.widget().isHidden(), timeout=10000)
    assert dock.height() < 40


def test_approve_one_locale_from_the_grid(qtbot, window) -> None:
    open_review(qtbot, window)
    view = window.review
    choose(window, Cell("invoice_ready", "he", "email"))
    view.controls.scope.setCurrentIndex(view.controls.scope.findData("locale"))
    assert view.decide("approve")
    status = ReviewStore(Project.load(window.project.root)).status("invoice_ready")
    states = {p.key: p.state for p in status.parts}
    assert states["he/sms"] == "approved" and states["en/sms"] == "unreviewed"
    assert "Partly approved (3 of 9 parts)" in view.status_label.text()
    assert "he · Email" in view.controls.parts.text()


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="needs ssh-keygen")
def test_signed_approval_shows_who_signed_and_that_it_verifies(qtbot, window,
                                                               tmp_path: Path) -> None:
    key = tmp_path / "tess"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)],
                   check=True)
    public = " ".join(key.with_name("tess.pub").read_text().split()[:2])
    (window.project.root / "reviewers").write_text(
        f'tess@northwind.example roles="legal:he" {public}\n', encoding="utf-8")
    window.settings.signing_key = str(key)
    open_review(qtbot, window)
    view = window.review
    choose(window, Cell("invoice_ready", "he", "whatsapp"))
    assert view.controls.sign.isEnabled() and view.controls.sign.isChecked()
    view.controls.scope.setCurrentIndex(view.controls.scope.findData("cell"))
    assert view.decide("approve")
    qtbot.waitUntil(lambda: "verified" in view.controls.parts.text(), timeout=20000)
    assert "signed by tess@northwind.example, verified" in view.controls.parts.text()

    # beyond the role: refused, said in the panel, nothing written
    choose(window, Cell("invoice_ready", "en", "sms"))
    assert not view.decide("approve")
    assert "may not approve en" in view.status_label.text()


def test_hovering_a_cell_zooms_it(qtbot, window) -> None:
    open_review(qtbot, window)
    view = window.review
    row, column = view.position(Cell("invoice_ready", "ar", "whatsapp"))
    assert view.hover.show_now(row, column)
    shown = view.hover.popup.pixmap()
    assert shown.width() >= 2 * 176 and view.hover.popup.isVisible()
    view.hover.hide()
    assert not view.hover.popup.isVisible()
