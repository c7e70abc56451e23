"""The rule registry: every rule registers itself here once, with the ``rule`` decorator.

To add a rule, write a function in a module under ``rules/`` decorated with
:func:`rule`, and list the module in ``rules/__init__.py`` if it is new. Mark its summary
and hint with :func:`N_` and write its messages with ``msg("... {value} ...", value=…)``
so the studio can show them in Hebrew and Arabic; ``make catalogs`` then lists the new
strings for translation (the catalog test fails until they are translated).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from ..message_text import N_ as N_  # re-exported: rules write ``from ..registry import N_``
from .model import SEVERITIES, Issue, Rule

RULES: dict[str, Rule] = {}
SCOPES = ("project", "template", "variant")


Check = Callable[..., Iterator[Issue]]


def rule(id: str, severity: str, summary: str, hint: str, *, scope: str = "variant",
         settings: dict[str, Any] | None = None, channels: tuple[str, ...] = (),
         doc: str = "") -> Callable[[Check], Check]:
    """Register the decorated generator as the check of rule ``id``."""
    if severity not in SEVERITIES or scope not in SCOPES:
        raise ValueError(f"rule {id}: bad severity or scope")

    def register(check: Check) -> Check:
        if id in RULES:
            raise ValueError(f"rule {id} is registered twice")
        RULES[id] = Rule(id=id, severity=severity, summary=summary, hint=hint, scope=scope,
                         check=check, settings=dict(settings or {}), channels=channels,
                             doc=doc.strip())
        return check

    return register


def all_rules() -> dict[str, Rule]:
    """Every rule, after importing the rule modules."""
    from . import rules  # noqa: F401  (importing registers them)

    return RULES
