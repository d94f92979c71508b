"""Article metadata catalogs: a `catalog.json` beside imported files supplies titles and sources.

The bundled seeds carry one (seeds/catalog.json). An entry matches an imported file by its file
name in the same folder, or anywhere by the SHA-256 of its decoded text, so the seeds keep their
metadata wherever they are copied.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from desktop_app.core.paths import seeds_dir

FIELDS = ("title", "outlet", "author", "published", "url")


@lru_cache(maxsize=64)
def _load(catalog_path: Path) -> tuple[dict, ...]:
    try:
        data = json.loads(catalog_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ()
    entries = data.get("articles", []) if isinstance(data, dict) else []
    return tuple(entry for entry in entries if isinstance(entry, dict))


def lookup(path: Path, digest: str) -> dict[str, str]:
    """Catalog metadata for a file (non-empty fields only), or {} when no catalog knows it."""
    candidates = [Path(path).resolve().parent / "catalog.json", seeds_dir() / "catalog.json"]
    for catalog in candidates:
        for entry in _load(catalog):
            if entry.get("sha256") == digest or (
                catalog.parent == Path(path).resolve().parent and entry.get("file") == Path(path).name
            ):
                return {key: str(entry[key]) for key in FIELDS if entry.get(key)}
    return {}
