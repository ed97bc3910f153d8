"""Shared fixtures: `db_url`, a fresh empty database per test on SQLite and on the real PostgreSQL server."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# the maintenance database through which test databases are created and dropped; users tried in order
PG_HOST = os.environ.get("TOLL_TEST_PG_HOST", "127.0.0.1:5432")
PG_USERS = ("postgres", "root")
PG_ADMIN_DB = "test"
REQUIRE_PG = os.environ.get("TOLL_REQUIRE_POSTGRES") == "1"


def _admin_url() -> tuple[str | None, str]:
    """The first PostgreSQL admin URL that answers, or None with every user's reason."""
    import psycopg

    reasons = []
    for user in PG_USERS:
        url = f"postgresql://{user}@{PG_HOST}/{PG_ADMIN_DB}"
        try:
            with psycopg.connect(url, connect_timeout=3, autocommit=True) as conn:
                conn.execute("SELECT 1")
            return url, ""
        except psycopg.Error as err:
            reasons.append(f"{user}: {str(err).strip().splitlines()[0]}")
    return None, "; ".join(reasons)


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    """A URL of the PostgreSQL server's maintenance database; skips (or fails in CI) where there is no server."""
    url, why = _admin_url()
    if url is None:
        message = f"no PostgreSQL server at {PG_HOST} ({why})"
        if REQUIRE_PG:
            pytest.fail(f"{message}, and TOLL_REQUIRE_POSTGRES=1")
        pytest.skip(message)
    return url


@contextmanager
def fresh_pg_database(admin_url: str) -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database on admin_url's server, dropped afterwards."""
    import psycopg

    name = f"toll_t_{secrets.token_hex(6)}"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as conn:
            # FORCE: a test that failed mid-way may have left connections open
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards."""
    with fresh_pg_database(pg_admin_url) as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of a fresh empty database: a SQLite file in tmp_path, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/toll.db"
    return request.getfixturevalue("pg_url")
