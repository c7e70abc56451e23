"""The studio's headless work: saving safely, recovering unsaved edits, template files.

Nothing here imports Qt; the studio's widgets call these functions and show the result.

- :mod:`.atomic` — write a file so that a crash or a full disk never leaves half of it.
- :mod:`.recovery` — keep unsaved editor buffers on disk until they are saved.
- :mod:`.templates` — new (from a starter), duplicate, rename, delete, add a locale.
- :mod:`.preview` — the preview job a worker thread runs: render, then check.
- :mod:`.preview_text` — SMS and WhatsApp text as rich text, dark-mode emulation.
- :mod:`.selection` — what the preview shows (a Choice) and the rules that keep it valid.
- :mod:`.navigation` — which file previews which message, and back.
"""

from __future__ import annotations

from .atomic import SaveError, atomic_write_text
from .preview import (
    PreviewRequest,
    PreviewResult,
    add_marks,
    finish_preview,
    run_checks_for,
    run_preview,
)
from .recovery import RecoveryStore
from .templates import (
    STARTERS,
    Starter,
    add_locale,
    delete_template,
    duplicate_template,
    new_from_starter,
    rename_template,
    validate_template_id,
)

__all__ = [
    "STARTERS",
    "PreviewRequest",
    "PreviewResult",
    "RecoveryStore",
    "SaveError",
    "Starter",
    "add_locale",
    "add_marks",
    "atomic_write_text",
    "delete_template",
    "duplicate_template",
    "finish_preview",
    "new_from_starter",
    "rename_template",
    "run_checks_for",
    "run_preview",
    "validate_template_id",
]
