"""The claims panel: every annotation in a filterable table (article, quote, claim, speaker, ...).

`AnnotationTableModel` is a QAbstractTableModel over core `Annotation` records; it sorts itself
in Python (a key sort over 100,000 rows takes milliseconds, where Qt's proxy sorting would call
back into Python for every comparison). `AnnotationFilter` is the filter proxy: the criteria are
matched against a lower-cased haystack prepared once per row, and the proxy only asks a boolean
list, so filtering 100,000 annotations stays interactive. `ClaimsPanel` is the dock content:
filter fields (claim, stance, speaker, article, tag, free text) above the table. Double-click
emits `annotationActivated(id)`; the claims controller opens the article at the span.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.core.annotations import Annotation
from desktop_app.core.visible_text import visible_controls

COLUMNS = ("Article", "Quote", "Claim", "Speaker", "Stance", "Tags", "Note")
ANNOTATION_ROLE = Qt.ItemDataRole.UserRole + 1
ALL = ""
# More changed rows than this in one update and a full reset is cheaper than row-by-row signals.
MAX_INCREMENTAL_CHANGES = 200


@dataclass(frozen=True)
class Criteria:
    """What the user filters on; empty strings match everything. claim/stance/speaker/article/tag
    are exact choices (tag also matches its children); text is a free-text substring."""

    claim: str = ALL
    stance: str = ALL
    speaker: str = ALL
    article: int | None = None
    tag: str = ALL
    text: str = ""


class AnnotationTableModel(QAbstractTableModel):
    """Rows of annotations with their article titles; sorts in Python."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Annotation] = []
        self.titles: dict[int, str] = {}
        self.colours: dict[str, str] = {}
        self._haystacks: list[str] = []
        self._hay_cache: dict[int, tuple[Annotation, str]] = {}  # id -> (the row it was made for, text)
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, annotations: list[Annotation], titles: dict[int, str], colours: dict[str, str]) -> None:
        self.beginResetModel()
        self.rows = list(annotations)
        if titles != self.titles:
            self._hay_cache = {}
        self.titles = dict(titles)
        self.colours = dict(colours)
        if self._sort is not None:
            self._sort_rows(*self._sort)
        self._haystacks = self._make_haystacks()
        self.endResetModel()

    def replace_articles(self, fresh: dict[int, list[Annotation]]) -> bool:
        """Make the rows of these articles equal `fresh`, moving only the rows that changed.

        A save in a project of 100,000 annotations changes one row; resetting the whole model
        for it froze the window for about a second. Rows are removed, inserted at their sorted
        place, or updated in place, with the matching signals. Returns False (and changes
        nothing) when so much changed that the caller should use `set_rows` instead.
        """
        new = {a.id: a for annotations in fresh.values() for a in annotations}
        old_rows = {a.id: row for row, a in enumerate(self.rows) if a.article_id in fresh}
        removed = [aid for aid in old_rows if aid not in new]
        added = [a for aid, a in new.items() if aid not in old_rows]
        changed = [a for aid, a in new.items() if aid in old_rows and self.rows[old_rows[aid]] != a]
        if len(removed) + len(added) + len(changed) > MAX_INCREMENTAL_CHANGES:
            return False
        key = self._sort_key()
        for a in changed:
            row = old_rows[a.id]
            if key(a) != key(self.rows[row]):
                removed.append(a.id)
                added.append(a)
                continue
            self.rows[row] = a
            self._haystacks[row] = self._haystack(a)
            self._hay_cache[a.id] = (a, self._haystacks[row])
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        for row in sorted((old_rows[aid] for aid in removed), reverse=True):
            self.beginRemoveRows(QModelIndex(), row, row)
            self._hay_cache.pop(self.rows[row].id, None)
            del self.rows[row], self._haystacks[row]
            self.endRemoveRows()
        descending = self._sort is not None and self._sort[1] == Qt.SortOrder.DescendingOrder
        for a in added:
            row = self._insertion_row(key, a, descending)
            self.beginInsertRows(QModelIndex(), row, row)
            self.rows.insert(row, a)
            self._haystacks.insert(row, self._haystack(a))
            self._hay_cache[a.id] = (a, self._haystacks[row])
            self.endInsertRows()
        return True

    def _insertion_row(self, key, a: Annotation, descending: bool) -> int:
        """Where `a` goes in the sorted rows (after its equals, as a stable sort puts it)."""
        wanted, lo, hi = key(a), 0, len(self.rows)
        while lo < hi:
            mid = (lo + hi) // 2
            here = key(self.rows[mid])
            if (wanted < here) if not descending else (here < wanted):
                hi = mid
            else:
                lo = mid + 1
        return lo

    def _make_haystacks(self) -> list[str]:
        """Lower-cased searchable text of every row, reusing it for rows that did not change."""
        cache, fresh, result = self._hay_cache, {}, []
        for a in self.rows:
            hit = cache.get(a.id)
            hay = hit[1] if hit is not None and (hit[0] is a or hit[0] == a) else self._haystack(a)
            fresh[a.id] = (a, hay)
            result.append(hay)
        self._hay_cache = fresh
        return result

    def _haystack(self, a: Annotation) -> str:
        return "\x1f".join((self.titles.get(a.article_id, ""), a.quote, a.claim, a.speaker, a.stance,
                            " ".join(a.tags), a.note)).casefold()

    @property
    def haystacks(self) -> list[str]:
        return self._haystacks

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

    def cell_text(self, a: Annotation, column: int) -> str:
        if column == 0:
            return f"{a.article_id} · {self.titles.get(a.article_id, '')}"
        if column == 1:
            quote = " ".join(a.quote.split())
            return f"⚠ {quote}" if a.orphaned else quote
        return (a.claim, a.speaker, a.stance, ", ".join(a.tags), a.note)[column - 2]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.rows)):
            return None
        a = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return visible_controls(self.cell_text(a, column))  # Trojan Source: show bidi/zero-width marks
        if role == Qt.ItemDataRole.ToolTipRole:
            if a.orphaned:
                return "This annotation lost its place when the article text changed."
            return visible_controls(self.cell_text(a, column))
        if role == Qt.ItemDataRole.DecorationRole and column == 4:
            return QColor(self.colours.get(a.stance, "#808080"))
        if role == ANNOTATION_ROLE:
            return a.id
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old = {a.id: row for row, a in enumerate(self.rows)}
        self._sort = (column, order)
        self._sort_rows(column, order)
        self._haystacks = self._make_haystacks()
        moved_from = [index for index in self.persistentIndexList()]
        position = {a.id: row for row, a in enumerate(self.rows)}
        by_old_row = {row: position[aid] for aid, row in old.items()}
        self.changePersistentIndexList(
            moved_from, [self.index(by_old_row[i.row()], i.column()) for i in moved_from])
        self.layoutChanged.emit()

    def _sort_key(self, column: int | None = None):
        column = column if column is not None else (self._sort[0] if self._sort is not None else 0)
        if column == 0:
            return lambda a: (a.article_id, a.start, a.id)
        return lambda a: (self.cell_text(a, column).casefold(), a.article_id, a.start)

    def _sort_rows(self, column: int, order) -> None:
        self.rows.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)

    def row_of(self, annotation_id: int) -> int | None:
        return next((row for row, a in enumerate(self.rows) if a.id == annotation_id), None)


