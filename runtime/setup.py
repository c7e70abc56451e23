"""Assemble ``src/missive_runtime`` from the repository's sources before setuptools looks.

Inside the repository (a wheel built by ``make runtime`` or ``pip install ./runtime``)
the package is copied fresh from ``app/`` by ``scripts/build_runtime.py``; from an sdist
it is already there. The version is the studio's.
"""

import re
import runpy
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
BUILD = HERE.parent / "scripts" / "build_runtime.py"
if BUILD.exists():
    runpy.run_path(str(BUILD))["build"]()
    VERSION = re.search(r'__version__\s*=\s*"([^"]+)"',
                        (HERE.parent / "app" / "__init__.py").read_text()).group(1)
    (HERE / "src" / "missive_runtime" / "_version.py").write_text(
        f'"""The studio version this runtime was built from."""\n\n__version__ = "{VERSION}"\n')
VERSION = re.search(r'__version__ = "([^"]+)"',
                    (HERE / "src" / "missive_runtime" / "_version.py").read_text()).group(1)

setup(version=VERSION)
