"""Batch: the writes of one transaction. Store.batch() opens it, commits it, or rolls it back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from toll.errors import StoreError
from toll.model import Claim, Document, Source
from toll.store.keys import claim_id, doc_key, host, now, url_key
from toll.store.schema import COUNTERS, checkpoints, claims, documents, ingest_runs, outlets, run_errors


def insert(conn: sa.Connection, table: sa.Table) -> Any:
    """The backend's own INSERT, which knows ON CONFLICT."""
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


_STATEMENTS: dict[tuple[str, str], Any] = {}


def _statement(conn: sa.Connection, name: str) -> Any:
    """The hot statements of ingest, built once per backend: building one costs more than running it."""
    key = (conn.dialect.name, name)
    if key not in _STATEMENTS:
        _STATEMENTS[key] = {
            "document": lambda: insert(conn, documents).on_conflict_do_nothing().returning(documents.c.id),
            "own story": lambda: sa.update(documents)
            .where(documents.c.id == sa.bindparam("doc_id"))
            .values(story_id=sa.bindparam("doc_id")),
            "claims": lambda: insert(conn, claims).on_conflict_do_nothing().returning(claims.c.id),
        }[name]()
    return _STATEMENTS[key]


def storable(value: str | None, what: str, source: str) -> None:
    """Refuse text no backend can hold the same way: PostgreSQL rejects NUL, and neither takes lone surrogates."""
    if value is None:
        return
    if "\x00" in value:
        raise StoreError(f"{what} contains a NUL character, which the database cannot store", source=source)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise StoreError(f"{what} is not valid Unicode ({err.reason} at {err.start})", source=source) from None


