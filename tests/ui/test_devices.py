"""One device table: a made-up device added to it, and nowhere else, shows in the preview's
device picker, the review grid's picker and thumbnails, the proof and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli.main import build_parser
from app.core import devices
from app.core.devices import Device
from app.core.project import Project
from app.core.proof_document import build_proof
from app.core.workspace.review_grid import Cell
from app.ui.application import apply_language
from app.ui.settings import SettingsStore, StudioSettings

from .conftest import dispose, make_window

WATCH = Device("watch", "Watch", 198, bezel=8, radius=40, frame_color="#202020",
               thumbnail=(120, 150), in_proof=True)


@pytest.fixture
def watch(monkeypatch) -> Device:
    """The table with one more row: nothing else is edited."""
    monkeypatch.setitem(devices.DEVICES, WATCH.key, WATCH)
    return WATCH


def _items(combo) -> dict[str, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_a_new_device_is_in_the_studio_pickers_and_the_review_grid(qtbot, qapp, stores,
                                                                    demo: Path,
                                                                    watch: Device) -> None:
    apply_language(qapp, "en")
    window = make_window(qtbot, stores, demo)
    try:
        assert _items(window.pickers.combos["device"])["watch"] == "Watch (198 px)"
        assert _items(window.review.device)["watch"] == "Watch (198 px)"
        # The live preview puts the email in the watch's frame at its width.
        window.select(device="watch")
        frame = window.preview.email.frame
        assert frame.device is watch and frame.width() == 198 + 2 * 8
        # The review grid: its cells are the watch's thumbnails, the email painted at 198 px.
        window.settings.reviewer_name = "Tess Reviewer"
        with qtbot.waitSignal(window.review.sig_filled, timeout=60000):
            window.actions["review"].trigger()
        view = window.review
        view.device.setCurrentIndex(view.device.findData("watch"))
        with qtbot.waitSignal(view.sig_filled, timeout=60000):
            view.device.activated.emit(view.device.currentIndex())
        he = Cell("invoice_ready", "he", "email")
        qtbot.waitUntil(lambda: he in view.pictures and not view.snapshotter.busy,
                        timeout=60000)
        assert view.pictures[he].width() == 198
        cell = view.table.item(*view.position(he)).data(1)
        assert abs(cell.width() / cell.height() - 120 / 150) < 0.02
    finally:
        dispose(window)


def test_a_new_device_is_remembered_in_the_settings(tmp_path: Path, watch: Device) -> None:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(StudioSettings(device="watch"))
    assert store.load().device == "watch"
    store.save(StudioSettings(device="smart-fridge"))
    assert store.load().device == "phone"  # not in the table: the default


def test_a_new_device_is_in_the_proof_and_the_command_line(demo_project: Project,
                                                            watch: Device) -> None:
    html, data = build_proof(demo_project, ["payment_received"])
    assert data.devices == ("phone", "desktop", "watch")
    assert "Email · watch · 198 px" in html and "watch (198 px)" in html
    only, data = build_proof(demo_project, ["payment_received"], ["watch"])
    assert data.devices == ("watch",)
    assert "Email · watch · 198 px" in only and "Email · desktop" not in only
    parser = build_parser()
    assert parser.parse_args(["proof", "x", "--out", "p.pdf", "--device", "watch"]).device \
        == "watch"
    assert parser.parse_args(["studio", "--device", "watch"]).device == "watch"
    proof = parser._subparsers._group_actions[0].choices["proof"]
    assert "default: phone and desktop and watch" in " ".join(proof.format_help().split())
