"""Template settings read from and written back to template.toml, keeping everything else."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.core.paths import demo_project_dir
from app.core.project import load_template
from app.core.workspace.template_settings import (
    FallbackSettings,
    TemplateSettings,
    VariableSettings,
    apply_settings,
    read_settings,
    settings_problems,
)
from app.kernel.errors import InputError

COMMENTED = '''# Renewal notice: owned by the billing team.
title = "Renewal"   # shown in the studio
category = "operational"
channels = ["email", "sms"]
description = "Sent 7 days before renewal."
promotional = false

# The amount, in the customer's currency.
[variables.amount]
type = "money"
currency = "currency"
description = "Charged on renewal."

[variables.currency]
type = "string"

[strategy]
primary = "email"  # email first
fallback = [
  { channel = "sms", after = "24h" },
]
'''


@pytest.mark.parametrize("template_id", ["invoice_ready", "payment_received", "login_code",
                                         "delivery_update"])
def test_unchanged_settings_keep_every_byte(template_id: str) -> None:
    text = (demo_project_dir() / "templates" / template_id / "template.toml").read_text()
    assert apply_settings(text, read_settings(text)) == text


def test_read_settings() -> None:
    settings = read_settings(COMMENTED)
    assert settings.title == "Renewal" and settings.channels == ["email", "sms"]
    assert settings.variables == [VariableSettings("amount", "money", True, "currency"),
                                  VariableSettings("currency", "string", True, None)]
    assert settings.primary == "email"
    assert settings.fallbacks == [FallbackSettings("sms", "24h")]


def test_edits_keep_comments_and_unrelated_keys(tmp_path: Path) -> None:
    settings = read_settings(COMMENTED)
    settings.title = "Your renewal"
    settings.channels = ["email", "sms", "whatsapp"]
    settings.variables[0].required = False
    settings.variables.append(VariableSettings("renewal_date", "date"))
    settings.fallbacks = [FallbackSettings("whatsapp", "12h"), FallbackSettings("sms", "1d")]
    out = apply_settings(COMMENTED, settings)
    for kept in ("# Renewal notice: owned by the billing team.\n", "# shown in the studio",
                 'description = "Sent 7 days before renewal."', "promotional = false",
                 "# The amount, in the customer's currency.", 'description = "Charged on',
                 'primary = "email"  # email first'):
        assert kept in out
    assert 'title = "Your renewal"   # shown in the studio' in out
    data = tomllib.loads(out)
    assert data["channels"] == ["email", "sms", "whatsapp"]
    assert data["variables"]["amount"] == {"type": "money", "currency": "currency",
                                           "description": "Charged on renewal.",
                                           "required": False}
    assert data["variables"]["renewal_date"] == {"type": "date"}
    assert data["strategy"]["fallback"] == [{"channel": "whatsapp", "after": "12h"},
                                            {"channel": "sms", "after": "1d"}]
    # The studio's loader accepts the result as a template.
    folder = tmp_path / "renewal"
    folder.mkdir()
    (folder / "template.toml").write_text(out, encoding="utf-8")
    template = load_template(folder)
    assert template.variables["renewal_date"].type == "date"
    assert [f.channel for f in template.strategy.fallback] == ["whatsapp", "sms"]
    assert read_settings(out) == settings  # what was written reads back the same


def test_removing_variables_and_strategy() -> None:
    settings = read_settings(COMMENTED)
    settings.variables = [VariableSettings("currency")]
    settings.primary = None
    settings.fallbacks = []
    out = apply_settings(COMMENTED, settings)
    data = tomllib.loads(out)
    assert list(data["variables"]) == ["currency"]
    assert data["strategy"] == {}
    assert "[variables.amount]" not in out and "fallback" not in out
    assert out.startswith("# Renewal notice")


def test_settings_into_an_empty_file() -> None:
    settings = TemplateSettings(title="New", channels=["sms"], primary="sms",
                                variables=[VariableSettings("code", "string")])
    out = apply_settings("", settings)
    data = tomllib.loads(out)
    assert data == {"title": "New", "category": "operational", "channels": ["sms"],
                    "variables": {"code": {"type": "string"}},
                    "strategy": {"primary": "sms"}}


def test_array_of_tables_fallbacks_stay_tables() -> None:
    text = ('title = "x"\n\n[strategy]\nprimary = "email"\n\n[[strategy.fallback]]\n'
            'channel = "sms"\nafter = "4h"\n')
    settings = read_settings(text)
    settings.fallbacks.append(FallbackSettings("whatsapp", "8h"))
    out = apply_settings(text, settings)
    assert out.count("[[strategy.fallback]]") == 2
    assert tomllib.loads(out)["strategy"]["fallback"][1] == {"channel": "whatsapp",
                                                             "after": "8h"}


def test_every_problem_is_reported_at_once_and_nothing_changes() -> None:
    settings = TemplateSettings(
        title="x", category="spam", channels=["email", "fax"], primary="sms",
        variables=[VariableSettings("1st"), VariableSettings("message"),
                   VariableSettings("amount", "cash", currency="cur"),
                   VariableSettings("amount")],
        fallbacks=[FallbackSettings("email", "soon")])
    problems = settings_problems(settings)
    assert len(problems) == 9, problems
    with pytest.raises(InputError) as info:
        apply_settings(COMMENTED, settings)
    assert "unknown channel 'fax'" in str(info.value)
    assert "'1st' is not a valid variable name" in str(info.value)
    assert "fallback delay 'soon' is not a duration" in str(info.value)


def test_a_syntax_error_names_line_and_column() -> None:
    with pytest.raises(InputError) as info:
        apply_settings('title = "x"\nchannels = [\n', TemplateSettings(title="x"),
                       path="templates/t/template.toml")
    assert str(info.value).startswith("templates/t/template.toml:")
    assert info.value.location.line >= 2


def test_renaming_a_variable_keeps_its_description() -> None:
    settings = read_settings(COMMENTED)
    settings.variables[0].name = "total"
    out = apply_settings(COMMENTED, settings)
    data = tomllib.loads(out)
    assert "amount" not in data["variables"]
    assert data["variables"]["total"]["description"] == "Charged on renewal."
    assert data["variables"]["total"]["currency"] == "currency"
