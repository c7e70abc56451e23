"""Review: approvals bound to content, change detection, comment threads, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.review import ReviewStore
from app.kernel.errors import InputError

INVOICE_HE_SMS = "templates/invoice_ready/he/sms.txt"


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_approve_edit_changed_since_approval_reapprove(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    assert store.status("invoice_ready").state == "unreviewed"
    review = store.approve("invoice_ready", "Rina Cohen", "Checked all three locales")
    assert review.state == "approved" and review.reviewer == "Rina Cohen"
    assert review.approved_hash == review.current_hash

    _edit(demo, INVOICE_HE_SMS, "שאלות?", "יש שאלות?")
    store = ReviewStore(Project.load(demo))
    assert store.status("invoice_ready").state == "changed_since_approval"
    assert store.status("payment_received").state == "unreviewed"  # not its files
    changes = store.changes("invoice_ready")
    assert list(changes.sources) == [INVOICE_HE_SMS]
    assert "+Northwind" in changes.sources[INVOICE_HE_SMS]
    assert "יש שאלות?" in changes.rendered["he/sms"]

    review = store.approve("invoice_ready", "Rina Cohen")
    assert review.state == "approved"
    assert not store.changes("invoice_ready").sources


@pytest.mark.parametrize("rel, old, new", [
    ("partials/he/footer.mjml", "נציג אנושי", "נציגה אנושית"),   # a partial it includes
    ("layouts/base.mjml", "#0b5cad", "#0a4f99"),                 # the layout
    ("missive.toml", "northwind.example/help", "northwind.example/support"),
    ("samples/emily_en.json", '"Emily"', '"Emilia"'),
])
def test_everything_that_shapes_output_is_bound(demo: Path, rel: str, old: str,
                                                new: str) -> None:
    store = ReviewStore(Project.load(demo))
    store.approve("invoice_ready", "Rina Cohen")
    _edit(demo, rel, old, new)
    assert ReviewStore(Project.load(demo)).status("invoice_ready").state == \
        "changed_since_approval"


def test_request_changes(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    store.approve("login_code", "Rina Cohen")
    review = store.request_changes("login_code", "Omar Haddad", "Arabic footer is too long")
    assert review.state == "changes_requested" and review.note == "Arabic footer is too long"


def test_comment_threads_saved_and_reloaded(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    first = store.comment("delivery_update", "Rina Cohen", "Is the window in local time?",
                          locale="he", channel="sms", sample="dana_he")
    store.comment("delivery_update", "Dana Levi", "Yes, Asia/Jerusalem.", reply_to=first.id)
    store.comment("delivery_update", "Rina Cohen", "Button label OK?", channel="whatsapp")
    assert store.status("delivery_update").open_comments == 2
    store.resolve("delivery_update", first.id, "Rina Cohen")

    reloaded = ReviewStore(Project.load(demo))
    threads = reloaded.threads("delivery_update")
    assert [len(t.comments) for t in threads] == [2, 1]
    assert threads[0].resolved and (threads[0].locale, threads[0].channel) == ("he", "sms")
    assert threads[0].comments[1].author == "Dana Levi"
    assert reloaded.status("delivery_update").open_comments == 1
    reloaded.resolve("delivery_update", first.id, "Dana Levi", reopen=True)
    assert reloaded.status("delivery_update").open_comments == 2


def test_log_is_append_only_text_that_merges(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    store.approve("invoice_ready", "Rina Cohen")
    store.comment("invoice_ready", "Dana Levi", "Thanks")
    log = (demo / "reviews" / "invoice_ready.jsonl").read_text(encoding="utf-8")
    lines = log.splitlines()
    assert len(lines) == 2 and all(json.loads(line) for line in lines)
    assert "merge=union" in (demo / "reviews" / ".gitattributes").read_text(encoding="utf-8")


def test_damaged_log_names_the_line(demo: Path) -> None:
    store = ReviewStore(Project.load(demo))
    store.comment("invoice_ready", "Dana Levi", "Thanks")
    with (demo / "reviews" / "invoice_ready.jsonl").open("a", encoding="utf-8") as handle:
        handle.write("<<<<<<< HEAD\n")
    with pytest.raises(InputError) as info:
        store.status("invoice_ready")
    assert info.value.location.line == 2


def test_reviewer_name_is_required(demo: Path) -> None:
    with pytest.raises(InputError, match="reviewer name"):
        ReviewStore(Project.load(demo)).approve("invoice_ready", "  ")


def test_cli_status_approve_request_changes(cli, demo: Path) -> None:
    result = cli("review", "approve", demo, "--template", "invoice_ready", "--as", "Rina Cohen",
                 "--note", "OK for launch")
    assert result.code == 0 and "approved" in result.out
    thread = cli("review", "comment", demo, "--template", "invoice_ready", "--as", "Dana Levi",
                 "--text", "Hebrew subject reads well", "--locale", "he").out.strip()
    assert thread.startswith("c-")
    cli("review", "request-changes", demo, "--template", "login_code", "--as", "Omar Haddad")
    status = json.loads(cli("review", "status", demo, "--format", "json").out)
    states = {t["template"]: t for t in status["templates"]}
    assert states["invoice_ready"]["state"] == "approved"
    assert states["invoice_ready"]["reviewer"] == "Rina Cohen"
    assert states["invoice_ready"]["open_comments"] == 1
    assert states["invoice_ready"]["comments"][0]["comments"][0]["author"] == "Dana Levi"
    assert states["login_code"]["state"] == "changes_requested"
    assert states["delivery_update"]["state"] == "unreviewed"

    _edit(demo, INVOICE_HE_SMS, "שאלות?", "יש שאלות?")
    text = cli("review", "status", demo).out
    assert "changed since approval" in text
    diff = cli("review", "diff", demo, "--template", "invoice_ready").out
    assert INVOICE_HE_SMS in diff and "יש שאלות?" in diff


def test_cli_unknown_template_is_an_input_error(cli, demo: Path) -> None:
    result = cli("review", "approve", demo, "--template", "nope", "--as", "Rina")
    assert result.code == 2 and "no template 'nope'" in result.err


def test_export_records_review_and_requires_approval(cli, demo: Path, tmp_path: Path) -> None:
    from app.runtime import Bundle

    cli("review", "approve", demo, "--template", "invoice_ready", "--as", "Rina Cohen")
    refused = cli("export", demo, "--out", tmp_path / "a.zip", "--allow-warnings",
                  "--template", "invoice_ready", "--template", "login_code",
                  "--require-approval")
    assert refused.code == 1 and "login_code (unreviewed)" in refused.err
    assert not (tmp_path / "a.zip").exists()

    ok = cli("export", demo, "--out", tmp_path / "b.zip", "--allow-warnings",
             "--template", "invoice_ready", "--require-approval")
    assert ok.code == 0, ok.err
    review = Bundle.open(tmp_path / "b.zip").manifest["templates"][0]["review"]
    assert review["status"] == "approved" and review["approver"] == "Rina Cohen"
    assert review["approved_hash"] == review["content_hash"]

    _edit(demo, INVOICE_HE_SMS, "שאלות?", "יש שאלות?")
    changed = cli("export", demo, "--out", tmp_path / "c.zip", "--allow-warnings",
                  "--template", "invoice_ready", "--require-approval")
    assert changed.code == 1 and "invoice_ready (changed since approval)" in changed.err
    plain = cli("export", demo, "--out", tmp_path / "d.zip", "--allow-warnings",
                "--template", "invoice_ready")
    assert plain.code == 0
    review = Bundle.open(tmp_path / "d.zip").manifest["templates"][0]["review"]
    assert review["status"] == "changed_since_approval"
    assert review["approved_hash"] != review["content_hash"]
