"""The CLI's JSON outputs and the exported bundle, byte for byte, against goldens.

A guard for refactors that must not change behaviour (issue 11: the channel spec
registry): a fresh demo (``missive new``) is run through the real entry point
(``app.cli.main.main``, in-process like the other CLI tests) with every command that
prints JSON, and the demo's bundle is exported at a fixed time. Each output must equal
its golden in ``tests/data/cli_json/`` byte for byte, after normalising only what varies
between machines and runs:

- the temporary demo, bundle and scratch paths become ``<DEMO>``, ``<BUNDLE>``, ...;
- the app version (SARIF's tool version, the manifest's ``app.version``) becomes
  ``<VERSION>``, so a release bump is not a behaviour change;
- in the review decisions (which record the clock and a random id): each ISO ``time``
  becomes ``<TIME>`` and each decision id ``<ID>``.

The export is made with ``--time`` so its manifest and files carry no clock; the golden
is its ``manifest.json`` plus the list of the archive's files with their SHA-256 and
size. If the bundle format changes on purpose, bump ``format_version`` and regenerate.

``check`` runs the spam-score rule through the real SpamAssassin (offline, ``-L``);
its scores are the same cold and from the cache, but another SpamAssassin release (or
none) scores differently, so the goldens that contain check findings are skipped
without it. The goldens were made with the SpamAssassin ``make test`` installs.

Regenerate the goldens (only when a change of output is intended, and say so in the
commit) with::

    MISSIVE_UPDATE_CLI_GOLDENS=1 .venv/bin/python -m pytest tests/test_cli_json_stable.py

Without that variable a missing golden is a failure, as is a golden no test uses.
"""

from __future__ import annotations

import contextlib
import difflib
import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from app import __version__
from app.core import spamassassin

GOLDENS = Path(__file__).parent / "data" / "cli_json"
UPDATE = os.environ.get("MISSIVE_UPDATE_CLI_GOLDENS") == "1"
TIME = "2026-01-01T00:00:00Z"
SAMPLES = {"en": "emily_en", "he": "dana_he", "ar": "omar_ar"}  # each locale's own sample
LOCALES = ("en", "he", "ar")
CHANNELS = {"delivery_update": ("email", "sms", "whatsapp"),
            "invoice_ready": ("email", "sms", "whatsapp"),
            "login_code": ("sms", "whatsapp"),
            "payment_received": ("email", "sms", "whatsapp")}
needs_sa = pytest.mark.skipif(spamassassin.executable() is None,
                              reason="the goldens hold SpamAssassin's scores")

_ISO_TIME = re.compile(r'("time": )"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)"')
_DECISION_ID = re.compile(r'("decision": )"[a-z]+-[0-9a-f]{8}"')


def run_cli(*args: str | Path) -> tuple[int, str, str]:
    """``missive ARGS...`` through the real entry point; exit code, stdout, stderr."""
    from app.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def _ok(*args: str | Path, codes: tuple[int, ...] = (0,)) -> str:
    code, out, err = run_cli(*args)
    assert code in codes, f"missive {' '.join(map(str, args))}: exit {code}\n{err}"
    return out


