"""The installed Qt binding keeps None alive: PySide6 6.12.0 on Python < 3.12 did not, and the app
died with "Fatal Python error: none_dealloc" after a few thousand calls (pyproject pins it out)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QApplication, QWidget


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_do_not_drop_references_to_none(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(500):
        QApplication.processEvents()
        widget.update()
    assert sys.getrefcount(None) > before - 100
