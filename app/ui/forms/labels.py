"""The words forms show for the core's codes (channels, categories, variable types)."""

from __future__ import annotations

from ..i18n import N_, _

CATEGORY_LABELS = {"operational": N_("Operational"), "marketing": N_("Marketing"),
                   "authentication": N_("Authentication")}
TYPE_LABELS = {"string": N_("Text"), "money": N_("Money"), "date": N_("Date"),
               "datetime": N_("Date and time"), "number": N_("Number"),
               "url": N_("Web address"), "phone": N_("Phone number")}
# What a sample field of each type expects, shown as its placeholder text.
TYPE_EXAMPLES = {"money": "1234.50", "number": "10", "date": "2026-12-15",
                 "datetime": "2026-12-15T14:30:00+02:00", "url": "https://…",
                 "phone": "+972 52-555-0142", "string": ""}


def label(table: dict[str, str], code: str) -> str:
    """The translated label of ``code`` (the code itself when it has none)."""
    return _(table[code]) if code in table else code
