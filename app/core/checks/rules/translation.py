"""Every locale has every channel, and its text is actually translated."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Issue, msg
from ..registry import N_, rule
from ..scopes import TemplateScope, channel_files
from ._sentences import foreign_for, sentences

JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
TAGS = re.compile(r"<[^>]*>")
URLS = re.compile(r"(?:https?://|www\.)\S+", re.I)
TOML_KEY = re.compile(r'^\s*[\w.-]+\s*=\s*"*')


def text_segments(source: str) -> dict[str, int]:
    """Human text of a source file (Jinja and tags removed), each with its first line."""
    out: dict[str, int] = {}
    for number, row in enumerate(source.splitlines(), start=1):
        text = TOML_KEY.sub("", TAGS.sub(" ", JINJA.sub(" ", URLS.sub(" ", row))))
        text = re.sub(r"\s+", " ", text.strip(' "'))
        if len(re.findall(r"[^\W\d_]{2,}", text)) >= 3:
            out.setdefault(text, number)
    return out


@rule("missing-translation", "error", N_("Every locale has every channel file"),
      N_("add the file for this locale (the studio's 'Add locale' copies the default one)"),
      scope="template",
      doc="""
**Violation:** `templates/invoice_ready/ar/` has `email.mjml` but no `sms.txt`, while the
English version has both: Arabic customers would get no SMS.
**Fix:** write `templates/invoice_ready/ar/sms.txt` in Arabic.
""")
def missing_translation(scope: TemplateScope) -> Iterator[Issue]:
    """A locale of missive.toml lacks a channel file that the default locale has."""
    template = scope.template
    default = scope.project.config.default_locale
    locales = sorted({loc for loc, _ in scope.variants})
    for locale in locales:
        if locale == default:
            continue
        for channel in template.channels:
            for name in channel_files(channel):
                if (template.locale_dir(default) / name).is_file() and \
                        not (template.locale_dir(locale) / name).is_file():
                    yield Issue(msg("'{locale}' has no {file}", locale=locale, file=name),
                                locale=locale, channel=channel,
                                path=scope.rel(template.locale_dir(locale) / name))


@rule("untranslated-text", "warning", N_("Non-default locales are translated"),
      N_("translate the sentence; it is the same as in the default locale"),
      scope="template",
      doc="""
**Violation:** the Hebrew email still says "If you have already paid, you don't need to do
anything." — copied from English and never translated.
An English sentence pasted into a Hebrew or Arabic paragraph is found too, sentence by
sentence, by its script: "… אין צורך לעשות דבר. Your plan renews next month." names
"Your plan renews next month.".
In a Latin-script locale (German, French…) a sentence made plainly of English words
("Please pay it before the due date.") is found the same way.
**Fix:** replace it with the Hebrew sentence. Brand names and codes are fine as they are;
only sentences of three or more words are compared.
""")
def untranslated_text(scope: TemplateScope) -> Iterator[Issue]:
    """Sentences in a non-default locale's files identical to the default locale's, and
    (in Hebrew and Arabic) sentences written in Latin letters only: each one is named."""
    default = scope.project.config.default_locale
    for (locale, channel), variant in scope.variants.items():
        if locale == default or not variant.present:
            continue
        base = scope.variants.get((default, channel))
        if base is None or not base.present:
            base_texts: dict[str, int] = {}
            base_sentences: set[str] = set()
            for name in channel_files(channel):
                file = scope.template.locale_dir(default) / name
                try:
                    source = file.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue  # missing or unreadable: the render reports it
                base_texts |= text_segments(source)
                base_sentences |= {s.text for s in sentences(source)}
        else:
            base_texts = {}
            base_sentences = set()
            for text in base.files.values():
                base_texts |= text_segments(text)
                base_sentences |= {s.text for s in sentences(text)}
        language = re.split(r"[-_]", locale)[0].lower()
        for path, text in variant.files.items():
            reported: set[int] = set()
            for segment, line in text_segments(text).items():
                if segment in base_texts:
                    reported.add(line)
                    yield Issue(msg("not translated: \"{text}\"", text=segment[:60]),
                                locale=locale, channel=channel, path=path, line=line, column=1)
            for sentence in sentences(text):
                if sentence.line in reported:
                    continue
                if sentence.text in base_sentences or foreign_for(
                        language, sentence.text, re.split(r"[-_]", default)[0].lower()):
                    yield Issue(msg("not translated: \"{text}\"", text=sentence.text[:60]),
                                locale=locale, channel=channel, path=path, line=sentence.line,
                                column=sentence.column)
