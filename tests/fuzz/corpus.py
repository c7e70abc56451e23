"""A corpus of malformed and hostile projects, each the demo project with one change.

Every case is a function of the project folder that breaks one thing the way a careless
user or an attacker would: nesting, sizes, numbers, headers, Jinja depth, payloads that
cost CPU or memory. The fuzz tests run every command on each (see test_fuzz_cli.py).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

from app.core.paths import demo_project_dir

INVOICE = Path("templates/invoice_ready/en")
LOGIN = Path("templates/login_code/en")
SAMPLE = Path("samples/emily_en.json")


def _write(root: Path, name: Path | str, text: str) -> None:
    (root / name).write_text(text, encoding="utf-8")


def _append(root: Path, name: Path | str, text: str) -> None:
    path = root / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _sample(root: Path, **values: object) -> None:
    path = root / SAMPLE
    data = json.loads(path.read_text(encoding="utf-8"))
    data.update(values)
    path.write_text(json.dumps(data), encoding="utf-8")


def _mjml(body: str) -> str:
    return f"<mjml><mj-body>{body}</mj-body></mjml>"


def _deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


CASES: dict[str, Callable[[Path], None]] = {
    # -- nesting of the files the project is made of --------------------------------------
    "toml-deep-arrays": lambda r: _append(r, "missive.toml",
                                          "\nx = " + "[" * 5000 + "]" * 5000 + "\n"),
    "toml-deep-inline-tables": lambda r: _append(
        r, INVOICE.parent / "template.toml", "\ny = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n"),
    "policy-deep": lambda r: _write(r, "policy.toml", "x = " + "[" * 5000 + "]" * 5000),
    "policy-limits-bad": lambda r: _write(r, "policy.toml", "[limits]\nrender_seconds = 0\n"),
    "sample-deep-json": lambda r: _write(r, SAMPLE, '{"a": ' + _deep_json(100_000) + "}"),
    "sample-5000-digits": lambda r: _write(
        r, SAMPLE, (r / SAMPLE).read_text("utf-8").replace('"amount_due": 89.99',
                                                           '"amount_due": ' + "9" * 5000)),
    "sample-huge-string": lambda r: _sample(r, first_name="x" * 3_000_000),
    "header-newline": lambda r: _write(
        r, INVOICE / "email.toml",
        'subject = "Invoice\\nBcc: evil@example.com"\npreheader = "p"\n'),
    "mjml-deep-divs": lambda r: _write(r, INVOICE / "email.mjml",
                                       _mjml("<mj-raw>" + "<div>" * 20000 + "</mj-raw>")),
    "mjml-deep-sections": lambda r: _write(
        r, INVOICE / "email.mjml", _mjml("<mj-wrapper>" * 3000 + "</mj-wrapper>" * 3000)),
    "mjml-5000-sections": lambda r: _write(r, INVOICE / "email.mjml", _mjml(
        "<mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section>" * 5000)),
    "mjml-10mb-comment": lambda r: _write(r, INVOICE / "email.mjml", _mjml(
        "<mj-raw><!-- " + "x" * 10_000_000 + " --></mj-raw>")),
    # -- Jinja nesting --------------------------------------------------------------------
    "jinja-100-ifs": lambda r: _write(r, LOGIN / "sms.txt",
                                      "{% if 1 %}" * 100 + "x" + "{% endif %}" * 100),
    "jinja-2000-parens": lambda r: _write(r, LOGIN / "sms.txt",
                                          "{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}"),
    "jinja-5000-filters": lambda r: _write(r, LOGIN / "sms.txt",
                                           "{{ code" + "|lower" * 5000 + " }}"),
    "jinja-subject-deep": lambda r: _write(
        r, INVOICE / "email.toml",
        'subject = "{{ ' + "(" * 2000 + "1" + ")" * 2000 + ' }}"\npreheader = "p"\n'),
    "whatsapp-5000-placeholders": lambda r: _write(
        r, LOGIN / "whatsapp.toml",
        (r / LOGIN / "whatsapp.toml").read_text("utf-8").replace(
            "*{{ code }}* is", "{{ code }} " * 5000 + "is")),
    # -- resources ------------------------------------------------------------------------
    "power-chain": lambda r: _write(r, LOGIN / "sms.txt", "{{ (((9**99)**99)**99)**99 }}"),
    "format-doubling": lambda r: _write(
        r, LOGIN / "sms.txt",
        "{% set s = namespace(v='ab') %}{% for i in range(40) %}"
        "{% set s.v = '%s%s'|format(s.v, s.v) %}{% endfor %}{{ s.v|length }}"),
    "padding-loop": lambda r: _write(
        r, LOGIN / "sms.txt", "{% for i in range(99999) %}{{ 'x'|center(9999) }}{% endfor %}"),
    "memory-map": lambda r: _write(
        r, LOGIN / "sms.txt", "{{ (range(99999)|map('center', 9999)|list)|length }}"),
    # -- plain breakage -------------------------------------------------------------------
    "empty-mjml": lambda r: _write(r, INVOICE / "email.mjml", ""),
    "binary-sms": lambda r: (r / LOGIN / "sms.txt").write_bytes(b"\xff\xfe\x00bad"),
    "missive-toml-garbage": lambda r: _write(r, "missive.toml", "name = [\n"),
    "template-toml-missing": lambda r: (r / INVOICE.parent / "template.toml").unlink(),
}

SLOW_CASES = {"mjml-10mb-comment", "mjml-5000-sections", "sample-huge-string"}


def make_case(name: str, parent: Path, trim: bool = True) -> Path:
    """A copy of the demo project under ``parent`` with case ``name`` applied; ``trim``
    keeps only the two templates the cases change (half the time per command)."""
    root = parent / name
    shutil.copytree(demo_project_dir(), root)
    if trim:
        for other in ("delivery_update", "payment_received"):
            shutil.rmtree(root / "templates" / other)
    CASES[name](root)
    return root
