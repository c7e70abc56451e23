"""The standalone runtime: its wheel alone, in a fresh environment, beside a user's ``app``.

A sending system installs ``missive-runtime`` (import name ``missive_runtime``) without
the studio: no PySide6, MJML or premailer. This builds the wheel as ``make runtime``
does, installs it into a new virtual environment, and renders every variant of the
demo's bundle from a folder that has its own ``app`` package.
"""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from app.core.paths import demo_project_dir
from tests.bundle_helpers import export_demo

ROOT = Path(__file__).resolve().parents[1]

USER_SCRIPT = r'''
import json, sys
import app                                   # the user's own package, not the studio
assert app.WHO == "the sending system's app", app.__file__
from missive_runtime import Bundle, DataError
bundle = Bundle.open(sys.argv[1])
rendered = 0
for template in bundle.manifest["templates"]:
    for locale, channels in template["locales"].items():
        for channel in channels:
            sample = next(g["sample"] for g in template["golden"]
                          if g["locale"] == locale and g["channel"] == channel)
            message = bundle.render(template["id"], locale, channel, bundle.sample(sample))
            assert message.to_dict(), (template["id"], locale, channel)
            rendered += 1
try:
    bundle.render("invoice_ready", "en", "sms", dict(bundle.sample("emily_en"), currency="dollars"))
except DataError as exc:
    bad = str(exc)
from missive_runtime import BoundedRenderer   # renders in a worker process under limits
bounded = BoundedRenderer(bundle)
sms = bounded.render("invoice_ready", "he", "sms", bundle.sample("dana_he"))
bounded.close()
assert sms.text == bundle.render("invoice_ready", "he", "sms", bundle.sample("dana_he")).text
mods = sorted(m.split(".")[0] for m in sys.modules)
print(json.dumps({"rendered": rendered, "bad": bad,
                  "heavy": [m for m in ("PySide6", "mjml", "premailer", "html5lib", "lxml")
                            if m in mods]}))
'''


@pytest.fixture(scope="module")
def runtime_env(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with only the runtime wheel (and Jinja2, Babel) installed."""
    base = tmp_path_factory.mktemp("runtime")
    wheels = base / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    str(ROOT / "runtime"), "-w", str(wheels)], check=True, cwd=ROOT)
    wheel = next(wheels.glob("missive_runtime-*.whl"))
    venv.EnvBuilder(with_pip=True).create(base / "venv")
    python = base / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                    "--disable-pip-version-check", str(wheel)], check=True)
    return python


def test_the_wheel_alone_renders_every_variant_beside_a_users_app(
        runtime_env: Path, tmp_path: Path) -> None:
    installed = subprocess.run([str(runtime_env), "-m", "pip", "list", "--format=json"],
                               capture_output=True, text=True, check=True).stdout
    names = {p["name"].lower() for p in json.loads(installed)}
    assert "missive-runtime" in names
    assert not names & {"pyside6", "mjml-python", "premailer", "html5lib", "missive-studio"}
    bundle = tmp_path / "bundle.zip"
    manifest = export_demo(demo_project_dir(), bundle)
    variants = sum(len(channels) for t in manifest["templates"]
                   for channels in t["locales"].values())
    user = tmp_path / "service"
    (user / "app").mkdir(parents=True)
    (user / "app" / "__init__.py").write_text('WHO = "the sending system\'s app"\n')
    (user / "render_all.py").write_text(USER_SCRIPT)
    run = subprocess.run([str(runtime_env), "render_all.py", str(bundle)], cwd=user,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout)
    assert result["rendered"] == variants >= 30  # every template × locale × channel
    assert "data.currency" in result["bad"] and "ISO 4217" in result["bad"]
    assert result["heavy"] == []
    conformance = subprocess.run([str(runtime_env), "-m", "missive_runtime", "conformance",
                                  str(bundle)], cwd=user, capture_output=True, text=True)
    assert conformance.returncode == 0, conformance.stdout[-2000:] + conformance.stderr
    assert conformance.stdout.strip().endswith(" passed, 0 failed")
