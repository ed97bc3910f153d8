"""The tables as SQLAlchemy Core sees them; the migrations in toll/store/migrations create exactly these."""

from __future__ import annotations

import sqlalchemy as sa

# Fixed constraint names so that migrations can name what they alter on every backend.
metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Timestamps are UTC ISO-8601 strings (see toll.store.keys.now): the same text on SQLite and PostgreSQL.
outlets = sa.Table(
    "outlets",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False, unique=True),
    sa.Column("host", sa.Text),
)

# Batch.count(run_id, **increments) accepts exactly these names, so they are part of the API
COUNTERS = (
    "read",
    "new",
    "skipped",
    "duplicates",
    "near_duplicates",
    "failed",
    "claims",
    "claims_before",
    "claims_after",
)

ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("inputs", sa.Text, nullable=False),  # JSON list
    sa.Column("extractor_version", sa.Text, nullable=False),
    sa.Column("started_at", sa.Text, nullable=False),
    sa.Column("finished_at", sa.Text),
    sa.Column("status", sa.Text, nullable=False),
    *(sa.Column(name, sa.Integer, nullable=False, server_default="0") for name in COUNTERS),
)


documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("doc_key", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text),  # the document's id in its input (a JSONL id, a path, a URL): how users know it
    sa.Column("url", sa.Text),
    sa.Column("url_key", sa.Text, nullable=False),
    sa.Column("sha256", sa.Text, nullable=False, index=True),
    sa.Column("outlet_id", sa.Integer, sa.ForeignKey("outlets.id")),
    sa.Column("title", sa.Text),
    sa.Column("published", sa.Date, index=True),
    sa.Column("published_basis", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("text_source", sa.Text, nullable=False),
    sa.Column("input_name", sa.Text),
    sa.Column("story_id", sa.Integer, index=True),
    sa.Column("duplicate_of", sa.Integer),
    sa.Column("similarity", sa.Float),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("n_chars", sa.Integer, nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id")),
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.UniqueConstraint("url_key", "sha256"),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("claim_id", sa.Text, nullable=False, unique=True),
    sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("figure_low", sa.Integer),
    sa.Column("figure_high", sa.Integer),
    sa.Column("kind", sa.Text, nullable=False),
    sa.Column("figure_raw", sa.Text, nullable=False),
    sa.Column("category", sa.Text, nullable=False),
    sa.Column("victim_party", sa.Text),
    sa.Column("victim_role", sa.Text, nullable=False),
    sa.Column("victim_group", sa.Text),
    sa.Column("victim_party_basis", sa.Text),
    sa.Column("claimant", sa.Text),
    sa.Column("via", sa.Text, nullable=False),  # JSON list
    sa.Column("as_of", sa.Date),
    sa.Column("historical", sa.Boolean, nullable=False),
    sa.Column("evidence_text", sa.Text, nullable=False),
    sa.Column("char_start", sa.Integer, nullable=False),
    sa.Column("char_end", sa.Integer, nullable=False),
    sa.Column("figure_start", sa.Integer, nullable=False),
    sa.Column("figure_end", sa.Integer, nullable=False),
    sa.Column("text_source", sa.Text, nullable=False),
    sa.Column("echo_key", sa.Text, nullable=False, index=True),
    sa.Column("extractor_version", sa.Text, nullable=False),
)

run_errors = sa.Table(
    "run_errors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id"), nullable=False, index=True),
    sa.Column("input", sa.Text, nullable=False),
    sa.Column("problem", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
)

checkpoints = sa.Table(
    "checkpoints",
    metadata,
    sa.Column("input_id", sa.Text, primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("ingest_runs.id")),
    sa.Column("updated_at", sa.Text, nullable=False),
)
