"""Fixtures for the comparison-window tests: a main window on a seeded project."""

from __future__ import annotations

import pytest

from desktop_app.core.models import ArticleDraft


@pytest.fixture
def make_window(qtbot):
    """Factory: a shown MainWindow on a project path; closed (and its project) at teardown."""
    from desktop_app.ui.app import create_main_window

    windows = []

    def make(path, size=(1300, 820)):
        window = create_main_window(path)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.compare.close_comparison()
        window.controller.close()


@pytest.fixture
def seeds_window(make_window, seeded_project):
    return make_window(seeded_project.path)


@pytest.fixture
def seed_ids(seeded_project):
    """Article ids of the seeds in file order (000 -> ids[0], 002 -> ids[2])."""
    return [a.id for a in sorted(seeded_project.articles(), key=lambda a: a.id)]


def open_and_wait(qtbot, window, ids):
    with qtbot.waitSignal(window.compare.alignmentShown, timeout=20_000):
        window.open_comparison(ids)
    return window.compare.panes()


def add_texts(project, *texts):
    """Store plain texts as articles; returns their ids."""
    ids = []
    for n, text in enumerate(texts):
        article_id, _created = project.add_article(ArticleDraft(text=text, title=f"Text {n}"))
        ids.append(article_id)
    return ids
