"""Documents and claims built by hand for the storage tests (the texts are invented for these tests)."""

from __future__ import annotations

from datetime import date

from toll.model import Claim, Document, Figure, Source, Span, Victim
from toll.store import Store

SHELLING = (
    "Regional officials in Vastra said that 12 civilians were killed when shells struck a bus depot on Sunday. "
    "At least 40 people were wounded, the emergency service said, according to the Harbor Wire agency."
)
CROSSING = (
    "The defence ministry of Ostrel said its forces had captured about 200 soldiers near the river crossing. "
    "Two days later the ministry said between 30 and 45 of its own troops were missing."
)
CAMP = "Hundreds of families were displaced from the camp at Luro, aid workers said, as fighting spread."


def doc(
    text: str,
    url: str | None = "https://wire.example/vastra",
    outlet: str | None = "Harbor Wire",
    published: date | None = date(2031, 3, 2),
    title: str | None = "Depot shelled",
    doc_id: str = "in-1",
    basis: str | None = "input",
) -> Document:
    """A document as an input would yield it."""
    return Document(doc_id, text, published, Source(outlet, url, title), "text", basis if published else None)


def claim(
    d: Document,
    figure: str,
    category: str,
    low: int | None,
    high: int | None,
    kind: str = "exact",
    party: str | None = None,
    role: str = "unknown",
    claimant: str | None = None,
    via: tuple[str, ...] = (),
    as_of: date | None = None,
    historical: bool = False,
) -> Claim:
    """A claim on the figure's first occurrence, its evidence the sentence around it."""
    at = d.text.index(figure)
    start = d.text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = d.text.find(". ", at)
    end = len(d.text) if end < 0 else end + 1
    return Claim(
        doc_id=d.id,
        value=Figure(low, high, kind, Span(at, at + len(figure)), figure),
        category=category,
        victim=Victim(party, role, "soldiers" if role == "military" else None, "sentence" if party else None),
        claimant=claimant,
        via=via,
        as_of=as_of,
        historical=historical,
        evidence=Span(start, end),
        evidence_text=d.text[start:end],
    )


def shelling_claims(d: Document) -> list[Claim]:
    return [
        claim(d, "12", "killed", 12, 12, party="Vastra", role="civilian", claimant="Regional officials"),
        claim(
            d, "At least 40", "wounded", 40, None, "lower_bound", claimant="the emergency service", via=("Harbor Wire",)
        ),
    ]


def crossing_claims(d: Document) -> list[Claim]:
    return [
        claim(
            d, "about 200", "captured", 200, 200, "approx", role="military", claimant="The defence ministry of Ostrel"
        ),
        claim(
            d,
            "between 30 and 45",
            "missing",
            30,
            45,
            "range",
            party="Ostrel",
            role="military",
            claimant="the ministry",
            as_of=date(2031, 3, 4),
        ),
    ]


def camp_claims(d: Document) -> list[Claim]:
    return [
        claim(d, "Hundreds", "displaced", None, None, "vague", role="civilian", claimant="aid workers", historical=True)
    ]


def add(
    store: Store,
    d: Document,
    claims: list[Claim],
    echo_keys: list[str],
    run_id: int,
    story_id: int | None = None,
    version: str = "toll-extract/9.9",
) -> int:
    """Store one document with its claims in its own batch; returns the document's id."""
    with store.batch() as tx:
        doc_id = tx.add_document(
            d, run_id=run_id, input_name="in.jsonl", story_id=story_id, duplicate_of=None, similarity=None, minhash=None
        )
        assert doc_id is not None
        tx.add_claims(doc_id, claims, echo_keys, version)
    return doc_id


def stored_form(c: Claim, doc_key: str) -> Claim:
    """The claim as the store gives it back: doc_id becomes the document's doc_key."""
    return Claim(
        doc_key,
        c.value,
        c.category,
        c.victim,
        c.claimant,
        c.via,
        c.as_of,
        c.historical,
        c.evidence,
        c.evidence_text,
        c.text_source,
    )
