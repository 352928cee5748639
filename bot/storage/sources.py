"""Paths given to `ftadvisor ingest`, so `reindex` can rebuild the index from them.

The documents themselves stay where the team keeps them; the database remembers what was
ingested (the search index is only a rebuildable copy)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import delete, insert, select

from bot.storage.db import Database, utcnow
from bot.storage.schema import sources_table


class SqlSourceStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def remember(self, paths: list[Path]) -> None:
        with self.db.begin() as conn:
            known = {r[0] for r in conn.execute(select(sources_table.c.path))}
            for p in paths:
                key = str(p.resolve())
                if key not in known:
                    conn.execute(insert(sources_table).values(path=key, added_at=utcnow()))
                    known.add(key)

    def forget(self, path: Path) -> None:
        with self.db.begin() as conn:
            conn.execute(delete(sources_table).where(sources_table.c.path == str(path.resolve())))

    def paths(self) -> list[Path]:
        with self.db.begin() as conn:
            return [Path(r[0]) for r in conn.execute(select(sources_table.c.path).order_by(sources_table.c.path))]
