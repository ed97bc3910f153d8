"""The dashboard's queries: claims with allowlisted filters and sort keys, one claim, one document, outlets, echoes.

Every value a user gives reaches SQL as a bound parameter; sort keys and filters are chosen from fixed tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa

from toll.store.records import count_queries
from toll.store.schema import claims, documents, outlets

MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000  # bounds the OFFSET a request can ask the database to skip
ECHO_SAMPLE = 50  # reports listed with one claim: its echoes

# when a claim applies: its as-of date, else its document's publication date
claim_date = sa.func.coalesce(claims.c.as_of, documents.c.published)
SORTS: dict[str, sa.ColumnElement[Any]] = {
    "date": claim_date,
    "published": documents.c.published,
    "figure": sa.func.coalesce(claims.c.figure_high, claims.c.figure_low),
    "claimant": claims.c.claimant,
    "party": claims.c.victim_party,
    "category": claims.c.category,
}
ORDERS = ("asc", "desc")


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """What the claims table is asked for; None means: not filtered on."""

    party: str | None = None
    category: str | None = None
    role: str | None = None
    claimant: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    q: str | None = None
    sort: str = "date"
    order: str = "asc"
    page: int = 1
    per_page: int = 25

    def __post_init__(self) -> None:
        if self.sort not in SORTS or self.order not in ORDERS:
            raise ValueError(f"unknown sort {self.sort!r} {self.order!r}")
        if not (1 <= self.page <= MAX_PAGE and 1 <= self.per_page <= MAX_PAGE_SIZE):
            raise ValueError(f"page {self.page} of size {self.per_page} is out of bounds")


def like(text: str) -> str:
    """A substring pattern for LIKE ... ESCAPE '\\' that matches `text` literally, wildcards included."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _conditions(f: ClaimFilter) -> list[sa.ColumnElement[bool]]:
    out: list[sa.ColumnElement[bool]] = []
    if f.party:
        out.append(claims.c.victim_party == f.party)
    if f.category:
        out.append(claims.c.category == f.category)
    if f.role:
        out.append(claims.c.victim_role == f.role)
    if f.claimant:
        out.append(claims.c.claimant.ilike(like(f.claimant), escape="\\"))
    if f.q:
        out.append(claims.c.evidence_text.ilike(like(f.q), escape="\\"))
    if f.date_from:
        out.append(claim_date >= f.date_from)
    if f.date_to:
        out.append(claim_date <= f.date_to)
    return out


def _reports() -> sa.Subquery:
    """How many stored claims share each echo key."""
    return sa.select(claims.c.echo_key, sa.func.count().label("reports")).group_by(claims.c.echo_key).subquery()


def _claim_select() -> sa.Select:
    counted = _reports()
    return (
        sa.select(
            claims,
            documents.c.doc_key,
            documents.c.name.label("doc_name"),
            documents.c.title,
            documents.c.url,
            documents.c.published,
            outlets.c.name.label("outlet"),
            counted.c.reports,
        )
        .join(documents, documents.c.id == claims.c.document_id)
        .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
        .join(counted, counted.c.echo_key == claims.c.echo_key)
    )


def claim_row(row: sa.Row) -> dict[str, Any]:
    """One claim as the API and the pages show it."""
    m = row._mapping
    return {
        "claim_id": m["claim_id"],
        "doc_key": m["doc_key"],
        "doc_name": m["doc_name"] or m["doc_key"],
        "title": m["title"],
        "outlet": m["outlet"],
        "url": m["url"],
        "published": m["published"],
        "as_of": m["as_of"],
        "low": m["figure_low"],
        "high": m["figure_high"],
        "kind": m["kind"],
        "raw": m["figure_raw"],
        "category": m["category"],
        "party": m["victim_party"],
        "role": m["victim_role"],
        "group": m["victim_group"],
        "claimant": m["claimant"],
        "via": json.loads(m["via"]),
        "historical": bool(m["historical"]),
        "evidence_text": m["evidence_text"],
        "char_start": m["char_start"],
        "char_end": m["char_end"],
        "figure_start": m["figure_start"],
        "figure_end": m["figure_end"],
        "echo_key": m["echo_key"],
        "reports": int(m["reports"]),
    }


def list_claims(conn: sa.Connection, f: ClaimFilter) -> tuple[list[dict[str, Any]], int]:
    """One page of the claims matching the filter, and how many match in all."""
    where = _conditions(f)
    total_stmt = (
        sa.select(sa.func.count())
        .select_from(claims.join(documents, documents.c.id == claims.c.document_id))
        .where(*where)
    )
    total = int(conn.execute(total_stmt).scalar_one())
    key = SORTS[f.sort]
    ordered = key.asc().nulls_last() if f.order == "asc" else key.desc().nulls_last()
    stmt = (
        _claim_select()
        .where(*where)
        .order_by(ordered, documents.c.id, claims.c.figure_start, claims.c.id)
        .limit(f.per_page)
        .offset((f.page - 1) * f.per_page)
    )
    return [claim_row(r) for r in conn.execute(stmt)], total


def claim(conn: sa.Connection, claim_id: str) -> dict[str, Any] | None:
    """One claim with its document's text, or None."""
    row = conn.execute(_claim_select().add_columns(documents.c.text).where(claims.c.claim_id == claim_id)).first()
    if row is None:
        return None
    out = claim_row(row)
    out["text"] = row.text
    return out


