"""The storage room: documents, claims and ingest runs in SQLite or PostgreSQL, migrated with Alembic; exports."""

from __future__ import annotations

from toll.store.batch import Batch
from toll.store.export import EXPORT_COLUMNS, HXL_TAGS, write_export
from toll.store.schema import COUNTERS
from toll.store.store import Store

__all__ = ["COUNTERS", "EXPORT_COLUMNS", "HXL_TAGS", "Batch", "Store", "write_export"]
