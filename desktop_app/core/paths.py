"""Where things are: the packaged resources and seeds, and the user's default project.

`resources/` and `seeds/` sit at the top of the repository and ship inside the installed package as
`desktop_app.resources` and `desktop_app.seeds`; this module is the one place that finds them, so
the app works the same from a checkout, an editable install or a wheel.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

import platformdirs

APP_NAME = "Crosscheck"
DEFAULT_PROJECT_NAME = "default.crosscheck.sqlite"


def _package_dir(name: str) -> Path:
    """desktop_app/<name> in an installed wheel; the repository's top-level <name> otherwise."""
    installed = Path(__file__).resolve().parents[1] / name
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / name


def resources_dir() -> Path:
    """The folder holding the stylesheet, icons and default codebook."""
    return _package_dir("resources")


def seeds_dir() -> Path:
    """The folder holding the bundled seed articles and their catalog."""
    return _package_dir("seeds")


def seed_files() -> list[Path]:
    """The seed article files, in name order."""
    return sorted(seeds_dir().glob("*.txt"))


@lru_cache(maxsize=1)
def default_codebook() -> dict:
    """The default stances and their colours and keys (resources/codebook.json)."""
    return json.loads((resources_dir() / "codebook.json").read_text(encoding="utf-8"))


def data_dir() -> Path:
    """The user data folder; CROSSCHECK_DATA_DIR overrides it (tests and portable installs)."""
    override = os.environ.get("CROSSCHECK_DATA_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_project_path() -> Path:
    """The project opened when no --project is given."""
    return data_dir() / DEFAULT_PROJECT_NAME
