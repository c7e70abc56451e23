"""Rendering never touches the network: a CSS ``@import`` (in mj-style, or a style in
mj-raw) and resource hints (``<link rel=preconnect>`` …) open no connection in any
command, and the check names the import it dropped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.core.css_imports import drop_imports, drop_imports_in_html, find_imports

from .conftest import Listener

TIME = "2026-01-01T00:00:00Z"


def _hostile(demo: Path, base: str) -> None:
    """The demo with imports in the layout's mj-style and in an mj-raw style, and
    resource hints in the body."""
    layout = demo / "layouts" / "base.mjml"
    text = layout.read_text(encoding="utf-8")
    text = text.replace("<mj-style>", f"<mj-style>\n      @import url({base}/mj-style.css);", 1)
    body = demo / "templates" / "invoice_ready" / "en" / "email.mjml"
    hints = (f'<mj-raw><link rel="preconnect" href="{base}/pre" /><link rel="dns-prefetch" '
             f'href="{base}/dns" /><link rel="prefetch" href="{base}/fetch" />'
             f'<link rel="preload" as="style" href="{base}/load.css" /></mj-raw>')
    layout.write_text(text.replace("</mj-head>", hints + "</mj-head>", 1), encoding="utf-8")
    raw = f'        <mj-raw><style>@IMPORT "{base}/raw.css" screen;</style></mj-raw>\n'
    text = body.read_text(encoding="utf-8")
    text = text.replace("{% block content %}\n", "{% block content %}\n" + raw, 1)
    body.write_text(text, encoding="utf-8")


def test_imports_are_found_however_they_are_written() -> None:
    css = ('a{content:"@import x;"} @import url("a;b.css"); @\\69mport \'y.css\'; '
           "/* @import z; */ @media print { @import url(w.css) print; b{color:red} }")
    assert [i.text for i in find_imports(css)] == [
        '@import url("a;b.css");', "@\\69mport 'y.css';", "@import url(w.css) print;"]
    assert drop_imports(css) == ('a{content:"@import x;"}   /* @import z; */ @media print '
                                 '{  b{color:red} }')
    html = "<style>@import url(x.css); p{}</style><p>@import is fine in text</p>"
    assert drop_imports_in_html(html) == "<style> p{}</style><p>@import is fine in text</p>"


def test_no_command_connects_for_imports_or_hints(demo: Path, tmp_path: Path, cli,
                                                  listener: Listener) -> None:
    _hostile(demo, listener.base)
    one = ("--template", "invoice_ready")
    render = cli("render", demo, *one, "--locale", "en", "--channel", "email",
                 "--sample", "emily_en", "--format", "html")
    assert render.code == 0, render.err
    assert "@import" not in render.out.lower() and "raw.css" not in render.out
    check = cli("check", demo, *one, "--channel", "email", "--format", "json")
    assert check.code == 0, check.err
    found = [f for f in json.loads(check.out)["findings"] if f["rule"] == "css-import"]
    named = {(f["locale"], f["path"], f["line"], f["message"].split("'")[1]) for f in found}
    assert ("en", "layouts/base.mjml", 16, f"@import url({listener.base}/mj-style.css);") \
        in named
    assert ("en", "templates/invoice_ready/en/email.mjml", 3,
            f'@IMPORT "{listener.base}/raw.css" screen;') in named
    assert cli("summary", demo).code == 0
    assert cli("review", "status", demo).code == 0
    bundle = tmp_path / "out.zip"
    exported = cli("export", demo, "--out", bundle, "--allow-warnings", "--time", TIME)
    assert exported.code == 0, exported.err
    assert cli("bundle", "verify", bundle).code == 0
    data = tmp_path / "emily.json"
    data.write_text((demo / "samples" / "emily_en.json").read_text("utf-8"), "utf-8")
    rendered = cli("bundle", "render", bundle, *one, "--locale", "en", "--channel", "email",
                   "--data", data, "--format", "json")
    assert rendered.code == 0, rendered.err
    assert "raw.css" not in rendered.out and "mj-style.css" not in rendered.out
    proof = cli("proof", demo, "--out", tmp_path / "proof.pdf", *one, "--device", "phone")
    assert proof.code == 0, proof.err
    time.sleep(1)  # a late connection would arrive now
    assert listener.hits == []


def test_project_web_fonts_stay_in_the_email_but_are_never_fetched(
        demo: Path, tmp_path: Path, cli, listener: Listener) -> None:
    toml = demo / "missive.toml"
    font = f"{listener.base}/inter.css"
    toml.write_text(toml.read_text(encoding="utf-8")
                    + f'\n[email]\nfonts = {{ "Noto Sans" = "{font}" }}\n', encoding="utf-8")
    render = cli("render", demo, "--template", "invoice_ready", "--locale", "he", "--channel",
                 "email", "--sample", "dana_he", "--format", "html")
    assert render.code == 0, render.err
    assert f'href="{font}"' in render.out and f"@import url({font});" in render.out
    assert "data-premailer" not in render.out
    check = cli("check", demo, "--template", "invoice_ready", "--format", "json")
    assert "css-import" not in check.out  # the project asked for the font: not a finding
    exported = cli("export", demo, "--out", tmp_path / "b.zip", "--allow-warnings",
                   "--template", "invoice_ready", "--time", TIME)
    assert exported.code == 0, exported.err
    time.sleep(1)
    assert listener.hits == []


@pytest.mark.parametrize("flags", [(), ("--images-off",), ("--tab", "review")],
                         ids=["images-on", "images-off", "review-grid"])
def test_the_studio_connects_nowhere(demo: Path, tmp_path: Path, listener: Listener,
                                     flags: tuple[str, ...]) -> None:
    _hostile(demo, listener.base)
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-m", "app", "studio", str(demo), "--screenshot",
                           str(out), "--template", "invoice_ready", "--locale", "en",
                           "--channel", "email", *flags],
                          capture_output=True, text=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr
    assert out.is_file()
    time.sleep(1)
    assert listener.hits == []
