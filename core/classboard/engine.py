"""Which database, and an engine that behaves: SQLite in WAL mode with a busy timeout.

``database_url``: ``--db URL`` if given, else ``$PLAYGROUND_DB_URL``, else a SQLite file in the
data folder, created on first use. ``database_errors`` turns a locked database, a full disk or an
unreachable server into a :class:`StoreUnavailable` whose message a page can show.
"""
from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Iterator

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from core.folders import data_dir

DB_ENV = "PLAYGROUND_DB_URL"
SQLITE_FILE = "classboard.sqlite3"
BUSY_TIMEOUT_S = 10  # a writer waits this long for another's lock before giving up


class ClassBoardError(ValueError):
    """Anything the board refuses or cannot do; the message is meant for the user."""


class StoreUnavailable(ClassBoardError):
    """The database cannot be used right now (locked, disk full, unreachable)."""


def database_url(explicit: str | None = None) -> str:
    url = explicit or os.environ.get(DB_ENV, "").strip()
    if url:
        return url
    return f"sqlite:///{data_dir() / SQLITE_FILE}"


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ClassBoardError(f"not a database URL: {url!r}") from None
    if parsed.drivername == "postgresql":  # the driver we ship (psycopg 3), not psycopg2
        parsed = parsed.set(drivername="postgresql+psycopg")
    sqlite = parsed.get_backend_name() == "sqlite"
    if sqlite and parsed.database and parsed.database != ":memory:":
        with database_errors():  # the data folder is created on first use
            os.makedirs(os.path.dirname(os.path.abspath(parsed.database)), exist_ok=True)
    try:
        if not sqlite:
            # pool_pre_ping: a replica survives the database server restarting
            return create_engine(parsed, pool_pre_ping=True)
        engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})
    except (NoSuchModuleError, ImportError):
        raise ClassBoardError(f"no database driver here for {url.split(':')[0]!r} "
                              "(use sqlite:///FILE or postgresql://...)") from None
    event.listen(engine, "connect", _sqlite_on_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # We emit BEGIN ourselves (_sqlite_begin): Python's sqlite3 would otherwise start
    # transactions lazily and leave DDL outside them (SQLAlchemy's documented pysqlite recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    _enter_wal(cursor)  # readers (board pages) never block the writer
    cursor.execute("PRAGMA synchronous=FULL")  # an acknowledged submission survives power loss
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _enter_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the database to WAL (kept in the file: the first connection to a new database
    does it, the others find it done). Connections opening a new file at once, as app replicas
    starting together do, can get "database is locked" here at once: SQLite does not wait in
    its busy handler for the lock this switch needs (waiting could deadlock). So they wait
    here, up to the busy timeout, a few milliseconds at a time."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as err:
            if err.sqlite_errorcode != sqlite3.SQLITE_BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_begin(conn) -> None:
    # A writing transaction takes the write lock at BEGIN IMMEDIATE, where the busy timeout
    # applies. A deferred one that reads first and writes later can fail at once with
    # "database is locked" when another writer committed in between.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


@contextlib.contextmanager
def database_errors() -> Iterator[None]:
    """Re-raise database and disk failures as StoreUnavailable with a message in words."""
    try:
        yield
    except DBAPIError as err:
        raise StoreUnavailable(_explain(_messages(err))) from err
    except OSError as err:
        if err.errno == errno.ENOSPC:
            raise StoreUnavailable("the disk holding the class database is full") from err
        raise StoreUnavailable(f"cannot reach the class database: {err.strerror}") from err


def _messages(err: BaseException) -> str:
    """The driver's messages along the chain: a failed statement inside a savepoint surfaces
    as "no such savepoint" once SQLite has rolled the transaction back; the cause is earlier."""
    found = []
    while err is not None:
        found.append(str(getattr(err, "orig", None) or err))
        err = err.__cause__ or err.__context__
    return "\n".join(reversed(found))


def _explain(message: str) -> str:
    low = message.lower()
    if "locked" in low:
        return ("the class database is busy (locked by another program); "
                "try again in a moment")
    if "disk is full" in low or "no space left" in low:
        return "the disk holding the class database is full"
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        return "the class database cannot be written (check the data folder's permissions)"
    if "connection" in low or "connect" in low:
        return "cannot reach the class database server"
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return f"the class database failed: {first[:200]}"
