"""The Copy view's bar: the locale shown beside the fields, the filter, the summary of
what needs translating, formatting buttons, placeholder insertion and Save."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton

from ..i18n import N_, _

if TYPE_CHECKING:
    from .view import CopyView

FILTERS = (("all", N_("All texts")), ("todo", N_("Needs translation")),
           ("missing", N_("Missing")), ("identical", N_("Same as the source")),
           ("source_changed", N_("Source changed")))


def build_toolbar(view: CopyView) -> QHBoxLayout:
    """The bar's widgets, kept as attributes of ``view``."""
    bar = QHBoxLayout()
    bar.addWidget(QLabel(_("Beside:"), view))
    view.reference_box = QComboBox(view)
    view.reference_box.setObjectName("copyReference")
    view.reference_box.currentIndexChanged.connect(lambda _i: view.rebuild())
    bar.addWidget(view.reference_box)
    bar.addWidget(QLabel(_("Show:"), view))
    view.filter_box = QComboBox(view)
    view.filter_box.setObjectName("copyFilter")
    for _key, label in FILTERS:
        view.filter_box.addItem(_(label))
    view.filter_box.currentIndexChanged.connect(lambda _i: view._apply_filter())
    bar.addWidget(view.filter_box)
    view.summary = QLabel(view)
    view.summary.setStyleSheet("color: #57606a;")
    bar.addWidget(view.summary, 1)
    for name, label, tip, slot in (
            ("bold", "B", _("Bold (Ctrl+B)"), lambda: view._format("toggle_bold")),
            ("italic", "I", _("Italic (Ctrl+I)"), lambda: view._format("toggle_italic")),
            ("link", _("Link"), _("Link (Ctrl+K)"), view.add_link)):
        button = QToolButton(view)
        button.setObjectName(f"copy_{name}")
        button.setText(label)
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(slot)
        if name == "bold":
            button.setStyleSheet("font-weight: bold;")
        elif name == "italic":
            button.setStyleSheet("font-style: italic;")
        bar.addWidget(button)
    view.insert_button = QToolButton(view)
    view.insert_button.setObjectName("copy_insert")
    view.insert_button.setText(_("Insert placeholder") + " ▾")
    view.insert_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
    view.insert_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.insert_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    view.insert_menu = QMenu(view.insert_button)
    view.insert_button.setMenu(view.insert_menu)
    bar.addWidget(view.insert_button)
    view.save_button = QPushButton(_("Save"), view)
    view.save_button.setObjectName("copy_save")
    view.save_button.clicked.connect(view.save)
    bar.addWidget(view.save_button)
    return bar
