"""The boundaries the design depends on: a headless core, a runtime-ready sandbox."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _imports(path: Path) -> set[str]:
    """Top-level names a module imports; a relative import counts as ``app``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("app" if node.level else (node.module or "").split(".")[0])
    return names


def test_import_contracts_hold() -> None:
    """The layers in pyproject's [tool.importlinter] (indirect and relative imports count)."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]


def test_core_and_cli_never_import_qt_statically() -> None:
    for folder in ("app/core", "app/cli"):
        for path in (ROOT / folder).rglob("*.py"):
            assert not {"PySide6", "shiboken6"} & _imports(path), path


def test_importing_and_rendering_with_the_core_loads_no_qt() -> None:
    code = (
        "import sys\n"
        "from app.core.project import Project\n"
        "from app.core.render import Renderer\n"
        "from app.core.paths import demo_project_dir\n"
        "p = Project.load(demo_project_dir())\n"
        "Renderer(p).render('invoice_ready', 'he', 'email', p.samples['dana_he'].data)\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.strip() == "[]"


def test_the_kernel_needs_only_jinja_and_babel() -> None:
    # The runtime wheel carries the kernel; it must not pull in MJML, premailer or Qt.
    # Its own imports of app modules are held by the import contracts (test above).
    allowed = {"app", "jinja2", "markupsafe", "babel", "__future__"} | set(sys.stdlib_module_names)
    paths = sorted((ROOT / "app" / "kernel").rglob("*.py"))
    assert len(paths) >= 10
    for path in paths:
        imported = _imports(path)
        assert imported <= allowed, (path.name, imported - allowed)


def test_rule_messages_are_translatable_templates() -> None:
    """A rule's message and hint are ``msg(...)`` templates (or text passed through from
    elsewhere), never an f-string the studio could not find in its catalogs."""
    offenders = []
    for path in (ROOT / "app/core/checks/rules").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Issue":
                texts = node.args[:1] + [k.value for k in node.keywords
                                         if k.arg in ("message", "hint")]
                offenders += [f"{path.name}:{node.lineno}" for text in texts
                              if isinstance(text, ast.JoinedStr | ast.Constant | ast.BinOp)]
    assert not offenders, offenders
