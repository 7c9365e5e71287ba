"""Fixtures for the class board's store: the same tests on SQLite and on a real PostgreSQL."""
import os
import signal

import pytest

from tests.core.postgres_server import PostgresServer, missing_reason


@pytest.fixture(scope="session")
def postgres_server():
    reason = missing_reason()
    if reason:
        if os.environ.get("CI") == "true":  # CI must run the PostgreSQL tests, never skip them
            pytest.fail(reason)
        pytest.skip(reason)
    server = PostgresServer()
    # `timeout` and CI runners end pytest with SIGTERM, which would skip the teardown below and
    # leave the server running: turn it into the interrupt pytest tears down after.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt("SIGTERM")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database: a SQLite file, or a new database on the PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'board.sqlite3'}"
    return request.getfixturevalue("postgres_server").new_database()
