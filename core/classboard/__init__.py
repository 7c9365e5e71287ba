"""The class board: a teacher's class code, students' submitted runs, stored in a real database.

SQLAlchemy over SQLite in the data folder by default, any SQLAlchemy URL through
``PLAYGROUND_DB_URL`` (PostgreSQL when several app replicas share one board).

    schema.py      the tables (SQLAlchemy 2 declarative models)
    migrations.py  schema_version and the ordered steps that bring any database up to date
    engine.py      which database, its engine (SQLite: WAL, busy timeout), errors in words
    text.py        nicknames and codes: normalised, length-limited, never markup
    submission.py  a submission's settings re-parsed by its page's config, its metrics checked
    store.py       ClassStore: new class, join, submit, board, and the teacher's actions
    group_commit.py submissions arriving together stored in one transaction (one flush)
    limits.py      per-client rate limits (joins, submissions)
    export.py      the teacher's CSV, formula-escaped
    leaderboard.py ranking the board's entries
    cli.py         ``python -m core class ...``
"""
