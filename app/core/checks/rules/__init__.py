"""The rule modules, one topic each; importing them registers their rules.

To add a topic, write the module and add its name here.
"""

from __future__ import annotations

from importlib import import_module

_MODULES = (
    "rendering",
    "contact",
    "amounts",
    "plurals",
    "action",
    "consent",
    "personal",
    "translation",
    "punctuation",
    "rtl",
    "email",
    "contrast",
    "css_import",
    "phrases",
    "sms",
    "whatsapp",
    "whatsapp_category",
    "spam_score",
    "client_support",
    "unwritten",
)

for _name in _MODULES:
    import_module(f"{__name__}.{_name}")
