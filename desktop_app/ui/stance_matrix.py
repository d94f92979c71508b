"""The claims × articles matrix: for each claim, which article and speaker supports or denies it.

`claim_matrix()` aggregates annotations (plain Python, no Qt) into cells: per (claim, article) the
count of each stance and the speakers behind them. `ClaimMatrixModel` shows it as a table (rows are
claims, most-annotated first; columns are the claim, "All articles", then each annotated article), and
`StanceCellDelegate` paints each cell as stance-coloured chips with counts above the speakers.
The display text of a cell (for accessibility and tests) reads like
"supports 1: John Kirby, NSC; denies 2: North Korea, Russian ambassador".
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from desktop_app.core.annotations import Annotation
from desktop_app.core.visible_text import visible_controls

CELL_ROLE = Qt.ItemDataRole.UserRole + 2
ALL_ARTICLES = 0  # the article id standing for the summary column
CLAIM_COLUMN = 0
FIRST_CELL_COLUMN = 1  # "All articles"; each annotated article follows


@dataclass
class Cell:
    """The annotations of one claim in one article (or in all, for the summary column)."""

    annotation_ids: list[int] = field(default_factory=list)
    stances: Counter = field(default_factory=Counter)
    speakers: dict[str, list[str]] = field(default_factory=dict)  # stance -> speakers, first seen first

    def add(self, a: Annotation) -> None:
        self.annotation_ids.append(a.id)
        self.stances[a.stance] += 1
        names = self.speakers.setdefault(a.stance, [])
        speaker = a.speaker or "unattributed"
        if speaker not in names:
            names.append(speaker)

    def text(self, order: list[str]) -> str:
        parts = []
        for stance in sorted(self.stances, key=lambda s: (order.index(s) if s in order else len(order), s)):
            parts.append(f"{stance} {self.stances[stance]}: {', '.join(self.speakers[stance])}")
        return visible_controls("; ".join(parts))


@dataclass
class Matrix:
    claims: list[tuple[int, str]]  # (claim id, text), most annotations first
    articles: list[int]  # article ids with at least one annotation
    cells: dict[tuple[int, int], Cell]  # (claim id, article id or ALL_ARTICLES) -> cell


def claim_matrix(annotations: list[Annotation]) -> Matrix:
    cells: dict[tuple[int, int], Cell] = {}
    texts: dict[int, str] = {}
    totals: Counter = Counter()
    articles = set()
    for a in annotations:
        if a.orphaned:
            continue
        texts[a.claim_id] = a.claim
        totals[a.claim_id] += 1
        articles.add(a.article_id)
        cells.setdefault((a.claim_id, a.article_id), Cell()).add(a)
        cells.setdefault((a.claim_id, ALL_ARTICLES), Cell()).add(a)
    claims = sorted(texts.items(), key=lambda item: (-totals[item[0]], item[1].casefold()))
    return Matrix(claims, sorted(articles), cells)


class ClaimMatrixModel(QAbstractTableModel):
    """Rows: claims. Columns: the claim, all articles, then each annotated article."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.matrix = Matrix([], [], {})
        self.titles: dict[int, str] = {}
        self.colours: dict[str, str] = {}
        self.order: list[str] = []

    def set_annotations(self, annotations: list[Annotation], titles: dict[int, str],
                        colours: dict[str, str], order: list[str]) -> None:
        self.beginResetModel()
        self.matrix = claim_matrix(annotations)
        self.titles, self.colours, self.order = dict(titles), dict(colours), list(order)
        self.endResetModel()

    def column_article(self, column: int) -> int | None:
        """The article id of a cell column (ALL_ARTICLES for the summary), None for the claim column."""
        if column == FIRST_CELL_COLUMN:
            return ALL_ARTICLES
        if FIRST_CELL_COLUMN < column <= FIRST_CELL_COLUMN + len(self.matrix.articles):
            return self.matrix.articles[column - FIRST_CELL_COLUMN - 1]
        return None

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.matrix.claims)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else (2 + len(self.matrix.articles) if self.matrix.claims else 0)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Vertical:
            if 0 <= section < len(self.matrix.claims):
                return str(section + 1)
            return None
        if section == CLAIM_COLUMN:
            return "Claim"
        if section == FIRST_CELL_COLUMN:
            return "All articles"
        article_id = self.column_article(section)
        if article_id is not None:
            title = self.titles.get(article_id, "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return title
            return f"#{article_id} {title[:28]}{'…' if len(title) > 28 else ''}"
        return None

    def cell(self, row: int, column: int) -> Cell | None:
        article_id = self.column_article(column)
        if not 0 <= row < len(self.matrix.claims) or article_id is None:
            return None
        return self.matrix.cells.get((self.matrix.claims[row][0], article_id))

    def claim_text(self, row: int) -> str:
        return self.matrix.claims[row][1] if 0 <= row < len(self.matrix.claims) else ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.column() == CLAIM_COLUMN:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return visible_controls(self.claim_text(index.row()))
            return None
        cell = self.cell(index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text(self.order) if cell else ""
        if role == CELL_ROLE:
            return cell
        return None

    def claim_id(self, row: int) -> int | None:
        return self.matrix.claims[row][0] if 0 <= row < len(self.matrix.claims) else None


class StanceCellDelegate(QStyledItemDelegate):
    """Paints a cell as coloured stance chips with counts, and the speakers below."""

    CHIP = 14

    def paint(self, painter, option, index) -> None:
        if index.column() == CLAIM_COLUMN:
            super().paint(painter, option, index)
            return
        cell = index.data(CELL_ROLE)
        model = index.model()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight().color().lighter(160))
        if cell is None:
            return
        painter.save()
        metrics = QFontMetrics(option.font)
        x = option.rect.left() + 6
        y = option.rect.top() + 5
        lines_y = y + self.CHIP + 4
        order = model.order if hasattr(model, "order") else []
        for stance in sorted(cell.stances, key=lambda s: (order.index(s) if s in order else 99, s)):
            label = f"{stance} {cell.stances[stance]}"
            width = self.CHIP + 12 + metrics.horizontalAdvance(label)
            if x > option.rect.left() + 6 and x + width > option.rect.right():
                x = option.rect.left() + 6  # wrap the chips onto a new row
                y += self.CHIP + 4
                lines_y = y + self.CHIP + 4
            colour = QColor(model.colours.get(stance, "#808080"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawRoundedRect(QRectF(x, y, self.CHIP, self.CHIP), 3, 3)
            painter.setPen(QPen(option.palette.text().color()))
            painter.drawText(int(x + self.CHIP + 4), int(y + self.CHIP - 3), label)
            x += width
        painter.setPen(QPen(QColor("#555555")))
        for stance in sorted(cell.speakers, key=lambda s: (order.index(s) if s in order else 99, s)):
            text = metrics.elidedText(visible_controls(", ".join(cell.speakers[stance])), Qt.TextElideMode.ElideRight,
                                      option.rect.width() - 24)
            if lines_y + metrics.height() > option.rect.bottom():
                break
            colour = QColor(model.colours.get(stance, "#808080"))
            painter.fillRect(QRectF(option.rect.left() + 6, lines_y + 3, 3, metrics.height() - 6), colour)
            painter.drawText(option.rect.left() + 14, lines_y + metrics.ascent(), text)
            lines_y += metrics.height()
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802 (Qt API)
        if index.column() == CLAIM_COLUMN:
            return super().sizeHint(option, index)
        cell = index.data(CELL_ROLE)
        metrics = QFontMetrics(option.font)
        lines = len(cell.speakers) if cell else 0
        chip_rows = 2 if cell and len(cell.stances) > 2 else 1
        return QSize(220, 10 + chip_rows * (self.CHIP + 4) + lines * metrics.height())
