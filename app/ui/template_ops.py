"""The Template menu's operations: ask what is needed, call the core, report the result.

The work itself is in :mod:`app.core.workspace.templates`; errors are shown in the
status bar and a message box, never as a traceback.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from ..core.project import Project, list_template_locales
from ..core.workspace import (
    STARTERS,
    add_locale,
    delete_template,
    duplicate_template,
    new_from_starter,
    rename_template,
)
from ..kernel.errors import MissiveError
from .dialogs import ask_item, ask_text, confirm
from .i18n import N_, _

STARTER_LABELS = {"invoice": N_("Invoice"), "receipt": N_("Payment receipt"),
                  "delivery": N_("Delivery update"), "one_time_code": N_("One-time code")}


class TemplateOperations:
    """Runs an operation on ``project`` and calls ``done(template_id)`` to reload."""

    def __init__(self, parent: QWidget, project: Callable[[], Project | None],
                 done: Callable[[str], None]) -> None:
        self.parent = parent
        self._project = project
        self._done = done

    def run(self, operation: str, template_id: str) -> None:
        """Run "new", "duplicate", "rename", "delete" or "add_locale"."""
        project = self._project()
        if project is None:
            return
        if operation != "new" and template_id not in project.templates:
            QMessageBox.information(self.parent, _("Template"),
                                    _("Choose a template first."))
            return
        try:
            result = getattr(self, f"_{operation}")(project, template_id)
        except (MissiveError, OSError) as exc:
            QMessageBox.warning(self.parent, _("Template"), str(exc))
            return
        if result is not None:
            self._done(result)

    def _new(self, project: Project, _template_id: str) -> str | None:
        labels = {_(label): key for key, label in STARTER_LABELS.items() if key in STARTERS}
        choice = ask_item(self.parent, _("New template"), _("Start from:"), list(labels))
        if choice is None:
            return None
        new_id = ask_text(self.parent, _("New template"),
                          _("Template id (lowercase letters, digits, underscores):"),
                          labels[choice])
        if not new_id:
            return None
        new_from_starter(project, labels[choice], new_id)
        return new_id

    def _duplicate(self, project: Project, template_id: str) -> str | None:
        new_id = ask_text(self.parent, _("Duplicate template"), _("Id of the copy:"),
                          f"{template_id}_copy")
        if not new_id:
            return None
        duplicate_template(project, template_id, new_id)
        return new_id

    def _rename(self, project: Project, template_id: str) -> str | None:
        new_id = ask_text(self.parent, _("Rename template"), _("New id:"), template_id)
        if not new_id or new_id == template_id:
            return None
        # Unsaved edits to the template's files go with it to the new folder.
        editors = getattr(self.parent, "editors", None)
        old = f"templates/{template_id}/"
        unsaved = editors.take_folder(old) if editors is not None else {}
        restore = getattr(self.parent, "restore_buffers", lambda _buffers: None)
        try:
            rename_template(project, template_id, new_id)
        except (MissiveError, OSError):
            restore(unsaved)
            raise
        restore({f"templates/{new_id}/{rel[len(old):]}": text for rel, text in unsaved.items()})
        return new_id

    def _delete(self, project: Project, template_id: str) -> str | None:
        if not confirm(self.parent, _("Delete template"),
                       _("Delete the template '{id}' and all its files? This cannot be "
                         "undone.").format(id=template_id)):
            return None
        delete_template(project, template_id)
        return ""

    def _add_locale(self, project: Project, template_id: str) -> str | None:
        present = set(list_template_locales(project.templates[template_id]))
        missing = [loc for loc in project.config.locales if loc not in present]
        if not missing:
            QMessageBox.information(self.parent, _("Add a locale"),
                                    _("This template already has every locale of the "
                                      "project."))
            return None
        locale = ask_item(self.parent, _("Add a locale"),
                          _("Copy the default locale's text into:"), missing)
        if not locale:
            return None
        add_locale(project, template_id, locale)
        return template_id