class Batch:
    """Writes inside one open transaction; every method is a statement or two on its connection."""

    def __init__(self, conn: sa.Connection) -> None:
        self._conn = conn
        self._outlets: dict[str, int] = {}
        self._doc_keys: dict[int, str] = {}  # documents added in this batch: their claims need the key

    def add_document(
        self,
        doc: Document,
        *,
        run_id: int,
        input_name: str,
        story_id: int | None,
        duplicate_of: int | None,
        similarity: float | None,
        minhash: bytes | None,
    ) -> int | None:
        """Insert the document unless its (URL, content) is stored already; return its new id, or None."""
        source = doc.source.url or doc.id
        texts = {"text": doc.text, "title": doc.source.title, "url": doc.source.url, "outlet": doc.source.outlet,
                 "name": doc.id}
        for what, value in (texts | {"input name": input_name}).items():
            storable(value, what, source)
        sha = doc.sha256
        values = {
            "doc_key": doc_key(doc.source.url, sha),
            "name": doc.id,
            "url": doc.source.url,
            "url_key": url_key(doc.source.url),
            "sha256": sha,
            "outlet_id": self._outlet(doc.source),
            "title": doc.source.title,
            "published": doc.published,
            "published_basis": doc.published_basis,
            "text": doc.text,
            "text_source": doc.text_source,
            "input_name": input_name,
            "story_id": story_id,
            "duplicate_of": duplicate_of,
            "similarity": similarity,
            "minhash": minhash,
            "n_chars": len(doc.text),
            "run_id": run_id,
            "ingested_at": now(),
        }
        # ON CONFLICT on the unique (url_key, sha256): a second process inserting the same document waits for the
        # first one's commit and then inserts nothing, where check-then-insert would store it twice.
        new_id = self._conn.execute(_statement(self._conn, "document"), values).scalar_one_or_none()
        if new_id is not None:
            self._doc_keys[new_id] = values["doc_key"]
            if story_id is None:
                self._conn.execute(_statement(self._conn, "own story"), {"doc_id": new_id})
        return new_id

    def _outlet(self, source: Source) -> int | None:
        """The outlet's id, creating its row on first sight."""
        if not source.outlet:
            return None
        if source.outlet not in self._outlets:
            stmt = insert(self._conn, outlets).values(name=source.outlet, host=host(source.url))
            self._conn.execute(stmt.on_conflict_do_nothing())
            found = self._conn.execute(sa.select(outlets.c.id).where(outlets.c.name == source.outlet)).scalar_one()
            self._outlets[source.outlet] = found
        return self._outlets[source.outlet]

    def add_claims(
        self, doc_id: int, claims_: Sequence[Claim], echo_keys: Sequence[str], extractor_version: str
    ) -> int:
        """Store the document's claims; ones already stored (same claim_id) are left as they are. Rows inserted."""
        return self.add_claims_of([(doc_id, claims_, echo_keys)], extractor_version)

    def add_claims_of(
        self, per_document: Sequence[tuple[int, Sequence[Claim], Sequence[str]]], extractor_version: str
    ) -> int:
        """add_claims() for many documents in one statement, as ingest writes a batch. Rows inserted."""
        rows = []
        for doc_id, claims_, echo_keys in per_document:
            if len(claims_) != len(echo_keys):
                raise ValueError(f"{len(claims_)} claims but {len(echo_keys)} echo keys")
            if not claims_:
                continue
            key = self._doc_keys.get(doc_id) or self._conn.execute(
                sa.select(documents.c.doc_key).where(documents.c.id == doc_id)
            ).scalar_one_or_none()
            if key is None:
                raise StoreError(f"no stored document has id {doc_id}", source="claims")
            pairs = zip(claims_, echo_keys, strict=True)
            rows.extend(_claim_row(key, doc_id, c, e, extractor_version) for c, e in pairs)
        if not rows:
            return 0
        return len(self._conn.execute(_statement(self._conn, "claims"), rows).all())

    def replace_claims(
        self, doc_id: int, claims_: Sequence[Claim], echo_keys: Sequence[str], extractor_version: str
    ) -> tuple[int, int]:
        """Drop the document's stored claims and store these instead: (removed, added)."""
        removed = self._conn.execute(sa.delete(claims).where(claims.c.document_id == doc_id)).rowcount
        return removed, self.add_claims(doc_id, claims_, echo_keys, extractor_version)

    def add_error(self, run_id: int, input: str, problem: str) -> None:
        """Record one input's failure against the run."""
        row = {"run_id": run_id, "input": printable(input), "problem": printable(problem), "at": now()}
        self._conn.execute(sa.insert(run_errors).values(row))

    def set_checkpoint(self, input_id: str, position: int, run_id: int) -> None:
        """Remember how far the input was read; it commits with the documents read up to there."""
        values = {"input_id": input_id, "position": position, "run_id": run_id, "updated_at": now()}
        stmt = insert(self._conn, checkpoints).values(values)
        update = {k: stmt.excluded[k] for k in ("position", "run_id", "updated_at")}
        self._conn.execute(stmt.on_conflict_do_update(index_elements=["input_id"], set_=update))

    def count(self, run_id: int, **increments: int) -> None:
        """Add to the run's counters."""
        unknown = sorted(set(increments) - set(COUNTERS))
        if unknown:
            raise ValueError(f"unknown run counters {unknown}; known: {', '.join(COUNTERS)}")
        if not increments:
            return
        changes = {name: ingest_runs.c[name] + int(by) for name, by in increments.items()}
        done = self._conn.execute(sa.update(ingest_runs).where(ingest_runs.c.id == run_id).values(changes))
        if done.rowcount == 0:
            raise StoreError(f"no run has id {run_id}", source="ingest_runs")


def printable(text: str) -> str:
    """Text as recorded where losing it is worse than escaping it: input names and error messages."""
    return text.replace("\x00", "\\x00").encode("utf-8", "backslashreplace").decode("utf-8")


def _claim_row(key: str, doc_id: int, claim: Claim, echo_key: str, extractor_version: str) -> dict[str, Any]:
    """The claims-table row of one claim."""
    for value in (claim.evidence_text, claim.claimant, claim.value.raw, *claim.via):
        storable(value, "claim text", key)
    return {
        "claim_id": claim_id(key, claim, extractor_version),
        "document_id": doc_id,
        "figure_low": claim.value.low,
        "figure_high": claim.value.high,
        "kind": claim.value.kind,
        "figure_raw": claim.value.raw,
        "category": claim.category,
        "victim_party": claim.victim.party,
        "victim_role": claim.victim.role,
        "victim_group": claim.victim.group,
        "victim_party_basis": claim.victim.party_basis,
        "claimant": claim.claimant,
        "via": json.dumps(list(claim.via), ensure_ascii=False) if claim.via else "[]",  # most have none
        "as_of": claim.as_of,
        "historical": claim.historical,
        "evidence_text": claim.evidence_text,
        "char_start": claim.evidence.start,
        "char_end": claim.evidence.end,
        "figure_start": claim.value.span.start,
        "figure_end": claim.value.span.end,
        "text_source": claim.text_source,
        "echo_key": echo_key,
        "extractor_version": extractor_version,
    }
