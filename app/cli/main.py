"""The ``missive`` entry point: parse the command line and report errors as one line.

Exit codes: 0 success; 1 the content has errors; 2 the input could not be used.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .. import __version__
from ..core.checks.engine import default_jobs
from ..core.worker import shared_pool, use_pool
from ..kernel.errors import MissiveError
from . import (
    cmd_bundle,
    cmd_check,
    cmd_copy,
    cmd_export,
    cmd_new,
    cmd_proof,
    cmd_render,
    cmd_review,
    cmd_rules,
    cmd_send_test,
    cmd_studio,
    cmd_summary,
    cmd_template,
    cmd_translate,
)
from .output import print_error

RENDERING = ("render", "summary", "check", "review", "proof", "studio", "export", "bundle")
COMMANDS = (cmd_new, cmd_render, cmd_summary, cmd_check, cmd_rules, cmd_review, cmd_proof,
            cmd_studio, cmd_export, cmd_bundle, cmd_copy, cmd_translate, cmd_send_test,
            cmd_template)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse's usage errors are input errors too
        self.print_usage(sys.stderr)
        print_error(f"{message} (see 'missive {self.prog.split()[-1]} --help')"
                    if " " in self.prog else message)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered command."""
    parser = _Parser(prog="missive", description="Missive Studio: operational messages "
                     "for email, SMS and WhatsApp, checked and previewed.")
    parser.add_argument("--version", action="version", version=f"missive {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for command in COMMANDS:
        command.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (also used by the console script)."""
    args = build_parser().parse_args(argv)
    # Every render of project or bundle content runs in bounded worker processes
    # (started on first use, so commands that render nothing pay nothing).
    pool = shared_pool(size=default_jobs())
    use_pool(pool)
    if args.command in RENDERING:  # the worker loads while this process reads the input
        pool.prestart(preload=args.command != "bundle")
    try:
        return args.run(args)
    except MissiveError as exc:
        print_error(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except BrokenPipeError:
        return 0
    except RecursionError:
        print_error("the input nests too deeply to be read (a file with thousands of "
                    "nested brackets, tags or blocks?)")
        return 2
    except MemoryError:
        print_error("out of memory: the input is too large")
        return 2
    except Exception as exc:
        if os.environ.get("MISSIVE_DEBUG"):
            raise
        print_error(f"unexpected {type(exc).__name__}: {exc} (run with MISSIVE_DEBUG=1 "
                    f"for details and report it)")
        return 1
    finally:
        use_pool(None)


if __name__ == "__main__":
    sys.exit(main())
