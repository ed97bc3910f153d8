"""Alembic's entry point: runs the migrations on the connection toll hands over, or on -x url=... from the CLI."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context

from toll.store.engine import create_engine
from toll.store.schema import metadata


def run() -> None:
    """Migrate online, on the caller's connection (inside its transaction and lock) or on a fresh one."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run_on(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise SystemExit("give the database: alembic -c toll/store/migrations/alembic.ini -x url=sqlite:///toll.db ...")
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            _run_on(conn)
            conn.commit()
    finally:
        engine.dispose()


def _run_on(connection: sa.Connection) -> None:
    """Configure Alembic on one connection and run what is pending."""
    # batch mode lets ALTERs work on SQLite, which rebuilds the table instead
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


# Alembic imports this file to run it; anything else importing it (pytest's doctest collection) must not.
if getattr(context, "_proxy", None) is not None:
    run()
