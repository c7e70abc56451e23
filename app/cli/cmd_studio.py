"""``missive studio [DIR]``: open the studio window (the demo project when no DIR).

``--screenshot FILE.png`` opens it offscreen, waits until the preview is painted,
saves a picture of the whole window and exits. PySide6 is imported only inside
:func:`run`, so the rest of the command line starts without Qt.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..core.devices import DEVICES
from ..kernel.channels import channel_names
from ..kernel.errors import InputError

UI_LANGUAGES = ("en", "he", "ar")
EMAIL_VIEWS = ("preview", "text", "source")


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``studio`` command."""
    parser = sub.add_parser("studio", help="open the studio window (the demo project when "
                                           "no folder is given)")
    parser.add_argument("dir", nargs="?", help="the project folder (default: a copy of the "
                                               "demo in ~/.local/share/missive-studio/demo)")
    parser.add_argument("--screenshot", metavar="FILE.png",
                        help="render offscreen, save a picture of the window, and exit")
    parser.add_argument("--lang", "--ui-language", dest="lang", choices=UI_LANGUAGES,
                        help="the interface language (default: Preferences, then the system's)")
    parser.add_argument("--template", metavar="ID", help="the template to show")
    parser.add_argument("--locale", metavar="L", help="the locale to show")
    parser.add_argument("--channel", choices=channel_names(), help="the channel to show")
    parser.add_argument("--sample", metavar="NAME", help="the sample to render with")
    parser.add_argument("--device", choices=tuple(DEVICES), help="the email preview's device")
    parser.add_argument("--dark", action="store_true", help="preview the email in dark mode")
    parser.add_argument("--forced-dark", action="store_true",
                        help="darken the email as some mail apps do, whatever its own styles")
    parser.add_argument("--images-off", action="store_true",
                        help="show the email with images blocked (their alt text instead)")
    parser.add_argument("--view", choices=EMAIL_VIEWS, default="preview",
                        help="the email preview's tab: the rendered email, its plain text, "
                             "or its HTML source")
    parser.add_argument("--tab", choices=("write", "copy", "review", "template"),
                        default="write",
                        help="the window's tab: writing, the copy (texts as fields beside "
                             "another locale: --compare-locale), the review grid, or the "
                             "template's settings and sample forms")
    parser.add_argument("--compare-locale", metavar="L",
                        help="side by side: show this locale next to the main preview")
    parser.add_argument("--compare-sample", metavar="NAME",
                        help="side by side: render the second preview with this sample")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Open the window; with --screenshot, exit 0 once the picture is saved."""
    if args.screenshot:
        out = Path(args.screenshot)
        if out.is_dir() or not out.parent.is_dir():
            raise InputError("cannot write the screenshot here", path=out,
                             hint="give a .png file name in an existing folder")
    if args.dir is not None and not (Path(args.dir) / "missive.toml").is_file():
        from ..core.project import Project

        Project.load(args.dir)  # raises the usual one-line input error
    from ..ui.application import StudioOptions, run_studio

    return run_studio(StudioOptions(
        project=args.dir, screenshot=args.screenshot, ui_language=args.lang,
        template=args.template, locale=args.locale, channel=args.channel,
        sample=args.sample, device=args.device, dark=args.dark, forced_dark=args.forced_dark,
        images_off=args.images_off, view=args.view, compare_locale=args.compare_locale,
        compare_sample=args.compare_sample, tab=args.tab))
