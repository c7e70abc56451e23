"""How the CLI prints: JSON that stays stable, errors as one line on stderr."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from ..kernel.errors import MissiveError


def print_json(data: Any, stream: TextIO | None = None) -> None:
    """Print ``data`` as indented UTF-8 JSON (non-ASCII kept readable)."""
    stream = stream or sys.stdout
    stream.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
    stream.write("\n")


def print_error(error: MissiveError | str) -> None:
    """Print one line on stderr: ``missive: error: FILE:LINE:COL: message (hint)``."""
    text = str(error).replace("\n", " ")
    sys.stderr.write(f"missive: error: {text}\n")
