"""The interface's language: gettext catalogs from ``locales/``, and ``_()`` to use them.

Every string a person reads goes through ``_()`` (or ``N_()`` where it is defined as
data and translated when shown). Catalogs are compiled from their ``.po`` source in
memory when the studio starts (see docs/ui-translations.md for why), so a fresh clone
and a test run always use the text that is in the repository.

The interface language is separate from a message's locale: a Hebrew copywriter may
edit the English email with a Hebrew interface.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..core.paths import locales_dir
from ..kernel.channels import CHANNELS

DOMAIN = "missive"
# Code → the language's own name (shown untranslated, so people find their language).
LANGUAGES = {"en": "English", "he": "עברית", "ar": "العربية"}
RTL_LANGUAGES = frozenset({"he", "ar"})

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _(message: str) -> str:
    """The message in the interface language."""
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark a string for translation where it is defined; ``_()`` translates it later."""
    return message


def channel_label(channel: str) -> str:
    """A channel's name as the interface shows it (its spec's label, translated)."""
    spec = CHANNELS.get(channel)
    return _(spec.label) if spec is not None else channel


def translate_template(template: str, args: Mapping[str, Any] | None, english: str) -> str:
    """A sentence of the core (its English template and values) in the interface
    language; the English when the catalog's entry doesn't fit the values. In a Hebrew
    or Arabic sentence each value is isolated, so "+972 3 555 0100" or "'{{ x }}'"
    keeps its order instead of being reordered with the words around it."""
    try:
        if not args:
            return _(template)
        if is_rtl():
            from ..kernel.bidi import FSI, PDI

            args = {k: f"{FSI}{v}{PDI}" if isinstance(v, str) and v else v
                    for k, v in args.items()}
        return _(template).format(**args)
    except (KeyError, IndexError, ValueError):
        return english


def tr(text: str) -> str:
    """A core string in the interface language when it is a ``Message`` (it carries its
    template and values), else as it is."""
    template = getattr(text, "template", None)
    if template is None:
        return text
    return translate_template(template, getattr(text, "args", {}), str(text))


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural message for ``n``, in the interface language."""
    return _translations.ngettext(singular, plural, n)


def catalog_path(language: str, folder: Path | None = None) -> Path:
    """The .po source of a language's catalog."""
    return (folder or locales_dir()) / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def load_translations(language: str, folder: Path | None = None) -> gettext.NullTranslations:
    """Compile a language's .po catalog in memory; English (or no catalog) is the source."""
    path = catalog_path(language, folder)
    if language == "en" or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh, locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def resolve_language(preferred: str, system_locale: str) -> str:
    """The language to use: the preference, else the system's, else English."""
    for candidate in (preferred, system_locale):
        code = (candidate or "").replace("-", "_").split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def install(language: str) -> str:
    """Make ``language`` the interface language; returns the code installed."""
    global _translations, _language
    language = language if language in LANGUAGES else "en"
    _translations = load_translations(language)
    _language = language
    return language


def current_language() -> str:
    """The code of the interface language now in use."""
    return _language


def is_rtl(language: str | None = None) -> bool:
    """Whether the interface language (or ``language``) is written right to left."""
    return (language or _language) in RTL_LANGUAGES