class Places:
    """The temporary folders of this run and the text that stands for each."""

    def __init__(self, **paths: Path) -> None:
        self.paths = paths

    def __getattr__(self, name: str) -> Path:
        return self.paths[name]

    def normalise(self, text: str) -> str:
        # Longest first: one path may be a prefix of another.
        for name, path in sorted(self.paths.items(), key=lambda kv: -len(str(kv[1]))):
            text = text.replace(str(path), f"<{name.upper()}>")
        return text


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> Places:
    """A fresh demo, its bundle (exported at a fixed time) and a data file for the bundle."""
    root = tmp_path_factory.mktemp("cli_json")
    demo = root / "demo"
    _ok("new", demo)
    bundle = root / "demo-bundle.zip"
    export_out = _ok("export", demo, "--out", bundle, "--allow-warnings", "--time", TIME)
    data = root / "data"
    data.mkdir()
    with zipfile.ZipFile(bundle) as archive:
        for locale, sample in SAMPLES.items():
            (data / f"{locale}.json").write_bytes(archive.read(f"samples/{sample}.json"))
    found = Places(demo=demo, bundle=bundle, data=data, scratch=root / "scratch",
                   root=root)
    (root / "export.txt").write_text(found.normalise(export_out), encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def decided(places: Places) -> dict[str, str]:
    """Commands that change the project, in order, on a copy of the demo: review
    decisions (then the status they lead to) and a translation round trip."""
    scratch = places.scratch
    shutil.copytree(places.demo, scratch)
    review = ("review", "approve", scratch, "--template", "invoice_ready", "--as", "Dana Levi",
              "--note", "ok", "--format", "json")
    changes = ("review", "request-changes", scratch, "--template", "login_code", "--locale",
               "he", "--channel", "sms", "--as", "Omar", "--note", "shorter", "--format", "json")
    outputs = {"review-approve": _ok(*review), "review-request-changes": _ok(*changes),
               "review-status-after-decisions": _ok("review", "status", scratch,
                                                    "--format", "json")}
    xliff = places.root / "he.xlf"
    _ok("translate", "export", scratch, "--locale", "he", "--format", "xliff", "--out", xliff)
    outputs["translate-import-he"] = _ok("translate", "import", scratch, xliff,
                                         "--format", "json")
    return {name: _ISO_TIME.sub(r'\1"<TIME>"', _DECISION_ID.sub(r'\1"<ID>"',
                                                                places.normalise(text)))
            for name, text in outputs.items()}


def _bundle_manifest(places: Places) -> str:
    with zipfile.ZipFile(places.bundle) as archive:
        text = archive.read("manifest.json").decode("utf-8")
    app = f'"app": {{\n    "name": "Missive Studio",\n    "version": "{__version__}"\n  }}'
    assert app in text, "the manifest's app block moved: update the normalisation"
    return text.replace(app, app.replace(f'"{__version__}"', '"<VERSION>"'))


def _bundle_files(places: Places) -> str:
    """Every file of the archive in its order, with SHA-256 and size (the manifest
    itself is compared in full by its own golden)."""
    lines = []
    with zipfile.ZipFile(places.bundle) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            digest = "-" if info.filename == "manifest.json" else hashlib.sha256(
                data).hexdigest()
            size = "-" if info.filename == "manifest.json" else str(len(data))
            lines.append(f"{digest}  {size:>6}  {info.filename}")
    return "\n".join(lines) + "\n"


def _version(text: str) -> str:
    return text.replace(f'"version": "{__version__}"', '"version": "<VERSION>"')


# A case gives its output (normalised) from the places and, on demand, the decided outputs.
Case = Callable[[Places, Callable[[], dict[str, str]]], str]
CASES: dict[str, tuple[Case, str, tuple]] = {}  # name -> (producer, golden suffix, marks)


def case(name: str, suffix: str = "json", marks: tuple = ()) -> Callable[[Case], Case]:
    """Register a case; its golden is ``tests/data/cli_json/NAME.SUFFIX``."""
    def register(producer: Case) -> Case:
        assert name not in CASES, name
        CASES[name] = (producer, suffix, marks)
        return producer
    return register


def _cli_case(name: str, *args: str, suffix: str = "json", codes: tuple[int, ...] = (0,),
              marks: tuple = (), post: Callable[[str], str] = lambda t: t) -> None:
    def producer(places: Places, _decided: Callable[[], dict[str, str]]) -> str:
        argv = [a.format(**places.paths) for a in args]
        return post(places.normalise(_ok(*argv, codes=codes)))
    case(name, suffix, marks)(producer)


# check: every output format of the whole demo (json and sarif are JSON; junit is the
# third machine-read format, cheap to keep alongside).
_cli_case("check-json", "check", "{demo}", "--format", "json", marks=(needs_sa,))
_cli_case("check-sarif", "check", "{demo}", "--format", "sarif", marks=(needs_sa,),
          post=_version)
_cli_case("check-junit", "check", "{demo}", "--format", "junit", suffix="xml",
          marks=(needs_sa,))
_cli_case("check-json-sms-he", "check", "{demo}", "--channel", "sms", "--locale", "he",
          "--format", "json")
_cli_case("rules-json", "rules", "--format", "json")
_cli_case("translate-status", "translate", "status", "{demo}", "--format", "json")
_cli_case("review-status", "review", "status", "{demo}", "--format", "json")
for _template, _channels in CHANNELS.items():
    for _locale in LOCALES:
        for _channel in _channels:
            _cli_case(f"render-{_template}-{_locale}-{_channel}", "render", "{demo}",
                      "--template", _template, "--locale", _locale, "--channel", _channel,
                      "--sample", SAMPLES[_locale], "--format", "json")
        _cli_case(f"copy-{_template}-{_locale}", "copy", "{demo}", "--template", _template,
                  "--locale", _locale, "--format", "json")
_cli_case("copy-invoice_ready-ar-sms-only", "copy", "{demo}", "--template", "invoice_ready",
          "--locale", "ar", "--channel", "sms", "--format", "json")
for _template in ("invoice_ready", "login_code"):
    for _locale in LOCALES:
        for _channel in CHANNELS[_template]:
            _cli_case(f"bundle-render-{_template}-{_locale}-{_channel}", "bundle", "render",
                      "{bundle}", "--template", _template, "--locale", _locale,
                      "--channel", _channel, "--data", f"{{data}}/{_locale}.json",
                      "--format", "json")
# Not JSON, but one line per message of the whole demo and the bundle's own self-check:
# both walk every channel, which is what the refactor moves.
_cli_case("summary", "summary", "{demo}", suffix="txt")
_cli_case("bundle-verify", "bundle", "verify", "{bundle}", suffix="txt")


@case("export", suffix="txt", marks=(needs_sa,))
def _export(places: Places, _decided: Callable[[], dict[str, str]]) -> str:
    return (places.root / "export.txt").read_text(encoding="utf-8")


@case("bundle-manifest", marks=(needs_sa,))
def _manifest(places: Places, _decided: Callable[[], dict[str, str]]) -> str:
    return _bundle_manifest(places)


@case("bundle-files", suffix="txt")
def _files(places: Places, _decided: Callable[[], dict[str, str]]) -> str:
    return _bundle_files(places)


for _name in ("review-approve", "review-request-changes", "review-status-after-decisions",
              "translate-import-he"):
    case(_name)(lambda places, decided, name=_name: decided()[name])


def _compare(name: str, actual: str, suffix: str) -> None:
    golden = GOLDENS / f"{name}.{suffix}"
    if UPDATE:
        GOLDENS.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
        return
    if not golden.exists():
        pytest.fail(f"no golden {golden.relative_to(GOLDENS.parent.parent.parent)}: make it "
                    "with MISSIVE_UPDATE_CLI_GOLDENS=1 (see the module docstring)", pytrace=False)
    expected = golden.read_bytes().decode("utf-8")
    if actual != expected:
        diff = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                         f"golden/{golden.name}", f"now/{name}", lineterm="",
                                         n=2))
        shown = "\n".join(diff[:60]) + ("\n..." if len(diff) > 60 else "")
        if not diff:  # the lines agree: line endings or the final newline differ
            shown = f"golden ends {expected[-40:]!r}, output ends {actual[-40:]!r}"
        pytest.fail(f"'{name}' differs from its golden ({len(diff)} diff lines):\n{shown}",
                    pytrace=False)


@pytest.mark.parametrize("name", [pytest.param(n, marks=m, id=n)
                                  for n, (_, _, m) in CASES.items()])
def test_output_matches_its_golden(name: str, places: Places,
                                   request: pytest.FixtureRequest) -> None:
    producer, suffix, _marks = CASES[name]
    actual = producer(places, lambda: request.getfixturevalue("decided"))
    assert actual.strip(), f"{name} printed nothing"
    if suffix == "json":  # stdout is one JSON document, nothing else
        json.loads(actual)
    for path in places.paths.values():
        assert str(path) not in actual, f"{name}: a temporary path was left in"
    _compare(name, actual, suffix)


def test_every_golden_belongs_to_a_case() -> None:
    """A golden that no case produces means a command dropped out of the comparison."""
    wanted = {f"{name}.{suffix}" for name, (_, suffix, _m) in CASES.items()}
    orphans = sorted(p.name for p in GOLDENS.glob("*") if p.name not in wanted)
    assert not orphans, f"goldens without a case: {orphans}"
