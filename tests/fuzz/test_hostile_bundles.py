"""Crafted bundles for the sending system: each attack ends in one line from ``missive
bundle verify`` and ``bundle render`` and from the runtime's BoundedRenderer, and the
renderer goes on rendering good messages afterwards."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from app.core.paths import demo_project_dir
from app.kernel.errors import MissiveError
from app.runtime import BoundedRenderer, Limits, RenderStopped
from tests.bundle_helpers import export_demo, read_zip, rewrite

SMS = "templates/login_code/en/sms/sms.txt"
BODY = "templates/invoice_ready/en/email/body.html"
DATA = {"code": "123456", "code_minutes": 5}
ATTACKS = {
    "power chain": (SMS, "{{ (((9**99)**99)**99)**99 }}"),
    "format doubling": (SMS, "{% set s = namespace(v='ab') %}{% for i in range(40) %}"
                             "{% set s.v = '%s%s'|format(s.v, s.v) %}{% endfor %}"),
    "99,999 paddings": (SMS, "{% for i in range(99999) %}{{ 'x'|center(9999) }}{% endfor %}"),
    "output bomb": (SMS, "{% for i in range(99999) %}{{ 'x' * 99999 }}{% endfor %}"),
    "memory bomb": (SMS, "{{ (range(99999)|map('center', 9999)|list)|length }}"),
    "cpu burner": (SMS, "{% for i in range(99999) %}{{ ('x' * 99999).upper()|length }}"
                        "{% endfor %}"),
    "5,000 filters": (SMS, "{{ code" + "|lower" * 5000 + " }}"),
    "2,000 parentheses": (SMS, "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}"),
    "20,000 divs": (BODY, "<div>" * 20000),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """The files of a bundle of two demo templates."""
    root = tmp_path_factory.mktemp("project") / "demo"
    shutil.copytree(demo_project_dir(), root)
    for other in ("delivery_update", "payment_received"):
        shutil.rmtree(root / "templates" / other)
    out = root.parent / "demo.zip"
    export_demo(root, out)
    return read_zip(out)


def _folder(files: dict[str, bytes], where: Path) -> Path:
    # A folder: a zip of such repetitive text is refused as a zip bomb before any render.
    for name, data in files.items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_bytes(data)
    return where


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(DATA))
    return path


@pytest.mark.parametrize("attack", ATTACKS)
def test_the_command_line_answers_in_one_line(attack: str, exported, tmp_path: Path,
                                              data_file: Path, cli) -> None:
    name, text = ATTACKS[attack]
    bundle = _folder(rewrite(exported, name, text.encode()), tmp_path / "bundle")
    template, channel = ("invoice_ready", "email") if name == BODY else ("login_code", "sms")
    if name == BODY:
        data_file.write_bytes(exported["samples/emily_en.json"])
    for args in (("verify", bundle),
                 ("render", bundle, "--template", template, "--locale", "en",
                  "--channel", channel, "--data", data_file)):
        result = cli("bundle", *args)
        assert result.code in (1, 2), (args[0], result)
        assert len(result.err.splitlines()) == 1, (args[0], result.err)
        assert result.err.startswith("missive: error: ") and "unexpected" not in result.err


@pytest.mark.parametrize("attack", [a for a in ATTACKS if ATTACKS[a][0] == SMS
                                    and "filters" not in a and "parenth" not in a])
def test_the_bounded_renderer_refuses_and_keeps_going(attack: str, exported,
                                                      tmp_path: Path) -> None:
    name, text = ATTACKS[attack]
    bundle = _folder(rewrite(exported, name, text.encode()), tmp_path / "bundle")
    with BoundedRenderer(bundle, limits=Limits(cpu_seconds=1, memory_mb=256)) as renderer:
        with pytest.raises(MissiveError) as caught:
            renderer.render("login_code", "en", "sms", DATA)
        assert "\n" not in str(caught.value)
        assert "sms.txt" in str(caught.value)
        if attack in ("memory bomb", "cpu burner"):  # past the sandbox: the worker stops it
            assert isinstance(caught.value, RenderStopped)
        message = renderer.render("login_code", "en", "whatsapp", DATA)
        assert "123456" in message.body


def test_the_bounded_renderer_renders_as_the_bundle_does(exported, tmp_path: Path) -> None:
    from app.runtime import Bundle

    bundle = Bundle.open(_folder(exported, tmp_path / "bundle"))
    sample = bundle.sample("emily_en")
    with BoundedRenderer(bundle) as renderer:
        for channel in ("email", "sms", "whatsapp"):
            template = "invoice_ready" if channel == "email" else "login_code"
            data = sample if channel == "email" else DATA
            assert renderer.render(template, "en", channel, data).to_dict() == \
                bundle.render(template, "en", channel, data).to_dict()
