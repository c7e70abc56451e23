"""Plural forms: CLDR categories through Babel, the demo's counted phrase, the rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.project import Project
from app.core.render import Renderer
from app.kernel.formatting import FormatValueError
from app.kernel.plurals import categories_for
from tests.checks.helpers import edit, findings

AR_FORMS = {0: "لا قطع", 1: "قطعة واحدة", 2: "قطعتان", 3: "3 قطع", 11: "11 قطعة",
            100: "100 قطعة"}
HE_FORMS = {1: "פריט אחד", 2: "שני פריטים", 3: "3 פריטים", 100: "100 פריטים"}


def test_each_language_has_its_own_categories() -> None:
    assert categories_for("en") == ("one", "other")
    assert categories_for("he") == ("one", "two", "other")
    assert categories_for("ar") == ("zero", "one", "two", "few", "many", "other")


@pytest.mark.parametrize(("locale", "forms"), [("ar", AR_FORMS), ("he", HE_FORMS)])
def test_the_demo_says_each_count_in_the_right_form(demo_project: Project, locale: str,
                                                    forms: dict[int, str]) -> None:
    renderer = Renderer(demo_project)
    sample = demo_project.samples["omar_ar"].data
    for count, words in forms.items():
        email = renderer.render("delivery_update", locale, "email",
                                dict(sample, item_count=count))
        assert f"({words})" in email.text, (count, email.text[:300])


def test_english_one_and_other_with_grouped_digits(demo_project: Project) -> None:
    renderer = Renderer(demo_project)
    sample = demo_project.samples["emily_en"].data
    one = renderer.render("delivery_update", "en", "email", dict(sample, item_count=1))
    many = renderer.render("delivery_update", "en", "email", dict(sample, item_count=1200))
    assert "(1 item)" in one.text and "(1,200 items)" in many.text


def test_the_runtime_picks_the_same_forms(demo_project: Project, tmp_path: Path) -> None:
    from app.runtime import Bundle
    from tests.bundle_helpers import export_demo

    export_demo(demo_project.root, tmp_path / "b.zip")
    bundle = Bundle.open(tmp_path / "b.zip")
    sample = bundle.sample("omar_ar")
    for count, words in AR_FORMS.items():
        email = bundle.render("delivery_update", "ar", "email", dict(sample, item_count=count))
        assert f"({words})" in email.text


def test_a_missing_form_is_an_error_naming_it(demo: Path) -> None:
    assert findings(demo, "plural-forms") == []
    edit(demo, "templates/delivery_update/he/email.mjml", ' two="שני פריטים",', "")
    edit(demo, "templates/delivery_update/ar/email.mjml", ' few="{n} قطع", many="{n} قطعة",', "")
    found = findings(demo, "plural-forms")
    assert {(f.locale, f.line) for f in found} == {("he", 4), ("ar", 4)}
    messages = {f.locale: f.message for f in found}
    assert messages["he"].endswith("plural forms: two")
    assert messages["ar"].endswith("plural forms: few, many")
    assert all(f.severity == "error" for f in found)


def test_other_is_required_and_unknown_forms_are_named(demo_project: Project) -> None:
    from app.kernel.sandbox import make_environment

    env = make_environment()
    message = {"locale": "en", "rtl": False, "channel": "email"}
    with pytest.raises(FormatValueError, match='needs other="…"'):
        env.from_string('{{ 2|plural(one="x") }}').render(message=message)
    with pytest.raises(FormatValueError, match="'several' is not a plural form"):
        env.from_string('{{ 2|plural(several="x", other="y") }}').render(message=message)
