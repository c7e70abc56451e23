"""What an approval is bound to: the rendered output of every sample, and its sources.

For each cell (template × locale × channel) the *output hash* covers, for every sample
that fits the template's variables (the samples an export turns into golden renders),
exactly the fields the customer receives: subject, preheader, HTML, plain text, From and
Reply-To of an email; the text and sender of an SMS; the header, body, footer, buttons,
parameters, category and language of a WhatsApp message. The *sources hash* covers the
files that shape the cell. An edit that changes sources but no output (a comment, a
sample key another template uses) leaves the approval standing, listed as "changed,
output identical"; any output change invalidates it.

:func:`output_hash` is shared with :mod:`app.runtime.approvals`, which recomputes it
from a bundle's golden files, so a signed approval proves what a bundle sends.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from ...kernel.channels import spec_for


def output_hash(channel: str, renders: Iterable[tuple[str, Mapping[str, Any] | str]]) -> str:
    """One hash over (sample name, rendered fields) pairs; a failed render is its error."""
    digest = hashlib.sha256()
    for sample, message in sorted(renders, key=lambda pair: pair[0]):
        if isinstance(message, str):
            fields: Any = {"error": message}
        else:
            fields = {k: message.get(k) for k in spec_for(channel).output_fields}
        text = json.dumps(fields, ensure_ascii=False, sort_keys=True)
        digest.update(f"{sample}\0{text}\n".encode())
    return "sha256:" + digest.hexdigest()


def combined_hash(hashes: Mapping[str, str]) -> str:
    """One hash over cell → hash pairs (a template's output, or an approval's)."""
    digest = hashlib.sha256()
    for key in sorted(hashes):
        digest.update(f"{key}\0{hashes[key]}\n".encode())
    return "sha256:" + digest.hexdigest()
