"""SMS: how many messages the carrier bills, and characters that make it cost more.

Sources: ../shared/reference/sms-rules.md (GSM 03.38 alphabet, 160/153 septets or 70/67
UTF-16 units per part, any one non-GSM character switches the whole message to UCS-2)
and Twilio's Smart Encoding table of look-alikes (``sms_segments.smart_replacements``).

Both rules count the samples of the customers who read the variant's locale (a sample
whose ``locale`` is the variant's, or that names none); when no sample names the locale,
every sample counts. A Hebrew name in the English SMS of a customer who reads Hebrew is
not what English readers receive.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ....kernel.sms_segments import analyze, smart_replacements
from ..fixes import Edit, Fix
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..scopes import Rendered, VariantScope

GSM_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pt", "da", "sv", "no", "fi"]

# Suggestions the Smart Encoding table lacks (or words differently for a person).
_EXTRA = {
    "\u20aa": "ILS", "\u00a0": " ", "\u202f": " ", "\u2009": " ", "\u2007": " ",
    "\u200e": "", "\u200f": "", "\u061c": "", "\u2066": "", "\u2067": "", "\u2068": "",
    "\u2069": "", "\u202a": "", "\u202b": "", "\u202c": "", "\u202d": "", "\u202e": "",
    "\u200b": "", "\ufeff": "", "\u200c": "", "\u200d": "",
}


def customers(scope: VariantScope) -> list[Rendered]:
    """The successful renders for samples that read this locale (all when none does)."""
    samples = scope.project.samples
    if not scope.settings.get("locale_samples", True):
        return scope.ok
    own = [r for r in scope.ok
           if r.sample in samples and samples[r.sample].locale in (None, scope.locale)]
    named = any(s.locale == scope.locale for s in samples.values())
    return own if named else scope.ok


def locate_text(scope: VariantScope, text: str, before: str = "") -> Where:
    """Where a run of rendered text is written in the source: the first three-word window
    of ``text`` found literally in the variant's own files, else the last one of
    ``before`` (the text that precedes it), else the start of the file."""
    after = [w for w in re.split(r"\s+", _plain(text))[:60] if w]
    ahead = [w for w in re.split(r"\s+", _plain(before))[-60:] if w]
    for words, backwards in ((after, False), (ahead, True)):
        for size in (3, 2):
            starts = range(0, max(1, len(words) - size + 1))
            for start in (reversed(starts) if backwards else starts):
                needle = " ".join(words[start:start + size])
                if len(needle) < 6:
                    continue
                where = scope.at(needle, shared=False)
                if where["line"]:
                    return where
    return {"path": next(iter(scope.files), ""), "line": 1, "column": 1}


def _plain(text: str) -> str:
    return "".join(c for c in text if c not in _EXTRA or _EXTRA[c] != "")


@rule("sms-segments", "warning", N_("The SMS fits in the policy's number of messages"),
      N_("shorten the text: every part is billed as one SMS (160 characters in GSM-7, "
         "70 in Hebrew, Arabic or with any non-GSM character; 153/67 per part when split)"),
      settings={"max_segments": 2, "hard_max": 4, "locale_samples": True},
      channels=("sms",),
      doc="""
