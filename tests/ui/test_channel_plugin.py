"""A fourth channel, made up here and registered from this module alone (issue 11).

``push`` is a push notification: one short text from ``push.txt``. Nothing outside this
file names it; registering its spec (app.kernel.channels), its studio part
(app.core.channels) and its preview (app.ui.preview.channels) is enough for the pickers,
the review grid, the export, the runtime, the proof and the command line's choices to
have it. The render worker's processes learn it from this file too (``register_channels``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.core.channels import RenderJob, StudioChannel
from app.core.channels import register as register_studio
from app.core.channels import unregister as unregister_studio
from app.core.scaffold import scaffold
from app.kernel.bidi import with_base_direction
from app.kernel.channels import BundleView, ChannelSpec, channel_names, register, unregister

TEXT = "Your parcel {{ order_number }} is out for delivery."


@dataclass
class Push:
    """A rendered push notification."""

    text: str
    channel: str = "push"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text}


def render_from_bundle(view: BundleView, files: Mapping[str, str],
                       context: dict[str, Any]) -> Push:
    text = view.render_file(files["push"], context).strip()
    return Push(with_base_direction(text, bool(context["message"]["rtl"])))


class PushChannel(StudioChannel):
    name = "push"

    def render(self, job: RenderJob) -> Push:
        text = job.engine.render_file(job.name("push.txt"), job.context).strip()
        return Push(with_base_direction(text, bool(job.context["message"]["rtl"])))


SPEC = ChannelSpec(name="push", label="Push", files=("push.txt",), message=Push,
                   bundle_files={"push": "push.txt"}, main_role="push",
                   golden_fields=("text",), output_fields=("text",),
                   render=render_from_bundle)


def register_channels() -> None:
    """Every part of the channel (what the render worker calls after loading this file)."""
    register(SPEC)
    register_studio(PushChannel())


@pytest.fixture()
def push() -> Iterator[None]:
    register_channels()
    yield
    unregister_studio("push")
    unregister("push")


@pytest.fixture()
def project_dir(tmp_path: Path, push: None) -> Path:
    """The demo with one more template, sent by push (and SMS) in every locale."""
    root = scaffold(tmp_path / "demo")
    folder = root / "templates" / "parcel_push"
    source = (root / "templates" / "delivery_update" / "template.toml").read_text("utf-8")
    toml = source.split("[strategy]")[0].replace('channels = ["email", "sms", "whatsapp"]',
                                                  'channels = ["push", "sms"]')
    assert 'channels = ["push", "sms"]' in toml
    (folder).mkdir()
    (folder / "template.toml").write_text(
        toml + '[strategy]\nprimary = "push"\nfallback = [{ channel = "sms", after = "1h" }]\n',
        encoding="utf-8")
    for locale in ("en", "he", "ar"):
        (folder / locale).mkdir()
        (folder / locale / "push.txt").write_text(TEXT + "\n", encoding="utf-8")
        sms = root / "templates" / "delivery_update" / locale / "sms.txt"
        (folder / locale / "sms.txt").write_bytes(sms.read_bytes())
    return root


def test_the_registry_knows_it(push: None) -> None:
    assert channel_names()[-1] == "push"
    assert channel_names()[:3] == ("email", "sms", "whatsapp")


def test_cli_choices_render_check_and_summary(cli, project_dir: Path) -> None:
    rendered = cli("render", project_dir, "--template", "parcel_push", "--locale", "en",
                   "--channel", "push", "--sample", "emily_en")
    assert rendered.code == 0, rendered.err
    text = json.loads(rendered.out)["text"]
    assert text.startswith("Your parcel ") and text.endswith(" is out for delivery.")
    checked = cli("check", project_dir, "--template", "parcel_push", "--channel", "push",
                  "--format", "json")
    assert checked.code in (0, 1), checked.err  # a choice, not a usage error (2)
    findings = json.loads(checked.out)["findings"]
    assert not [f for f in findings if f["severity"] == "error"], findings
    summary = cli("summary", project_dir)
    assert summary.code == 0, summary.err + summary.out
    lines = [line for line in summary.out.splitlines() if " push " in line]
    assert lines and all("is out for delivery." in line for line in lines), summary.out


def test_export_runtime_and_bundle_cli(cli, project_dir: Path, tmp_path: Path) -> None:
    from app.runtime import Bundle
    from app.runtime.verify import verify

    out = tmp_path / "bundle"
    exported = cli("export", project_dir, "--out", out, "--template", "parcel_push",
                   "--allow-warnings")
    assert exported.code == 0, exported.out + exported.err
    assert (out / "templates/parcel_push/he/push/push.txt").read_text("utf-8").startswith(
        "Your parcel")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    goldens = [g for t in manifest["templates"] for g in t["golden"] if g["channel"] == "push"]
    assert goldens and all("json" in g["files"] for g in goldens)
    bundle = Bundle.open(out)
    message = bundle.render("parcel_push", "he", "push", bundle.sample("dana_he"))
    assert isinstance(message, Push)
    assert message.text.startswith("\u200f")  # Hebrew: the right-to-left mark leads
    assert verify(bundle) == []
    rendered = cli("bundle", "render", out, "--template", "parcel_push", "--locale", "en",
                   "--channel", "push", "--data", out / bundle.manifest["samples"][0]["path"])
    assert rendered.code == 0, rendered.err
    assert "is out for delivery." in rendered.out
    assert cli("bundle", "verify", out).code == 0


def test_review_grid_and_proof(project_dir: Path) -> None:
    from app.core.project import Project
    from app.core.proof_document import build_proof
    from app.core.workspace.review_grid import variant_axes

    project = Project.load(project_dir)
    axes = [(a.locale, a.channel) for a in variant_axes(project)]
    assert ("he", "push") in axes and axes.index(("he", "whatsapp")) < axes.index(("he", "push"))
    html, _ = build_proof(project, ["parcel_push"], devices=("phone",), sample="emily_en")
    assert '<figure class="bubble push"><figcaption><bdi>Push</bdi>' in html
    assert "is out for delivery." in html


def test_the_studio_shows_it(qtbot, stores, project_dir: Path) -> None:
    """The window's pickers list it, its preview shows it, and a review cell paints it."""
    from app.ui.review.thumbnail import draw_thumbnail

    from .conftest import dispose, make_window

    (project_dir / "templates/parcel_push/he/push.txt").write_text(
        "החבילה {{ order_number }} בדרך אליך.\n", encoding="utf-8")
    window = make_window(qtbot, stores, project_dir)
    try:
        with qtbot.waitSignal(window.sig_preview_ready, timeout=30000):
            window.select(template="parcel_push", locale="he", channel="push",
                          sample="dana_he")
        combo = window.pickers.combos["channel"]
        assert [combo.itemText(i) for i in range(combo.count())] == ["Push", "SMS"]
        assert window.pickers.choice().channel == "push"
        result = window.preview.result
        assert result is not None and result.channel == "push" and not result.error
        shown = window.preview.visible_text()
        # Right to left, the order number isolated left to right inside the Hebrew.
        assert 'dir="rtl"' in shown and "החבילה \u2066NW-" in shown, shown
        assert " בדרך אליך." in shown, shown
        window.grab().save(str(project_dir.parent / "push-studio.png"))
        image = draw_thumbnail(result, "phone", "unreviewed", {}, "")
        colours = {image.pixel(x, y) for x in range(0, image.width(), 4)
                   for y in range(0, image.height(), 4)}
        assert len(colours) > 3  # a bubble with text, not an empty cell
    finally:
        dispose(window)


