"""Alembic migrations of the toll database; toll.store.engine.migrate runs them when a Store opens."""
