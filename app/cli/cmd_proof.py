"""``missive proof DIR --out FILE.pdf``: the PDF a reviewer archives as the record.

The core builds the proof document (:mod:`app.core.proof_document`); :mod:`app.proof`
prints it with QtWebEngine, offscreen. PySide6 is imported only inside :func:`run`, so
the rest of the command line starts without Qt.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..core.devices import DEVICES, proof_devices
from ..core.project import Project
from ..core.project_files import refuse_project_output
from ..core.proof_document import build_proof
from ..kernel.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``proof`` command."""
    parser = sub.add_parser("proof", help="write a PDF proof of every template and locale "
                            "with its findings and approval status")
    parser.add_argument("dir", help="the project folder")
    parser.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    parser.add_argument("--template", action="append", metavar="ID",
                        help="only this template (repeatable; default: all)")
    parser.add_argument("--device", choices=sorted(DEVICES),
                        help="show the email on this device only (default: "
                             f"{' and '.join(proof_devices())})")
    parser.add_argument("--sample", metavar="NAME", action="append",
                        help="show these samples (repeatable; the first is shown in full in "
                             "every locale; default: per locale its fullest sample in full, "
                             "then every other sample that fits)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the PDF; exit 1 if some message did not render (it is shown in the proof)."""
    out = Path(args.out)
    if out.is_dir() or not out.parent.is_dir():
        raise InputError("cannot write the proof here", path=out,
                         hint="give a file name in an existing folder, e.g. proof.pdf")
    project = Project.load(args.dir)
    refuse_project_output(project.root, out)  # as export does: never replace missive.toml
    if out.is_file() and not _is_pdf(out):
        raise InputError("refused: the file exists and is not a PDF", path=out,
                         hint="give a new file name, or an earlier proof to replace")
    devices = (args.device,) if args.device else None
    html, data = build_proof(project, args.template, devices, args.sample)

    from ..proof import prepare_headless_environment

    prepare_headless_environment(quiet=True)
    from ..proof import write_pdf

    write_pdf(html, out)
    pages = sum(1 for _ in data.variants)
    sys.stdout.write(f"{out}: proof of {len(data.reviews)} templates, {pages} template × "
                     f"locale sections\n")
    if data.failures:
        sys.stderr.write(f"missive: {data.failures} messages did not render (shown in the "
                         f"proof)\n")
        return 1
    return 0


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False
