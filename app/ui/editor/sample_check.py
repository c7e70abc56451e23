"""Live validation of an open sample: while a ``samples/*.json`` file is edited, its
data is checked against the current template's variable declarations and the problems
are listed above the editor, each with the key's line (a click goes there).

The check is :func:`app.core.sample_schema.sample_problems`, the same the
``sample-schema`` rule runs; it is a few dictionary look-ups, so it runs on the GUI
thread after a short pause in typing.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ...core.project import Project
from ...core.sample_schema import SampleProblem, sample_problems
from ...kernel.errors import InputError
from ...kernel.input_limits import check_text
from ..i18n import _, tr
from .area import EditorArea
from .page import EditorPage

ROLE = Qt.ItemDataRole.UserRole


def check_sample_text(project: Project, template_id: str, text: str) -> list[SampleProblem]:
    """The problems of a sample's JSON text for a template (a JSON error is one problem)."""
    try:
        check_text(text, "", comments=False)  # size, nesting and digit limits
        data = json.loads(text)
    except InputError as exc:
        loc = exc.location
        return [SampleProblem("", _("invalid JSON: {error}").format(error=exc.message),
                              loc.line if loc else 1, loc.column if loc else 1)]
    except json.JSONDecodeError as exc:
        return [SampleProblem("", _("invalid JSON: {error}").format(error=exc.msg), exc.lineno,
                              exc.colno)]
    if not isinstance(data, dict):
        return [SampleProblem("", _("sample data must be a JSON object ({...})"), 1, 1)]
    template = project.templates.get(template_id)
    if template is None:
        return []
    return sample_problems(template_id, template.variables, data, text)


class SampleProblems(QListWidget):
    """The list above a sample's editor; hidden when the sample fits."""

    def __init__(self, page: EditorPage, parent: QWidget | None = None) -> None:
        super().__init__(parent or page)
        self.setObjectName("sampleProblems")
        self.page = page
        self.setMaximumHeight(110)
        self.setStyleSheet("#sampleProblems { background: #fff8c5; border: 1px solid #d4a72c;"
                           " color: #4d2d00; }")
        self.itemActivated.connect(self._go)
        self.itemClicked.connect(self._go)
        self.hide()

    def show_problems(self, template_id: str, problems: list[SampleProblem]) -> None:
        """List the problems (or hide when there are none)."""
        self.clear()
        if not problems:
            self.hide()
            return
        heading = QListWidgetItem(_("This sample does not fit the variables of {template}:")
                                  .format(template=template_id), self)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        for problem in problems:
            where = _("line {line}").format(line=problem.line) if problem.line \
                else _("missing key")
            item = QListWidgetItem(f"{where}: {tr(problem.message)}", self)
            item.setData(ROLE, problem.line)
            item.setForeground(QBrush(QColor("#82071e")))
        self.show()

    def _go(self, item: QListWidgetItem) -> None:
        line = item.data(ROLE)
        if line:
            self.page.editor.go_to(int(line), 0)
            self.page.editor.setFocus()


class SampleChecker(QObject):
    """Watches the editor area; checks the current page when it is a sample."""

    def __init__(self, editors: EditorArea, project: Callable[[], Project | None],
                 template: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editors = editors
        self._project = project
        self._template = template
        self._lists: dict[str, SampleProblems] = {}
        self._timer = QTimer(self, singleShot=True, interval=200)
        self._timer.timeout.connect(self.check_now)
        editors.sig_text_changed.connect(lambda rel: self._maybe(rel))
        editors.sig_current_changed.connect(lambda rel: self._maybe(rel))

    def _maybe(self, rel_path: str) -> None:
        if rel_path.startswith("samples/") and rel_path.endswith(".json"):
            self._timer.start()

    def problems_for(self, page: EditorPage) -> SampleProblems:
        """The problem list of a sample's page (made the first time)."""
        widget = self._lists.get(page.rel_path)
        if widget is None or widget.page is not page:
            widget = SampleProblems(page)
            page.layout().insertWidget(1, widget)
            self._lists[page.rel_path] = widget
        return widget

    def check_now(self) -> None:
        """Check the current page if it is a sample (also when the template changed)."""
        page = self.editors.current_page()
        project = self._project()
        if page is None or project is None or not page.rel_path.startswith("samples/"):
            return
        template = self._template()
        self.problems_for(page).show_problems(
            template, check_sample_text(project, template, page.text))
