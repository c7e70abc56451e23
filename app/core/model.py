"""The project model: plain dataclasses for missive.toml, template.toml and samples.

Loading and validation live in :mod:`app.core.project`; these classes hold no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

CATEGORIES = ("operational", "marketing", "authentication")
VARIABLE_TYPES = ("string", "money", "date", "datetime", "number", "url", "phone")
RTL_LANGUAGES = frozenset({"he", "ar", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb"})
# Names the renderer puts into every template's context; samples may not use them.
RESERVED_NAMES = frozenset({"message", "sender", "brand"})


@dataclass(frozen=True)
class Sender:
    """Who the customer sees the message from, and where they can answer."""

    email_from: str = ""
    email_reply_to: str = ""
    sms_sender: str = ""
    whatsapp_number: str = ""
    support_url: str = ""
    support_phone: str = ""
    unsubscribe_url: str = ""  # the one-click (RFC 8058) address of marketing emails

    def as_context(self) -> dict[str, str]:
        """The sender as template data (``{{ sender.support_url }}``)."""
        return {
            "email_from": self.email_from,
            "email_reply_to": self.email_reply_to,
            "sms_sender": self.sms_sender,
            "whatsapp_number": self.whatsapp_number,
            "support_url": self.support_url,
            "support_phone": self.support_phone,
            "unsubscribe_url": self.unsubscribe_url,
        }


@dataclass(frozen=True)
class Brand:
    """The brand's name and the domains its links may point to."""

    name: str = ""
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class LocaleSettings:
    """Per-locale settings from ``[locale.X]``; numbering is "latn" or "arab"."""

    numbering: str = "latn"


@dataclass(frozen=True)
class ProjectConfig:
    """The contents of missive.toml."""

    name: str
    default_locale: str
    locales: tuple[str, ...]
    sender: Sender = field(default_factory=Sender)
    brand: Brand = field(default_factory=Brand)
    locale_settings: dict[str, LocaleSettings] = field(default_factory=dict)
    fonts: dict[str, str] = field(default_factory=dict)

    def settings_for(self, locale: str) -> LocaleSettings:
        """The ``[locale.X]`` settings for a locale, falling back to its language."""
        if locale in self.locale_settings:
            return self.locale_settings[locale]
        return self.locale_settings.get(language_of(locale), LocaleSettings())


@dataclass(frozen=True)
class Variable:
    """A declared template variable (``[variables.<name>]``)."""

    name: str
    type: str = "string"
    required: bool = True
    currency: str | None = None
    description: str = ""


@dataclass(frozen=True)
class Fallback:
    """Send on ``channel`` if the primary has not been read ``after`` a delay (e.g. "4h")."""

    channel: str
    after: str | None = None


@dataclass(frozen=True)
class Strategy:
    """Which channel goes first and which follow, so a customer is not flooded."""

    primary: str | None = None
    fallback: tuple[Fallback, ...] = ()


@dataclass(frozen=True)
class Template:
    """One message (``templates/<id>/``): its declarations and where its files are."""

    id: str
    directory: Path
    title: str
    category: str
    channels: tuple[str, ...]
    variables: dict[str, Variable]
    strategy: Strategy = field(default_factory=Strategy)
    promotional: bool = False
    description: str = ""

    def locale_dir(self, locale: str) -> Path:
        """The folder holding this template's files for ``locale``."""
        return self.directory / locale

    @property
    def source_path(self) -> Path:
        """The template.toml file."""
        return self.directory / "template.toml"


@dataclass(frozen=True)
class Sample:
    """One sample customer (``samples/<name>.json``)."""

    name: str
    path: Path
    data: dict[str, Any]

    @property
    def locale(self) -> str | None:
        """The sample's preferred locale, if it names one."""
        value = self.data.get("locale")
        return value if isinstance(value, str) else None


def language_of(locale: str) -> str:
    """The language part of a locale identifier ("he" for "he_IL" or "he-IL")."""
    return locale.replace("-", "_").split("_", 1)[0].lower()


@lru_cache(maxsize=256)
def is_rtl(locale: str) -> bool:
    """Whether a locale is written right to left, as CLDR (Babel) says: he, ar, fa,
    ur, az_Arab …; a locale Babel doesn't know falls back to its language."""
    try:
        return Locale.parse(locale.replace("-", "_")).character_order == "right-to-left"
    except (ValueError, TypeError, UnknownLocaleError):
        return language_of(locale) in RTL_LANGUAGES
