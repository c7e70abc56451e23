"""Assemble the standalone ``missive_runtime`` package from the studio's own sources.

The runtime has one implementation: ``app/runtime`` and the core modules it imports
(the kernel, app/kernel: bidi, formatting, the sandbox, SMS segments, WhatsApp parameters, errors,
plain-text rules …). The studio imports them where they are; this script copies exactly
those files into ``runtime/src/missive_runtime`` (runtime modules at the top, core
modules under ``_kernel``), rewriting their imports, so the ``missive-runtime``
distribution (``runtime/pyproject.toml``) has its own import name and never collides
with a user's ``app`` package. Which core modules go in is found by following imports
from ``app/runtime``, so a new kernel module is picked up without editing this file.

    python scripts/build_runtime.py            # writes runtime/src/missive_runtime
"""

from __future__ import annotations

import ast
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "runtime" / "src" / "missive_runtime"
RUNTIME, CORE, KERNEL = "app.runtime", "app.core", "app.kernel"
NEW_RUNTIME, NEW_KERNEL = "missive_runtime", "missive_runtime._kernel"
DATA = {"app.kernel.sms_segments": ("data/sms_smart_encoding.json",)}
# Modules started by name rather than imported: the bounded worker's process.
ENTRY_POINTS = ("app.core.worker.child",)


def _path(module: str) -> Path:
    base = ROOT.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _absolute(module: str, node: ast.ImportFrom) -> str:
    """The absolute module an ``ImportFrom`` in ``module`` names."""
    if not node.level:
        return node.module or ""
    package = module.split(".")
    is_package = _path(module).name == "__init__.py"
    base = package if is_package else package[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _renamed(module: str) -> str:
    if module == RUNTIME or module.startswith(RUNTIME + "."):
        return NEW_RUNTIME + module[len(RUNTIME):]
    if module == KERNEL or module.startswith(KERNEL + "."):
        return NEW_KERNEL + module[len(KERNEL):]
    if module.startswith(CORE + "."):  # the review and worker modules the runtime shares
        return NEW_KERNEL + module[len(CORE):]
    raise SystemExit(f"build_runtime: the runtime may not import {module} "
                     "(only app.runtime and app.core modules; see pyproject's import contracts)")


def _app_imports(module: str, tree: ast.Module) -> list[str]:
    """The ``app`` modules (or packages' submodules) a module imports."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = _absolute(module, node)
            if target.split(".")[0] != "app":
                continue
            for alias in node.names:  # ``from ..core import bidi`` imports a module
                sub = f"{target}.{alias.name}"
                found.append(sub if _path(sub).exists() else target)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.split(".")[0] == "app"]
    return found


def collect() -> dict[str, Path]:
    """Every module the runtime needs, by its ``app`` name."""
    todo = [f"{RUNTIME}.{p.stem}" if p.stem != "__init__" else RUNTIME
            for p in sorted((ROOT / "app" / "runtime").glob("*.py"))] + list(ENTRY_POINTS)
    seen: dict[str, Path] = {}
    while todo:
        module = todo.pop()
        if module in seen or module in (CORE, KERNEL):
            continue
        path = _path(module)
        seen[module] = path
        todo += _app_imports(module, ast.parse(path.read_text(encoding="utf-8")))
    return seen


def rewrite(module: str, source: str) -> str:
    """``source`` with every ``app`` import made absolute into ``missive_runtime``."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = _absolute(module, node)
            if target.split(".")[0] == "app":
                edits.append((node.lineno, node.col_offset, _renamed(target)))
    for lineno, col, new in sorted(edits, reverse=True):
        line = lines[lineno - 1]
        lines[lineno - 1] = line[:col] + re.sub(r"^from\s+[.\w]+", f"from {new}",
                                                line[col:], count=1)
    text = "".join(lines)
    # Resource lookups and usage lines name the package as a string.
    text = text.replace('"app.kernel"', f'"{NEW_KERNEL}"').replace('"app.core"', f'"{NEW_KERNEL}"')
    return text.replace("python -m app.runtime", "python -m missive_runtime").replace(
        "from app.runtime import", "from missive_runtime import")


def build() -> Path:
    """Write the package; returns its folder."""
    modules = collect()
    targets: dict[str, str] = {}
    for module in modules:  # app.core.X and app.kernel.X both land in _kernel
        other = targets.setdefault(_renamed(module), module)
        if other != module:
            raise SystemExit(f"build_runtime: {module} and {other} would both be "
                             f"{_renamed(module)}; rename one")
    if OUT.exists():
        shutil.rmtree(OUT)
    for module, path in sorted(modules.items()):
        target = OUT.joinpath(*_renamed(module).split(".")[1:])
        target = target / "__init__.py" if path.name == "__init__.py" else \
            target.with_suffix(".py")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(rewrite(module, path.read_text(encoding="utf-8")), encoding="utf-8")
        for data in DATA.get(module, ()):
            copy = target.parent / data
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path.parent / data, copy)
    for folder in sorted({p.parent for p in OUT.rglob("*.py")}):
        init = folder / "__init__.py"
        if not init.exists():  # a package the runtime uses only some modules of
            init.write_text('"""The studio\'s core modules the runtime shares (copied by '
                            'scripts/build_runtime.py)."""\n', encoding="utf-8")
    (OUT / "py.typed").write_text("", encoding="utf-8")
    return OUT


if __name__ == "__main__":
    out = build()
    count = len(list(out.rglob("*.py")))
    print(f"build_runtime: {count} modules in {out.relative_to(ROOT)}", file=sys.stderr)
