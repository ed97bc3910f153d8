"""Schema: the migrations build exactly the tables the code queries, both ways, and Datasette reads the file."""

from __future__ import annotations

import asyncio
import importlib
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from toll.store import Store
from toll.store.engine import MIGRATIONS, create_engine
from toll.store.schema import metadata

from ._build import CROSSING, SHELLING, add, crossing_claims, doc, shelling_claims

TABLES = {"outlets", "documents", "claims", "ingest_runs", "run_errors", "checkpoints"}


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def test_the_migrations_form_one_line_of_history() -> None:
    script = ScriptDirectory.from_config(_config())
    assert script.get_heads() == ["0001"]
    assert [s.revision for s in script.walk_revisions()][-1] == "0001"


def test_a_migrated_database_matches_the_schema_the_code_uses(db_url: str) -> None:
    Store.open(db_url).close()
    engine = create_engine(db_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            assert context.get_current_heads() == ("0001",)
            assert compare_metadata(context, metadata) == []
            assert set(sa.inspect(conn).get_table_names()) >= TABLES
    finally:
        engine.dispose()


def test_the_migrations_go_down_and_up_again(db_url: str) -> None:
    Store.open(db_url).close()
    engine = create_engine(db_url)
    config = _config()
    try:
        with engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
            assert not TABLES & set(sa.inspect(conn).get_table_names())
            command.upgrade(config, "head")
            assert set(sa.inspect(conn).get_table_names()) >= TABLES
    finally:
        engine.dispose()
    with Store.open(db_url) as store:
        assert store.counts()["documents"] == 0 and store.start_run("ingest", [], "v") == 1


def test_the_alembic_env_does_nothing_when_merely_imported() -> None:
    # pytest --doctest-modules imports every module of the package; the env must not try to migrate then
    module = importlib.import_module("toll.store.migrations.env")
    assert callable(module.run)


def _datasette_get(path: Path, *paths: str) -> list[dict]:
    from datasette.app import Datasette

    async def fetch() -> list[dict]:
        ds = Datasette(files=[str(path)])
        await ds.invoke_startup()
        out = []
        for p in paths:
            response = await ds.client.get(p)
            assert response.status_code == 200, (p, response.text[:300])
            out.append(response.json())
        return out

    return asyncio.run(fetch())


def test_the_sqlite_file_opens_in_datasette_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "toll.db"
    with Store.open(f"sqlite:///{path}") as store:
        run_id = store.start_run("ingest", ["wire.jsonl"], "v")
        a, b = doc(SHELLING), doc(CROSSING, url="https://wire.example/ostrel", published=None)
        add(store, a, shelling_claims(a), ["vastra-12", "vastra-40"], run_id)
        add(store, b, crossing_claims(b), ["ostrel-200", "ostrel-30"], run_id)
        stored = {(c.category, c.value.low) for c, _ in store.claims()}
    tables, claims, killed = _datasette_get(
        path,
        "/toll.json",
        "/toll/claims.json?_shape=array&_size=max",
        "/toll.json?sql=select+claim_id,+figure_low+from+claims+where+category+%3D+%27killed%27&_shape=array",
    )
    assert {t["name"] for t in tables["tables"]} >= TABLES
    assert {(c["category"], c["figure_low"]) for c in claims} == stored and len(claims) == 4
    assert [row["figure_low"] for row in killed] == [12]
