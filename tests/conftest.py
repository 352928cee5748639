"""Suite-wide fixtures. `postgres_url`: a real PostgreSQL for the storage tests - the server at
FTADVISOR_TEST_POSTGRES_URL when set, else a throwaway one started from the `pgserver` wheel
(PostgreSQL binaries shipped on PyPI), so the Postgres path runs everywhere, CI included."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url = os.environ.get("FTADVISOR_TEST_POSTGRES_URL", "")
    if url:
        yield url
        return
    import pgserver

    server = pgserver.get_server(tmp_path_factory.mktemp("pg"), cleanup_mode="stop")
    server.psql("CREATE DATABASE ftadvisor_test;")
    uri = server.get_uri("ftadvisor_test")
    yield uri.replace("postgresql://", "postgresql+psycopg://", 1)
    server.cleanup()
