"""The studio's headless work: atomic saves, the recovery area, template operations,
the preview job and the preview text helpers (no Qt)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.render import Renderer
from app.core.workspace import (
    STARTERS,
    PreviewRequest,
    RecoveryStore,
    SaveError,
    add_locale,
    atomic_write_text,
    delete_template,
    duplicate_template,
    new_from_starter,
    rename_template,
    run_checks_for,
    run_preview,
)
from app.core.workspace.preview_text import (
    block_images,
    display_name,
    emulate_dark_scheme,
    sms_html,
    whatsapp_html,
)
from app.kernel.errors import InputError
from tests.limits import file_size_limit


# -- atomic save --------------------------------------------------------------------------
def test_atomic_write_replaces_the_file_and_keeps_its_mode(tmp_path: Path) -> None:
    path = tmp_path / "sms.txt"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    atomic_write_text(path, "new שלום")
    assert path.read_text(encoding="utf-8") == "new שלום"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["sms.txt"]


def test_a_failed_save_leaves_the_old_file_intact_and_says_why(tmp_path: Path) -> None:
    path = tmp_path / "email.mjml"
    path.write_text("the old text", encoding="utf-8")
    with file_size_limit(64), pytest.raises(SaveError) as caught:
        atomic_write_text(path, "x" * 10_000)
    assert path.read_text(encoding="utf-8") == "the old text"
    assert "the file on disk is unchanged" in str(caught.value)
    assert "too large" in str(caught.value).lower()
    assert [p.name for p in tmp_path.iterdir()] == ["email.mjml"]  # no temporary left


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_a_read_only_folder_fails_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "sms.txt"
    path.write_text("old", encoding="utf-8")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="read-only"):
            atomic_write_text(path, "new")
    finally:
        tmp_path.chmod(0o755)
    assert path.read_text(encoding="utf-8") == "old"


# -- recovery -----------------------------------------------------------------------------
def test_recovery_keeps_buffers_per_project(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path / "recovery")
    a, b = tmp_path / "a", tmp_path / "b"
    store.save(a, {"templates/x/en/sms.txt": "unsaved ✓"})
    assert store.load(a) == {"templates/x/en/sms.txt": "unsaved ✓"}
    assert store.load(b) == {}
    store.save(a, {})
    assert store.load(a) == {}


def test_a_damaged_recovery_file_is_ignored(tmp_path: Path) -> None:
    store = RecoveryStore(tmp_path)
    store.save(tmp_path / "p", {"f": "t"})
    next(tmp_path.rglob("*.json")).write_text("{not json", encoding="utf-8")
    assert store.load(tmp_path / "p") == {}


# -- template operations ---------------------------------------------------------------------
@pytest.mark.parametrize("starter", sorted(STARTERS))
def test_every_starter_makes_a_template_that_renders(demo: Path, starter: str) -> None:
    project = Project.load(demo)
    new_from_starter(project, starter, f"new_{starter}")
    project = Project.load(demo)
    template = project.template(f"new_{starter}")
    sample = project.samples["emily_en"].data
    for channel in template.channels:
        message = Renderer(project).render(template.id, "en", channel, sample)
        assert message.to_dict()


def test_ids_are_checked_before_anything_is_written(demo: Path) -> None:
    project = Project.load(demo)
    before = sorted(p.name for p in (demo / "templates").iterdir())
    for bad in ("Bad-Id", "", "invoice_ready"):
        with pytest.raises(InputError):
            new_from_starter(project, "invoice", bad)
    with pytest.raises(InputError, match="starter"):
        new_from_starter(project, "nope", "fine_id")
    assert sorted(p.name for p in (demo / "templates").iterdir()) == before


def test_duplicate_rename_delete(demo: Path) -> None:
    project = Project.load(demo)
    duplicate_template(project, "invoice_ready", "invoice_copy")
    project = Project.load(demo)
    assert (demo / "templates/invoice_copy/he/sms.txt").read_text(encoding="utf-8") == \
        (demo / "templates/invoice_ready/he/sms.txt").read_text(encoding="utf-8")
    rename_template(project, "invoice_copy", "invoice_two")
    project = Project.load(demo)
    assert "invoice_two" in project.templates and "invoice_copy" not in project.templates
    delete_template(project, "invoice_two")
    assert "invoice_two" not in Project.load(demo).templates


def test_add_locale_copies_the_default_marked_for_translation(demo: Path) -> None:
    toml = demo / "missive.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace(
        'locales = ["en", "he", "ar"]', 'locales = ["en", "he", "ar", "fr"]'), encoding="utf-8")
    shutil.copytree(demo / "partials/en", demo / "partials/fr")  # the layout's footer
    project = Project.load(demo)
    created = add_locale(project, "invoice_ready", "fr")
    assert sorted(p.name for p in created) == ["email.mjml", "email.toml", "sms.txt",
                                               "whatsapp.toml"]
    for path in created:
        assert "TRANSLATE from en" in path.read_text(encoding="utf-8").splitlines()[0]
    sample = project.samples["emily_en"].data
    sms = Renderer(project).render("invoice_ready", "fr", "sms", sample).to_dict()
    assert "TRANSLATE" not in sms["text"]  # the mark is a comment, never sent
    email = Renderer(project).render("invoice_ready", "fr", "email", sample).to_dict()
    assert email["lang"] == "fr"
    with pytest.raises(InputError, match="already has"):
        add_locale(project, "invoice_ready", "fr")
    with pytest.raises(InputError, match="not in the project"):
        add_locale(project, "invoice_ready", "de")


# -- the preview job ---------------------------------------------------------------------------
def _request(project: Project, **kw) -> PreviewRequest:
    base = dict(template="invoice_ready", locale="en", channel="sms", sample="emily_en")
    base.update(kw)
    return PreviewRequest(project, **base)


def test_preview_renders_unsaved_text(demo_project: Project) -> None:
    overlay = {"templates/invoice_ready/en/sms.txt": "Hello {{ first_name }}, unsaved"}
    result = run_preview(_request(demo_project, overlay=overlay, generation=7))
    assert result.message["text"] == "Hello Emily, unsaved"
    assert result.generation == 7 and result.error is None


def test_preview_errors_point_at_the_project_file(demo_project: Project) -> None:
    overlay = {"templates/invoice_ready/en/sms.txt": "Hi\n{{ amount_duee }}"}
    result = run_checks_for(_request(demo_project, overlay=overlay),
                            run_preview(_request(demo_project, overlay=overlay)))
    assert result.message is None
    assert result.error["path"] == "templates/invoice_ready/en/sms.txt"
    assert result.error["line"] == 2
    assert "amount_duee" in result.error["message"]
    assert result.findings[0] == result.error


def test_unsaved_text_wins_over_the_saved_file_wherever_it_is_read(demo: Path,
                                                                    monkeypatch) -> None:
    from app.core.copy.deck import reader
    from app.core.overlay import current_text, unsaved_text

    rel = "templates/invoice_ready/en/sms.txt"
    saved = (demo / rel).read_text("utf-8")
    overlay = {rel: "unsaved", "partials/new.mjml": "not saved yet"}
    for path in (rel, demo / rel):  # an overlay key or the file on disk
        assert current_text(demo, path, overlay) == unsaved_text(demo, path, overlay) \
            == "unsaved"
        assert current_text(demo, path) == saved and unsaved_text(demo, path, {}) is None
    assert current_text(demo, "partials/new.mjml", overlay) == "not saved yet"
    assert current_text(demo, "partials/missing.mjml", overlay) is None
    (demo.parent / "outside.mjml").write_text("secret", "utf-8")
    (demo / "partials" / "out.mjml").symlink_to(demo.parent / "outside.mjml")  # a link out
    assert current_text(demo, "partials/out.mjml") is None
    assert reader(demo, overlay)(rel) == "unsaved" and reader(demo)(rel) == saved
    # A project opened with a relative path: its files' paths are relative to the cwd.
    monkeypatch.chdir(demo.parent)
    root = Path(demo.name)
    assert current_text(root, root / rel, overlay) == "unsaved"
    assert current_text(root, root / rel) == saved


def test_a_flush_renders_and_checks_with_one_jinja_environment(demo_project: Project,
                                                                monkeypatch) -> None:
    """The checks reuse the preview's Renderer: one environment (and one pickle of the
    project for the workers) per flush, with the same findings as a Renderer of their own."""
    from app.core import templating
    from app.core.checks import run_checks

    made: list[object] = []
    real_init = templating.TemplateEngine.__init__

    def counting_init(self, *args, **kw) -> None:
        made.append(self)
        real_init(self, *args, **kw)

    monkeypatch.setattr(templating.TemplateEngine, "__init__", counting_init)
    overlay = {"templates/invoice_ready/en/email.mjml":
               (demo_project.root / "templates/invoice_ready/en/email.mjml")
               .read_text("utf-8").replace("Your invoice", "Your unsaved invoice")}
    request = _request(demo_project, channel="email", overlay=overlay)
    result = run_checks_for(request, run_preview(request))
    assert len(made) == 1 and result.renderer is None  # not kept once the checks ran
    assert "Your unsaved invoice" in result.message["html"]
    alone = run_checks(demo_project, templates=["invoice_ready"], locales=["en"],
                       channels=["email"], overlay=overlay)
    assert len(made) == 2
    assert result.findings == [f.to_dict() for f in alone.findings]
    assert result.findings  # the demo's email has client-support warnings


def test_preview_uses_the_unsaved_sample(demo_project: Project) -> None:
    sample = json.loads((demo_project.root / "samples/emily_en.json").read_text("utf-8"))
    sample["first_name"] = "Zoë"
    overlay = {"samples/emily_en.json": json.dumps(sample)}
    assert "Zoë" in run_preview(_request(demo_project, overlay=overlay)).message["text"]
    broken = run_preview(_request(demo_project, overlay={"samples/emily_en.json": "{"}))
    assert broken.error["path"] == "samples/emily_en.json"
    assert "invalid JSON" in broken.error["message"]


# -- what the preview shows -----------------------------------------------------------------
def test_a_choice_stays_valid_for_the_project(demo_project: Project) -> None:
    from app.core.workspace.selection import Choice, best_sample, choose

    start = choose(demo_project, Choice(), template="nope", locale="xx")
    assert (start.template, start.locale) == (next(iter(demo_project.templates)), "en")
    # login_code is not sent by email: its primary channel instead
    login = choose(demo_project, start, template="login_code", channel="email")
    assert login.channel == demo_project.templates["login_code"].strategy.primary
    assert login.channel in demo_project.templates["login_code"].channels
    # the locale changes: so does the sample; a sample picked by hand stays
    he = choose(demo_project, login, template="invoice_ready", locale="he")
    assert demo_project.samples[he.sample].locale == "he"
    assert he.sample == best_sample(demo_project, "he")
    picked = choose(demo_project, he, sample="emily_en")
    assert picked.sample == "emily_en" and picked.locale == "he"
    assert choose(demo_project, picked, channel="sms").sample == "emily_en"
    assert choose(demo_project, picked, device="desktop").device == "desktop"


def test_a_file_names_its_message_and_a_message_its_file(demo_project: Project) -> None:
    from app.core.workspace.navigation import FileTarget, main_file, needs_reload, target_of

    assert target_of("templates/invoice_ready/he/sms.txt") \
        == FileTarget("invoice_ready", "he", "sms")
    assert target_of("templates/invoice_ready/he/email.toml").channel == "email"
    assert target_of("templates/invoice_ready/template.toml").template == "invoice_ready"
    assert target_of("samples/dana_he.json").sample == "dana_he"
    assert target_of("layouts/base.mjml") == target_of("")
    assert main_file(demo_project, "invoice_ready", "ar", "email") \
        == "templates/invoice_ready/ar/email.mjml"
    assert main_file(demo_project, "login_code", "en", "email") is None
    assert main_file(demo_project, "nope", "en", "sms") is None
    assert needs_reload("templates/x/template.toml") and needs_reload("samples/a.json")
    assert not needs_reload("templates/x/en/sms.txt")


# -- preview text helpers -------------------------------------------------------------------
def test_whatsapp_formatting_becomes_rich_text() -> None:
    html = whatsapp_html("Hi *Dana*, _soon_ ~old~ ```A*B*``` pay_url <b>\nnext")
    assert "<b>Dana</b>" in html and "<i>soon</i>" in html and "<s>old</s>" in html
    assert "<code>A*B*</code>" in html
    assert "pay_url" in html and "&lt;b&gt;" in html and "<br>next" in html


def test_sms_marks_each_ucs2_character() -> None:
    html = sms_html("ok’s", [2])
    assert html.count("<span") == 1 and "’</span>" in html


def test_dark_scheme_switches_on_the_emails_dark_rules() -> None:
    doc = "<html><head><style>@media (prefers-color-scheme: dark) { a {} }</style></head>"
    out = emulate_dark_scheme(doc)
    assert "@media all" in out and "color-scheme:dark" in out


def test_inbox_shows_the_senders_name() -> None:
    assert display_name("Northwind Billing <billing@northwind.example>") == "Northwind Billing"
    assert display_name("<a@b.example>") == "a@b.example"
    assert display_name("a@b.example") == "a@b.example"


def test_images_off_renames_every_image_source_and_keeps_the_alt_text() -> None:
    html = ('<html><head></head><body><table background="bg.png"><tr><td>'
            '<img src="https://cdn.example/logo.png" alt="Northwind" width="120">'
            '<picture><source srcset="a.webp"><img  SRC=\'b.png\' alt="B"></picture>'
            '<p>src="not an attribute"</p></td></tr></table></body></html>')
    out = block_images(html)
    assert 'data-blocked-src="https://cdn.example/logo.png" alt="Northwind"' in out
    assert "data-blocked-srcset=\"a.webp\"" in out and "data-blocked-SRC='b.png'" in out
    assert 'data-blocked-background="bg.png"' in out
    assert '<p>src="not an attribute"</p>' in out  # text is not touched
    assert "background-image:none" in out.split("<body>")[0]
