"""Edges found in the red-team pass: proof --out over a project file, non-ASCII and
non-UTF-8 file names, and what a save killed midway leaves behind."""

from __future__ import annotations

import email
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.workspace.atomic import _write_unnamed, clean_stale_temp_files, is_temp_file

TIME = "2026-01-01T00:00:00Z"
ROOT = Path(__file__).parents[2]


@pytest.mark.parametrize("target", ["missive.toml", "templates/invoice_ready/template.toml",
                                    "samples/new.pdf"])
def test_proof_out_never_overwrites_a_project_file(demo: Path, cli, target: str) -> None:
    path = demo / target
    before = path.read_bytes() if path.exists() else None
    result = cli("proof", demo, "--out", path, "--template", "login_code")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "project's own files" in result.err
    assert (path.read_bytes() if path.exists() else None) == before


def test_proof_out_refuses_an_existing_file_that_is_not_a_pdf(demo: Path, tmp_path: Path,
                                                              cli) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    result = cli("proof", demo, "--out", notes, "--template", "login_code")
    assert result.code == 2 and "not a PDF" in result.err
    assert notes.read_text(encoding="utf-8") == "keep me"


def test_export_out_never_writes_into_the_project(demo: Path, cli) -> None:
    result = cli("export", demo, "--out", demo / "templates" / "b.zip", "--allow-warnings")
    assert result.code == 2 and "project's own files" in result.err
    assert not (demo / "templates" / "b.zip").exists()
    assert cli("export", demo, "--out", demo / "bundle.zip", "--allow-warnings",
               "--time", TIME).code == 0  # next to the project's files is fine


@pytest.fixture
def odd_names(demo: Path) -> Path:
    samples = demo / "samples"
    data = (samples / "emily_en.json").read_bytes()
    (samples / "דנה-é.json").write_bytes((samples / "dana_he.json").read_bytes())
    with open(os.path.join(os.fsencode(samples), b"caf\xe9.json"), "wb") as handle:
        handle.write(data)
    with open(os.path.join(os.fsencode(demo / "templates/login_code/en"), b"notes\xff.txt"),
              "wb") as handle:
        handle.write(b"not part of any message")
    return demo


def test_odd_file_names_export_with_ascii_message_ids(odd_names: Path, tmp_path: Path,
                                                      cli) -> None:
    out = tmp_path / "b.zip"
    result = cli("export", odd_names, "--out", out, "--allow-warnings", "--time", TIME)
    assert result.code == 0, result.err
    assert cli("bundle", "verify", out).code == 0
    import zipfile

    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        names = {s["name"] for s in manifest["samples"]}
        assert {"דנה-é", "café"} <= names
        emls = [n for n in archive.namelist() if n.endswith(".eml")]
        assert all(n.isascii() for n in archive.namelist())
        ids = {email.message_from_bytes(archive.read(n))["Message-ID"] for n in emls}
    assert all(i.isascii() for i in ids) and len(ids) == len(emls)
    rendered = cli("render", odd_names, "--template", "login_code", "--locale", "en",
                   "--channel", "sms", "--sample", "café")
    assert rendered.code == 0, rendered.err


def test_odd_file_names_in_review_and_proof(odd_names: Path, tmp_path: Path, cli) -> None:
    for args in (("review", "status", odd_names), ("review", "status", odd_names, "--format",
                                                     "json"),
                 ("review", "approve", odd_names, "--template", "login_code", "--as", "Rae"),
                 ("review", "diff", odd_names, "--template", "login_code")):
        result = cli(*args)
        assert result.code == 0, (args, result.err)
    status = json.loads(cli("review", "status", odd_names, "--format", "json").out)
    assert {t["template"]: t["state"] for t in status["templates"]}["login_code"] == "approved"
    proof = cli("proof", odd_names, "--out", tmp_path / "p.pdf", "--template", "login_code",
                "--device", "phone", "--sample", "café")
    assert proof.code == 0, proof.err
    assert (tmp_path / "p.pdf").read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize("leftover", [".email.mjml.4242-0badcafe.tmp", ".email.mjml.k3j_x9a2.tmp"])
def test_a_killed_saves_leftover_does_not_change_the_approval(demo: Path, tmp_path: Path,
                                                              cli, leftover: str) -> None:
    assert cli("review", "approve", demo, "--template", "invoice_ready", "--as", "Rae").code == 0
    (demo / "templates/invoice_ready/en" / leftover).write_text("half a fi", encoding="utf-8")
    status = json.loads(cli("review", "status", demo, "--format", "json").out)
    assert {t["template"]: t["state"] for t in status["templates"]}["invoice_ready"] \
        == "approved"
    result = cli("export", demo, "--out", tmp_path / "b.zip", "--allow-warnings",
                 "--require-approval", "--template", "invoice_ready", "--time", TIME)
    assert result.code == 0, result.out + result.err


_SAVER = """
import sys
from app.core.workspace.atomic import atomic_write_text
path, n = sys.argv[1], 0
print("ready", flush=True)
while True:
    n += 1
    atomic_write_text(path, f"version {n}\\n" + "word " * 20000)
"""


def test_kill_9_during_saves_leaves_the_file_whole_and_no_temporary_files(demo: Path) -> None:
    target = demo / "templates/invoice_ready/en/email.mjml"
    folder = target.parent
    left_before_cleaning = 0
    for trial in range(25):
        saver = subprocess.Popen([sys.executable, "-c", _SAVER, str(target)], cwd=ROOT,
                                 stdout=subprocess.PIPE, text=True)
        assert saver.stdout is not None and saver.stdout.readline().strip() == "ready"
        time.sleep(0.05 + (trial % 5) * 0.013)
        os.kill(saver.pid, signal.SIGKILL)
        saver.wait(10)
        text = target.read_text(encoding="utf-8")
        assert text.startswith("version ") and text.endswith("word " * 20000)
        left_before_cleaning += sum(is_temp_file(p.name) for p in folder.iterdir())
        clean_stale_temp_files(demo)  # what the studio does when it opens the project
        assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == []
    print(f"temporary files left by 25 kills before the start-up cleaning: "
          f"{left_before_cleaning}")
    probe = _write_unnamed(folder, "probe", b"", None)
    if probe:  # O_TMPFILE works here: a name exists only for the instant before the rename
        os.unlink(probe)
        # the name lives for an instant only: a loaded machine may land a kill or two in it
        assert left_before_cleaning <= 5


def test_the_start_up_cleaning_removes_only_leftovers(tmp_path: Path) -> None:
    leftovers = [".email.mjml.999999999-0badcafe.tmp", ".snapshot-abcd1234",
                 ".missive-export-abcd1234", ".proof.pdf.tmp"]
    kept = [f".email.mjml.{os.getpid()}-0badcafe.tmp", "email.mjml", ".hidden", "x.tmp",
            ".snapshot-fresh123"]
    for name in leftovers + kept:
        (tmp_path / name).write_text("x", encoding="utf-8")
    two_minutes_ago = time.time() - 120
    for name in leftovers[1:]:
        os.utime(tmp_path / name, (two_minutes_ago, two_minutes_ago))
    removed = clean_stale_temp_files(tmp_path)
    assert sorted(p.name for p in removed) == sorted(leftovers)
    assert sorted(os.listdir(tmp_path)) == sorted(kept)
