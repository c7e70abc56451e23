"""The menus and their actions, declared as data; the window turns them into QActions.

Each action ``key`` calls the window's ``_on_<key>`` slot. Labels are translated when
the actions are built, so a window built after a language change speaks the new one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from .i18n import N_, _

Key = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    """One menu entry: its slot key, label, shortcut and whether it is a toggle."""

    key: str
    label: str
    shortcut: QKeySequence.StandardKey | str | None = None
    checkable: bool = False
    short: str = ""  # the toolbar's label, when the menu's is long


SEPARATOR = ActionSpec("-", "")

MENUS: tuple[tuple[str, str, tuple[ActionSpec, ...]], ...] = (
    ("file", N_("&File"), (
        ActionSpec("open_project", N_("&Open project…"), Key.Open),
        ActionSpec("save", N_("&Save"), Key.Save),
        ActionSpec("save_all", N_("Save a&ll"), "Ctrl+Shift+S"),
        ActionSpec("close_tab", N_("&Close tab"), Key.Close),
        SEPARATOR,
        ActionSpec("proof_pdf", N_("Proof &PDF…"), Key.Print),
        ActionSpec("send_test", N_("Send &test…")),
        SEPARATOR,
        ActionSpec("export_translation", N_("E&xport for translation…")),
        ActionSpec("import_translations", N_("&Import translations…")),
        SEPARATOR,
        ActionSpec("preferences", N_("&Preferences…"), Key.Preferences),
        SEPARATOR,
        ActionSpec("quit", N_("&Quit"), Key.Quit),
    )),
    ("edit", N_("&Edit"), (
        ActionSpec("undo", N_("&Undo"), Key.Undo),
        ActionSpec("redo", N_("&Redo"), Key.Redo),
        SEPARATOR,
        ActionSpec("cut", N_("Cu&t"), Key.Cut),
        ActionSpec("copy", N_("&Copy"), Key.Copy),
        ActionSpec("paste", N_("&Paste"), Key.Paste),
        ActionSpec("select_all", N_("Select &all"), Key.SelectAll),
        SEPARATOR,
        ActionSpec("find", N_("&Find…"), Key.Find),
        ActionSpec("replace", N_("R&eplace…"), "Ctrl+H"),
        ActionSpec("complete", N_("Complete &placeholder"), "Ctrl+Space"),
    )),
    ("view", N_("&View"), (
        ActionSpec("side_by_side", N_("&Side by side"), "F8", checkable=True,
                   short=N_("Side by side")),
        SEPARATOR,
        ActionSpec("dark", N_("&Dark mode"), None, checkable=True, short=N_("Dark")),
        ActionSpec("forced_dark", N_("&Forced dark (as some mail apps do)"), None,
                   checkable=True, short=N_("Forced dark")),
        ActionSpec("images_off", N_("&Images off"), None, checkable=True,
                   short=N_("Images off")),
        ActionSpec("remote_images", N_("Load &remote images for this session"), None,
                   checkable=True, short=N_("Remote images")),
        SEPARATOR,
        ActionSpec("refresh", N_("Re&fresh preview"), Key.Refresh),
        SEPARATOR,
        ActionSpec("review", N_("&Review every variant"), "Ctrl+Shift+R"),
        ActionSpec("write", N_("&Back to writing"), "Ctrl+Shift+W"),
    )),
    ("template", N_("&Template"), (
        ActionSpec("new_template_wizard", N_("New &template…"), "Ctrl+Shift+N"),
        ActionSpec("new_template", N_("&New from a starter…"), Key.New),
        ActionSpec("template_settings", N_("Settings and &samples"), "Ctrl+Shift+T"),
        ActionSpec("duplicate_template", N_("&Duplicate…")),
        ActionSpec("rename_template", N_("&Rename…")),
        ActionSpec("add_locale", N_("Add a &locale…")),
        SEPARATOR,
        ActionSpec("approve_template", N_("&Approve…")),
        ActionSpec("request_changes", N_("Request &changes…")),
        ActionSpec("what_changed", N_("&What changed since approval…")),
        SEPARATOR,
        ActionSpec("delete_template", N_("D&elete…")),
    )),
    ("help", N_("&Help"), (
        ActionSpec("about", N_("&About Missive Studio")),
    )),
)


def build_menus(window: QMainWindow) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Create the menu bar of ``window``; returns its actions and menus by key."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    for menu_key, title, specs in MENUS:
        menu = window.menuBar().addMenu(_(title))
        menus[menu_key] = menu
        for spec in specs:
            if spec.key == "-":
                menu.addSeparator()
                continue
            action = QAction(_(spec.label), window)
            action.setObjectName(f"action_{spec.key}")
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            action.setCheckable(spec.checkable)
            if spec.short:
                action.setIconText(_(spec.short))
                action.setToolTip(_(spec.label).replace("&", ""))
            slot = getattr(window, f"_on_{spec.key}")
            if spec.checkable:
                action.toggled.connect(slot)
            else:
                action.triggered.connect(lambda _checked=False, s=slot: s())
            menu.addAction(action)
            actions[spec.key] = action
    return actions, menus