**Violation:** a Hebrew delivery SMS of 283 characters: Hebrew is sent as UCS-2, 67
characters per part, so the customer gets (and you pay for) 5 messages, which may arrive
out of order. Over the policy's maximum (2) it is a warning, over the hard maximum (4)
an error.
**Fix:** say less: drop the greeting, "today" when the date is shown, repeated brand
names; link to the details instead of spelling them out. The finding names the sample
with the longest text and where the part over the limit starts.
""")
def sms_segments(scope: VariantScope) -> Iterator[Issue]:
    """sms-rules.md §2 "Sizes": one SMS holds 160 septets (GSM-7) or 70 UTF-16 units
    (UCS-2); a longer one is split into parts of 153 septets / 67 units, each billed.
    The count is per sample: names, addresses and amounts change the length, so the
    finding names the sample with the most parts (and no sample when all agree)."""
    limit = int(scope.settings["max_segments"])
    hard = int(scope.settings["hard_max"])
    results = customers(scope)
    if not results:
        return
    counts = {r.sample: r.message.analysis.segments for r in results}
    worst = max(results, key=lambda r: (r.message.analysis.segments, r.message.analysis.units))
    analysis = worst.message.analysis
    if analysis.segments <= limit:
        return
    over = sum(c > limit for c in counts.values())
    vary = len(set(counts.values())) > 1
    severity = "error" if analysis.segments > hard else ""
    first_over = analysis.parts[limit]
    args: dict[str, Any] = {"segments": analysis.segments, "units": analysis.units,
                            "part": limit + 1, "excerpt": _excerpt(first_over)}
    if severity:
        args["hard"] = hard
    else:
        args["limit"] = limit
    if vary:
        args.update(sample=worst.sample, over=over, total=len(counts))
    case = (analysis.encoding == "GSM-7", bool(severity), vary)
    yield Issue(
        msg(_SEGMENTS_MESSAGES[case], **args),
        sample=worst.sample if vary else "", severity=severity,
        **locate_text(scope, "".join(analysis.parts[limit:]), "".join(analysis.parts[:limit])))


# One whole sentence per case (septets in GSM-7 or UCS-2 units; the policy's limit or the
# hard maximum; one count, or samples that differ), so each translates as a whole.
_SEGMENTS_MESSAGES = {
    (True, False, False): N_("SMS is {segments} messages ({units:,} septets); the policy "
                             "allows {limit}; part {part} starts at '{excerpt}'"),
    (True, False, True): N_("SMS is {segments} messages ({units:,} septets) with sample "
                            "{sample}; the policy allows {limit} ({over} of {total} samples "
                            "over); part {part} starts at '{excerpt}'"),
    (True, True, False): N_("SMS is {segments} messages ({units:,} septets); the hard maximum "
                            "is {hard}; part {part} starts at '{excerpt}'"),
    (True, True, True): N_("SMS is {segments} messages ({units:,} septets) with sample "
                           "{sample}; the hard maximum is {hard} ({over} of {total} samples "
                           "over); part {part} starts at '{excerpt}'"),
    (False, False, False): N_("SMS is {segments} messages ({units:,} UCS-2 units); the policy "
                              "allows {limit}; part {part} starts at '{excerpt}'"),
    (False, False, True): N_("SMS is {segments} messages ({units:,} UCS-2 units) with sample "
                             "{sample}; the policy allows {limit} ({over} of {total} samples "
                             "over); part {part} starts at '{excerpt}'"),
    (False, True, False): N_("SMS is {segments} messages ({units:,} UCS-2 units); the hard "
                             "maximum is {hard}; part {part} starts at '{excerpt}'"),
    (False, True, True): N_("SMS is {segments} messages ({units:,} UCS-2 units) with sample "
                            "{sample}; the hard maximum is {hard} ({over} of {total} samples "
                            "over); part {part} starts at '{excerpt}'"),
}


def _excerpt(text: str, length: int = 30) -> str:
    text = re.sub(r"\s+", " ", _plain(text)).strip()
    return text if len(text) <= length else text[:length - 1] + "…"


def suggestion(char: str) -> str | None:
    """A GSM-7 replacement for ``char`` ("" to remove it), None when there is none."""
    if char in _EXTRA:
        return _EXTRA[char]
    table = smart_replacements()
    if char in table:
        return table[char]
    if unicodedata.category(char) in ("So", "Sk", "Cs") or ord(char) > 0xFFFF:
        return ""  # emoji and pictographs: leave them out
    return None


# Plain names a copywriter knows, instead of code points (U+2019 means nothing to them).
_PLAIN_NAMES = {
    "\u2018": "curly apostrophe", "\u2019": "curly apostrophe", "\u201c": "curly quote",
    "\u201d": "curly quote", "\u2013": "long dash", "\u2014": "long dash",
    "\u2026": "three-dot character", "\u20aa": "shekel sign", "\u00a0": "no-break space",
    "\u202f": "narrow no-break space", "\u2009": "thin space", "\u2007": "figure space",
}


def _named(char: str) -> str:
    """The character and its plain name ("’ (curly apostrophe)"); invisible ones by kind."""
    if char in _PLAIN_NAMES:
        name = _PLAIN_NAMES[char]
        return name if unicodedata.category(char)[0] == "Z" else f"{char} ({name})"
    if char in _EXTRA and _EXTRA[char] == "":
        return "an invisible direction or joining mark"
    if unicodedata.category(char) in ("So", "Sk", "Cs") or ord(char) > 0xFFFF:
        return f"{char} (emoji or symbol)"
    if unicodedata.category(char)[0] in "CZ":
        return "an invisible character"
    return f"{char} ({unicodedata.name(char, 'special character').lower()})"


def _fix(char: str) -> str:
    replacement = suggestion(char)
    if replacement is None:
        return f"{_named(char)}: no GSM-7 look-alike"
    if replacement == "":
        return f"{_named(char)} → remove"
    if replacement.strip() == "":
        return f"{_named(char)} → a plain space"
    return f"{_named(char)} → {replacement}"


def _needs_ucs2(char: str) -> bool:
    """A letter of a script GSM-7 can't write (Hebrew, Arabic, Cyrillic…): the text needs
    UCS-2 whatever the copywriter does."""
    if not unicodedata.category(char).startswith(("L", "M")) or suggestion(char) is not None:
        return False
    return not unicodedata.name(char, "").startswith("LATIN")


@rule("sms-encoding", "warning", N_("A few characters don't force the SMS into UCS-2"),
      N_("replace the named characters with their plain look-alikes"),
      settings={"gsm_languages": GSM_LANGUAGES, "max_characters": 10,
                "locale_samples": True},
      channels=("sms",),
      doc="""
