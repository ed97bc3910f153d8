"""Initial schema: outlets, ingest runs and their errors, documents, claims, checkpoints.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Written out rather than imported from toll.store.schema: a migration must keep meaning what it meant when it
# was written, whatever the schema module says later.
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


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "outlets",
        sa.Column("id", sa.Integer),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("host", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_outlets"),
        sa.UniqueConstraint("name", name="uq_outlets_name"),
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", sa.Integer),
        sa.Column("command", sa.Text, nullable=False),
        sa.Column("inputs", sa.Text, nullable=False),
        sa.Column("extractor_version", sa.Text, nullable=False),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.Column("finished_at", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        *(sa.Column(name, sa.Integer, nullable=False, server_default="0") for name in COUNTERS),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_runs"),
    )
    _create_documents()
    _create_claims()
    op.create_table(
        "run_errors",
        sa.Column("id", sa.Integer),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("problem", sa.Text, nullable=False),
        sa.Column("at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_run_errors"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name="fk_run_errors_run_id_ingest_runs"),
    )
    op.create_index("ix_run_errors_run_id", "run_errors", ["run_id"])
    op.create_table(
        "checkpoints",
        sa.Column("input_id", sa.Text),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("updated_at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("input_id", name="pk_checkpoints"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name="fk_checkpoints_run_id_ingest_runs"),
    )


def _create_documents() -> None:
    """The documents table and the indexes its lookups use."""
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer),
        sa.Column("doc_key", sa.Text, nullable=False),
        sa.Column("name", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("url_key", sa.Text, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("outlet_id", sa.Integer),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("published_basis", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("text_source", sa.Text, nullable=False),
        sa.Column("input_name", sa.Text),
        sa.Column("story_id", sa.Integer),
        sa.Column("duplicate_of", sa.Integer),
        sa.Column("similarity", sa.Float),
        sa.Column("minhash", sa.LargeBinary),
        sa.Column("n_chars", sa.Integer, nullable=False),
        sa.Column("run_id", sa.Integer),
        sa.Column("ingested_at", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.UniqueConstraint("doc_key", name="uq_documents_doc_key"),
        sa.UniqueConstraint("url_key", "sha256", name="uq_documents_url_key_sha256"),
        sa.ForeignKeyConstraint(["outlet_id"], ["outlets.id"], name="fk_documents_outlet_id_outlets"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name="fk_documents_run_id_ingest_runs"),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"])
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_index("ix_documents_story_id", "documents", ["story_id"])


def _create_claims() -> None:
    """The claims table: every field of a claim record, keyed by its stable claim_id."""
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer),
        sa.Column("claim_id", sa.Text, nullable=False),
        sa.Column("document_id", sa.Integer, nullable=False),
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
        sa.Column("via", sa.Text, nullable=False),
        sa.Column("as_of", sa.Date),
        sa.Column("historical", sa.Boolean, nullable=False),
        sa.Column("evidence_text", sa.Text, nullable=False),
        sa.Column("char_start", sa.Integer, nullable=False),
        sa.Column("char_end", sa.Integer, nullable=False),
        sa.Column("figure_start", sa.Integer, nullable=False),
        sa.Column("figure_end", sa.Integer, nullable=False),
        sa.Column("text_source", sa.Text, nullable=False),
        sa.Column("echo_key", sa.Text, nullable=False),
        sa.Column("extractor_version", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.UniqueConstraint("claim_id", name="uq_claims_claim_id"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], name="fk_claims_document_id_documents"),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_echo_key", "claims", ["echo_key"])


def downgrade() -> None:
    """Drop every table, dependents first."""
    for table in ("checkpoints", "run_errors", "claims", "documents", "ingest_runs", "outlets"):
        op.drop_table(table)
