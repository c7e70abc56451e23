"""The preview's browser page, locked down: what reviewers see must be what is sent,
and opening a preview must never reach the network or the rest of the disk.

- JavaScript, plugins and popups are off.
- The page is local content that may not reach remote addresses, and
  :class:`PreviewGuard` (a request interceptor) blocks every request except inline
  content and files inside the project: two locks. Remote images load only while the
  session's "load remote images" toggle is on (both locks open for images only).
- Clicking a link opens nothing: the navigation is refused and reported.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

_LOCAL_SCHEMES = ("data", "about", "blob")


class PreviewGuard(QWebEngineUrlRequestInterceptor):
    """Allows inline content and project files; remote images only when allowed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project_root: Path | None = None
        self.allow_remote_images = False
        self.blocked: list[str] = []

    def is_allowed(self, url: QUrl, is_image: bool) -> bool:
        """Whether a request for ``url`` may go through."""
        scheme = url.scheme()
        if scheme in _LOCAL_SCHEMES:
            return True
        if scheme == "file":
            if self.project_root is None:
                return False
            path = Path(url.toLocalFile()).resolve()
            return path.is_relative_to(self.project_root.resolve())
        if scheme in ("http", "https"):
            return self.allow_remote_images and is_image
        return False

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        is_image = info.resourceType() == QWebEngineUrlRequestInfo.ResourceType.ResourceTypeImage
        if not self.is_allowed(info.requestUrl(), is_image):
            self.blocked.append(info.requestUrl().toString())
            info.block(True)


def preview_profile() -> QWebEngineProfile:
    """The off-the-record profile (nothing stored on disk) every preview page shares."""
    profile = getattr(preview_profile, "instance", None)
    if profile is None:
        app = QCoreApplication.instance()
        profile = QWebEngineProfile(app)
        guard = PreviewGuard(profile)
        profile.setUrlRequestInterceptor(guard)
        profile.guard = guard  # type: ignore[attr-defined]
        preview_profile.instance = profile  # type: ignore[attr-defined]
    return profile


def preview_guard() -> PreviewGuard:
    """The request interceptor of the preview profile."""
    return preview_profile().guard  # type: ignore[attr-defined]


class PreviewPage(QWebEnginePage):
    """A page that shows HTML and does nothing else; ``sig_link_refused(url)``."""

    sig_link_refused = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(preview_profile(), parent)
        settings = self.settings()
        attr = QWebEngineSettings.WebAttribute
        for attribute, on in ((attr.JavascriptEnabled, False),
                              (attr.JavascriptCanOpenWindows, False),
                              (attr.JavascriptCanAccessClipboard, False),
                              (attr.LocalContentCanAccessRemoteUrls, False),
                              (attr.PluginsEnabled, False),
                              (attr.AutoLoadIconsForPage, False),
                              (attr.ErrorPageEnabled, False)):
            settings.setAttribute(attribute, on)

    def set_images(self, on: bool) -> None:
        """Show or hide images (off shows the alt text, as mail apps that block images)."""
        self.settings().setAttribute(QWebEngineSettings.WebAttribute.AutoLoadImages, on)

    def set_remote_images(self, on: bool) -> None:
        """Let the page ask for remote images (the guard still refuses anything else)."""
        self.settings().setAttribute(
            QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, on)

    def set_forced_dark(self, on: bool) -> None:
        """Chromium's automatic darkening, as some mail apps force on every email."""
        self.settings().setAttribute(QWebEngineSettings.WebAttribute.ForceDarkMode, on)

    def acceptNavigationRequest(self, url: QUrl | str,
                                kind: QWebEnginePage.NavigationType, is_main_frame: bool) -> bool:
        url = QUrl(url)
        if kind == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            self.sig_link_refused.emit(url.toString())
            return False
        return url.scheme() in _LOCAL_SCHEMES or (
            url.scheme() == "file" and preview_guard().is_allowed(url, False))

    def createWindow(self, _kind: QWebEnginePage.WebWindowType) -> None:
        return None

    def javaScriptConsoleMessage(self, *_args: object) -> None:
        return None
