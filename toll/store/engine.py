"""Engines for the two backends, with SQLite set up for several writing processes, and migration at open."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from toll.errors import StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_S = 30.0
PG_CONNECT_TIMEOUT_S = 10
# any constant shared by every toll process: it names the lock that serializes migrations on PostgreSQL
PG_MIGRATION_LOCK = 7_051_114_801
WRITE = "toll_write"  # execution option: this connection's transactions write


def shown(url: str) -> str:
    """The URL as errors name it: without its password."""
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError):
        return url
    # re-rendering would also re-escape the rest (':memory:' -> '%3Amemory%3A'): only when there is a secret
    return url if parsed.password is None else parsed.render_as_string(hide_password=True)


def driver_url(url: str) -> sa.URL:
    """The SQLAlchemy URL for a user's database URL; PostgreSQL always goes through psycopg 3."""
    try:
        parsed = sa.make_url(url)
    except (sa.exc.ArgumentError, ValueError) as err:
        raise StoreError(f"not a database URL ({err})", source=shown(url)) from None
    backend = parsed.get_backend_name()
    if backend in {"postgresql", "postgres"}:
        return parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite" and parsed.get_driver_name() in {"", "pysqlite"}:
        return parsed.set(drivername="sqlite+pysqlite")
    raise StoreError("unsupported database; use sqlite:///PATH or postgresql://USER@HOST/DB", source=shown(url))


SQLITE_STATEMENTS = 16


def create_engine(url: str) -> sa.Engine:
    """An engine for the URL; on SQLite every connection gets WAL, a busy timeout and foreign keys."""
    target = driver_url(url)
    if target.get_backend_name() == "postgresql":
        return sa.create_engine(target, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})
    if not target.database or target.database == ":memory:" or "mode=memory" in str(target.query):
        # every pooled connection would get a database of its own, and all of them vanish at exit
        raise StoreError("an in-memory database keeps nothing; give a file: sqlite:///PATH", source=shown(url))
    folder = Path(target.database).expanduser().parent
    if not folder.is_dir():
        raise StoreError(f"no such directory: {folder}", source=shown(url))
    # few cached statements: batch inserts are multi-row statements whose text changes with the batch, and the
    # driver's default cache of 128 held each one, growing with every batch of a long ingest
    engine = sa.create_engine(target, connect_args={"timeout": BUSY_TIMEOUT_S, "cached_statements": SQLITE_STATEMENTS})
    sa.event.listen(engine, "connect", _sqlite_connect)
    sa.event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    """Let SQLAlchemy, not pysqlite, decide when transactions begin, and set the pragmas writers rely on."""
    # pysqlite would otherwise open transactions lazily with a deferred BEGIN of its own, and a deferred
    # transaction that later writes fails with SQLITE_BUSY instead of waiting for the lock.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        _set_wal(cursor)
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _set_wal(cursor: sqlite3.Cursor) -> None:
    """Switch the file to WAL, retrying: the switch can report "locked" at once rather than wait its turn."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _sqlite_begin(conn: sa.Connection) -> None:
    """BEGIN IMMEDIATE for writing transactions, so that writers queue for the lock up front."""
    write = conn.get_execution_options().get(WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def migrate(engine: sa.Engine, url: str) -> None:
    """Bring the schema to the newest revision, one process at a time."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    script = ScriptDirectory.from_config(config)
    with engine.connect() as conn:
        current = _current(conn, script, url)
    # the common case, an up-to-date database, takes no write lock: it opens beside a running writer, and
    # read-only files still open for export
    if current == set(script.get_heads()):
        return
    with engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
        # The lock is taken before Alembic reads the current revision, so a second process opening the same new
        # database waits here and then finds nothing left to do.
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_MIGRATION_LOCK})
        _current(conn, script, url)
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def _current(conn: sa.Connection, script: ScriptDirectory, url: str) -> set[str]:
    """The database's revisions; a database migrated by a newer toll is refused rather than guessed at."""
    known = {s.revision for s in script.walk_revisions()}
    current = set(MigrationContext.configure(conn).get_current_heads())
    unknown = sorted(current - known)
    if unknown:
        raise StoreError(
            f"database schema is at revision {unknown[0]}, unknown to this toll (upgrade toll)", source=url
        )
    return current
