"""The project explorer: templates → locales → channel files, then layouts, partials,
samples, missive.toml and policy.toml.

Activating a file asks to open it (``sig_open``); selecting a template or a locale
asks to preview it (``sig_template_selected``). The context menu offers the template
operations, which the main window carries out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from ..core.project import Project, list_template_locales
from .elide import DirectionalDelegate
from .i18n import _

ROLE = Qt.ItemDataRole.UserRole


class ProjectExplorer(QTreeWidget):
    """A tree of the project's files; items carry ("file", rel) or ("template", id, locale)."""

    sig_open = Signal(str)                       # project-relative path
    sig_template_selected = Signal(str, str)     # template id, locale ("" for any)
    sig_operation = Signal(str, str)             # operation key, template id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setItemDelegate(DirectionalDelegate(self))  # labels cut at their own end
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._on_menu)
        self.itemActivated.connect(self._on_activated)
        self.itemDoubleClicked.connect(self._on_activated)
        self.currentItemChanged.connect(self._on_current)
        self.project: Project | None = None

    def show_project(self, project: Project) -> None:
        """Fill the tree from a (re)loaded project, keeping what was expanded."""
        expanded = {self._key(item) for item in self._items() if item.isExpanded()}
        self.project = project
        self.clear()
        root = project.root
        templates = self._group(_("Templates"), ("group", "templates"))
        for template in project.templates.values():
            node = self._node(templates, f"{template.id} — {template.title}",
                              ("template", template.id, ""))
            self._file(node, root, template.source_path)
            for locale in list_template_locales(template):
                loc = self._node(node, locale, ("template", template.id, locale))
                for path in sorted(template.locale_dir(locale).iterdir()):
                    if path.is_file() and not path.name.startswith("."):
                        self._file(loc, root, path)
        for folder, label in (("layouts", _("Layouts")), ("partials", _("Partials")),
                              ("samples", _("Samples"))):
            group = self._group(label, ("group", folder))
            for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
                if path.is_file() and not path.name.startswith("."):
                    self._file(group, root, path, label=path.relative_to(root / folder).as_posix())
        for name in ("missive.toml", "policy.toml"):
            if (root / name).is_file():
                self._file(self.invisibleRootItem(), root, root / name)
        for item in self._items():
            if self._key(item) in expanded or self._key(item) == ("group", "templates"):
                item.setExpanded(True)

    def _items(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []
        stack = [self.invisibleRootItem()]
        while stack:
            item = stack.pop()
            for i in range(item.childCount()):
                out.append(item.child(i))
                stack.append(item.child(i))
        return out

    @staticmethod
    def _key(item: QTreeWidgetItem) -> tuple:
        return tuple(item.data(0, ROLE) or ())

    def _group(self, label: str, key: tuple) -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [label])
        item.setData(0, ROLE, key)
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        return item

    def _node(self, parent: QTreeWidgetItem, label: str, key: tuple) -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [label])
        item.setData(0, ROLE, key)
        return item

    def _file(self, parent: QTreeWidgetItem, root: Path, path: Path,
              label: str | None = None) -> QTreeWidgetItem:
        rel = path.relative_to(root).as_posix()
        item = QTreeWidgetItem(parent, [label or path.name])
        item.setData(0, ROLE, ("file", rel))
        item.setToolTip(0, rel)
        return item

    def select_file(self, rel_path: str) -> None:
        """Highlight an open file's item without emitting selection signals."""
        for item in self._items():
            if self._key(item) == ("file", rel_path):
                self.blockSignals(True)
                self.setCurrentItem(item)
                self.blockSignals(False)
                return

    def _on_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        key = self._key(item)
        if key and key[0] == "file":
            self.sig_open.emit(key[1])

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object) -> None:
        key = self._key(item) if item else ()
        if key and key[0] == "template":
            self.sig_template_selected.emit(key[1], key[2])

    def _on_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        key = self._key(item) if item else ()
        menu = QMenu(self)
        menu.addAction(_("New template from a starter…"),
                       lambda: self.sig_operation.emit("new", ""))
        if key and key[0] == "template":
            template_id = key[1]
            menu.addSeparator()
            for op, label in (("duplicate", _("Duplicate…")), ("rename", _("Rename…")),
                              ("add_locale", _("Add a locale…")), ("delete", _("Delete…"))):
                menu.addAction(label, lambda o=op, t=template_id: self.sig_operation.emit(o, t))
        menu.exec(self.viewport().mapToGlobal(pos))
