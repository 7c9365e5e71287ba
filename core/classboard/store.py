"""ClassStore: the board's operations over one database.

Students: ``join`` (code + nickname) and ``submit`` (a finished run). Everyone: ``entries``.
The teacher, with the secret key: ``hide``, ``close``, ``clear``, ``export_csv``.

Every write is one short transaction; submissions arriving together share one (group_commit.py:
one lock taken, one disk flush, each still in its own savepoint). A submission carries an idempotency id chosen by the
client; (class, id) is unique in the database, so a retried or doubled submission is stored
once and both calls get the same receipt. A call returns only after its transaction committed:
what was acknowledged survives a crash of the server.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from core.classboard.engine import (
    ClassBoardError,
    database_errors,
    database_url,
    make_engine,
)
from core.classboard.group_commit import GroupCommit
from core.classboard.limits import RateLimiter
from core.classboard.migrations import migrate
from core.classboard.schema import ClassRow, EntryRow
from core.classboard.submission import check_metrics, check_page, judge, parse_settings
from core.classboard.text import (
    check_submission_id,
    new_code,
    normalise_code,
    normalise_nickname,
)

CLASSES = ClassRow.__table__
ENTRIES = EntryRow.__table__


class UnknownClass(ClassBoardError):
    pass


class ClassClosed(ClassBoardError):
    pass


class WrongKey(ClassBoardError):
    pass


@dataclass(frozen=True)
class NewClass:
    code: str
    key: str  # shown to the teacher once; only its hash is stored


@dataclass(frozen=True)
class ClassState:
    code: str
    closed: bool
    created_at: datetime


@dataclass(frozen=True)
class Receipt:
    entry_id: int
    duplicate: bool  # True: this submission id was already stored; nothing new was written
    passed: bool | None  # the challenge's verdict on the stored run (None: no challenge)


@dataclass(frozen=True)
class Entry:
    id: int
    nickname: str
    page: str
    settings: dict[str, str]
    metrics: dict[str, Any]
    challenge: str | None
    passed: bool | None
    hidden: bool
    created_at: datetime

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "nickname": self.nickname, "page": self.page,
                "settings": self.settings, "metrics": self.metrics,
                "challenge": self.challenge, "passed": self.passed, "hidden": self.hidden,
                "created_at": self.created_at.isoformat()}


def hash_key(key: str) -> str:
    # The key is 128 random bits, not a password a person chose: a fast hash cannot be
    # reversed by guessing, so sha256 is enough (a slow KDF is for low-entropy secrets).
    return hashlib.sha256(key.encode()).hexdigest()


class ClassStore:
    """The board in one database (``url``: see engine.database_url)."""

    def __init__(self, url: str | None = None):
        self.url = database_url(url)
        self.engine = make_engine(self.url)
        with database_errors():
            migrate(self.engine)
        # Per client (a browser session): guessing codes and flooding the board both stop here.
        self.joins = RateLimiter(10, 60.0, "attempts to join")
        self.submissions = RateLimiter(10, 60.0, "submissions")
        self._submit_batches = GroupCommit(self._writing)

    def _writing(self):
        """A transaction that takes SQLite's write lock at once (see engine._sqlite_begin)."""
        return self.engine.execution_options(sqlite_begin="IMMEDIATE").begin()

    # --- the teacher ------------------------------------------------------------------------

    def new_class(self) -> NewClass:
        # 128 random bits in hex: a key never starts with '-', so `--key KEY` always parses.
        key = secrets.token_hex(16)
        with database_errors():
            for _ in range(5):  # a clash of random codes is rare; try another
                code = new_code()
                try:
                    with self._writing() as conn:
                        conn.execute(insert(CLASSES).values(
                            code=code, key_hash=hash_key(key), closed=False, created_at=_now()))
                    return NewClass(code, key)
                except IntegrityError:
                    continue
        raise ClassBoardError("could not find a free class code; try again")

    def verify_key(self, code: str, key: str) -> str:
        """The normalised code if ``key`` is this class's teacher key, else WrongKey."""
        code = normalise_code(code)
        with database_errors(), self.engine.connect() as conn:
            stored = conn.execute(select(CLASSES.c.key_hash).where(CLASSES.c.code == code)
                                  ).scalar_one_or_none()
        if stored is None:
            raise UnknownClass(f"no class with the code {code}")
        if not hmac.compare_digest(hash_key(str(key)), stored):  # constant time
            raise WrongKey("wrong teacher key for this class")
        return code

    def hide(self, code: str, key: str, entry_id: int, hidden: bool = True) -> None:
        code = self.verify_key(code, key)
        with database_errors(), self._writing() as conn:
            done = conn.execute(update(ENTRIES).where(
                ENTRIES.c.id == int(entry_id),
                ENTRIES.c.class_id == _class_id(code)).values(hidden=hidden)).rowcount
        if not done:
            raise ClassBoardError(f"no entry {entry_id} in this class")

    def close(self, code: str, key: str, closed: bool = True) -> None:
        code = self.verify_key(code, key)
        with database_errors(), self._writing() as conn:
            conn.execute(update(CLASSES).where(CLASSES.c.code == code).values(closed=closed))

    def clear(self, code: str, key: str) -> int:
        """Delete every entry of the class; the class stays open. Returns how many."""
        code = self.verify_key(code, key)
        with database_errors(), self._writing() as conn:
            return conn.execute(delete(ENTRIES).where(ENTRIES.c.class_id == _class_id(code))
                                ).rowcount

    def export_csv(self, code: str, key: str) -> str:
        from core.classboard.export import entries_csv

        code = self.verify_key(code, key)
        return entries_csv(self.entries(code, include_hidden=True))

    # --- the students -----------------------------------------------------------------------

    def state(self, code: str) -> ClassState:
        code = normalise_code(code)
        with database_errors(), self.engine.connect() as conn:
            row = conn.execute(select(CLASSES.c.closed, CLASSES.c.created_at)
                               .where(CLASSES.c.code == code)).first()
        if row is None:
            raise UnknownClass(f"no class with the code {code}")
        return ClassState(code, bool(row.closed), _utc(row.created_at))

    def join(self, code: str, nickname: str, client: str | None = None) -> tuple[str, str]:
        """(code, nickname) normalised, if the class exists and is open. Rate-limited per client."""
        if client is not None:
            self.joins.check(client)
        nickname = normalise_nickname(nickname)
        state = self.state(code)
        if state.closed:
            raise ClassClosed("this class is closed: the teacher no longer takes submissions")
        return state.code, nickname

    def submit(self, code: str, *, nickname: str, page: str, settings: Mapping[str, Any],
               metrics: Mapping[str, Any], challenge: str | None = None,
               submission_id: str | None = None, client: str | None = None) -> Receipt:
        """Store one run. Its settings are re-parsed by the page's config; with a challenge
        (a built-in id or a teacher's text), whether it passed is decided here, by
        core.challenges, never taken from the client. Idempotent per submission_id."""
        code = normalise_code(code)
        page = check_page(page)
        settings, metrics = parse_settings(page, settings), check_metrics(metrics)
        challenge, passed = judge(page, challenge, settings, metrics)
        values = {
            "submission_id": check_submission_id(submission_id or uuid.uuid4().hex),
            "nickname": normalise_nickname(nickname),
            "page": page, "settings": settings, "metrics": metrics,
            "challenge": challenge, "passed": passed, "hidden": False,
        }
        if client is not None:
            self.submissions.check(client)

        def store(conn: Connection) -> Receipt:
            # FOR SHARE (PostgreSQL): a class cannot close under a submission being stored.
            row = conn.execute(select(CLASSES.c.id, CLASSES.c.closed)
                               .where(CLASSES.c.code == code).with_for_update(read=True)).first()
            if row is None:
                raise UnknownClass(f"no class with the code {code}")
            if row.closed:
                raise ClassClosed("this class is closed: the teacher no longer takes submissions")
            return _insert_once(conn, row.id, values)

        with database_errors():
            return self._submit_batches.run(store)

    def entries(self, code: str, *, include_hidden: bool = False) -> list[Entry]:
        """The class's entries in the order they arrived (hidden ones only when asked)."""
        code = normalise_code(code)
        query = (select(ENTRIES).join(CLASSES, CLASSES.c.id == ENTRIES.c.class_id)
                 .where(CLASSES.c.code == code).order_by(ENTRIES.c.id))
        if not include_hidden:
            query = query.where(ENTRIES.c.hidden.is_(False))
        with database_errors(), self.engine.connect() as conn:
            rows = conn.execute(query).all()
        return [Entry(r.id, r.nickname, r.page, r.settings, r.metrics, r.challenge, r.passed,
                      bool(r.hidden), _utc(r.created_at)) for r in rows]


def _insert_once(conn: Connection, class_id: int, values: dict) -> Receipt:
    try:
        with conn.begin_nested():  # a savepoint: a duplicate must not abort the transaction
            result = conn.execute(insert(ENTRIES).values(class_id=class_id, created_at=_now(),
                                                         **values))
        return Receipt(result.inserted_primary_key[0], duplicate=False, passed=values["passed"])
    except IntegrityError:
        existing = conn.execute(select(ENTRIES.c.id, ENTRIES.c.passed).where(
            ENTRIES.c.class_id == class_id,
            ENTRIES.c.submission_id == values["submission_id"])).one()
        return Receipt(existing.id, duplicate=True, passed=existing.passed)


def _class_id(code: str):
    return select(CLASSES.c.id).where(CLASSES.c.code == code).scalar_subquery()


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    # SQLite keeps no time zone; every time we write is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
