"""Schema migrations (Alembic) run safely by every process that starts, and by `ftadvisor db upgrade`.

The migration scripts ship inside the package (`bot/storage/migrations`, wheel-installable); no
alembic.ini is needed. `upgrade` takes a database-wide lock first, so replicas started together on
a fresh database never race each other's `CREATE TABLE`:

- PostgreSQL: a transaction-level advisory lock (`pg_advisory_xact_lock`), taken in the same
  transaction as the migration (PostgreSQL DDL is transactional: all of it commits, or none);
- SQLite: a file lock beside the database file (`<db>.migrate.lock`), since SQLite has no
  advisory locks and its driver commits DDL statement by statement.

The first process upgrades; the others wait for the lock, find the database at head and go on.
A database created before migrations existed (`create_all`, no `alembic_version`) is adopted by the
baseline revision, which creates only the tables that are missing.

Every replica start asks "is the schema at head?" first, without Alembic: the head is read from
the revision files (`revision = ...` / `down_revision = ...`, a regex) and compared with the row
of `alembic_version`. Alembic (~0.15 s of CPU to import and scan its scripts) is loaded only
when there is something to migrate.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import SQLAlchemyError

from bot.storage.db import Database

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
ADVISORY_LOCK_KEY = 0x66_74_61_64  # "ftad": one constant shared by every replica
LOCK_TIMEOUT_S = 300.0


# maintained by the migrations on PostgreSQL only (a generated full-text column and its GIN index):
# not in `schema.metadata`, and not a difference between the schema and a migrated database
PG_ONLY = frozenset({"tsv", "ix_keyword_chunks_tsv"})


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Alembic's comparison filter (autogenerate, tests): skip what only PostgreSQL has."""
    return not (reflected and compare_to is None and name in PG_ONLY)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged scripts; `connection` is what env.py migrates."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships its revisions
        raise RuntimeError(f"no migration revisions found in {MIGRATIONS_DIR}")
    return head


_REVISION = re.compile(r"^(down_revision|revision)\s*(?::[^=\n]+)?=\s*(.+?)\s*$", re.MULTILINE)
_ID = r"['\"][\w-]+['\"]"


def scripted_head() -> str | None:
    """The head revision read from the revision files without Alembic: the one revision no other
    revision names as its `down_revision`. None whenever a file is not of the simple form (then
    Alembic decides): no `revision = "..."`, a tuple of parents (a merge), several heads."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        if path.name == "__init__.py":
            continue
        found = dict(_REVISION.findall(path.read_text(encoding="utf-8")))
        rev, down = found.get("revision", ""), found.get("down_revision", "")
        if not re.fullmatch(_ID, rev) or not re.fullmatch(f"None|{_ID}", down):
            return None
        revisions.add(rev[1:-1])
        if down != "None":
            parents.add(down[1:-1])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def stored_revision(db: Database) -> str | None:
    """The revision recorded in `alembic_version` (None: no table, no row or several rows)."""
    try:
        with db.engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> str | None:
    """Migrate `db` to `revision` under the database lock; returns the revision it is at now."""
    head = scripted_head() if revision == "head" else None
    if head is not None and stored_revision(db) == head:
        return head  # the common start-up: nothing to do, no lock, no Alembic
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    if revision == "head" and current_revision(db) == head_revision():
        return head_revision()
    with _schema_lock(db) as conn:
        before = MigrationContext.configure(conn).get_current_revision()
        command.upgrade(alembic_config(conn), revision)
        after = MigrationContext.configure(conn).get_current_revision()
    if before != after:
        log.info("database migrated from %s to %s", before or "an empty schema", after)
    return after


@contextmanager
def _schema_lock(db: Database) -> Iterator[Connection]:
    """A connection in a transaction, holding the database-wide migration lock."""
    if db.engine.dialect.name == "postgresql":
        with db.engine.begin() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            yield conn
        return
    from filelock import FileLock

    path = _sqlite_file(db)
    if path is None:  # an in-memory database belongs to one process
        with db.engine.begin() as conn:
            yield conn
        return
    with FileLock(f"{path}.migrate.lock", timeout=LOCK_TIMEOUT_S), db.engine.begin() as conn:
        yield conn


def _sqlite_file(db: Database) -> str | None:
    database = db.engine.url.database
    return database if database and database != ":memory:" else None
