"""Signing and verifying approvals with SSH keys: ``ssh-keygen -Y sign`` / ``-Y verify``.

The same scheme git uses for signed commits: a detached signature in the
``missive-review`` namespace over the approval's JSON (:meth:`Event.payload`), checked
against the ``reviewers`` file as allowed signers. ssh-keygen runs with a timeout and
without a shell; nothing is sent over the network.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ...kernel.errors import InputError
from .reviewers import NAMESPACE, Reviewer, allowed_signers

TIMEOUT_S = 60


class SignatureError(InputError):
    """A signature could not be made, or does not verify."""


def _ssh_keygen() -> str:
    tool = shutil.which("ssh-keygen")
    if tool is None:
        raise SignatureError("ssh-keygen is not installed, so approvals cannot be signed "
                             "or verified", hint="install OpenSSH (openssh-client)")
    return tool


def _run(args: list[str], data: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run([_ssh_keygen(), *args], input=data, capture_output=True,
                              timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        raise SignatureError("ssh-keygen did not answer in time",
                             hint="a key with a passphrase? load it into ssh-agent") from None


def public_key(key_path: Path) -> str:
    """``"ssh-ed25519 AAAA…"`` of a private key file (or of its .pub next to it)."""
    if not key_path.is_file():
        raise SignatureError("no such key file", path=key_path,
                             hint="give the path of your SSH private key, e.g. ~/.ssh/id_ed25519")
    pub = key_path.with_name(key_path.name + ".pub")
    if pub.is_file():
        text = pub.read_text(encoding="utf-8", errors="replace")
    else:
        result = _run(["-y", "-f", str(key_path)])
        if result.returncode != 0:
            raise SignatureError(f"cannot read the key: {_first_line(result.stderr)}",
                                 path=key_path)
        text = result.stdout.decode("utf-8", "replace")
    fields = text.split()
    if len(fields) < 2:
        raise SignatureError("cannot read the public key", path=pub)
    return f"{fields[0]} {fields[1]}"


def sign(payload: bytes, key_path: Path) -> str:
    """An armored SSH signature of ``payload`` made with the private key at ``key_path``."""
    result = _run(["-Y", "sign", "-n", NAMESPACE, "-f", str(key_path)], payload)
    if result.returncode != 0 or b"BEGIN SSH SIGNATURE" not in result.stdout:
        raise SignatureError(f"ssh-keygen could not sign: {_first_line(result.stderr)}",
                             path=key_path)
    return result.stdout.decode("ascii").strip()


def verify(payload: bytes, signature: str, reviewer: Reviewer) -> str:
    """"" when ``signature`` is ``reviewer``'s over ``payload``; else why not, in words."""
    with tempfile.TemporaryDirectory(prefix="missive-verify-") as tmp:
        signers = Path(tmp) / "allowed_signers"
        signers.write_text(allowed_signers([reviewer]), encoding="utf-8")
        sig = Path(tmp) / "approval.sig"
        sig.write_text(signature + "\n", encoding="ascii")
        result = _run(["-Y", "verify", "-f", str(signers), "-I", reviewer.principal,
                       "-n", NAMESPACE, "-s", str(sig)], payload)
    if result.returncode == 0:
        return ""
    return _first_line(result.stderr) or "the signature does not verify"


def _first_line(data: bytes) -> str:
    lines = [line.strip() for line in data.decode("utf-8", "replace").splitlines()
             if line.strip()]
    return lines[0] if lines else ""
