"""Review states and findings as the review view labels them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QTableWidgetItem

from ...core.project import Project
from ...core.review import ReviewStore, TemplateReview
from ...core.review.states import STATE_LABELS
from ...core.workspace.review_grid import Axis, Cell
from ..i18n import N_, _, channel_label, ngettext
from .thumbnail import STATE_COLORS

ROLE = Qt.ItemDataRole.UserRole
FILTER_LABELS = {"all": N_("All templates"), "needs_review": N_("Needs review"),
                 "changed_since_approval": N_("Changed since approval")}


def load_statuses(project: Project) -> dict[str, TemplateReview]:
    """Every template's review state (run in a worker)."""
    return {s.template: s for s in ReviewStore(project).statuses()}


def state_label(state: str) -> str:
    """A review state in the interface language."""
    return _(STATE_LABELS.get(state, state))


def template_label(status: TemplateReview) -> str:
    """A template's state in words: "Partly approved" while only some parts are."""
    if status.state == "unreviewed" and status.approved_parts:
        return _("Partly approved ({done} of {total} parts)").format(
            done=status.approved_parts, total=len(status.parts))
    return state_label(status.state)


def dot_icon(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


def findings_summary(findings: list[dict]) -> tuple[dict[str, int], str]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        counts[finding.get("severity", "info")] = counts.get(finding.get("severity"), 0) + 1
    parts = [ngettext("{n} error", "{n} errors", counts["error"]).format(n=counts["error"]),
             ngettext("{n} warning", "{n} warnings", counts["warning"]).format(
                 n=counts["warning"])]
    return counts, " · ".join(parts)


def header_item(statuses: dict[str, TemplateReview], axis: Axis) -> QTableWidgetItem:
    """The header of a template row/column (state and open comments) or a variant's."""
    if not axis.is_template:
        return QTableWidgetItem(f"{axis.locale} · {channel_label(axis.channel)}")
    status = statuses.get(axis.template)
    if status is None:
        return QTableWidgetItem(axis.template)
    lines = [axis.template, template_label(status)]
    if status.open_comments:
        lines.append(ngettext("{n} open comment", "{n} open comments",
                              status.open_comments).format(n=status.open_comments))
    item = QTableWidgetItem(dot_icon(STATE_COLORS[status.state]), "\n".join(lines))
    item.setForeground(QBrush(QColor(STATE_COLORS[status.state])))
    item.setData(ROLE, status.state)
    return item


def cell_item(cell: Cell | None) -> QTableWidgetItem:
    """A grid item; where the template has no message in the channel, a dash that says so."""
    item = QTableWidgetItem()
    if cell is None:
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setText("—")
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setToolTip(_("This template has no message in this channel."))
    return item


def load_signatures(project: Project) -> dict:
    """Decision id → its signature check, for every template (run in a worker)."""
    from ...core.review.verification import check_template

    return {c.event: c for t in sorted(project.templates)
            for c in check_template(project.root, t)}
