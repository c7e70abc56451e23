"""Starting the studio: the QApplication, the interface language, the window, and the
``--screenshot`` mode that saves a picture of the window once the preview is painted."""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QStandardPaths,
    Qt,
    QTimer,
    QTranslator,
)
from PySide6.QtWidgets import QApplication

from ..core.scaffold import scaffold
from ..core.workspace import RecoveryStore
from . import i18n
from .main_window import MainWindow
from .settings import SettingsStore


@dataclass
class StudioOptions:
    """What the command line asked for."""

    project: str | None = None
    screenshot: str | None = None
    ui_language: str | None = None
    template: str | None = None
    locale: str | None = None
    channel: str | None = None
    sample: str | None = None
    device: str | None = None
    dark: bool = False
    forced_dark: bool = False
    images_off: bool = False
    view: str = "preview"
    compare_locale: str | None = None
    compare_sample: str | None = None
    tab: str = "write"
    size: tuple[int, int] = (1600, 1000)
    timeout_s: float = 60.0


def data_dir() -> Path:
    """Where the studio keeps the demo copy and the recovery area."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "missive-studio"


def default_project() -> Path:
    """The demo project, copied to the user's data folder the first time."""
    target = data_dir() / "demo"
    if not (target / "missive.toml").is_file():
        scaffold(target)
    return target


def apply_language(app: QApplication, language: str) -> str:
    """Install the interface language: our catalog, Qt's own strings, the direction."""
    code = i18n.install(language)
    for old in getattr(app, "_missive_translators", []):
        app.removeTranslator(old)
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if code != "en" and translator.load(f"qtbase_{code}", folder):
        app.installTranslator(translator)
    app._missive_translators = [translator]  # type: ignore[attr-defined]
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if i18n.is_rtl(code)
                           else Qt.LayoutDirection.LeftToRight)
    QLocale.setDefault(QLocale(code))
    return code


class Studio:
    """The running application: builds the window again when the language changes."""

    def __init__(self, app: QApplication, options: StudioOptions) -> None:
        self.app = app
        self.options = options
        # A screenshot shows the default layout, not whatever this user last arranged.
        self._scratch = tempfile.TemporaryDirectory(prefix="missive-shot-") \
            if options.screenshot else None
        self.store = SettingsStore(Path(self._scratch.name) / "settings.ini"
                                   if self._scratch else None)
        self.recovery = RecoveryStore(data_dir() / "recovery")
        self.window: MainWindow | None = None
        self.exit_code = 0

    def start(self) -> None:
        """Open the window on the project and apply the command line's choices."""
        settings = self.store.load()
        language = self.options.ui_language or i18n.resolve_language(
            settings.ui_language, QLocale.system().name())
        apply_language(self.app, language)
        self.window = self._new_window()
        project = self.options.project or str(default_project())
        self.window.open_project(project, offer_recovery=not self.options.screenshot)
        o = self.options
        self.window.select(template=o.template, locale=o.locale, channel=o.channel,
                           sample=o.sample, device=o.device)
        self.window.show_preview_options(dark=o.dark, forced_dark=o.forced_dark,
                                         images_off=o.images_off, view=o.view)
        if o.tab == "copy":
            self.window.tabs.setCurrentWidget(self.window.copy_split)
            if o.compare_locale:  # in the Copy view, the locale shown beside the fields
                self.window.copy_view.set_reference(o.compare_locale)
        elif o.compare_locale or o.compare_sample:
            self.window.compare_with(o.compare_locale, o.compare_sample)
        self.window.show()

    def _new_window(self) -> MainWindow:
        window = MainWindow(self.store, self.recovery)
        window.sig_language_changed.connect(self._rebuild)
        return window

    def _rebuild(self) -> None:
        """Build the window again in the new language, carrying over unsaved text."""
        old = self.window
        if old is None or old.project is None:
            return
        buffers = old.editors.modified_buffers()
        open_files = [p.rel_path for p in old.editors.pages()]
        choice = old.choice
        apply_language(self.app, i18n.resolve_language(old.settings.ui_language,
                                                       QLocale.system().name()))
        old.save_settings()
        old.editors.close_all(ask=False)
        old.close()
        old.deleteLater()
        self.window = self._new_window()
        self.window.open_project(old.project.root, offer_recovery=False)
        for rel in open_files:
            self.window.open_file(rel)
        self.window.restore_buffers(buffers)
        self.window.select(template=choice.template, locale=choice.locale,
                           channel=choice.channel, sample=choice.sample, open_file=False)
        self.window.show()

    def take_screenshot(self, out: Path) -> None:
        """Save the window as a PNG when the preview is painted; quit with 0 (1 on timeout)."""
        window = self.window
        assert window is not None
        window.resize(*self.options.size)

        def shoot() -> None:
            window.grab().save(str(out), "PNG")
            print(f"{out}: screenshot of the studio window")
            self.exit_code = 0
            self.app.quit()

        def ready() -> None:
            window.sig_preview_ready.disconnect(ready)
            if self.options.tab == "review":  # the grid renders every variant first
                window.review.sig_filled.connect(lambda: QTimer.singleShot(400, shoot))
                window.tabs.setCurrentWidget(window.review)
                return
            if self.options.tab == "template":
                window.tabs.setCurrentWidget(window.forms)
            QTimer.singleShot(400, shoot)  # let the compositor paint the loaded page

        def too_late() -> None:
            print("missive: error: the preview did not finish in time", file=sys.stderr)
            self.exit_code = 1
            self.app.quit()

        window.sig_preview_ready.connect(ready)
        QTimer.singleShot(int(self.options.timeout_s * 1000), too_late)
        window.render.flush()


def ensure_render_pool() -> tuple[object, bool]:
    """Previews and checks render in bounded worker processes (see app.core.worker), so a
    hostile template stops with a finding instead of taking the window down. Uses the
    command line's pool when there is one; starts a worker now."""
    from ..core.worker import current_pool, shared_pool, use_pool

    pool, created = current_pool(), False
    if pool is None:
        pool, created = shared_pool(), True
        use_pool(pool)
    pool.prestart()  # loads the render modules while the window opens
    return pool, created


def run_studio(options: StudioOptions) -> int:
    """Run the studio until its window closes; returns the exit code."""
    from .environment import prepare_environment

    prepare_environment(offscreen=bool(options.screenshot))
    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" and not options.screenshot \
            and not os.environ.get("MISSIVE_ALLOW_OFFSCREEN"):
        from ..kernel.errors import InputError

        raise InputError("there is no display to open the window on",
                         hint="run it in a desktop session, or save a picture of the window "
                              "with --screenshot FILE.png")
    app = QApplication.instance() or QApplication([sys.argv[0], "-name", "missive-studio"])
    app.setApplicationName("Missive Studio")
    app.setOrganizationName("Missive")
    QStandardPaths.setTestModeEnabled(False)
    _pool, own_pool = ensure_render_pool()
    studio = Studio(app, options)
    studio.start()
    if options.screenshot:
        studio.take_screenshot(Path(options.screenshot))
    code = app.exec()
    if studio.window is not None:  # pages go before the preview profile they use
        studio.window.editors.close_all(ask=False)
        studio.window.render.wait_for_done()
        studio.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if own_pool:
        from ..core.worker import use_pool

        use_pool(None)  # its workers are closed at exit
    return studio.exit_code or code
