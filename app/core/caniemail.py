"""The vendored caniemail data (app/core/data/caniemail.json, MIT; see caniemail-SOURCE.md):
which mail client supports which HTML and CSS feature.

A client is ``family.platform`` as in the data (``gmail.desktop-webmail``,
``outlook.windows``). Its support for a feature is the latest tested version's: "y"
(supported), "n" (not), "a" (partly; with numbered notes) or "u" (unknown).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA_PATH = Path(__file__).resolve().parent / "data" / "caniemail.json"
# The default targets: Gmail web, iOS and Android; Outlook Windows, Mac and web;
# Apple Mail macOS and iOS; Yahoo; Samsung Email.
DEFAULT_CLIENTS = ("gmail.desktop-webmail", "gmail.ios", "gmail.android", "outlook.windows",
                   "outlook.macos", "outlook.outlook-com", "apple-mail.macos", "apple-mail.ios",
                   "yahoo.desktop-webmail", "samsung-email.android")
_NOTE = re.compile(r"#(\d+)")


@dataclass(frozen=True)
class Feature:
    """One caniemail feature: slug, title, page and per-client support."""

    slug: str
    title: str
    url: str
    stats: dict[str, dict[str, dict[str, str]]]
    notes: dict[str, str]
    note: str  # a note for every client (``notes``), usually empty

    def support(self, client: str) -> tuple[str, tuple[str, ...]]:
        """("y"|"n"|"a"|"u", the notes that apply) for ``family.platform``; "u" when the
        client was not tested."""
        family, _, platform = client.partition(".")
        versions = self.stats.get(family, {}).get(platform)
        if not versions:
            return "u", ()
        value = str(list(versions.values())[-1])  # the latest tested version
        numbers = _NOTE.findall(value)
        texts = tuple(self.notes[n] for n in numbers if n in self.notes)
        return (value.strip()[:1] or "u"), texts


@dataclass(frozen=True)
class Data:
    """The whole file: features by slug and the display names of clients."""

    features: dict[str, Feature]
    families: dict[str, str]
    platforms: dict[str, str]
    last_update: str

    def client_name(self, client: str) -> str:
        """"Outlook Windows", "Gmail iOS", "Yahoo! Mail Desktop Webmail"…"""
        family, _, platform = client.partition(".")
        family_name = self.families.get(family, family)
        platform_name = self.platforms.get(platform, platform)
        if family_name.split()[0].lower() in platform_name.lower():
            return platform_name  # "Outlook.com", not "Outlook Outlook.com"
        return f"{family_name} {platform_name}"

    def family_name(self, client: str) -> str:
        """"Gmail", "Outlook", "Apple Mail"…"""
        family = client.partition(".")[0]
        return self.families.get(family, family)

    def known_client(self, client: str) -> bool:
        """True when some feature has data for ``family.platform``."""
        family, _, platform = client.partition(".")
        return any(platform in f.stats.get(family, {}) for f in self.features.values())


@lru_cache(maxsize=2)
def load(path: Path = DATA_PATH) -> Data:
    """The data file, read once."""
    raw: dict[str, Any] = json.loads(path.read_text("utf-8"))
    features = {}
    for item in raw["data"]:
        features[item["slug"]] = Feature(
            slug=item["slug"], title=item["title"], url=item.get("url") or "",
            stats=item.get("stats") or {}, notes=dict(item.get("notes_by_num") or {}),
            note=item.get("notes") or "")
    names = raw.get("nicenames", {})
    return Data(features=features, families=dict(names.get("family", {})),
                platforms=dict(names.get("platform", {})),
                last_update=str(raw.get("last_update_date", "")))
