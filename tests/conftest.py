"""Test setup shared by every suite: offscreen Qt, and an isolated user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parents[1]
SEEDS = sorted((REPO / "seeds").glob("*.txt"))


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path_factory, monkeypatch):
    """Never touch the real user's default project."""
    monkeypatch.setenv("CROSSCHECK_DATA_DIR", str(tmp_path_factory.mktemp("userdata")))


@pytest.fixture
def seed_paths() -> list[Path]:
    return list(SEEDS)


@pytest.fixture
def seeded_project(tmp_path):
    """A project file with the five seeds imported; yields the open Project."""
    from desktop_app.core.articles import import_paths
    from desktop_app.core.store import Project

    project = Project.open(tmp_path / "seeds.sqlite")
    import_paths(project, SEEDS)
    yield project
    project.close()
