"""Sentences of the human text in a source file, and the script they are written in, for
``untranslated-text``: an English sentence pasted into a Hebrew paragraph is found even
when the paragraph as a whole is not a copy of the English one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAGS = re.compile(r"<[^>]*>")
URLS = re.compile(r"(?:https?://|www\.)\S+", re.I)
TOML_KEY = re.compile(r'^\s*[\w.-]+\s*=\s*"*')
# A sentence ends at . ! ? … ؟ or ։ followed by a space (or the end).
_SENTENCE = re.compile(r"[^.!?…؟]+(?:[.!?…؟]+|$)")
_WORD = re.compile(r"[^\W\d_]{2,}")
RTL_LANGUAGES = frozenset({"he", "ar", "fa", "ur", "yi"})


@dataclass(frozen=True)
class Sentence:
    """A sentence of human text, its 1-based line and column in the source."""

    text: str
    line: int
    column: int


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group(0))  # keep columns


def sentences(source: str) -> list[Sentence]:
    """Sentences of three or more words (Jinja, tags, URLs and TOML keys left out)."""
    out: list[Sentence] = []
    for number, row in enumerate(source.splitlines(), start=1):
        text = TOML_KEY.sub(_blank, TAGS.sub(_blank, JINJA.sub(_blank, URLS.sub(_blank, row))))
        for match in _SENTENCE.finditer(text):
            raw = match.group(0)
            sentence = re.sub(r"\s+", " ", raw.strip(' "\'')).strip()
            if len(_WORD.findall(sentence)) >= 3:
                offset = match.start() + (len(raw) - len(raw.lstrip(' "\'')))
                out.append(Sentence(sentence, number, offset + 1))
    return out


def script_of(text: str) -> str:
    """"latin", "hebrew", "arabic", "mixed" or "" for the letters of ``text``."""
    scripts = set()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith("LATIN"):
            scripts.add("latin")
        elif name.startswith("HEBREW"):
            scripts.add("hebrew")
        elif name.startswith("ARABIC"):
            scripts.add("arabic")
        else:
            scripts.add("other")
    if len(scripts) == 1:
        return scripts.pop()
    return "mixed" if scripts else ""


# English function words that other Latin-script languages don't share (no "in", "a").
_ENGLISH = frozenset({
    "the", "you", "your", "yours", "is", "are", "were", "be", "been", "to", "and", "of",
    "for", "please", "have", "has", "had", "would", "this", "that", "these", "those",
    "with", "from", "our", "we", "it", "its", "there", "their", "they", "don't", "can't",
    "won't", "doesn't", "isn't", "here", "what", "when", "which", "who", "how"})


def looks_english(text: str) -> bool:
    """A sentence whose words are plainly English: two or more English function words,
    making up at least a quarter of its words."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)]
    hits = sum(w in _ENGLISH for w in words)
    return hits >= 2 and hits * 4 >= len(words)


def foreign_for(language: str, text: str, default: str = "en") -> bool:
    """True when a sentence is not in the locale's language: in Hebrew or Arabic, one in
    Latin letters only (three words or more; a brand name alone has fewer); in another
    Latin-script language, one that is plainly English while the default locale is."""
    if language in RTL_LANGUAGES:
        return script_of(text) == "latin"
    return language != "en" and default == "en" and script_of(text) == "latin" \
        and looks_english(text)
