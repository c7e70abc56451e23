"""The project's ``reviewers`` file: who may sign approvals, and which parts each may approve.

It is an OpenSSH *allowed signers* file (``man ssh-keygen``, the file git uses to verify
signed commits) with one extra option, ``roles``::

    # principal           roles="ROLE:SCOPE,…"              key
    rina@northwind.example roles="legal:he,legal:ar"         ssh-ed25519 AAAAC3Nza… Rina
    tom@northwind.example  roles="compliance:*"              ssh-ed25519 AAAAC3Nza… Tom

A SCOPE is ``*`` (everything), a locale (``he``), a locale and channel (``he/email``) or a
channel in every locale (``*/whatsapp``). A signer may approve a part when one of their
scopes covers all of it. The ``roles`` option is taken out before ssh-keygen reads the
file (:func:`allowed_signers`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...kernel.errors import InputError

FILE_NAME = "reviewers"
NAMESPACE = "missive-review"
_KEY_TYPE = re.compile(r"^(ssh-|ecdsa-|sk-)")
_OPTION = re.compile(r'([A-Za-z-]+)(?:="([^"]*)")?')


@dataclass(frozen=True)
class Role:
    """A named role limited to a scope (``legal`` for ``he``)."""

    name: str
    scope: str

    def covers(self, locale: str, channel: str) -> bool:
        """Whether this role may approve every cell of the part ``locale``/``channel``
        ("" = every locale or channel)."""
        mine, _, my_channel = self.scope.partition("/")
        if mine not in ("*", "") and mine != locale:
            return False
        return my_channel in ("", "*") or my_channel == channel


@dataclass(frozen=True)
class Reviewer:
    """One line of the reviewers file."""

    principal: str
    roles: tuple[Role, ...]
    key: str          # "ssh-ed25519 AAAA…"
    line: int

    def role_for(self, locale: str, channel: str) -> Role | None:
        """The first role that covers the part, if any."""
        return next((r for r in self.roles if r.covers(locale, channel)), None)

    def describe_roles(self) -> str:
        """``legal:he, legal:ar`` (or ``no roles``)."""
        return ", ".join(f"{r.name}:{r.scope}" for r in self.roles) or "no roles"


def _split_options(text: str) -> list[tuple[str, str]]:
    out, pos = [], 0
    while pos < len(text):
        match = _OPTION.match(text, pos)
        if not match:
            raise ValueError(f"cannot read the options {text!r}")
        out.append((match.group(1), match.group(2) or ""))
        pos = match.end()
        if pos < len(text) and text[pos] != ",":
            raise ValueError(f"cannot read the options {text!r}")
        pos += 1
    return out


def parse_reviewers(text: str, path: Path) -> list[Reviewer]:
    """Every reviewer in the file; a line that can't be read is an input error naming it."""
    reviewers = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        fields = line.split()
        try:
            if len(fields) < 3:
                raise ValueError("a line needs: principal, options, key type and key")
            principal, rest = fields[0], fields[1:]
            options: list[tuple[str, str]] = []
            if not _KEY_TYPE.match(rest[0]):
                options, rest = _split_options(rest[0]), rest[1:]
            if len(rest) < 2 or not _KEY_TYPE.match(rest[0]):
                raise ValueError("no SSH public key (e.g. ssh-ed25519 AAAA…) on the line")
            roles = []
            for name, value in options:
                if name == "roles":
                    for item in filter(None, (v.strip() for v in value.split(","))):
                        role, _, scope = item.partition(":")
                        roles.append(Role(role, scope or "*"))
            reviewers.append(Reviewer(principal, tuple(roles), f"{rest[0]} {rest[1]}", number))
        except ValueError as exc:
            raise InputError(f"cannot read this reviewer: {exc}", path=path, line=number,
                             column=1, hint='write: NAME roles="ROLE:LOCALE" ssh-ed25519 KEY '
                                            "(see docs/review.md)") from None
    return reviewers


def load_reviewers(root: Path) -> list[Reviewer]:
    """The project's reviewers (none when the file is missing)."""
    path = root / FILE_NAME
    if not path.is_file():
        return []
    return parse_reviewers(path.read_text(encoding="utf-8"), path)


def allowed_signers(reviewers: list[Reviewer]) -> str:
    """The reviewers as ssh-keygen's allowed signers, limited to our namespace."""
    return "".join(f'{r.principal} namespaces="{NAMESPACE}" {r.key}\n' for r in reviewers)