**Violation:** an English SMS with a curly apostrophe ("Don’t share it"), a long dash
(–), a ₪ sign, an emoji or an invisible direction mark: one such character turns the
whole message into UCS-2, 70 characters per SMS instead of 160, so a 150-character
message becomes 3 billed parts.
**Fix:** type the plain character: ' for ’ and ‘, " for “ and ”, - for – and —, ...
for …, the currency code (ILS) for ₪; leave out emoji and direction marks. The finding
lists each character by a plain name and what to use instead, and says whether it
is typed in sms.txt or comes from the data of a sample.
**Quick fix:** "Type plain characters instead of ’ –" replaces every typed character
with its GSM-7 look-alike (' for ’, - for –), in one change; text inside `{{ }}` is left as is.
""")
def sms_encoding(scope: VariantScope) -> Iterator[Issue]:
    """sms-rules.md §2 "Characters often assumed to be GSM but are not": any one of them
    switches the whole message to UCS-2 (Twilio glossary; Telnyx); §3 Smart Encoding
    gives the look-alikes. Checked for languages GSM-7 can write (``gsm_languages``),
    when at most ``max_characters`` characters are to blame; text that needs another
    script (a Hebrew name) is UCS-2 by nature and not reported."""
    if scope.language not in scope.settings["gsm_languages"]:
        return
    most = int(scope.settings["max_characters"])
    source = scope.source()
    typed: dict[str, None] = {}
    typed_effect: tuple[int, int] | None = None
    reported_data: set[tuple[str, ...]] = set()
    for result in customers(scope):
        analysis = result.message.analysis
        chars = [c for _, c in analysis.forcing_ucs2]
        if not chars or len(chars) > most or any(_needs_ucs2(c) for c in chars):
            continue
        text = result.message.text
        fixed = "".join((suggestion(c) or "") if c in chars else c for c in text)
        effect = (analysis.segments, analyze(fixed).segments)
        literal = [c for c in dict.fromkeys(chars) if c in source]
        data = [c for c in dict.fromkeys(chars) if c not in source]
        for c in literal:
            typed.setdefault(c)
        if literal and typed_effect is None:
            typed_effect = effect
        if data and tuple(data) not in reported_data:
            reported_data.add(tuple(data))
            chars_shown, fixes = _list(data), "; ".join(_fix(c) for c in data)
            cost = _cost(effect)
            if cost:
                problem = msg("{chars} in sample {sample}'s data force this SMS into UCS-2 "
                              "({before} messages instead of {after}); {fixes}",
                              chars=chars_shown, sample=result.sample, before=cost[0],
                              after=cost[1], fixes=fixes)
            else:
                problem = msg("{chars} in sample {sample}'s data force this SMS into UCS-2 "
                              "(70 characters per SMS instead of 160); {fixes}",
                              chars=chars_shown, sample=result.sample, fixes=fixes)
            yield Issue(
                problem, sample=result.sample, path=next(iter(scope.files), ""),
                hint=msg("the character comes from the data (or a filter's output): clean it "
                         "in the sending system, or accept UCS-2 for such customers"))
    if typed:
        first = min(typed, key=source.index)
        chars_shown, fixes = _list(list(typed)), "; ".join(_fix(c) for c in typed)
        cost = _cost(typed_effect)
        if cost:
            problem = msg("{chars} typed in the text force this SMS into UCS-2 ({before} "
                          "messages instead of {after}); {fixes}", chars=chars_shown,
                          before=cost[0], after=cost[1], fixes=fixes)
        else:
            problem = msg("{chars} typed in the text force this SMS into UCS-2 (70 characters "
                          "per SMS instead of 160); {fixes}", chars=chars_shown, fixes=fixes)
        yield Issue(problem, fixes=_look_alike_fix(scope, list(typed)),
                    **scope.at(first, shared=False))


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def _look_alike_fix(scope: VariantScope, chars: list[str]) -> tuple[Fix, ...]:
    """One fix typing every replaceable character as its GSM-7 look-alike (outside
    ``{{ }}`` and ``{% %}``, where a character belongs to the code, not the text)."""
    wanted = {c: r for c in chars if (r := suggestion(c)) is not None}
    edits = []
    for path, text in scope.files.items():
        code = [m.span() for m in _JINJA.finditer(text)]
        for index, char in enumerate(text):
            if char in wanted and not any(a <= index < b for a, b in code):
                edits.append(Edit(path, index, index + 1, char, wanted[char]))
    if not edits:
        return ()
    shown = " ".join(dict.fromkeys(e.old for e in edits if e.old.strip() and e.old.isprintable()))
    title = msg("Type plain characters instead of {chars}", chars=shown) if shown else \
        msg("Remove the invisible characters")
    return (Fix(title, tuple(edits)),)


def _list(chars: list[str]) -> str:
    return ", ".join(_named(c) for c in chars)


def _cost(effect: tuple[int, int] | None) -> tuple[int, int] | None:
    """(messages with, messages without) when the characters add messages; None when
    they only make each message shorter (70 characters per SMS instead of 160)."""
    if effect is None or effect[0] == effect[1]:
        return None
    return effect
