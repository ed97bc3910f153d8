"""The dashboard's connections cannot write, stop a query at the time limit, and refuse what is no toll database."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from toll.errors import StoreError
from toll.store.readonly import QueryTimeout, ReadOnlyDB

# a statement that never ends by itself on either backend
ENDLESS = "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n"
WRITES = [
    "INSERT INTO outlets (name, host) VALUES ('Written by the dashboard', NULL)",
    "UPDATE claims SET claimant = 'changed'",
    "DELETE FROM documents",
    "CREATE TABLE intruder (x INTEGER)",
]


@pytest.fixture(params=["sqlite", "postgresql"])
def any_url(request: pytest.FixtureRequest) -> str:
    return request.getfixturevalue("sample_url" if request.param == "sqlite" else "pg_sample_url")


@pytest.mark.parametrize("statement", WRITES)
def test_no_statement_can_write(any_url: str, statement: str) -> None:
    db = ReadOnlyDB(any_url)
    try:
        with db.read() as conn:
            before = conn.execute(sa.text("SELECT count(*) FROM outlets")).scalar_one()
        with pytest.raises(StoreError, match="(?i)read.?only"), db.read() as conn:
            conn.execute(sa.text(statement))
            conn.commit()
        with db.read() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM outlets")).scalar_one() == before
    finally:
        db.close()


@pytest.mark.parametrize("limit_s", [0.2, 0.5])
def test_a_query_past_the_time_limit_is_stopped(any_url: str, limit_s: float) -> None:
    db = ReadOnlyDB(any_url, timeout_s=limit_s)
    try:
        started = time.monotonic()
        with pytest.raises(QueryTimeout) as err, db.read() as conn:
            conn.execute(sa.text(ENDLESS)).scalar_one()
        took = time.monotonic() - started
        assert limit_s <= took + 0.05 < limit_s + 2.0
        assert f"{limit_s:g} s" in str(err.value) and "\n" not in str(err.value)
        with db.read() as conn:  # the connection is usable again: the limit restarts with each statement
            assert conn.execute(sa.text("SELECT count(*) FROM claims")).scalar_one() > 0
    finally:
        db.close()


def test_the_sqlite_file_is_left_unchanged(sample_url: str) -> None:
    path = Path(sa.make_url(sample_url).database or "")
    before = path.stat().st_mtime_ns, path.stat().st_size
    db = ReadOnlyDB(sample_url)
    try:
        db.check()
        with db.read() as conn:
            assert conn.exec_driver_sql("PRAGMA query_only").scalar_one() == 1
    finally:
        db.close()
    assert (path.stat().st_mtime_ns, path.stat().st_size) == before


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda tmp: f"sqlite:///{tmp}/absent.db", "no such database file"),
        (lambda tmp: "sqlite:///:memory:", "give a database file"),
        (lambda tmp: f"mysql://{tmp}/x", "unsupported database"),
    ],
)
def test_unusable_urls_are_refused_in_one_line(tmp_path: Path, make, problem: str) -> None:  # noqa: ANN001
    url = make(tmp_path)
    with pytest.raises(StoreError) as err:
        ReadOnlyDB(url)
    assert problem in str(err.value) and str(err.value).startswith(f"{url}: ")
    assert "\n" not in str(err.value)


def test_a_file_without_toll_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    sqlite3.connect(path).execute("CREATE TABLE notes (x TEXT)").connection.close()
    db = ReadOnlyDB(f"sqlite:///{path}")
    try:
        with pytest.raises(StoreError, match="not a toll database") as err:
            db.check()
        assert "\n" not in str(err.value)
    finally:
        db.close()


def test_a_time_limit_must_be_positive(sample_url: str) -> None:
    with pytest.raises(ValueError, match="positive"):
        ReadOnlyDB(sample_url, timeout_s=0)
