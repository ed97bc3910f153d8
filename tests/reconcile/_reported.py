"""Hand-built stored claims for the ladder tests: what Store.reported() yields, without a database."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from toll.model import Claim, Figure, Reported, Span, Victim
from toll.reconcile.echoes import claim_key


def rep(
    claimant: str | None,
    low: int | None,
    high: int | None = None,
    kind: str = "exact",
    as_of: date | None = None,
    party: str | None = "Karvenia",
    role: str = "military",
    category: str = "killed",
    doc: str = "doc-1",
    historical: bool = False,
    outlet: str | None = "Continental Press",
    published: date | None = None,
) -> Reported:
    """One stored claim; high defaults to low for exact and approximate figures, its echo key is the real one."""
    if high is None and kind in ("exact", "approx"):
        high = low
    raw = f"{low}" if high in (None, low) else f"{low} to {high}"
    sentence = f"{claimant or 'Officials'} said {raw} people were {category}."
    claim = Claim(
        doc_id=doc,
        value=Figure(low, high, kind, Span(0, len(raw)), raw),
        category=category,
        victim=Victim(party, role, None, "sentence" if party else None),
        claimant=claimant,
        via=(),
        as_of=as_of,
        historical=historical,
        evidence=Span(0, len(sentence)),
        evidence_text=sentence,
    )
    echo = claim_key(claim)
    claim_id = hashlib.sha256(f"{doc}|{echo}|{historical}".encode()).hexdigest()[:16]
    return Reported(claim, claim_id, echo, doc, outlet, f"https://{doc}.example/", published or as_of)


def echo(r: Reported, doc: str, outlet: str | None = "Harbour Line News", published: date | None = None) -> Reported:
    """The same claim reported again by another document: same echo key, new claim id and document."""
    claim = replace(r.claim, doc_id=doc)
    claim_id = hashlib.sha256(f"{doc}|{r.echo_key}|{r.claim.historical}".encode()).hexdigest()[:16]
    return Reported(claim, claim_id, r.echo_key, doc, outlet, f"https://{doc}.example/", published or r.published)
