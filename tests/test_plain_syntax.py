"""TOML and JSON mistakes explained in plain words, on the author's line and column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.core.project import Project
from app.kernel.errors import InputError


def _load_error(root: Path) -> InputError:
    with pytest.raises(InputError) as info:
        Project.load(root)
    return info.value


def test_a_quote_inside_toml_text(demo: Path) -> None:
    path = demo / "templates/invoice_ready/en/email.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append('text = "Your "renewal" is due"')
    number = len(lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from app.core.render import Renderer

    project = Project.load(demo)
    with pytest.raises(InputError) as info:
        Renderer(project).render("invoice_ready", "en", "email",
                                 project.samples["emily_en"].data)
    err = info.value
    assert f"a quote inside the text ends it early on line {number}" in err.message
    assert "Expected newline" not in err.message
    assert (err.location.line, err.location.column) == (number, 15)


def test_an_unclosed_toml_quote(demo: Path) -> None:
    path = demo / "missive.toml"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    index = next(i for i, row in enumerate(lines) if row.startswith("name"))
    lines[index] = lines[index].rstrip('"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _load_error(demo)
    assert f"a quote is not closed on line {index + 1}" in err.message
    assert err.location.line == index + 1


def test_a_missing_comma_in_a_sample_is_on_its_own_line(demo: Path) -> None:
    path = demo / "samples/emily_en.json"
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[2] = lines[2].rstrip(",")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    err = _load_error(demo)
    assert "a comma is missing at the end of line 3" in err.message
    assert (err.location.line, err.location.column) == (3, len(lines[2]) + 1)
    json.loads(text)  # the original was fine


def test_a_misspelt_sample_name_gets_a_did_you_mean(cli, demo: Path) -> None:
    result = cli("render", demo, "--template", "invoice_ready", "--locale", "en",
                 "--channel", "sms", "--sample", "emily_n")
    assert result.code == 2
    assert "no sample 'emily_n'; did you mean 'emily_en'?" in result.err
