"""The corpus overview: how much text each pair of articles shares; a click opens that pair.

Runs `core.corpus.overview` in a helper process (its own `Project` connection, so the result is
cached in the project; a process, because indexing is Python holding the GIL) with a progress bar
and Cancel. A small project (up to `MATRIX_LIMIT` articles, the
five seeds) is shown as a heat-map matrix: cell (row, column) is the share of the row's article
that appears in the column's. Every project also gets a sortable list of the top pairs (the only
view that scales to the 2,587 FNC-1 articles). `pairChosen([a, b])` asks to open a comparison.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton,
    QTableView, QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout,
)

from desktop_app.core.corpus import Cancelled, CorpusOptions, Overview, overview_for_project
from desktop_app.ui.workers import LatestOnly

MATRIX_LIMIT = 15
TOP_PAIRS = 500
PairIdsRole = Qt.ItemDataRole.UserRole + 2


def heat_colour(fraction: float) -> QColor:
    """White to dark blue (one hue, so it reads for colour-blind readers and in greyscale)."""
    f = min(max(fraction, 0.0), 1.0) ** 0.4  # small shares still show
    low, high = (247, 251, 255), (8, 48, 107)  # ColorBrewer Blues ends
    return QColor(*(round(lo + (hi - lo) * f) for lo, hi in zip(low, high)))


def _overview_in_process(project_path, processes: int, messages, cancel, parent_pid: int) -> None:
    """Helper-process side: run the overview on its own connection, reporting through a queue."""
    from desktop_app.core.store import Project
    from desktop_app.ui.comparison import exit_with_parent

    exit_with_parent(parent_pid)

    try:
        with Project.open(project_path) as project:
            result = overview_for_project(
                project, CorpusOptions(processes=processes),
                progress=lambda done, total: messages.put(("progress", done, total)),
                should_cancel=cancel.is_set)
        messages.put(("done", result))
    except Cancelled:
        messages.put(("cancelled",))
    except Exception as exc:  # reported to the dialog, never lost in the helper
        messages.put(("failed", f"{type(exc).__name__}: {exc}"))


def compute_overview(project_path, processes: int, ctx) -> Overview:
    """Worker side: run the overview in a spawned helper process (indexing thousands of articles
    is Python holding the GIL; in a thread it would freeze the window), relaying its progress."""
    import multiprocessing
    import os
    import queue

    spawn = multiprocessing.get_context("spawn")
    messages, cancel = spawn.Queue(), spawn.Event()
    helper = spawn.Process(target=_overview_in_process, args=(str(project_path), processes, messages, cancel, os.getpid()),
                           name="crosscheck-overview")
    helper.start()
    try:
        while True:
            if ctx.should_cancel():
                cancel.set()
                raise Cancelled("overview cancelled")
            try:
                message = messages.get(timeout=0.1)
            except queue.Empty:
                if not helper.is_alive():
                    raise RuntimeError("the overview process stopped unexpectedly") from None
                continue
            if message[0] == "progress":
                ctx.progress(message[1], message[2])
            elif message[0] == "done":
                return message[1]
            elif message[0] == "cancelled":
                raise Cancelled("overview cancelled")
            else:
                raise RuntimeError(message[1])
    finally:
        helper.join(timeout=5)
        if helper.is_alive():
            helper.terminate()


class PairsModel(QAbstractTableModel):
    """Top pairs: both titles, the share of each side, passage count."""

    HEADERS = ("Article", "Shares with", "% of first", "% of second", "Passages")

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list = []
        self._titles: dict = {}

    def set_pairs(self, pairs, titles: dict) -> None:
        self.beginResetModel()
        self._rows, self._titles = list(pairs), dict(titles)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        pair = self._rows[index.row()]
        values = (
            f"#{pair.a} {self._titles.get(pair.a, '')}", f"#{pair.b} {self._titles.get(pair.b, '')}",
            pair.fraction_a * 100, pair.fraction_b * 100, pair.passages,
        )
        value = values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.0f} %" if index.column() in (2, 3) else str(value)
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == PairIdsRole:
            return [pair.a, pair.b]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.HEADERS[section]
        return None


class CorpusOverviewDialog(QDialog):
    """Matrix and top-pairs views of a corpus overview computed in the background."""

    pairChosen = Signal(list)
    finished_overview = Signal(object)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("corpusOverview")
        self.setAccessibleName("Corpus overview")
        self.setWindowTitle("Corpus overview – shared text between articles")
        self.resize(820, 560)
        self.controller = controller
        self.result: Overview | None = None
        self._jobs = LatestOnly(self)

        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setObjectName("overviewStatus")
        self.status.setAccessibleName("Overview status")
        self.progress = QProgressBar(self)
        self.progress.setObjectName("overviewProgress")
        self.progress.setAccessibleName("Overview progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("overviewCancel")
        self.cancel_button.setAccessibleName("Cancel the overview")
        self.cancel_button.clicked.connect(self.cancel)
        self.matrix = QTableWidget(self)
        self.matrix.setObjectName("overviewMatrix")
        self.matrix.setAccessibleName("Shared text matrix: click a cell to compare the pair")
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.cellClicked.connect(self._matrix_clicked)
        self.pairs_model = PairsModel(self)
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(self.pairs_model)
        proxy.setSortRole(Qt.ItemDataRole.EditRole)
        self.pairs = QTableView(self)
        self.pairs.setObjectName("overviewPairs")
        self.pairs.setAccessibleName("Top pairs: click a row to compare the pair")
        self.pairs.setModel(proxy)
        self.pairs.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # source order: top pairs first
        self.pairs.setSortingEnabled(True)
        self.pairs.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.pairs.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.pairs.verticalHeader().hide()
        self.pairs.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pairs.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.pairs.activated.connect(self._pair_activated)
        self.pairs.clicked.connect(self._pair_activated)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("overviewTabs")
        self.tabs.setAccessibleName("Overview views")
        self.tabs.addTab(self.matrix, "Matrix")
        self.tabs.addTab(self.pairs, "Top pairs")

        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

    @property
    def busy(self) -> bool:
        return self._jobs.busy

    def start(self) -> None:
        """(Re)compute the overview in the background."""
        count = len(self.controller.project.articles())
        processes = 1 if count <= 50 else 2
        path = self.controller.path
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.status.setText(f"Comparing {count} articles…")
        self._jobs.start(lambda ctx: compute_overview(path, processes, ctx), self._show, self._failed,
                         self._progressed)

    def cancel(self) -> None:
        self._jobs.invalidate()
        self.cancel_button.setEnabled(False)
        self.progress.hide()
        self.status.setText("Cancelled.")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, total))

    def _failed(self, exc) -> None:
        self.cancel_button.setEnabled(False)
        self.progress.hide()
        self.status.setText("Cancelled." if isinstance(exc, Cancelled) else f"The overview failed: {exc}")

    def _show(self, result: Overview) -> None:
        self.result = result
        self.cancel_button.hide()
        self.progress.hide()
        articles = self.controller.project.articles()
        titles = {a.id: a.title for a in articles}
        pairs = len(result.pairs)
        self.status.setText(
            f"{result.documents} articles; {pairs} pair{'s' if pairs != 1 else ''} share text"
            f"{' (from cache)' if result.from_cache else ''}. Each cell: how much of the row's article "
            "appears in the column's. Click a pair to compare it.")
        self.pairs_model.set_pairs(result.pairs[:TOP_PAIRS], titles)
        small = len(articles) <= MATRIX_LIMIT
        self.tabs.setTabEnabled(0, small)
        self.tabs.setCurrentIndex(0 if small else 1)
        if small:
            self._fill_matrix([a.id for a in articles], titles, result)
        self.finished_overview.emit(result)

    def _fill_matrix(self, ids: list[int], titles: dict, result: Overview) -> None:
        share = {}
        for pair in result.pairs:
            share[(pair.a, pair.b)] = pair.fraction_a
            share[(pair.b, pair.a)] = pair.fraction_b
        self.matrix.clear()
        self.matrix.setRowCount(len(ids))
        self.matrix.setColumnCount(len(ids))
        labels = [f"#{i}" for i in ids]
        self.matrix.setHorizontalHeaderLabels(labels)
        self.matrix.setVerticalHeaderLabels([f"#{i} {titles.get(i, '')[:30]}" for i in ids])
        for r, row_id in enumerate(ids):
            for c, col_id in enumerate(ids):
                item = QTableWidgetItem()
                if r == c:
                    item.setText("—")
                    item.setBackground(QColor("#eeeeee"))
                else:
                    fraction = share.get((row_id, col_id), 0.0)
                    item.setText(f"{fraction * 100:.0f} %" if fraction >= 0.005 else ("<1 %" if fraction else ""))
                    item.setBackground(heat_colour(fraction))
                    item.setForeground(QColor("white" if fraction > 0.2 else "black"))
                    item.setToolTip(f"{fraction * 100:.1f} % of #{row_id} appears in #{col_id}")
                    item.setData(PairIdsRole, [row_id, col_id])
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.matrix.setItem(r, c, item)
        self.matrix.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

    def _matrix_clicked(self, row: int, column: int) -> None:
        item = self.matrix.item(row, column)
        ids = item.data(PairIdsRole) if item is not None else None
        if ids:
            self.pairChosen.emit(list(ids))

    def _pair_activated(self, index) -> None:
        ids = index.data(PairIdsRole) if index.isValid() else None
        if ids is None and index.isValid():
            ids = index.model().index(index.row(), 0).data(PairIdsRole)
        if ids:
            self.pairChosen.emit(list(ids))
