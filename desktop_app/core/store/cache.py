"""A persistent key/value cache (alignment and overview results keyed by text hashes)."""

from __future__ import annotations

from desktop_app.core.store.connection import timestamp


class CacheRepo:
    """Mixin of `Project`: cached results survive restarts, so a second overview is instant."""

    def cache_get(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM cache WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def cache_put(self, key: str, value: str) -> None:
        with self.db.atomic():
            self.db.execute(
                "INSERT OR REPLACE INTO cache (key, value, created_at) VALUES (?, ?, ?)",
                [key, value, timestamp()],
            )

    def cache_put_many(self, items: dict[str, str]) -> None:
        now = timestamp()
        with self.db.atomic():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO cache (key, value, created_at) VALUES (?, ?, ?)",
                [(key, value, now) for key, value in items.items()],
            )
