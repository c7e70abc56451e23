"""The page bridge for editing in the email preview (QWebChannel, isolated world only).

The preview page keeps JavaScript off in its main world, where the email's own HTML
lives, so nothing in a template runs. The studio's editing script
(resources/preview/edit_in_place.js) and the web channel live in the *application*
world, an isolated JavaScript world that shares the DOM but not the scripts: the
template's content can neither run script nor see ``qt.webChannelTransport``.

Blocks are found by an attribute whose name carries a random per-session nonce (see
:mod:`app.core.workspace.preview_marks`), so the email's HTML cannot pose as a block;
and whatever the page sends is only a block id and runs, which the core checks
(:func:`app.core.copy.edit_block`) before anything reaches a document.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QFile, QIODevice, QObject, Signal, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript

from ...core.paths import resources_dir
from ...core.workspace.preview_marks import new_nonce

WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld


def _qwebchannel_js() -> str:
    source = QFile(":/qtwebchannel/qwebchannel.js")
    if not source.open(QIODevice.OpenModeFlag.ReadOnly):
        return ""
    return bytes(source.readAll().data()).decode("utf-8")


class PreviewEditBridge(QObject):
    """What the page may ask: ``clicked``, ``editHtml``, ``editing``, ``commit``,
    ``placeholderMenu``, ``cancelled``. The studio answers through two callables it sets:

    - ``edit_markup(block_id) -> str``: the block as editable HTML ("" to refuse);
    - ``commit_edit(block_id, runs_json) -> str``: write it; "" or the reason it was
      refused (shown in the status bar by the caller).
    """

    sig_clicked = Signal(str)       # block id
    sig_editing = Signal(str)       # block id, now editable in the page
    sig_committed = Signal(str, str)  # block id, "" or the reason it was refused
    sig_placeholder_menu = Signal(str)  # block id: offer the declared variables
    sig_cancelled = Signal(str)         # block id: the edit was dropped (Escape)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.nonce = new_nonce()
        self.edit_markup: Callable[[str], str] = lambda _block_id: ""
        self.commit_edit: Callable[[str, str], str] = lambda _block_id, _runs: "not available"
        self.calls: list[str] = []  # what the page asked, in order (for tests and debugging)

    @property
    def attribute(self) -> str:
        """The block attribute of this session's marked renders."""
        return f"data-mb-{self.nonce}"

    @Slot(str)
    def clicked(self, block_id: str) -> None:
        self.calls.append(f"clicked {block_id}")
        self.sig_clicked.emit(block_id)

    @Slot(str, result=str)
    def editHtml(self, block_id: str) -> str:
        self.calls.append(f"editHtml {block_id}")
        return self.edit_markup(block_id)

    @Slot(str)
    def editing(self, block_id: str) -> None:
        self.calls.append(f"editing {block_id}")
        self.sig_editing.emit(block_id)

    @Slot(str, str, result=str)
    def commit(self, block_id: str, runs_json: str) -> str:
        self.calls.append(f"commit {block_id}")
        problem = self.commit_edit(block_id, runs_json)
        self.sig_committed.emit(block_id, problem)
        return problem

    @Slot(str)
    def placeholderMenu(self, block_id: str) -> None:
        self.calls.append(f"placeholderMenu {block_id}")
        self.sig_placeholder_menu.emit(block_id)

    @Slot(str)
    def cancelled(self, block_id: str) -> None:
        self.calls.append(f"cancelled {block_id}")
        self.sig_cancelled.emit(block_id)


def install_bridge(page: QWebEnginePage, bridge: PreviewEditBridge) -> QWebChannel:
    """Give ``page`` the bridge and the editing script, both in the isolated world."""
    channel = QWebChannel(page)
    channel.registerObject("missiveBridge", bridge)
    page.setWebChannel(channel, WORLD)
    script = QWebEngineScript()
    script.setName("missive-edit-in-place")
    script.setWorldId(WORLD)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
    script.setRunsOnSubFrames(False)
    editor = (resources_dir() / "preview" / "edit_in_place.js").read_text(encoding="utf-8")
    script.setSourceCode(_qwebchannel_js() + "\n" +
                         editor.replace("__ATTR__", bridge.attribute))
    page.scripts().insert(script)
    return channel
