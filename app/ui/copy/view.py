"""The Copy view: a template's texts as fields, in reading order per channel, beside
another locale's text, without any markup.

Edits go through the copy model (which refuses a text that would break a placeholder
or logic, and says why under the field) into the open documents (see
:mod:`.documents`), so the code editor, the preview and saving see them as typing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.copy import (
    CopyDeck,
    build_deck,
    insertable_placeholders,
)
from ...core.copy.measure import measure_block
from ...core.copy.translation import load_record, statuses
from ...core.model import is_rtl
from ...core.project import Project
from ...kernel.channels import channel_names
from ...kernel.errors import MissiveError
from ..editor import EditorArea
from ..i18n import LANGUAGES, _, channel_label
from .documents import DocumentBridge
from .editing import CopyEditing
from .rows import BlockRow
from .toolbar import FILTERS, build_toolbar

EDIT_DELAY_MS = 350


def _locale_name(locale: str) -> str:
    return LANGUAGES.get(locale, locale)


class CopyView(CopyEditing, QWidget):
    """``sig_status`` short messages for the status bar."""

    sig_status = Signal(str)

    def __init__(self, editors: EditorArea, project: Callable[[], Project | None],
                 sample_data: Callable[[], dict], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("copyView")
        self.editors = editors
        self.bridge = DocumentBridge(editors)
        self._project = project
        self._sample_data = sample_data
        self.template = ""
        self.locale = ""
        self.deck: CopyDeck | None = None
        self.source: CopyDeck | None = None
        self.rows: dict[str, BlockRow] = {}
        self._headers: dict[str, QWidget] = {}
        self.reference_codes: list[str] = []
        self._pending: set[str] = set()
        self._translated: set[tuple[str, str]] = set()  # (path, block id) to record on save
        self._applying = False
        self._stale = True
        self._last_path = ""
        self._build()
        self._edit_timer = QTimer(self, singleShot=True, interval=EDIT_DELAY_MS)
        self._edit_timer.timeout.connect(self.commit_pending)
        self._refresh_timer = QTimer(self, singleShot=True, interval=250)
        self._refresh_timer.timeout.connect(self._refresh_texts)
        editors.sig_text_changed.connect(self._on_document_changed)
        editors.sig_saved.connect(self._on_saved)

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        bar = build_toolbar(self)
        layout.addLayout(bar)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        self.content = QWidget(self.scroll)
        self.content.setObjectName("copyContent")
        self.rows_layout = QVBoxLayout(self.content)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.scroll.setWidget(self.content)
        QShortcut(QKeySequence("Ctrl+K"), self, self.add_link,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- what is shown -------------------------------------------------------------------
    def set_target(self, template: str, locale: str) -> None:
        """Show this template × locale (rebuilt when the view is visible)."""
        if (template, locale) == (self.template, self.locale) and not self._stale:
            return
        self.commit_pending()
        self.template, self.locale = template, locale
        self._stale = True
        if self.isVisible():
            self.rebuild()

    def invalidate(self) -> None:
        """Read everything again (another project, or its declarations changed)."""
        self._stale = True
        self.reference_box.clear()
        if self.isVisible():
            self.rebuild()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    # The combo boxes' values live in Python lists: PySide6 miscounts the references of
    # the None it returns for an item without data, which crashes the interpreter later.
    def _fill_references(self, project: Project) -> None:
        box = self.reference_box
        current = self.reference_locale()
        self.reference_codes = [""] + [loc for loc in project.config.locales
                                       if loc != self.locale]
        box.blockSignals(True)
        box.clear()
        box.addItem(_("Nothing"))
        for locale in self.reference_codes[1:]:
            box.addItem(_locale_name(locale))
        default = project.config.default_locale
        others = self.reference_codes[1:]
        wanted = current if current in others else \
            (default if default in others else (others[0] if others else ""))
        box.setCurrentIndex(self.reference_codes.index(wanted))
        box.blockSignals(False)

    def reference_locale(self) -> str:
        """The locale shown beside the fields ("" for none)."""
        index = self.reference_box.currentIndex()
        codes = self.reference_codes
        return codes[index] if 0 <= index < len(codes) else ""

    def set_reference(self, locale: str) -> None:
        """Show ``locale`` beside the fields ("" for none)."""
        if locale in self.reference_codes:
            self.reference_box.setCurrentIndex(self.reference_codes.index(locale))

    def filter_key(self) -> str:
        """The filter chosen: all, todo, missing, identical or source_changed."""
        index = self.filter_box.currentIndex()
        return FILTERS[index][0] if 0 <= index < len(FILTERS) else "all"

    def set_filter(self, key: str) -> None:
        """Show only the rows of one filter (see :meth:`filter_key`)."""
        keys = [k for k, _label in FILTERS]
        if key in keys:
            self.filter_box.setCurrentIndex(keys.index(key))

    def _decks(self, project: Project) -> tuple[CopyDeck, CopyDeck | None]:
        overlay = self.bridge.overlay()
        deck = build_deck(project, self.template, self.locale, overlay)
        ref = self.reference_locale()
        source = build_deck(project, self.template, ref, overlay) if ref else None
        return deck, source

    def rebuild(self) -> None:
        """Build every row again (another template, locale or reference)."""
        project = self._project()
        self._stale = False
        self._clear_rows()
        if project is None or self.template not in project.templates:
            return
        if self.reference_box.count() == 0 or self.locale in self.reference_codes:
            self._fill_references(project)
        try:
            self.deck, self.source = self._decks(project)
        except MissiveError as exc:
            self.deck = self.source = None
            self.rows_layout.addWidget(QLabel(str(exc), self.content))
            return
        self._fill_insert_menu(project)
        direction = "rtl" if is_rtl(self.locale) else "ltr"
        ref = self.reference_locale()
        ref_direction = "rtl" if ref and is_rtl(ref) else "ltr"
        mine = self.deck.by_id()
        theirs = self.source.by_id() if self.source else {}
        order = [b.id for b in self.deck.blocks]
        for block_id in theirs:  # blocks this locale lacks go where the source has them
            if block_id not in mine:
                order.append(block_id)
        for channel in channel_names():
            ids = [i for i in order if (mine.get(i) or theirs.get(i)).channel == channel]
            if not ids:
                continue
            self._headers[channel] = self._channel_header(channel, ref)
            self.rows_layout.addWidget(self._headers[channel])
            for block_id in ids:
                row = BlockRow(mine.get(block_id), theirs.get(block_id), direction,
                               ref_direction, self.content)
                row.show_reference(bool(ref))
                row.field.sig_edited.connect(lambda i=block_id: self._on_edited(i))
                row.field.sig_undo.connect(self.undo)
                row.field.sig_focused.connect(lambda r=row: setattr(self, "_last_row", r))
                row.field.sig_redo.connect(self.redo)
                row.sig_mark_done.connect(self._mark_done)
                self.rows[block_id] = row
                self.rows_layout.addWidget(row)
        self.rows_layout.addStretch(1)
        self._update_statuses()
        self._update_measures()

    def _channel_header(self, channel: str, ref: str) -> QWidget:
        """The channel's title and, under it, the two columns' locale names."""
        header = QWidget(self.content)
        box = QVBoxLayout(header)
        box.setContentsMargins(8, 10, 8, 0)
        box.setSpacing(2)
        # Absolute sides: Latin titles ("SMS") would otherwise align by their own script.
        side = Qt.AlignmentFlag.AlignAbsolute | (
            Qt.AlignmentFlag.AlignRight if self.layoutDirection() == Qt.LayoutDirection.RightToLeft
            else Qt.AlignmentFlag.AlignLeft)
        title = QLabel(channel_label(channel), header)
        title.setAlignment(side)
        title.setStyleSheet("font-size: 15px; font-weight: bold; padding-bottom: 2px;"
                            "border-bottom: 1px solid #d0d7de;")
        box.addWidget(title)
        columns = QHBoxLayout()
        columns.setSpacing(8)
        for text in ((_locale_name(ref) if ref else ""), _locale_name(self.locale)):
            label = QLabel(text, header)
            label.setStyleSheet("color: #57606a;")
            label.setAlignment(side)
            label.setVisible(bool(text))
            columns.addWidget(label, 1)
        box.addLayout(columns)
        return header

    def _clear_rows(self) -> None:
        self.rows = {}
        self._headers: dict[str, QWidget] = {}
        while self.rows_layout.count():
            item = self.rows_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
            elif item.layout() is not None:
                inner = item.layout()
                while inner.count():
                    child = inner.takeAt(0).widget()
                    if child is not None:
                        child.deleteLater()

    def _fill_insert_menu(self, project: Project) -> None:
        self.insert_menu.clear()
        for choice in insertable_placeholders(project.template(self.template)):
            action = self.insert_menu.addAction(f"{choice.name}  ({choice.type})")
            action.setToolTip(choice.source)
            action.triggered.connect(
                lambda _c=False, s=choice.source: self.insert_placeholder(s))

    # -- statuses, counters, filter -------------------------------------------------------
    def _update_statuses(self) -> None:
        project = self._project()
        if project is None or self.deck is None:
            return
        counts: dict[str, int] = {}
        if self.source is not None:
            # the record holds what translations were made from: the default locale's text
            record = load_record(project.root, self.template) \
                if self.source.locale == project.config.default_locale else None
            found = statuses(self.source, self.deck, record)
        else:
            found = {}
        for block_id, row in self.rows.items():
            status = found.get(block_id, "ok")
            row.set_status(status)
            counts[status] = counts.get(status, 0) + 1
        todo = sum(counts.get(k, 0) for k in ("missing", "identical", "source_changed"))
        self.summary.setText(_("{n} to translate: {missing} missing, {same} same as the "
                               "source, {changed} source changed").format(
            n=todo, missing=counts.get("missing", 0), same=counts.get("identical", 0),
            changed=counts.get("source_changed", 0)) if self.source is not None else "")
        self._apply_filter()

    def _apply_filter(self) -> None:
        wanted = self.filter_key()
        for row in self.rows.values():
            status = getattr(row, "status_value", "ok")
            visible = wanted == "all" or status == wanted or (
                wanted == "todo" and status in ("missing", "identical", "source_changed"))
            row.setVisible(visible)
        for channel, header in self._headers.items():
            header.setVisible(any(not r.isHidden() for r in self.rows.values()
                                  if (r.block or r.source).channel == channel))

    def _update_measures(self, only: str | None = None) -> None:
        project = self._project()
        if project is None or self.deck is None:
            return
        data = self._sample_data()
        overlay = self.bridge.overlay()
        for block_id, row in self.rows.items():
            block = row.block
            if block is None or (only and block_id != only and block.channel != "sms"):
                continue
            if block.limit is None and block.channel != "sms":
                continue
            if block.channel == "sms" and block.id != "sms.body":
                continue
            row.set_measure(measure_block(project, self.deck, block_id, data, overlay))

