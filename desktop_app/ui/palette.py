"""Colours of the comparison: passage fills, edit marks, dimmed ranges, the flash.

Passage fills come from Paul Tol's "light" qualitative scheme, designed to stay distinguishable
under the common colour-vision deficiencies and to keep black text readable on top. Edited words
inside a passage take the same hue much darker, with white text and an underline, so they stand
out even for a reader who cannot tell the hues apart.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

#: Paul Tol's light scheme (https://personal.sron.nl/~pault/#sec:qualitative), text-safe fills.
PASSAGE_FILLS = (
    "#77AADD",  # light blue
    "#EE8866",  # orange
    "#44BB99",  # mint
    "#EEDD88",  # light yellow
    "#FFAABB",  # pink
    "#99DDFF",  # light cyan
    "#BBCC33",  # pear
    "#AAAA00",  # olive
)

DIM_TEXT = QColor("#8a8a8a")
DIM_BACKGROUND = QColor("#f1f1f1")
FLASH = QColor("#ffd400")
PANE_BACKGROUND = QColor("#ffffff")


def passage_colour(index: int) -> QColor:
    """The fill of the `index`-th passage (cycling through the palette)."""
    return QColor(PASSAGE_FILLS[index % len(PASSAGE_FILLS)])


def passage_fill(index: int, alpha: int = 150) -> QColor:
    """The passage colour softened for a background behind text."""
    colour = passage_colour(index)
    colour.setAlpha(alpha)
    return colour


def edit_colour(index: int) -> QColor:
    """A much darker shade of the passage colour for edited words."""
    return passage_colour(index).darker(230)


def band_colour(index: int, alpha: int = 110) -> QColor:
    """The link-map band of a passage: its colour, translucent so crossing bands stay legible."""
    colour = passage_colour(index)
    colour.setAlpha(alpha)
    return colour
