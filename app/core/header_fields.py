"""Email header fields never hold a line break (CR or LF).

A subject is written in email.toml and filled from the customer's data; the From and
Reply-To come from ``[sender]`` in missive.toml. A line break in any of them would end
the header and start another (``INV-1\\r\\nBcc: …``), so the render refuses it with one
line naming the file and the key's line, as the runtime does (:mod:`app.runtime.safety`).
"""

from __future__ import annotations

from pathlib import Path

from ..kernel.errors import ContentError, InputError
from ..runtime.safety import has_header_break
from .tomlfile import find_key_line


def refuse_subject_break(subject: str, path: Path | str, toml_text: str) -> None:
    """ContentError at the ``subject`` line of email.toml when the subject holds CR/LF."""
    if has_header_break(subject):
        raise ContentError(f"the subject contains a line break (CR/LF), which would inject "
                           f"email headers: {subject[:60]!r}", path=path,
                           line=find_key_line(toml_text, ("subject",)), column=1,
                           hint="write the subject on one line; remove line breaks from "
                                "the data that fills it")


def refuse_sender_breaks(sender: dict[str, str], path: Path | str, text: str) -> None:
    """InputError at the line of a ``[sender]`` header field that holds CR/LF."""
    for key in ("email_from", "email_reply_to"):
        if has_header_break(sender.get(key, "")):
            raise InputError(f"[sender] {key} contains a line break (CR/LF)", path=path,
                             line=find_key_line(text, ("sender", key)), column=1,
                             hint="an email header is one line")
