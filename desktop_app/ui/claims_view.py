"""The claims view: who says what about which claim, as a claims × articles matrix (a dock).

Each row is a claim; each cell shows the stances found in that article (colour and count) and
the speakers behind them; the first column sums every article. Clicking a cell emits
`cellChosen(claim_id, article_id)` (article_id 0 for the summary column): the claims controller
filters the claims panel to it and jumps to the first annotation.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop_app.core.annotations import Annotation
from desktop_app.ui.stance_matrix import CLAIM_COLUMN, FIRST_CELL_COLUMN, ClaimMatrixModel, StanceCellDelegate


class ClaimsView(QWidget):
    cellChosen = Signal(int, int)  # claim id, article id (0 = all articles)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("claimsView")
        self.setAccessibleName("Claims view")
        self.model = ClaimMatrixModel(self)
        self.summary = QLabel("No claims tagged yet: select text in an article and press Ctrl+T.", self)
        self.summary.setObjectName("claimsViewSummary")
        self.summary.setWordWrap(True)
        self.table = QTableView(self)
        self.table.setObjectName("claimsMatrix")
        self.table.setAccessibleName("Claims by article")
        self.table.setModel(self.model)
        self.table.setItemDelegate(StanceCellDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(230)
        self.table.horizontalHeader().setAccessibleName("Articles")
        vertical = self.table.verticalHeader()
        vertical.setAccessibleName("Claims")
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def set_annotations(self, annotations: list[Annotation], titles: dict[int, str],
                        colours: dict[str, str], order: list[str]) -> None:
        self.model.set_annotations(annotations, titles, colours, order)
        if self.model.columnCount():
            self.table.setColumnWidth(CLAIM_COLUMN, 260)
            self.table.setColumnWidth(FIRST_CELL_COLUMN, 300)
        claims = self.model.rowCount()
        articles = len(self.model.matrix.articles)
        live = sum(1 for a in annotations if not a.orphaned)
        if claims:
            self.summary.setText(f"{claims} claim{'s' if claims != 1 else ''} across {articles} "
                                 f"article{'s' if articles != 1 else ''} ({live} annotations). "
                                 "Click a cell to see its annotations.")
        else:
            self.summary.setText("No claims tagged yet: select text in an article and press Ctrl+T.")

    def _clicked(self, index) -> None:
        claim_id = self.model.claim_id(index.row())
        if claim_id is None:
            return
        if index.column() == CLAIM_COLUMN:
            self.cellChosen.emit(claim_id, 0)  # the claim itself: every article
        elif self.model.cell(index.row(), index.column()) is not None:
            self.cellChosen.emit(claim_id, self.model.column_article(index.column()))
