"""Loading projects: the demo, and every way a project file can be wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.project import Project
from app.kernel.errors import InputError


def test_demo_project_loads_with_its_templates_and_samples(demo_project: Project) -> None:
    config = demo_project.config
    assert config.locales == ("en", "he", "ar")
    assert config.default_locale == "en"
    assert {"invoice_ready", "payment_received", "delivery_update", "login_code"} <= set(
        demo_project.templates
    )
    assert demo_project.templates["login_code"].category == "authentication"
    assert "email" not in demo_project.templates["login_code"].channels
    assert len(demo_project.samples) >= 5
    invoice = demo_project.templates["invoice_ready"]
    assert invoice.variables["amount_due"].type == "money"
    assert invoice.variables["amount_due"].currency == "currency"
    assert invoice.strategy.primary == "email"
    assert all(f.after for f in invoice.strategy.fallback)


def test_missing_folder_and_missing_missive_toml(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such project folder"):
        Project.load(tmp_path / "nope")
    with pytest.raises(InputError, match=r"missive\.toml is missing"):
        Project.load(tmp_path)


def test_toml_syntax_error_names_line_and_column(demo: Path) -> None:
    path = demo / "missive.toml"
    path.write_text('[project]\nname = "x"\nlocales = ["en"\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        Project.load(demo)
    err = info.value
    assert err.location.path.endswith("missive.toml")
    assert err.location.line == 3
    assert err.location.column >= 1
    assert "TOML syntax error" in str(err)


def test_unknown_key_names_its_line(demo: Path) -> None:
    path = demo / "missive.toml"
    text = path.read_text(encoding="utf-8").replace(
        "[sender]\n", "[sender]\nemail_form = \"typo@northwind.example\"\n")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        Project.load(demo)
    lines = text.splitlines()
    assert lines[info.value.location.line - 1].startswith("email_form")
    assert "unknown key 'sender.email_form'" in str(info.value)
    assert "email_from" in info.value.hint


def test_unknown_variable_type_in_template_toml(demo: Path) -> None:
    path = demo / "templates" / "invoice_ready" / "template.toml"
    text = path.read_text(encoding="utf-8").replace('type = "money"', 'type = "cash"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        Project.load(demo)
    assert "unknown variable type 'cash'" in str(info.value)
    assert text.splitlines()[info.value.location.line - 1].strip() == 'type = "cash"'


def test_unknown_key_in_template_toml(demo: Path) -> None:
    path = demo / "templates" / "invoice_ready" / "template.toml"
    path.write_text("chanel = 1\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match="unknown key 'chanel'") as info:
        Project.load(demo)
    assert info.value.location.line == 1
    # The same key under a table is reported with its table's name.
    path.write_text(path.read_text(encoding="utf-8")[len("chanel = 1\n"):] + "chanel = 1\n",
                    encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown key 'strategy\.chanel'"):
        Project.load(demo)


def test_invalid_sample_json_names_line_and_column(demo: Path) -> None:
    (demo / "samples" / "broken.json").write_text('{\n  "first_name": "Ann",\n  oops\n}',
                                                  encoding="utf-8")
    with pytest.raises(InputError) as info:
        Project.load(demo)
    assert info.value.location.path.endswith("broken.json")
    assert (info.value.location.line, info.value.location.column) == (3, 3)


def test_sample_that_is_not_an_object(demo: Path) -> None:
    (demo / "samples" / "list.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="JSON object"):
        Project.load(demo)


def test_sample_may_not_use_reserved_names(demo: Path) -> None:
    (demo / "samples" / "bad.json").write_text('{"sender": "me"}', encoding="utf-8")
    with pytest.raises(InputError, match="reserved"):
        Project.load(demo)


def test_fallback_delay_must_be_a_duration(demo: Path) -> None:
    path = demo / "templates" / "invoice_ready" / "template.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('after = "24h"', 'after = "soon"'),
                    encoding="utf-8")
    with pytest.raises(InputError, match="not a duration"):
        Project.load(demo)


def test_unknown_locale_is_refused(demo: Path) -> None:
    path = demo / "missive.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('"ar"]', '"xx-nope"]'),
                    encoding="utf-8")
    with pytest.raises(InputError, match="unknown locale"):
        Project.load(demo)
