"""`ftadvisor db upgrade|current`: the database schema's migrations (Alembic, shipped in the package).

Every process also upgrades at start-up (under a database lock), so `db upgrade` is for a deploy
step that migrates before the replicas roll, or for checking where a database stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from bot.cli.context import container
from bot.cli.output import fail, say

if TYPE_CHECKING:
    from bot.storage.db import Database

db_app = typer.Typer(help="The database schema: `db upgrade` migrates it, `db current` shows its revision.")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


def _database() -> Database:
    from bot.storage.db import Database

    settings = container().settings
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Database(settings.resolved_database_url)


@db_app.command("upgrade")
def handle_db_upgrade(
    revision: str = typer.Argument("head", help="Target revision (default: the newest)."),
) -> None:
    """Migrate the database at DATABASE_URL to `revision` (safe while other replicas start)."""
    from bot.storage.migrate import upgrade

    db = _database()
    where = db.engine.url.render_as_string(hide_password=True)
    try:
        now = upgrade(db, revision)
    except Exception as exc:
        fail(f"could not migrate {where}: {type(exc).__name__}: {exc}", code=1)
    finally:
        db.dispose()
    say(f"{where}: at revision {now}")


@db_app.command("current")
def handle_db_current() -> None:
    """The database's revision and the newest one this version ships."""
    from bot.storage.migrate import current_revision, head_revision

    db = _database()
    try:
        now = current_revision(db)
    finally:
        db.dispose()
    head = head_revision()
    state = "up to date" if now == head else "needs `ftadvisor db upgrade`"
    say(f"database revision: {now or 'none'}; newest: {head} ({state})")
