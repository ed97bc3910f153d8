"""Read-only database access for the web surface: no connection it opens can write, and every query has a time limit.

SQLite: the file is opened as a `mode=ro` URI with `PRAGMA query_only`, and a progress handler interrupts a
statement that runs past the limit. PostgreSQL: every transaction is read-only and `statement_timeout` is set.
Nothing here migrates: a dashboard must never change the database it shows.
"""

from __future__ import annotations

import math
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

import sqlalchemy as sa

from toll.errors import StoreError
from toll.store.engine import driver_url, shown
from toll.store.store import reason

PROGRESS_STEPS = 1000  # SQLite VM instructions between two looks at the clock: cheap, and well under a millisecond


class QueryTimeout(StoreError):
    """A query ran past the time limit and was stopped."""


class ReadOnlyDB:
    """An engine whose connections are read-only and time-limited; `read()` yields one connection."""

    def __init__(self, url: str, timeout_s: float = 5.0) -> None:
        if not timeout_s > 0:
            raise ValueError(f"timeout_s must be positive, got {timeout_s}")
        self.url = url
        self.shown = shown(url)
        self.timeout_s = timeout_s
        target = driver_url(url)
        self.backend = target.get_backend_name()
        self.engine = _postgres(target, timeout_s) if self.backend == "postgresql" else _sqlite(target, url, timeout_s)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """One connection; driver errors become StoreError, and a query past the limit QueryTimeout."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as err:
            if _timed_out(err):
                raise QueryTimeout(f"query stopped after the {self.timeout_s:g} s time limit", self.shown) from None
            raise StoreError(reason(err), self.shown) from None

    def check(self) -> None:
        """Fail with one line unless the database holds toll's tables."""
        try:
            with self.read() as conn:
                conn.execute(sa.text("SELECT count(*) FROM claims JOIN documents ON documents.id = claims.document_id"))
        except StoreError as err:
            raise StoreError(f"not a toll database (run `toll ingest` first): {err.message}", self.shown) from None


def _timed_out(err: sa.exc.SQLAlchemyError) -> bool:
    """Whether the driver stopped the statement for the time limit (SQLite: interrupted; PostgreSQL: canceled)."""
    orig = getattr(err, "orig", None)
    if isinstance(orig, sqlite3.OperationalError):
        return "interrupted" in str(orig)
    return getattr(orig, "sqlstate", None) == "57014"  # query_canceled


def _postgres(target: sa.URL, timeout_s: float) -> sa.Engine:
    """PostgreSQL with every transaction read-only and a statement timeout, set by the server at connect."""
    ms = max(1, math.ceil(timeout_s * 1000))
    options = f"-c default_transaction_read_only=on -c statement_timeout={ms}"
    return sa.create_engine(target, connect_args={"connect_timeout": 10, "options": options}, pool_pre_ping=True)


def _sqlite(target: sa.URL, url: str, timeout_s: float) -> sa.Engine:
    """SQLite opened read-only by URI, query_only on, and a deadline checked by a progress handler."""
    if not target.database or target.database == ":memory:":
        raise StoreError("give a database file: sqlite:///PATH", shown(url))
    path = Path(target.database).expanduser().resolve()
    if not path.is_file():
        raise StoreError(f"no such database file: {path}", shown(url))
    uri = f"file:{quote(str(path))}?mode=ro"

    def connect() -> sqlite3.Connection:
        # check_same_thread off: the pool hands connections to the server's worker threads, one at a time
        conn = sqlite3.connect(uri, uri=True, timeout=timeout_s, check_same_thread=False)
        conn.execute("PRAGMA query_only = 1")
        return conn

    engine = sa.create_engine("sqlite+pysqlite://", creator=connect)
    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, record: Any) -> None:
        deadline = _Deadline(timeout_s)
        dbapi_conn.set_progress_handler(deadline.expired, PROGRESS_STEPS)
        record.info["deadline"] = deadline

    @sa.event.listens_for(engine, "before_cursor_execute")
    def _on_execute(conn: sa.Connection, *_args: Any) -> None:
        conn.connection.info["deadline"].start()

    return engine


class _Deadline:
    """The time limit of the statement a connection runs now; restarted by each statement."""

    def __init__(self, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self.until = math.inf

    def start(self) -> None:
        self.until = time.monotonic() + self.timeout_s

    def expired(self) -> int:
        """Nonzero stops the statement: sqlite3 then raises OperationalError('interrupted')."""
        return 1 if time.monotonic() > self.until else 0
