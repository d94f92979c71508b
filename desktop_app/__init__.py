"""Crosscheck: compare how news outlets cover one story.

`desktop_app.core` is the Qt-free engine (text, import, alignment, claims, storage, export);
`desktop_app.ui` is a thin PySide6 layer over it; `desktop_app.cli` is the `crosscheck` command.
"""

__version__ = "0.1.0"
