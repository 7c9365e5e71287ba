"""The board's tables as they are now (migrations.py builds and upgrades them)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

CODE_LENGTH = 8
NICKNAME_MAX = 40
PAGE_MAX = 40
CHALLENGE_MAX = 400  # a built-in id, or a teacher's challenge text (core.challenges.MAX_TEXT)
SUBMISSION_ID_MAX = 64


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    """One row: the number of the last migration step applied."""

    __tablename__ = "schema_version"
    version: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class ClassRow(Base):
    __tablename__ = "classes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(CODE_LENGTH), unique=True)
    # sha256 of the teacher key, hex: the key itself is never stored (see store.hash_key)
    key_hash: Mapped[str] = mapped_column(String(64))
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EntryRow(Base):
    """One submitted run. (class_id, submission_id) is unique: a retried submission is stored once."""

    __tablename__ = "entries"
    __table_args__ = (
        UniqueConstraint("class_id", "submission_id", name="uq_entries_submission"),
        Index("ix_entries_board", "class_id", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    class_id: Mapped[int] = mapped_column(ForeignKey("classes.id", ondelete="CASCADE"))
    submission_id: Mapped[str] = mapped_column(String(SUBMISSION_ID_MAX))
    nickname: Mapped[str] = mapped_column(String(NICKNAME_MAX))
    page: Mapped[str] = mapped_column(String(PAGE_MAX))
    settings: Mapped[dict] = mapped_column(JSON)  # the page's config as text, all fields
    metrics: Mapped[dict] = mapped_column(JSON)  # the run's final figures
    challenge: Mapped[str | None] = mapped_column(String(CHALLENGE_MAX), nullable=True)
    passed: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
