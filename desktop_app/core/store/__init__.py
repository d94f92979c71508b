"""The project store: the only package that speaks SQL. See project.py for the entry point."""

from desktop_app.core.store.project import Project
from desktop_app.core.store.schema import CURRENT_VERSION

__all__ = ["Project", "CURRENT_VERSION"]
