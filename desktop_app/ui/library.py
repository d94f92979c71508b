"""The library: every article of the project in a sortable table with a full-text search box.

`LibraryModel` is a read-only `QAbstractTableModel` over `ArticleSummary` rows (title, outlet,
author, date, words, annotations); `LibraryPanel` puts it behind a `QSortFilterProxyModel`, filters
it with the project's FTS5 search, and asks for a comparison of the selected 2-4 articles
(`compareRequested(list[int])`, double-click or Ctrl+Return). It refreshes on the project
controller's `changed` signal when articles or annotations changed.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from desktop_app.core.models import ArticleSummary
from desktop_app.core.visible_text import visible_controls

COLUMNS = (
    ("Title", "title"),
    ("Outlet", "outlet"),
    ("Author", "author"),
    ("Date", "published"),
    ("Words", "words"),
    ("Notes", "annotations"),
)
NUMERIC = {"words", "annotations"}
ArticleIdRole = Qt.ItemDataRole.UserRole + 1


class LibraryModel(QAbstractTableModel):
    """Article summaries as table rows; the sort role keeps numbers numeric."""

    def __init__(self, rows: list[ArticleSummary] | None = None, parent=None):
        super().__init__(parent)
        self._rows: list[ArticleSummary] = list(rows or [])

    def set_rows(self, rows: list[ArticleSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary(self, row: int) -> ArticleSummary:
        return self._rows[row]

    def row_of(self, article_id: int) -> int:
        for i, row in enumerate(self._rows):
            if row.id == article_id:
                return i
        return -1

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        field = COLUMNS[index.column()][1]
        value = getattr(row, field)
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "title":
                return visible_controls(row.title) or f"Article {row.id}"
            return str(value) if field in NUMERIC else visible_controls(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole and field == "title":
            return visible_controls(f"{row.title}\n{row.outlet} {row.published}".strip())
        if role == Qt.ItemDataRole.TextAlignmentRole and field in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ArticleIdRole:
            return row.id
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS):
                return COLUMNS[section][0]
        return None


class _SearchFilter(QSortFilterProxyModel):
    """Shows only rows whose article id is in the allowed set (None = all)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._allowed: set[int] | None = None
        self.setSortRole(Qt.ItemDataRole.EditRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_allowed(self, ids: set[int] | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._allowed = ids
            self.endFilterChange()
        else:
            self._allowed = ids
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row, source_parent) -> bool:  # noqa: N802
        if self._allowed is None:
            return True
        index = self.sourceModel().index(source_row, 0, source_parent)
        return self.sourceModel().data(index, ArticleIdRole) in self._allowed


class LibraryPanel(QWidget):
    """Search box + article table; emits `compareRequested` with the selected ids."""

    compareRequested = Signal(list)
    selectionChanged = Signal(list)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.setAccessibleName("Library")
        self.controller = controller
        self.model = LibraryModel(parent=self)
        self.proxy = _SearchFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText("Search text and titles…")
        self.search.setAccessibleName("Search articles")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self._run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Articles")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setAccessibleName("Article columns: click to sort")
        header.setMinimumSectionSize(36)
        header.setStretchLastSection(False)
        for column, width in enumerate((190, 110, 90, 66, 52, 44)):  # the title first and widest
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(lambda _i: self._request_compare())
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selectionChanged.emit(self.selected_ids()))

        self.hint = QLabel("Select 2–4 articles, then Compare (Ctrl+Return).", self)
        self.hint.setObjectName("libraryHint")
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Library hint")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)

        controller.changed.connect(self._on_changed)
        self.reload()

    def reload(self) -> None:
        selected = self.selected_ids()
        self.model.set_rows(self.controller.project.articles())
        self.select_ids(selected)

    def _on_changed(self, changes) -> None:
        if changes.articles or changes.annotations:
            self.reload()
            if self.search.text().strip():
                self._run_search()

    def _run_search(self) -> None:
        query = self.search.text().strip()
        self.proxy.set_allowed(set(self.controller.project.search_articles(query)) if query else None)

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.proxy.data(self.proxy.index(r, 0), ArticleIdRole) for r in rows]

    def select_ids(self, ids) -> None:
        from PySide6.QtCore import QItemSelection, QItemSelectionModel

        selection = QItemSelection()
        for article_id in ids:
            row = self.model.row_of(article_id)
            if row < 0:
                continue
            index = self.proxy.mapFromSource(self.model.index(row, 0))
            if index.isValid():
                selection.select(index, index)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)

    def _request_compare(self) -> None:
        ids = self.selected_ids()
        if len(ids) >= 2:
            self.compareRequested.emit(ids[:4])

    def request_compare(self) -> bool:
        """Compare the selection if it holds 2-4 articles; returns whether it did."""
        ids = self.selected_ids()
        if 2 <= len(ids) <= 4:
            self.compareRequested.emit(ids)
            return True
        self.hint.setText("Select 2 to 4 articles to compare (Ctrl/Shift+click).")
        return False
