"""Engines: the URL forms accepted, SQLite's settings for many writers, and several processes at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from toll.errors import StoreError
from toll.store import Store
from toll.store.engine import BUSY_TIMEOUT_S, create_engine, driver_url

from ._build import SHELLING, doc

WORKER = Path(__file__).with_name("_worker.py")


@pytest.mark.parametrize(
    ("given", "driver"),
    [
        ("postgresql://postgres@127.0.0.1:5432/toll", "postgresql+psycopg://postgres@127.0.0.1:5432/toll"),
        ("postgres://analyst@db.internal/claims", "postgresql+psycopg://analyst@db.internal/claims"),
        ("postgresql+psycopg2://u:pw@127.0.0.1/toll", "postgresql+psycopg://u:pw@127.0.0.1/toll"),
        ("sqlite:///toll.db", "sqlite+pysqlite:///toll.db"),
        ("sqlite:////var/lib/toll/claims.db", "sqlite+pysqlite:////var/lib/toll/claims.db"),
    ],
)
def test_user_urls_map_to_the_drivers_toll_ships(given: str, driver: str) -> None:
    assert driver_url(given).render_as_string(hide_password=False) == driver


@pytest.mark.parametrize("given", ["mysql://u@127.0.0.1/toll", "sqlite+aiosqlite:///toll.db", "oracle://u@h/x"])
def test_other_backends_are_refused(given: str) -> None:
    with pytest.raises(StoreError, match="unsupported database"):
        driver_url(given)


def test_sqlite_connections_are_set_up_for_several_writers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/toll.db"
    Store.open(url).close()
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            got = {
                p: conn.exec_driver_sql(f"PRAGMA {p}").scalar()
                for p in ("journal_mode", "busy_timeout", "synchronous", "foreign_keys")
            }
    finally:
        engine.dispose()
    assert got == {
        "journal_mode": "wal",
        "busy_timeout": int(BUSY_TIMEOUT_S * 1000),
        "synchronous": 1,
        "foreign_keys": 1,
    }


def test_a_batch_takes_the_write_lock_at_once_and_readers_still_read(tmp_path: Path) -> None:
    path = tmp_path / "toll.db"
    store = Store.open(f"sqlite:///{path}")
    run_id = store.start_run("ingest", [], "v")
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        with store.batch():
            # nothing written yet, but the lock is held: a second writer is told to wait, not let in
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            assert other.execute("SELECT count(*) FROM ingest_runs").fetchone() == (1,)
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        with store.batch() as tx:
            tx.add_document(
                doc(SHELLING),
                run_id=run_id,
                input_name="x",
                story_id=None,
                duplicate_of=None,
                similarity=None,
                minhash=None,
            )
            # WAL: a reader sees the last committed state while the writer works
            assert other.execute("SELECT count(*) FROM documents").fetchone() == (0,)
        assert other.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    finally:
        other.close()
        store.close()


def _workers(mode: str, url: str, n_workers: int, n: int, go: Path) -> list[subprocess.CompletedProcess]:
    """Start the workers, release them together, and collect them (each bounded by a timeout)."""
    procs = [
        subprocess.Popen(
            [sys.executable, str(WORKER), mode, url, f"w{k}", str(n), str(go)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for k in range(n_workers)
    ]
    go.touch()
    done = []
    for p in procs:
        try:
            out, err = p.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            p.kill()
            out, err = p.communicate()
        done.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return done


def _scalar(url: str, query: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text(query)).scalar()
    finally:
        engine.dispose()


def test_processes_opening_a_new_database_at_once_migrate_it_once(db_url: str, tmp_path: Path) -> None:
    results = _workers("open", db_url, 4, 0, tmp_path / "go")
    assert [(r.returncode, r.stderr[-500:]) for r in results] == [(0, "")] * 4
    assert _scalar(db_url, "SELECT count(*) FROM alembic_version") == 1
    with Store.open(db_url) as store:
        assert store.counts() == dict.fromkeys(store.counts(), 0)


def test_processes_writing_one_database_all_finish_and_lose_nothing(db_url: str, tmp_path: Path) -> None:
    workers, n = 4, 25
    Store.open(db_url).close()
    results = _workers("write", db_url, workers, n, tmp_path / "go")
    assert [(r.returncode, r.stderr[-500:]) for r in results] == [(0, "")] * workers
    with Store.open(db_url) as store:
        counts = store.counts()
        runs = [store.run(i) for i in range(1, workers + 1)]
        checkpoints = [store.checkpoint(f"w{k}") for k in range(workers)]
    # every worker's own documents, plus the shared bulletins that every worker tried to store: each once
    assert counts["documents"] == workers * n + n and counts["claims"] == workers * (n - 1)
    assert [(r["status"], r["read"], r["new"]) for r in runs] == [("done", 2 * n, n)] * workers
    assert checkpoints == [n - 1] * workers