def echoes_of(conn: sa.Connection, echo_key: str, limit: int = ECHO_SAMPLE) -> list[dict[str, Any]]:
    """The reports of one independent claim (the claims sharing its echo key), oldest first."""
    stmt = (
        _claim_select()
        .where(claims.c.echo_key == echo_key)
        .order_by(documents.c.published.asc().nulls_last(), documents.c.id, claims.c.id)
        .limit(limit)
    )
    return [claim_row(r) for r in conn.execute(stmt)]


def document(conn: sa.Connection, doc_key: str) -> dict[str, Any] | None:
    """One document with its text and its claims (in text order), or None."""
    stmt = (
        sa.select(documents, outlets.c.name.label("outlet"))
        .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
        .where(documents.c.doc_key == doc_key)
    )
    row = conn.execute(stmt).first()
    if row is None:
        return None
    m = row._mapping
    found = conn.execute(
        _claim_select().where(claims.c.document_id == m["id"]).order_by(claims.c.figure_start, claims.c.id)
    )
    return {
        "doc_key": m["doc_key"],
        "name": m["name"] or m["doc_key"],
        "title": m["title"],
        "outlet": m["outlet"],
        "url": m["url"],
        "published": m["published"],
        "published_basis": m["published_basis"],
        "text_source": m["text_source"],
        "story": _story(conn, m["story_id"], m["id"]),
        "text": m["text"],
        "claims": [claim_row(r) for r in found],
    }


def _story(conn: sa.Connection, story_id: int | None, doc_id: int) -> list[dict[str, Any]]:
    """The other documents of the document's story: copies and near-copies of one report."""
    if story_id is None:
        return []
    stmt = (
        sa.select(documents.c.doc_key, documents.c.name, documents.c.title, outlets.c.name.label("outlet"))
        .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
        .where(documents.c.story_id == story_id, documents.c.id != doc_id)
        .order_by(documents.c.id)
        .limit(ECHO_SAMPLE)
    )
    return [
        {"doc_key": r.doc_key, "name": r.name or r.doc_key, "title": r.title, "outlet": r.outlet}
        for r in conn.execute(stmt)
    ]


def list_outlets(conn: sa.Connection, page: int, per_page: int) -> tuple[list[dict[str, Any]], int]:
    """Outlets with how many documents and claims each holds, most claims first."""
    n_docs = (
        sa.select(documents.c.outlet_id, sa.func.count().label("n")).group_by(documents.c.outlet_id).subquery()
    )
    n_claims = (
        sa.select(documents.c.outlet_id, sa.func.count().label("n"))
        .select_from(claims.join(documents, documents.c.id == claims.c.document_id))
        .group_by(documents.c.outlet_id)
        .subquery()
    )
    docs_n = sa.func.coalesce(n_docs.c.n, 0)
    claims_n = sa.func.coalesce(n_claims.c.n, 0)
    stmt = (
        sa.select(outlets.c.name, outlets.c.host, docs_n.label("documents"), claims_n.label("claims"))
        .outerjoin(n_docs, n_docs.c.outlet_id == outlets.c.id)
        .outerjoin(n_claims, n_claims.c.outlet_id == outlets.c.id)
        .order_by(claims_n.desc(), outlets.c.name)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    total = int(conn.execute(sa.select(sa.func.count()).select_from(outlets)).scalar_one())
    rows = [
        {"name": r.name, "host": r.host, "documents": int(r.documents), "claims": int(r.claims)}
        for r in conn.execute(stmt)
    ]
    return rows, total


def list_echoes(conn: sa.Connection, page: int, per_page: int) -> tuple[list[dict[str, Any]], int]:
    """Independent claims reported more than once, most reports first, each with its first report and outlets."""
    counted = (
        sa.select(claims.c.echo_key, sa.func.count().label("reports"), sa.func.min(claims.c.id).label("first"))
        .group_by(claims.c.echo_key)
        .having(sa.func.count() > 1)
        .subquery()
    )
    total = int(conn.execute(sa.select(sa.func.count()).select_from(counted)).scalar_one())
    stmt = (
        _claim_select()
        .join(counted, counted.c.first == claims.c.id)
        .order_by(counted.c.reports.desc(), claims.c.id)
        .limit(per_page)
        .offset((page - 1) * per_page)
    )
    rows = [claim_row(r) for r in conn.execute(stmt)]
    for row in rows:
        row["outlets"] = _echo_outlets(conn, row["echo_key"])
    return rows, total


def _echo_outlets(conn: sa.Connection, echo_key: str) -> list[str]:
    stmt = (
        sa.select(outlets.c.name)
        .join(documents, documents.c.outlet_id == outlets.c.id)
        .join(claims, claims.c.document_id == documents.c.id)
        .where(claims.c.echo_key == echo_key)
        .distinct()
        .order_by(outlets.c.name)
    )
    return list(conn.execute(stmt).scalars())


def choices(conn: sa.Connection) -> dict[str, list[str]]:
    """The parties and categories stored, for the filter form's menus."""
    parties = sa.select(claims.c.victim_party).where(claims.c.victim_party.is_not(None)).distinct()
    cats = sa.select(claims.c.category).distinct()
    return {
        "parties": sorted(conn.execute(parties).scalars()),
        "categories": sorted(conn.execute(cats).scalars()),
    }


def counts(conn: sa.Connection) -> dict[str, int]:
    """How much is stored: documents, stories, claims (reports), independent claims, outlets."""
    return {name: int(conn.execute(q).scalar_one()) for name, q in count_queries().items()}


def version(conn: sa.Connection) -> tuple[int, int]:
    """A cheap fingerprint of the stored claims: it changes whenever claims are added or replaced."""
    row = conn.execute(sa.select(sa.func.count(), sa.func.max(claims.c.id)).select_from(claims)).one()
    return int(row[0]), int(row[1] or 0)
