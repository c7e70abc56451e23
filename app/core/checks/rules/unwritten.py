"""unwritten-copy: placeholder copy a new template starts with, still in the files."""

from __future__ import annotations

from collections.abc import Iterator

from ...workspace.new_template import PLACEHOLDER_PATTERN
from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import VariantScope


@rule("unwritten-copy", "error", N_("Every placeholder text is written"),
      N_("replace the [WRITE: …] text with the words the customer should read"),
      doc="""
A new template (the studio's wizard, `missive template new`) starts with placeholders
such as `[WRITE: the subject]` wherever a customer will read something, so that it
cannot be sent before someone writes it.
**Violation:** `subject = "[WRITE: the subject]"` in `email.toml`.
**Fix:** `subject = "Your subscription renews on {{ renewal_date|date }}"`.
""")
def unwritten_copy(scope: VariantScope) -> Iterator[Issue]:
    """Each ``[WRITE: …]`` placeholder in the variant's own files, at its line."""
    for path, text in scope.files.items():
        for match in PLACEHOLDER_PATTERN.finditer(text):
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            yield Issue(msg("Not written yet: {placeholder}", placeholder=match.group(0)),
                        path=path, line=line, column=column)
