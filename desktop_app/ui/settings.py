"""Where the window remembers itself: an INI file in the user data folder.

Using the data folder (not the platform registry) means `CROSSCHECK_DATA_DIR`, which tests set to a
temporary folder, also isolates window settings, so tests never read or change a user's layout.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop_app.core.paths import data_dir


def app_settings() -> QSettings:
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "gui-settings.ini"), QSettings.Format.IniFormat)


def project_key(path: Path) -> str:
    """A settings group name for one project file."""
    return "project-" + hashlib.sha1(str(Path(path).resolve()).encode()).hexdigest()[:12]


def int_list(value) -> list[int]:
    """QSettings returns lists, strings or None depending on backend and length."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [v for v in value.split(",") if v.strip()]
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        return []
