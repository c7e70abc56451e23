"""Personal and correct: every name provided, samples that fit, copy about the customer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from jinja2 import meta

from ...did_you_mean import closest
from ...model import RESERVED_NAMES
from ...sample_schema import sample_problems
from ..fixes import Edit, Fix
from ..model import Issue, Where, msg
from ..registry import N_, rule
from ..sample_fix import add_key_fix, placeholder
from ..scopes import TemplateScope, VariantScope, visible_text
from ._text import parse_jinja, position
from .rendering import is_undefined

JINJA_GLOBALS = frozenset({"range", "dict", "lipsum", "cycler", "joiner", "namespace", "loop",
                           "self", "varargs", "kwargs", "caller", "true", "false", "none"})


@rule("undefined-variable", "error", N_("Every name the template uses is declared and provided"),
      N_("declare it under [variables.<name>] in template.toml, or fix the spelling"),
      doc="""
**Violation:** `Hi {{ frist_name }}` (a typo), or `{{ loyalty_points }}` that template.toml
doesn't declare, or an optional `first_name` used without a fallback when a sample has none.
**Fix:** correct the name, declare it in template.toml, or guard optional values:
`{{ first_name|default('there') }}` / `{% if first_name is defined %}`.
**Quick fix:** a name one typo away from a declared one says "did you mean 'first_name'?"
and "Rename 'frist_name' to 'first_name'" corrects every use in the file.
""")
def undefined_variable(scope: VariantScope) -> Iterator[Issue]:
    """Statically: names not declared; per sample: names the sample doesn't provide."""
    declared = set(scope.template.variables) | RESERVED_NAMES | JINJA_GLOBALS
    reported: set[str] = set()
    for path, text in scope.files.items():
        tree = parse_jinja(text)
        if tree is None:
            continue
        try:
            undeclared = meta.find_undeclared_variables(tree)
        except Exception:  # an unknown filter: render-error names it
            continue
        for name in sorted(undeclared - declared):
            reported.add(name)
            line = next((n + 1 for n, row in enumerate(text.splitlines())
                         if re.search(rf"(?<![\w.]){re.escape(name)}(?!\w)", row)), 0)
            meant = closest(name, scope.template.variables)
            where: Where = {"path": path, "line": line,
                     "column": position(text, line, name) if line else 0}
            if meant:
                yield Issue(msg("'{name}' is not declared in template.toml; did you mean "
                                "'{meant}'?", name=name, meant=meant),
                            fixes=_rename_fix(path, text, name, meant), **where)
            else:
                yield Issue(msg("'{name}' is not declared in template.toml", name=name),
                            **where)
    for result in scope.renders:
        if result.error is not None and is_undefined(result.error.message):
            if any(f"'{name}'" in result.error.message for name in reported):
                continue  # the typo is reported once above, not once per sample
            named = re.match(r"'([\w]+)'", result.error.message)
            variable = scope.template.variables.get(named.group(1)) if named else None
            if variable is not None and variable.required:
                continue  # a required key missing from the sample: sample-schema says so once
            loc = result.error.location
            yield Issue(result.error.message, sample=result.sample,
                        path=loc.path if loc else "", line=loc.line if loc else 0,
                        column=loc.column if loc else 0,
                        hint=msg("add it to the sample, or guard it with |default(...) or "
                                 "'is defined' if it is optional"))


_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def _rename_fix(path: str, text: str, name: str, meant: str) -> tuple[Fix, ...]:
    """Rename every use of ``name`` inside the file's {{ }} and {% %} to ``meant``."""
    word = re.compile(rf"(?<![\w.'\"]){re.escape(name)}(?![\w'\"])")
    edits = [Edit(path, block.start() + m.start(), block.start() + m.end(), name, meant)
             for block in _CODE.finditer(text) for m in word.finditer(block.group(0))]
    return (Fix(msg("Rename '{name}' to '{meant}'", name=name, meant=meant),
                tuple(edits)),) if edits else ()


