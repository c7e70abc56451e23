"""File → Export for translation… and Import translations…: the core's round trip, asked
for with two dialogs. Refused units show in the findings panel, on the text they concern.

An import writes project files: it waits until every open file is saved, so it can never
overwrite words the writer has not saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QInputDialog

from ..core.translate import baseline, collect, import_translations, plural_units
from ..core.translate.po import write_po
from ..core.translate.xliff import write_xliff
from ..core.workspace.atomic import atomic_write_text
from ..kernel.errors import MissiveError
from .i18n import _

if TYPE_CHECKING:
    from .main_window import MainWindow

FILTERS = {"xliff": "XLIFF 1.2 (*.xlf *.xliff)", "po": "Gettext PO (*.po)"}


class TranslationSlots:
    """The window's translation actions (a mixin of :class:`MainWindow`)."""

    def _on_export_translation(self: MainWindow) -> None:
        project = self.project
        if project is None:
            return
        locales = [loc for loc in project.config.locales
                   if loc != project.config.default_locale]
        if not locales:
            self.banner.show_message(_("The project has one locale: nothing to translate."))
            return
        locale, ok = QInputDialog.getItem(self, _("Export for translation"),
                                          _("Translate into:"), locales, 0, False)
        if not ok:
            return
        suggested = str(project.root.parent / f"{project.root.name}-{locale}.xlf")
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Export for translation"), suggested,
            ";;".join(_(f) for f in FILTERS.values()))
        if not path:
            return
        fmt = "po" if path.lower().endswith(".po") or "PO" in chosen else "xliff"
        try:
            units = collect(project, locale)
            baseline(project.root, locale, units)
            plurals = plural_units(units, locale)
            source = project.config.default_locale
            data = (write_po(units, project.config.name, source, locale, plurals)
                    if fmt == "po" else
                    write_xliff(units, source, locale, plurals).decode("utf-8"))
            atomic_write_text(Path(path), data)
        except (MissiveError, OSError) as exc:
            self.banner.show_message(_("Not exported: {reason}").format(reason=exc), "error")
            return
        self.statusBar().showMessage(_("{count} texts for {locale} saved to {file}").format(
            count=len(units), locale=locale, file=path), 10000)

    def _on_import_translations(self: MainWindow) -> None:
        project = self.project
        if project is None:
            return
        if self.editors.modified_buffers():
            self.banner.show_message(_("Save your changes first: an import writes the "
                                       "translated files."), "warning")
            return
        path, _chosen = QFileDialog.getOpenFileName(
            self, _("Import translations"), str(project.root.parent),
            ";;".join(_(f) for f in FILTERS.values()))
        if not path:
            return
        try:
            report = import_translations(project, Path(path))
        except (MissiveError, OSError) as exc:
            self.banner.show_message(_("Not imported: {reason}").format(reason=exc), "error")
            return
        # Shown beside the checks' findings until the next import.
        self.import_findings = [f.to_dict() for f in report.findings(Path(path).name)]
        self.findings.set_findings(self.import_findings)
        self.counts_label.setText(self.findings.summary_text())
        kind = "warning" if report.refused else "info"
        self.banner.show_message(
            _("{locale}: {imported} imported, {unchanged} unchanged, {refused} refused "
              "(see Findings)").format(locale=report.locale, imported=len(report.imported),
                                       unchanged=len(report.unchanged),
                                       refused=len(report.refused)), kind)
        self.render.flush()
