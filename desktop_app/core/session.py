"""Opening the project a command or the app works on, and seeding the default project.

Without --project the user's default project (platformdirs data folder) is used; when it is first
created the five bundled seeds are imported into it, so the app opens on something to compare.
"""

from __future__ import annotations

from pathlib import Path

from desktop_app.core.articles import import_paths
from desktop_app.core.paths import default_project_path, seed_files
from desktop_app.core.store import Project


def resolve_project_path(path: Path | None) -> Path:
    return Path(path) if path is not None else default_project_path()


def open_project(path: Path | None = None, *, readonly: bool = False) -> Project:
    """Open `path` (default: the default project), creating it if missing; seed a new default."""
    target = resolve_project_path(path)
    is_new_default = path is None and not target.exists()
    project = Project.open(target, readonly=readonly and target.exists())
    if is_new_default:
        import_paths(project, seed_files())
    return project