@rule("sample-schema", "error", N_("Samples provide every required variable with the right type"),
      N_("add the missing key to the sample, or fix its value"),
      scope="template",
      doc="""
**Violation:** `samples/emily_en.json` has no `due_date`, or gives `"amount_due": "lots"`,
or `"currency": "dollars"`.
**Fix:** `"due_date": "2026-12-01"`, `"amount_due": 89.99`, `"currency": "USD"` — samples
are what the previews, the checks and the golden files are made from.
A key missing from several samples is one finding that lists them.
**Quick fix:** "Add 'plan_name' to 5 sample(s) with the placeholder …" adds the key to every
sample that lacks it, with a value of the declared type (a date for a date, a number for
money), as one change; replace the placeholders with realistic values.
""")
def sample_schema(scope: TemplateScope) -> Iterator[Issue]:
    """Each sample against the template's declarations: required keys, types, currencies.
    A key missing from several samples is one finding that lists them, with one fix."""
    missing: dict[str, dict[str, str]] = {}  # key → sample name → sample path
    texts: dict[str, str] = {}
    for sample in sorted(scope.project.samples.values(), key=lambda s: s.name):
        path = scope.rel(sample.path)
        try:
            text = sample.path.read_text(encoding="utf-8")
        except OSError:
            text = ""
        texts[path] = text
        for problem in sample_problems(scope.template.id, scope.template.variables,
                                       sample.data, text):
            if not problem.line and problem.key in scope.template.variables and \
                    problem.key not in sample.data:
                missing.setdefault(problem.key, {})[sample.name] = path
                continue
            yield Issue(problem.message, sample=sample.name, path=path, line=problem.line,
                        column=problem.column)
    variables = scope.template.variables
    for key, samples in missing.items():
        value = placeholder(key, variables[key], variables, scope.project.config.brand.domains)
        fix = add_key_fix(key, value, {p: texts[p] for p in samples.values()})
        names = ", ".join(samples)
        if len(samples) == 1:
            message = msg("'{name}' is required by {template} but missing", name=key,
                          template=scope.template.id)
        else:
            message = msg("'{name}' is required by {template} but missing from {count} "
                          "samples: {samples}", name=key, template=scope.template.id,
                          count=len(samples), samples=names)
        yield Issue(message, sample=names if len(samples) == 1 else "",
                    path=next(iter(samples.values())), fixes=(fix,) if fix else ())


@rule("greeting-personal", "info", N_("The message addresses the customer by name"),
      N_("greet with the name when the data has one: Hi {{ first_name }}"),
      settings={"name_keys": ["first_name", "name", "full_name", "customer_name"]},
      doc="""
**Violation:** "Dear customer, your order…" while the data holds the customer's first name.
**Fix:** `Hi {{ first_name|default('there') }},` — with a fallback for customers without one.
One-time codes are exempt: a code message should say nothing personal.
""")
def greeting_personal(scope: VariantScope) -> Iterator[Issue]:
    """Where a sample has a name, the rendered text contains it."""
    if scope.template.category == "authentication":
        return
    samples = scope.project.samples
    # Report it with a sample written for this locale when there is one.
    for result in sorted(scope.ok, key=lambda r: samples[r.sample].locale != scope.locale):
        sample = samples[result.sample].data
        names = [str(sample[k]) for k in scope.settings["name_keys"]
                 if isinstance(sample.get(k), str) and sample[k].strip()]
        if not names:
            continue
        text = visible_text(result.message)
        if not any(n in text for n in names):
            yield Issue(msg("the message doesn't use the customer's name"),
                        sample=result.sample, **scope.at(re.compile(r"\S")))
        return


WE = {"en": ["we", "our", "us", "we're", "we've", "ours"],
      "he": ["אנחנו", "אנו", "שלנו", "לנו", "אותנו", "אצלנו"],
      "ar": ["نحن", "لدينا", "لنا", "فريقنا", "خدمتنا", "نود"]}
YOU = {"en": ["you", "your", "you're", "you've", "yours"],
       "he": ["את", "אתה", "אתם", "שלך", "שלכם", "לך", "לכם", "אותך", "אליך", "עליך"],
       "ar": ["أنت", "لك", "لكم", "عليك", "إليك", "منك"]}


def _count(words: list[str], tokens: list[str], language: str, suffixes: tuple[str, ...]
           ) -> int:
    wanted = {w.lower() for w in words}
    total = sum(t in wanted for t in tokens)
    if language == "ar":  # Arabic attaches "your" (ـك/ـكم) and "our" (ـنا) to the word
        total += sum(t.endswith(suffixes) and t not in wanted and len(t) > 3 for t in tokens)
    return total


@rule("you-focus", "info", N_("The copy talks about the customer more than about us"),
      N_("turn 'we have sent your invoice' into 'your invoice is ready'"),
      settings={"we_words": WE, "you_words": YOU, "ratio": 1.5, "min_we": 3},
      doc="""
**Violation:** "We are pleased to inform you that we have processed our monthly billing and
our team has issued…" — all about us.
**Fix:** "Your November invoice is ready: ₪1,234.50, due 15 December." Word lists per
language are in the policy (`we_words`, `you_words`).
""")
def you_focus(scope: VariantScope) -> Iterator[Issue]:
    """Counts we/our against you/your words in the rendered text, per language."""
    settings = scope.settings
    lang = scope.language
    for result in scope.ok[:1]:
        tokens = [t.lower() for t in re.findall(r"[\w'’]+", visible_text(result.message))]
        we = _count(settings["we_words"].get(lang, []), tokens, lang, ("نا",))
        you = _count(settings["you_words"].get(lang, []), tokens, lang, ("ك", "كم"))
        if we >= settings["min_we"] and we > settings["ratio"] * max(you, 1):
            yield Issue(msg("{we} we/our words against {you} you/your words", we=we, you=you),
                        **scope.at(re.compile(r"\S")))
