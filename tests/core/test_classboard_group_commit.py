"""Group commit (core/classboard/group_commit.py): writers arriving together share one
transaction, each work in its own savepoint; on SQLite and on a real PostgreSQL."""
import threading
import time

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, insert, select

from core.classboard.engine import make_engine
from core.classboard.group_commit import GroupCommit

NUMBERS = Table("numbers", MetaData(), Column("n", Integer, primary_key=True))


@pytest.fixture
def engine(db_url):
    engine = make_engine(db_url)
    NUMBERS.create(engine)
    yield engine
    engine.dispose()


def stored(engine):
    with engine.connect() as conn:
        return sorted(conn.execute(select(NUMBERS.c.n)).scalars())


class Transactions:
    """``engine.begin`` that counts the transactions opened."""

    def __init__(self, engine):
        self.engine, self.count = engine, 0

    def __call__(self):
        self.count += 1
        return self.engine.begin()


def write(n, fail=False):
    def work(conn):
        conn.execute(insert(NUMBERS).values(n=n))
        if fail:
            raise ValueError(f"work {n} refused")
        return n
    return work


def run_batch_behind_a_held_leader(group, works):
    """The first writer holds the lock (its work waits on an event) while ``works`` queue up:
    they are then written together, in the next transaction. Returns each work's result."""
    entered, release = threading.Event(), threading.Event()

    def leader_work(conn):
        entered.set()
        release.wait(30)
        conn.execute(insert(NUMBERS).values(n=0))
        return 0

    results: dict = {}

    def call(i, work):
        try:
            results[i] = group.run(work)
        except Exception as err:  # noqa: BLE001 - the caller's error is the result here
            results[i] = err

    threads = [threading.Thread(target=call, args=("leader", leader_work))]
    threads[0].start()
    assert entered.wait(30)
    threads += [threading.Thread(target=call, args=(i, w)) for i, w in enumerate(works)]
    for t in threads[1:]:
        t.start()
    deadline = time.monotonic() + 30
    while len(group._queue) < len(works) and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    for t in threads:
        t.join(30)
    return results


def test_writers_waiting_together_share_one_transaction(engine):
    begin = Transactions(engine)
    group = GroupCommit(begin)
    results = run_batch_behind_a_held_leader(group, [write(n) for n in range(1, 21)])
    assert results == {"leader": 0, **{i: i + 1 for i in range(20)}}
    assert stored(engine) == list(range(21))
    assert begin.count == 2  # the leader's transaction, then one for the twenty behind it


def test_a_refused_work_is_rolled_back_alone(engine):
    group = GroupCommit(Transactions(engine))
    results = run_batch_behind_a_held_leader(group, [write(1), write(2, fail=True), write(3)])
    assert isinstance(results[1], ValueError) and str(results[1]) == "work 2 refused"
    assert results[0] == 1 and results[2] == 3
    assert stored(engine) == [0, 1, 3]  # 2's insert went with its savepoint


def test_a_failed_commit_fails_every_work_of_the_batch(engine):
    class FailingCommit(Transactions):
        def __call__(self):
            outer = super().__call__()

            class Failing:
                def __enter__(self):
                    return outer.__enter__()

                def __exit__(self, *exc):
                    outer.__exit__(ValueError, ValueError("disk full"), None)  # rolls back
                    raise OSError("disk full")
            return Failing()

    group = GroupCommit(FailingCommit(engine))
    with pytest.raises(OSError, match="disk full"):
        group.run(write(5))
    assert stored(engine) == []
    group = GroupCommit(Transactions(engine))
    assert group.run(write(6)) == 6 and stored(engine) == [6]  # nothing left queued