def matching_rows(model: AnnotationTableModel, criteria: Criteria, rows: range | None = None) -> list[bool]:
    """Which rows (all, or those in `rows`) pass the criteria (one pass over plain Python lists)."""
    text = criteria.text.casefold().strip()
    claim, stance, speaker, tag = criteria.claim, criteria.stance, criteria.speaker, criteria.tag
    article = criteria.article
    tag_prefix = tag + "/"
    result = []
    append = result.append
    pairs = zip(model.rows, model.haystacks)
    if rows is not None:
        pairs = ((model.rows[row], model.haystacks[row]) for row in rows)
    for a, hay in pairs:
        append(
            (not claim or a.claim == claim)
            and (not stance or a.stance == stance)
            and (not speaker or a.speaker == speaker)
            and (article is None or a.article_id == article)
            and (not tag or any(t == tag or t.startswith(tag_prefix) for t in a.tags))
            and (not text or text in hay)
        )
    return result


class AnnotationFilter(QSortFilterProxyModel):
    """The filter proxy: rows of the source model that pass `criteria`; sorting goes to the source."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.criteria = Criteria()
        self._accepted: list[bool] = []
        self._inserting = False  # between the source's rowsAboutToBeInserted and our _rows_inserted
        self.setDynamicSortFilter(False)

    def setSourceModel(self, model) -> None:  # noqa: N802 (Qt API)
        super().setSourceModel(model)
        model.modelReset.connect(self._recompute)
        model.layoutChanged.connect(self._recompute)
        # connected after Qt's own handlers: by the time these run the proxy has mapped the rows
        model.rowsAboutToBeInserted.connect(self._rows_coming)
        model.rowsInserted.connect(self._rows_inserted)
        model.rowsRemoved.connect(self._rows_removed)
        model.dataChanged.connect(self._rows_changed)
        self._recompute()

    def _rows_coming(self, *_args) -> None:
        self._inserting = True

    def _rows_inserted(self, _parent, first: int, last: int) -> None:
        self._accepted[first:first] = matching_rows(self.sourceModel(), self.criteria, range(first, last + 1))
        self._inserting = False

    def _rows_removed(self, _parent, first: int, last: int) -> None:
        del self._accepted[first:last + 1]

    def _rows_changed(self, top_left, bottom_right, _roles=()) -> None:
        rows = range(top_left.row(), bottom_right.row() + 1)
        fresh = matching_rows(self.sourceModel(), self.criteria, rows)
        if fresh != self._accepted[rows.start:rows.stop]:
            self._recompute()  # a row now passes or fails the filter: map it again

    def set_criteria(self, criteria: Criteria) -> None:
        self.criteria = criteria
        self._recompute()

    def _recompute(self) -> None:
        source = self.sourceModel()
        self.beginFilterChange()
        self._accepted = matching_rows(source, self.criteria) if source is not None else []
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent) -> bool:  # noqa: N802 (Qt API)
        if self._inserting:  # Qt asks about the rows being inserted before _accepted has them
            return matching_rows(self.sourceModel(), self.criteria, range(row, row + 1))[0]
        return row < len(self._accepted) and self._accepted[row]

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


class ClaimsPanel(QWidget):
    """Filters above the table of annotations."""

    annotationActivated = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("claimsPanel")
        self.setAccessibleName("Claims")
        self.model = AnnotationTableModel(self)
        self.proxy = AnnotationFilter(self)
        self.proxy.setSourceModel(self.model)

        self.claimFilter = self._combo("claimFilter", "Any claim")
        self.stanceFilter = self._combo("stanceFilter", "Any stance")
        self.speakerFilter = self._combo("speakerFilter", "Any speaker")
        self.articleFilter = self._combo("articleFilter", "Any article")
        self.tagFilter = self._combo("tagFilter", "Any tag")
        self.textFilter = QLineEdit(self)
        self.textFilter.setObjectName("textFilter")
        self.textFilter.setAccessibleName("Filter text")
        self.textFilter.setPlaceholderText("filter…")
        self.textFilter.setClearButtonEnabled(True)
        self.textFilter.textChanged.connect(self.apply_filters)
        self.count = QLabel("", self)
        self.count.setObjectName("claimsCount")

        self.table = QTableView(self)
        self.table.setObjectName("claimsTable")
        self.table.setAccessibleName("Annotations")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setAccessibleName("Annotation columns")
        self.table.verticalHeader().setAccessibleName("Annotation rows")
        self.table.verticalHeader().setDefaultSectionSize(22)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 260, 240, 140, 90, 120, 160)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated.connect(self._activated)

        filters = QHBoxLayout()
        for widget in (self.claimFilter, self.stanceFilter, self.speakerFilter, self.articleFilter,
                       self.tagFilter):
            filters.addWidget(widget, 1)
        filters.addWidget(self.textFilter, 2)
        filters.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(everything)
        combo.addItem(everything, ALL)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        combo.currentIndexChanged.connect(self.apply_filters)
        return combo

    @staticmethod
    def _refill(combo: QComboBox, items: list[tuple[str, object]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for label, value in items:
            combo.addItem(label, value)
        index = combo.findData(current)
        combo.setCurrentIndex(index if index >= 0 else 0)
        combo.blockSignals(False)

    def set_data(self, annotations: list[Annotation], titles: dict[int, str], colours: dict[str, str],
                 stances: list[str], tags: list[str]) -> None:
        self.model.set_rows(annotations, titles, colours)
        self._refill_choices(annotations, titles, stances, tags)
        self.apply_filters()

    def update_articles(self, fresh: dict[int, list[Annotation]], annotations: list[Annotation],
                        titles: dict[int, str], colours: dict[str, str], stances: list[str], tags: list[str]) -> None:
        """After a change to a few articles' annotations (`fresh`): move only the rows that
        changed when that is possible, else reload everything as `set_data` does."""
        model = self.model
        if titles != model.titles or colours != model.colours or not model.replace_articles(fresh):
            self.set_data(annotations, titles, colours, stances, tags)
            return
        self._refill_choices(annotations, titles, stances, tags)
        if self.criteria() != self.proxy.criteria:  # a chosen filter value is gone
            self.apply_filters()
        else:
            self.count.setText(f"{self.proxy.rowCount()} of {model.rowCount()}")

    def _refill_choices(self, annotations: list[Annotation], titles: dict[int, str], stances: list[str],
                        tags: list[str]) -> None:
        self._refill(self.claimFilter, [(c, c) for c in sorted({a.claim for a in annotations}, key=str.casefold)])
        self._refill(self.stanceFilter, [(s, s) for s in stances])
        self._refill(self.speakerFilter, [(s, s) for s in sorted({a.speaker for a in annotations} - {""}, key=str.casefold)])
        ids = sorted({a.article_id for a in annotations})
        self._refill(self.articleFilter, [(f"{i} · {titles.get(i, '')}", i) for i in ids])
        self._refill(self.tagFilter, [(t, t) for t in tags])

    def criteria(self) -> Criteria:
        article = self.articleFilter.currentData()
        return Criteria(self.claimFilter.currentData() or ALL, self.stanceFilter.currentData() or ALL,
                        self.speakerFilter.currentData() or ALL, article if article not in (None, ALL) else None,
                        self.tagFilter.currentData() or ALL, self.textFilter.text())

    def apply_filters(self) -> None:
        self.proxy.set_criteria(self.criteria())
        self.count.setText(f"{self.proxy.rowCount()} of {self.model.rowCount()}")

    def show_only(self, claim: str = ALL, article: int | None = None) -> None:
        """Filter to one claim (and article), as the claims view asks when a cell is clicked."""
        for combo, value in ((self.claimFilter, claim), (self.articleFilter, article if article is not None else ALL)):
            index = combo.findData(value)
            combo.blockSignals(True)
            combo.setCurrentIndex(index if index >= 0 else 0)
            combo.blockSignals(False)
        self.apply_filters()

    def select_annotation(self, annotation_id: int) -> None:
        row = self.model.row_of(annotation_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def _activated(self, index) -> None:
        annotation_id = index.data(ANNOTATION_ROLE)
        if annotation_id is not None:
            self.annotationActivated.emit(int(annotation_id))
