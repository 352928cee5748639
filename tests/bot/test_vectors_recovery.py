"""Only chroma's own failures move the index aside: an error of the SQL database (the PostgreSQL
keyword index opened with the knowledge base) is raised as it is, the index files stay."""

from __future__ import annotations

import chromadb.errors
import sqlalchemy.exc

from bot.vectors import _is_database_error


def test_database_errors_are_told_apart_from_index_corruption() -> None:
    assert _is_database_error(sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("connection refused")))
    try:
        try:
            raise sqlalchemy.exc.OperationalError("SELECT 1", {}, Exception("connection refused"))
        except sqlalchemy.exc.OperationalError as exc:
            raise RuntimeError("keyword index unavailable") from exc
    except RuntimeError as wrapped:
        assert _is_database_error(wrapped)
    assert not _is_database_error(chromadb.errors.InternalError("file is not a database"))
    assert not _is_database_error(ValueError("malformed segment"))
