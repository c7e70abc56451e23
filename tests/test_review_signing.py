"""Signed approvals with real SSH keys (ssh-keygen -Y), the reviewers file, export
--require-signed and what ``missive bundle verify`` proves (issue 19)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from app.core.project import Project
from app.core.review import ReviewStore
from app.core.review.signing import SignatureError

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None,
                                reason="needs ssh-keygen (scripts/system-deps.sh)")


def _key(folder: Path, name: str) -> Path:
    path = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f",
                    str(path)], check=True)
    return path


def _public(key: Path) -> str:
    return " ".join(key.with_name(key.name + ".pub").read_text().split()[:2])


def _reviewers(demo: Path, lines: dict[str, tuple[str, Path]]) -> None:
    text = "# who may sign approvals\n" + "".join(
        f'{principal} roles="{roles}" {_public(key)} {principal.split("@")[0]}\n'
        for principal, (roles, key) in lines.items())
    (demo / "reviewers").write_text(text, encoding="utf-8")


@pytest.fixture
def keys(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "keys"
    folder.mkdir()
    return {name: _key(folder, name) for name in ("rina", "tom", "mallory")}


@pytest.fixture
def signed_demo(demo: Path, keys: dict[str, Path]) -> Path:
    _reviewers(demo, {"rina@northwind.example": ("legal:he", keys["rina"]),
                      "tom@northwind.example": ("compliance:*", keys["tom"])})
    return demo


def _one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_signed_part_approval_verifies(signed_demo: Path, keys, cli) -> None:
    result = cli("review", "approve", signed_demo, "--template", "invoice_ready", "--locale",
                 "he", "--as", "Rina Cohen", "--sign-with", keys["rina"])
    assert result.code == 0, result.err
    assert "signed by rina@northwind.example as legal:he" in result.out
    line = (signed_demo / "reviews/invoice_ready.jsonl").read_text().splitlines()[-1]
    event = json.loads(line)
    assert event["signature"].startswith("-----BEGIN SSH SIGNATURE-----")
    assert event["signer"] == "rina@northwind.example" and event["locale"] == "he"
    result = cli("review", "verify", signed_demo)
    assert result.code == 0, result.out + result.err
    assert "signature verifies" in result.out and "1 signature(s) verified" in result.out


def test_tampered_approval_is_refused(signed_demo: Path, keys, cli, tmp_path: Path) -> None:
    store = ReviewStore(Project.load(signed_demo))
    for template in sorted(Project.load(signed_demo).templates):
        store.approve(template, "Tom", "all checked", sign_with=keys["tom"])
    log = signed_demo / "reviews/invoice_ready.jsonl"
    log.write_text(log.read_text(encoding="utf-8").replace('"all checked"',
                                                           '"all checked by legal"'),
                   encoding="utf-8")
    result = cli("review", "verify", signed_demo)
    assert result.code == 1
    message = _one_line(result.err)
    assert "reviews/invoice_ready.jsonl:1" in message
    assert "signature does not verify" in message
    result = cli("export", signed_demo, "--out", tmp_path / "b.zip", "--allow-warnings",
                 "--require-approval", "--require-signed")
    assert result.code == 1
    assert "signature does not verify" in _one_line(result.err)
    assert not (tmp_path / "b.zip").exists()


def test_signer_without_the_role_is_refused(signed_demo: Path, keys, cli) -> None:
    result = cli("review", "approve", signed_demo, "--template", "invoice_ready", "--locale",
                 "en", "--as", "Rina Cohen", "--sign-with", keys["rina"])
    assert result.code != 0
    message = _one_line(result.err)
    assert "rina@northwind.example may not approve en" in message and "legal:he" in message
    assert not (signed_demo / "reviews/invoice_ready.jsonl").exists()

    # a role taken away later: the approval no longer verifies
    ReviewStore(Project.load(signed_demo)).approve("invoice_ready", "Rina", locale="he",
                                                   sign_with=keys["rina"])
    _reviewers(signed_demo, {"rina@northwind.example": ("legal:ar", keys["rina"])})
    result = cli("review", "verify", signed_demo)
    assert result.code == 1
    assert "may not approve this part (roles: legal:ar)" in _one_line(result.err)


def test_key_not_in_reviewers_is_refused(signed_demo: Path, keys) -> None:
    with pytest.raises(SignatureError, match="this key is not in the reviewers file"):
        ReviewStore(Project.load(signed_demo)).approve("invoice_ready", "Mallory",
                                                       sign_with=keys["mallory"])


def test_export_require_signed_refuses_unsigned(signed_demo: Path, keys, cli,
                                                tmp_path: Path) -> None:
    store = ReviewStore(Project.load(signed_demo))
    for template in sorted(Project.load(signed_demo).templates):
        store.approve(template, "Tom", sign_with=keys["tom"])
    store.approve("login_code", "Someone", locale="ar", channel="sms")  # unsigned, later
    result = cli("export", signed_demo, "--out", tmp_path / "b.zip", "--allow-warnings",
                 "--require-approval", "--require-signed")
    assert result.code == 1
    assert "login_code/ar/sms: approved by Someone without a signature" in \
        _one_line(result.err)


def _unzip(bundle: Path, folder: Path) -> Path:
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(folder)
    return folder


def _edit_manifest(folder: Path, change) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")


def test_bundle_verify_proves_signed_approvals(signed_demo: Path, keys, cli,
                                               tmp_path: Path) -> None:
    store = ReviewStore(Project.load(signed_demo))
    for template in sorted(Project.load(signed_demo).templates):
        store.approve(template, "Tom", "checked", sign_with=keys["tom"])
    bundle = tmp_path / "b.zip"
    result = cli("export", signed_demo, "--out", bundle, "--allow-warnings",
                 "--require-approval", "--require-signed")
    assert result.code == 0, result.err
    result = cli("bundle", "verify", bundle, "--require-signed", "--reviewers",
                 signed_demo / "reviewers")
    assert result.code == 0, result.out + result.err
    assert "4 signature(s) verified" in result.out

    # the sending system's own list does not trust Tom's key: refused
    other = tmp_path / "trusted_reviewers"
    other.write_text(f'tom@northwind.example roles="compliance:*" {_public(keys["mallory"])}\n')
    result = cli("bundle", "verify", bundle, "--reviewers", other)
    assert result.code == 1 and "signature does not verify" in _one_line(result.err)

    # a decision edited in the manifest no longer verifies
    folder = _unzip(bundle, tmp_path / "edited")
    _edit_manifest(folder, lambda m: m["templates"][0]["review"]["decisions"][0].update(
        note="approved by the board"))
    result = cli("bundle", "verify", folder)
    assert result.code == 1 and "signature does not verify" in _one_line(result.err)


def test_bundle_manifest_claiming_approval_fails(demo: Path, keys, cli,
                                                 tmp_path: Path) -> None:
    bundle = tmp_path / "b.zip"
    assert cli("export", demo, "--out", bundle, "--allow-warnings").code == 0
    folder = _unzip(bundle, tmp_path / "claimed")

    def claim(manifest: dict) -> None:
        for template in manifest["templates"]:
            review = template["review"]
            review["status"] = "approved"
            review["approved_hash"] = review["content_hash"]

    _edit_manifest(folder, claim)
    result = cli("bundle", "verify", folder)
    assert result.code == 1
    assert "the manifest says approved, but no valid approval covers" in _one_line(result.err)


def test_bundle_require_signed_refuses_unsigned_approvals(demo: Path, cli,
                                                          tmp_path: Path) -> None:
    store = ReviewStore(Project.load(demo))
    for template in sorted(Project.load(demo).templates):
        store.approve(template, "Tom")
    bundle = tmp_path / "b.zip"
    assert cli("export", demo, "--out", bundle, "--allow-warnings",
               "--require-approval").code == 0
    assert cli("bundle", "verify", bundle).code == 0
    result = cli("bundle", "verify", bundle, "--require-signed")
    assert result.code == 1 and "without a signature that verifies" in _one_line(result.err)
