"""Only the project's own, regular files are read: links that lead outside the project
(a folder linked to /etc, /proc/self, a locale folder or a sample linked to someone's
files) and FIFOs or devices are refused with one line in every command, and nothing
outside reaches a render, a proof or a bundle. Bundles given as folders likewise."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

CANARY = "CANARY-7d1e"
TIME = "2026-01-01T00:00:00Z"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the project, holding canary files."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(f"{CANARY} secret\n", encoding="utf-8")
    (folder / "footer.mjml").write_text(f"<mj-section><mj-column><mj-text>{CANARY}"
                                        "</mj-text></mj-column></mj-section>", encoding="utf-8")
    sample = json.loads((Path(__file__).parents[2] / "resources/demo/samples/emily_en.json")
                        .read_text(encoding="utf-8"))
    sample["first_name"] = CANARY
    (folder / "sample.json").write_text(json.dumps(sample), encoding="utf-8")
    (folder / "policy.toml").write_text(f"# {CANARY}\n", encoding="utf-8")
    return folder


def _include(demo: Path, name: str) -> None:
    sms = demo / "templates/invoice_ready/en/sms.txt"
    sms.write_text(sms.read_text(encoding="utf-8") + f"{{% include '{name}' %}}",
                   encoding="utf-8")


def _linked_partials(demo: Path, outside: Path) -> Path:
    os.symlink(outside, demo / "partials" / "x")
    _include(demo, "partials/x/secret.txt")
    return demo / "partials" / "x"


def _proc_self(demo: Path, _outside: Path) -> Path:
    os.symlink("/proc/self", demo / "partials" / "p")
    _include(demo, "partials/p/environ")
    return demo / "partials" / "p"


def _linked_locale(demo: Path, outside: Path) -> Path:
    en = demo / "templates/invoice_ready/en"
    copy = outside / "en"
    shutil.copytree(en, copy)
    (copy / "sms.txt").write_text(f"{CANARY} {{{{ invoice_number }}}}", encoding="utf-8")
    shutil.rmtree(en)
    os.symlink(copy, en)
    return en


def _linked_sample(demo: Path, outside: Path) -> Path:
    os.symlink(outside / "sample.json", demo / "samples" / "evil.json")
    return demo / "samples" / "evil.json"


def _linked_policy(demo: Path, outside: Path) -> Path:
    (demo / "policy.toml").unlink()
    os.symlink(outside / "policy.toml", demo / "policy.toml")
    return demo / "policy.toml"


def _linked_layout_file(demo: Path, outside: Path) -> Path:
    footer = demo / "partials/en/footer.mjml"
    footer.unlink()
    os.symlink(outside / "footer.mjml", footer)
    return footer


def _dev_zero(demo: Path, _outside: Path) -> Path:
    os.symlink("/dev/zero", demo / "partials" / "zero.mjml")
    _include(demo, "partials/zero.mjml")
    return demo / "partials" / "zero.mjml"


def _fifo_partial(demo: Path, _outside: Path) -> Path:
    os.mkfifo(demo / "partials" / "pipe.mjml")
    _include(demo, "partials/pipe.mjml")
    return demo / "partials" / "pipe.mjml"


def _fifo_sample(demo: Path, _outside: Path) -> Path:
    os.mkfifo(demo / "samples" / "pipe.json")
    return demo / "samples" / "pipe.json"


CASES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "partials-folder-linked-out": (_linked_partials, "leads outside the project"),
    "partials-linked-to-proc-self": (_proc_self, "leads outside the project"),
    "locale-folder-linked-out": (_linked_locale, "leads outside the project"),
    "sample-linked-out": (_linked_sample, "leads outside the project"),
    "policy-linked-out": (_linked_policy, "leads outside the project"),
    "partial-file-linked-out": (_linked_layout_file, "leads outside the project"),
    "link-to-dev-zero": (_dev_zero, "leads outside the project"),
    "fifo-partial": (_fifo_partial, "named pipe (FIFO), not a regular file"),
    "fifo-sample": (_fifo_sample, "named pipe (FIFO), not a regular file"),
}


def _missive(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True,
                          text=True, timeout=60, env=env, cwd=cwd)


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_command_refuses_with_one_line(case: str, demo: Path, outside: Path,
                                             tmp_path: Path) -> None:
    make, reason = CASES[case]
    bad = make(demo, outside)
    one = ("--template", "invoice_ready")
    commands = {
        "render": ("render", demo, *one, "--locale", "en", "--channel", "sms", "--sample",
                   "emily_en"),
        "check": ("check", demo),
        "summary": ("summary", demo),
        "review status": ("review", "status", demo),
        "export": ("export", demo, "--out", tmp_path / "b.zip", "--allow-warnings", "--time",
                   TIME),
        "proof": ("proof", demo, "--out", tmp_path / "p.pdf", *one),
    }
    root = Path(__file__).parents[2]
    for name, args in commands.items():
        done = _missive(*args, cwd=root)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2, (name, done.stderr)
        assert len(lines) == 1 and reason in lines[0] and str(bad.name) in lines[0], \
            (name, done.stderr)
        assert CANARY not in done.stdout + done.stderr
        assert "PATH=" not in done.stdout + done.stderr
    assert not (tmp_path / "b.zip").exists() and not (tmp_path / "p.pdf").exists()


def test_links_inside_the_project_still_work(demo: Path, cli) -> None:
    shutil.copytree(demo / "partials" / "en", demo / "layouts" / "shared")
    os.symlink("../layouts/shared", demo / "partials" / "linked")
    _include(demo, "partials/linked/footer.mjml")
    result = cli("render", demo, "--template", "invoice_ready", "--locale", "en",
                 "--channel", "sms", "--sample", "emily_en")
    assert result.code == 0, result.err


def test_the_loader_refuses_a_link_made_after_loading(demo: Path, outside: Path) -> None:
    from app.core.project import Project
    from app.core.render import Renderer
    from app.kernel.errors import InputError

    project = Project.load(demo)
    renderer = Renderer(project)
    _linked_partials(demo, outside)  # the studio is open; a pull brings the link in
    with pytest.raises(InputError, match="leads outside the project"):
        renderer.render("invoice_ready", "en", "sms", project.sample("emily_en").data)


@pytest.fixture
def bundle_folder(tmp_path: Path, cli, demo: Path) -> Path:
    out = tmp_path / "bundle"
    result = cli("export", demo, "--out", out, "--allow-warnings", "--time", TIME,
                 "--template", "login_code")
    assert result.code == 0, result.err
    assert cli("bundle", "verify", out).code == 0
    return out


@pytest.mark.parametrize("attack", ["fifo", "dev-zero-link", "link-out"])
def test_bundle_folders_hold_only_regular_files(bundle_folder: Path, outside: Path,
                                                attack: str) -> None:
    sample = bundle_folder / "samples" / "emily_en.json"
    data = outside / "data.json"
    data.write_text(sample.read_text(encoding="utf-8"), encoding="utf-8")
    sample.unlink()
    if attack == "fifo":
        os.mkfifo(sample)
        expected = "named pipe (FIFO)"
    elif attack == "dev-zero-link":
        os.symlink("/dev/zero", sample)
        expected = "contains a link"
    else:
        os.symlink(outside / "sample.json", sample)
        expected = "contains a link"
    root = Path(__file__).parents[2]
    for args in (("bundle", "verify", bundle_folder),
                 ("bundle", "render", bundle_folder, "--template", "login_code", "--locale",
                  "en", "--channel", "sms", "--data", data)):
        done = _missive(*args, cwd=root)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2, done.stderr
        assert len(lines) == 1 and expected in lines[0], done.stderr
        assert CANARY not in done.stdout
