"""Store: one database of documents, claims and ingest runs, on SQLite or PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from alembic.util import CommandError

from toll.errors import StoreError
from toll.model import Claim, Document, Reported
from toll.store.batch import Batch, printable
from toll.store.engine import WRITE, create_engine, migrate, shown
from toll.store.keys import now, url_key
from toll.store.records import (
    claims_query,
    count_queries,
    documents_query,
    reported_query,
    to_claim,
    to_document,
    to_export,
    to_reported,
)
from toll.store.schema import checkpoints, documents, ingest_runs, run_errors

EXPORT_CHUNK = 1000


def reason(err: BaseException) -> str:
    """The first line of what the driver said, without SQLAlchemy's statement dump and links."""
    inner = getattr(err, "orig", None) or err
    lines = [line for line in str(inner).splitlines() if line.strip()]
    return lines[0].strip() if lines else type(inner).__name__


class Store:
    """A migrated database; each method is its own short transaction, except batch()."""

    def __init__(self, url: str, engine: sa.Engine) -> None:
        self.url = url
        self._engine = engine

    @classmethod
    def open(cls, url: str) -> Store:
        """Open (creating if needed) and migrate to head; StoreError(source=url) says why it cannot."""
        engine = create_engine(url)
        try:
            migrate(engine, shown(url))
        except StoreError:
            engine.dispose()
            raise
        except (sa.exc.SQLAlchemyError, CommandError, OSError) as err:
            engine.dispose()
            raise StoreError(f"cannot open the database: {reason(err)}", source=shown(url)) from None
        return cls(url, engine)

    def close(self) -> None:
        """Release every connection (on SQLite this also folds the WAL back into the file)."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        """A connection for reading, its driver errors turned into StoreError."""
        try:
            with self._engine.connect() as conn:
                yield conn
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(reason(err), source=shown(self.url)) from None

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """A connection in a write transaction (BEGIN IMMEDIATE on SQLite), its driver errors as StoreError."""
        try:
            with self._engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
                yield conn
        except sa.exc.SQLAlchemyError as err:
            raise StoreError(reason(err), source=shown(self.url)) from None

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        """One write transaction: committed on normal exit, rolled back on an exception."""
        with self._write() as conn:
            yield Batch(conn)

    # runs

    def start_run(self, command: str, inputs: Sequence[str], extractor_version: str) -> int:
        """Record a run as 'running' and return its id."""
        names = [printable(i) for i in inputs]
        row = {
            "command": command,
            "inputs": json.dumps(names, ensure_ascii=False),
            "extractor_version": extractor_version,
            "started_at": now(),
            "status": "running",
        }
        with self._write() as conn:
            return conn.execute(sa.insert(ingest_runs).values(row).returning(ingest_runs.c.id)).scalar_one()

    def finish_run(self, run_id: int, status: str = "done") -> None:
        """Set the run's status and finishing time."""
        with self._write() as conn:
            stmt = sa.update(ingest_runs).where(ingest_runs.c.id == run_id)
            if conn.execute(stmt.values(status=status, finished_at=now())).rowcount == 0:
                raise StoreError(f"no run has id {run_id}", source=shown(self.url))

    def run(self, run_id: int) -> dict[str, Any]:
        """The run's row, with its counters and its errors [{"input": ..., "problem": ...}] in order."""
        with self._read() as conn:
            row = conn.execute(sa.select(ingest_runs).where(ingest_runs.c.id == run_id)).first()
            if row is None:
                raise StoreError(f"no run has id {run_id}", source=shown(self.url))
            errors = conn.execute(
                sa.select(run_errors.c.input, run_errors.c.problem)
                .where(run_errors.c.run_id == run_id)
                .order_by(run_errors.c.id)
            ).all()
        out = dict(row._mapping)
        out["inputs"] = json.loads(out["inputs"])
        out["errors"] = [{"input": e.input, "problem": e.problem} for e in errors]
        return out

    # lookups

    def checkpoint(self, input_id: str) -> int | None:
        """The last position committed for that input, or None."""
        with self._read() as conn:
            stmt = sa.select(checkpoints.c.position).where(checkpoints.c.input_id == input_id)
            return conn.execute(stmt).scalar_one_or_none()

    def known(self, url: str | None, sha256: str) -> bool:
        """Whether a document with this URL (None: no URL) and content hash is stored."""
        with self._read() as conn:
            stmt = sa.select(documents.c.id).where(documents.c.url_key == url_key(url), documents.c.sha256 == sha256)
            return conn.execute(stmt.limit(1)).first() is not None

    def by_sha256(self, sha256: str) -> int | None:
        """The id of the first stored document with exactly this text, or None."""
        with self._read() as conn:
            return conn.execute(sa.select(sa.func.min(documents.c.id)).where(documents.c.sha256 == sha256)).scalar()

    def same_texts(self, sha256s: Sequence[str]) -> dict[str, list[tuple[int, str]]]:
        """For each content hash, (id, url_key) of the stored documents with exactly that text, oldest first:
        known() and by_sha256() for a whole batch in one query."""
        found: dict[str, list[tuple[int, str]]] = {}
        wanted = sorted(set(sha256s))
        with self._read() as conn:
            for i in range(0, len(wanted), 500):  # well under every backend's limit on bound parameters
                stmt = (
                    sa.select(documents.c.sha256, documents.c.id, documents.c.url_key)
                    .where(documents.c.sha256.in_(wanted[i : i + 500]))
                    .order_by(documents.c.id)
                )
                for r in conn.execute(stmt):
                    found.setdefault(r.sha256, []).append((r.id, r.url_key))
        return found

    def signatures_after(self, last_id: int) -> list[tuple[int, int, bytes]]:
        """(document id, story id, MinHash bytes, b"" for none) of every document with an id above last_id."""
        stmt = (
            sa.select(documents.c.id, documents.c.story_id, documents.c.minhash)
            .where(documents.c.id > last_id)
            .order_by(documents.c.id)
        )
        with self._read() as conn:
            return [(r.id, r.story_id, bytes(r.minhash or b"")) for r in conn.execute(stmt)]

    def document_text(self, doc_id: int) -> str:
        """The stored text of one document."""
        with self._read() as conn:
            text = conn.execute(sa.select(documents.c.text).where(documents.c.id == doc_id)).scalar_one_or_none()
        if text is None:
            raise StoreError(f"no stored document has id {doc_id}", source=shown(self.url))
        return text

    def documents(self, chunk: int = 200) -> Iterator[tuple[int, Document]]:
        """Every stored document as (id, Document with id = its doc_key), ascending, `chunk` rows per query."""
        last = 0
        while True:
            # a fresh short read per chunk, so a long walk (reextract) holds no transaction open meanwhile
            with self._read() as conn:
                rows = conn.execute(documents_query(last, chunk)).all()
            if not rows:
                return
            for row in rows:
                yield row.id, to_document(row)
            last = rows[-1].id

    def counts(self) -> dict[str, int]:
        """How much is stored: documents, stories, claims (reports), independent claims, outlets, runs, errors."""
        queries = count_queries() | {
            "runs": sa.select(sa.func.count()).select_from(ingest_runs),
            "errors": sa.select(sa.func.count()).select_from(run_errors),
        }
        with self._read() as conn:
            return {name: int(conn.execute(q).scalar_one()) for name, q in queries.items()}

    def claims(self, limit: int | None = None) -> list[tuple[Claim, int]]:
        """Stored claims as Claims (doc_id = the doc_key) with their reports, by date, document and place."""
        stmt = claims_query() if limit is None else claims_query().limit(limit)
        with self._read() as conn:
            return [(to_claim(row), int(row.reports)) for row in conn.execute(stmt)]

    def document_names(self) -> dict[str, str]:
        """doc_key -> the document's id in its input, for tables people read."""
        with self._read() as conn:
            rows = conn.execute(sa.select(documents.c.doc_key, documents.c.name))
            return {key: name or key for key, name in rows}

    def export_rows(self) -> Iterator[dict[str, Any]]:
        """One dict per stored claim, keyed by EXPORT_COLUMNS, in the order of claims()."""
        with self._read() as conn:
            result = conn.execution_options(yield_per=EXPORT_CHUNK).execute(claims_query())
            for row in result:
                yield to_export(row)

    def reported(self) -> Iterator[Reported]:
        """Every stored claim as a Reported (ids, document key, outlet, URL, published), in the order of claims()."""
        with self._read() as conn:
            result = conn.execution_options(yield_per=EXPORT_CHUNK).execute(reported_query())
            for row in result:
                yield to_reported(row)
