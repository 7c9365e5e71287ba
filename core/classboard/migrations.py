"""The schema's history as ordered steps; ``migrate`` applies the ones a database lacks.

A ``schema_version`` table holds the number of the last step applied. Each step is frozen DDL
written when the step was added: it never reads today's models, so a database created long
ago walks exactly the path a new one does. Adding a column later = a new step at the end and
the column in schema.py; tests/core/test_classboard_store.py checks that both agree.

Why not Alembic: two tables, a handful of steps, no autogenerate needed; an ordered list in
one file says the same without a second configuration (alembic.ini, env.py, versions/).
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    UniqueConstraint,
    inspect,
    text,
)

from core.classboard.schema import SchemaVersion


def _v1_classes_and_entries(conn: Connection) -> None:
    meta = MetaData()
    Table("classes", meta,
          Column("id", Integer, primary_key=True),
          Column("code", String(8), nullable=False, unique=True),
          Column("key_hash", String(64), nullable=False),
          Column("closed", Boolean, nullable=False),
          Column("created_at", DateTime(timezone=True), nullable=False))
    Table("entries", meta,
          Column("id", Integer, primary_key=True),
          Column("class_id", Integer, ForeignKey("classes.id", ondelete="CASCADE"),
                 nullable=False),
          Column("submission_id", String(64), nullable=False),
          Column("nickname", String(40), nullable=False),
          Column("page", String(40), nullable=False),
          Column("settings", JSON, nullable=False),
          Column("metrics", JSON, nullable=False),
          Column("challenge", String(400)),
          Column("passed", Boolean),
          Column("hidden", Boolean, nullable=False),
          Column("created_at", DateTime(timezone=True), nullable=False),
          UniqueConstraint("class_id", "submission_id", name="uq_entries_submission"))
    meta.create_all(conn)


def _v2_board_index(conn: Connection) -> None:
    # The board reads one class's entries in order, every second, on every open board page.
    entries = Table("entries", MetaData(), autoload_with=conn)
    Index("ix_entries_board", entries.c.class_id, entries.c.id).create(conn)


STEPS: list[Callable[[Connection], None]] = [_v1_classes_and_entries, _v2_board_index]
LATEST = len(STEPS)


def current_version(conn: Connection) -> int:
    if not inspect(conn).has_table(SchemaVersion.__tablename__):
        return 0
    return conn.execute(text("SELECT max(version) FROM schema_version")).scalar() or 0


def migrate(engine: Engine, *, upto: int = LATEST) -> int:
    """Bring the database to version ``upto`` (default: the latest), in one transaction.

    Several processes may start at once (app replicas, CLI calls): the transaction holds the
    database's write lock (SQLite: BEGIN IMMEDIATE, see engine.py; PostgreSQL: an advisory
    lock), so one migrates and the others then find nothing left to do.
    """
    with engine.execution_options(sqlite_begin="IMMEDIATE").begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(14014)"))  # any constant of ours
        version = current_version(conn)
        if version == 0:
            SchemaVersion.__table__.create(conn)
            conn.execute(SchemaVersion.__table__.insert().values(version=0))
        for number in range(version + 1, upto + 1):
            STEPS[number - 1](conn)
        if upto > version:
            conn.execute(SchemaVersion.__table__.update().values(version=upto))
        return max(version, upto)