def test_copy_deck_and_defaults(project_dir: Path) -> None:
    """The copy view lists the channel's text file; a template that names no channels is
    not put on the new one (a channel is opt-in)."""
    from app.core.copy import build_deck
    from app.core.project import Project
    from app.kernel.channels import default_channels

    project = Project.load(project_dir)
    blocks = {b.id: b for b in build_deck(project, "parcel_push", "he").blocks}
    assert blocks["push.body"].kind == "text_file" and blocks["push.body"].channel == "push"
    assert "Your parcel" in blocks["push.body"].text
    assert default_channels() == ("email", "sms", "whatsapp")
    toml = project_dir / "templates" / "parcel_push" / "template.toml"
    toml.write_text(toml.read_text("utf-8").replace('channels = ["push", "sms"]\n', "")
                    .replace('primary = "push"\nfallback = [{ channel = "sms", after = "1h" }]',
                             'primary = "sms"'), encoding="utf-8")
    assert Project.load(project_dir).templates["parcel_push"].channels == default_channels()


def test_a_broken_plug_in_is_reported_once_and_leaves_the_others(tmp_path: Path) -> None:
    from app.kernel.channels import CHANNELS, sync_plugins

    broken = tmp_path / "broken_channel_plugin.py"
    broken.write_text("raise RuntimeError('this plug-in is broken')\n", encoding="utf-8")
    problems = sync_plugins([("broken_channel_plugin", str(broken))])
    assert problems == ["channel plug-in broken_channel_plugin: RuntimeError: "
                        "this plug-in is broken"]
    assert sync_plugins([("broken_channel_plugin", str(broken))]) == []  # not retried
    assert {"email", "sms", "whatsapp"} <= set(CHANNELS)
    sync_plugins([])
