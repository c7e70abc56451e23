"""Checking a WhatsApp message whose text uses ``{% %}`` logic: every problem at once.

The renderer refuses such a message (Meta fills placeholders by position and can't run
logic), which left the checks with nothing to look at: a file with five problems showed
one, and the next four only after it was fixed. Here the variant is rendered once more
with each ``{% … %}`` tag turned into a ``{# … #}`` comment of the same length, so lines
and columns stay the author's, and the other rules check that render too; the logic
itself is still reported (``whatsapp-parameters``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ...kernel.errors import MissiveError
from ..project import Project
from ..render import Renderer
from .rules.rendering import WHATSAPP_LOGIC
from .scopes import Rendered, VariantScope

_LOGIC = re.compile(r"\{%(-?)(.*?)(-?)%\}", re.S)


def as_comments(text: str) -> str:
    """``{% if x %}`` → ``{# if x #}`` (same length, so positions do not move)."""
    return _LOGIC.sub(lambda m: "{#" + m.group(1) + m.group(2) + m.group(3) + "#}", text)


def add_lenient_renders(project: Project, scope: VariantScope, samples: list,
                        overlay: Mapping[str, str]) -> None:
    """When every WhatsApp render failed on logic, add renders of the logic-free text."""
    if scope.channel != "whatsapp" or not scope.renders or not all(
            r.error is not None and WHATSAPP_LOGIC in r.error.message for r in scope.renders):
        return
    lenient = dict(overlay)
    for path, text in scope.files.items():
        lenient[path] = as_comments(text)
    renderer = Renderer(project, lenient)
    for sample in samples:
        try:
            message = renderer.render(scope.template.id, scope.locale, "whatsapp", sample.data)
        except MissiveError:
            continue  # its own error was reported through the first render
        scope.renders.append(Rendered(sample.name, message=message))
