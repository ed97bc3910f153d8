"""Stored rows turned back into toll.model objects and export records, and the queries that read them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import sqlalchemy as sa

from toll.model import Claim, Document, Figure, Reported, Source, Span, Victim
from toll.store.schema import claims, documents, outlets


def _iso(day: date | None) -> str | None:
    """A date as export records carry it: ISO text, or None."""
    return day.isoformat() if day else None


OUTLET_SEP = "\x1f"  # joins outlet names in one aggregate; a unit separator cannot occur in a stored name


def reports() -> sa.Subquery:
    """Per echo key: how many stored claims share it (the reports of one independent claim), and their outlets."""
    counted = sa.select(claims.c.echo_key, sa.func.count().label("reports")).group_by(claims.c.echo_key).subquery()
    pairs = (
        sa.select(claims.c.echo_key, outlets.c.name)
        .join(documents, documents.c.id == claims.c.document_id)
        .join(outlets, outlets.c.id == documents.c.outlet_id)
        .distinct()
        .subquery()
    )
    # aggregate_strings is group_concat on SQLite and string_agg on PostgreSQL
    named = (
        sa.select(pairs.c.echo_key, sa.func.aggregate_strings(pairs.c.name, OUTLET_SEP).label("outlet_names"))
        .group_by(pairs.c.echo_key)
        .subquery()
    )
    return (
        sa.select(counted.c.echo_key, counted.c.reports, named.c.outlet_names)
        .outerjoin(named, named.c.echo_key == counted.c.echo_key)
        .subquery("reports")
    )


def count_queries() -> dict[str, sa.Select]:
    """What the database holds, each count stating reports and independent claims side by side."""
    count = sa.func.count
    return {
        "documents": sa.select(count()).select_from(documents),
        "stories": sa.select(count(sa.distinct(documents.c.story_id))),
        "claims": sa.select(count()).select_from(claims),
        "independent_claims": sa.select(count(sa.distinct(claims.c.echo_key))),
        "outlets": sa.select(count()).select_from(outlets),
    }


def claims_query() -> sa.Select:
    """Every stored claim with its document, outlet and reports, in the order claims are listed."""
    counted = reports()
    return (
        sa.select(
            claims,
            documents.c.doc_key,
            documents.c.url,
            documents.c.published,
            outlets.c.name.label("outlet"),
            counted.c.reports,
            counted.c.outlet_names,
        )
        .join(documents, documents.c.id == claims.c.document_id)
        .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
        .join(counted, counted.c.echo_key == claims.c.echo_key)
        # NULLS LAST spelled out: SQLite and PostgreSQL would otherwise put undated documents at opposite ends
        .order_by(documents.c.published.asc().nulls_last(), documents.c.id, claims.c.figure_start, claims.c.id)
    )


def reported_query() -> sa.Select:
    """Every stored claim with its document key, URL, publication date and outlet, in the order claims are listed."""
    return (
        sa.select(claims, documents.c.doc_key, documents.c.url, documents.c.published, outlets.c.name.label("outlet"))
        .join(documents, documents.c.id == claims.c.document_id)
        .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
        .order_by(documents.c.published.asc().nulls_last(), documents.c.id, claims.c.figure_start, claims.c.id)
    )


def documents_query(after: int, chunk: int) -> sa.Select:
    """The next `chunk` documents with ids above `after`, with their outlet names."""
    return (
        sa.select(documents, outlets.c.name.label("outlet"))
        .outerjoin(outlets, outlets.c.id == documents.c.outlet_id)
        .where(documents.c.id > after)
        .order_by(documents.c.id)
        .limit(chunk)
    )


def to_claim(row: sa.Row) -> Claim:
    """A claims_query row as the Claim it was stored from (doc_id is the document's doc_key)."""
    m = row._mapping
    return Claim(
        doc_id=m["doc_key"],
        value=Figure(
            m["figure_low"], m["figure_high"], m["kind"], Span(m["figure_start"], m["figure_end"]), m["figure_raw"]
        ),
        category=m["category"],
        victim=Victim(m["victim_party"], m["victim_role"], m["victim_group"], m["victim_party_basis"]),
        claimant=m["claimant"],
        via=tuple(json.loads(m["via"])),
        as_of=m["as_of"],
        historical=bool(m["historical"]),
        evidence=Span(m["char_start"], m["char_end"]),
        evidence_text=m["evidence_text"],
        text_source=m["text_source"],
    )


def to_reported(row: sa.Row) -> Reported:
    """A reported_query row as a Reported: the claim, its ids and where its document was published."""
    m = row._mapping
    return Reported(
        claim=to_claim(row),
        claim_id=m["claim_id"],
        echo_key=m["echo_key"],
        doc_key=m["doc_key"],
        outlet=m["outlet"],
        url=m["url"],
        published=m["published"],
    )


def to_document(row: sa.Row) -> Document:
    """A documents_query row as a Document whose id is its doc_key."""
    m = row._mapping
    return Document(
        id=m["doc_key"],
        text=m["text"],
        published=m["published"],
        source=Source(outlet=m["outlet"], url=m["url"], title=m["title"]),
        text_source=m["text_source"],
        published_basis=m["published_basis"],
    )


def to_export(row: sa.Row) -> dict[str, Any]:
    """A claims_query row as one export record (keys: toll.store.export.EXPORT_COLUMNS, in order)."""
    m = row._mapping
    return {
        "claim_id": m["claim_id"],
        "doc_id": m["doc_key"],
        "url": m["url"],
        "outlet": m["outlet"],
        "published": _iso(m["published"]),
        "as_of": _iso(m["as_of"]),
        "figure_low": m["figure_low"],
        "figure_high": m["figure_high"],
        "qualifier": m["kind"],
        "category": m["category"],
        "victim_party": m["victim_party"],
        "victim_role": m["victim_role"],
        "victim_group": m["victim_group"],
        "claimant": m["claimant"],
        "via": json.loads(m["via"]),
        "historical": bool(m["historical"]),
        "evidence_text": m["evidence_text"],
        "char_start": m["char_start"],
        "char_end": m["char_end"],
        "reports": m["reports"],
        "extractor_version": m["extractor_version"],
        "echo_key": m["echo_key"],
        "outlets": sorted(m["outlet_names"].split(OUTLET_SEP)) if m["outlet_names"] else [],
    }
