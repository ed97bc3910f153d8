"""Plain frozen data types shared by every room of toll. Imports nothing from toll."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

CATEGORIES = ("killed", "wounded", "casualties", "captured", "missing", "surrendered", "displaced")
KINDS = ("exact", "approx", "lower_bound", "upper_bound", "range", "vague")
ROLES = ("military", "civilian", "unknown")


@dataclass(frozen=True, slots=True)
class Span:
    """Half-open character range [start, end) into a document's text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def text(self, whole: str) -> str:
        return whole[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Source:
    """Who published a document."""

    outlet: str | None = None
    url: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """One article. `text` is what offsets point into; `text_source` says where it came from."""

    id: str
    text: str
    published: date | None = None
    source: Source = field(default_factory=Source)
    text_source: str = "text"  # "text", or "html:trafilatura" when converted from HTML
    # where `published` was read: "input" (given with the document or on the command line), "page" (the HTML's
    # own metadata), "warc" (WARC-Date), "feed" (the feed entry); None when there is no date
    published_basis: str | None = None
    # sha256, once asked for: ingest asks five times a document, and each time hashed the whole text again
    _sha256: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def sha256(self) -> str:
        """Content hash of the text offsets point into: with the URL, what makes a document the same one."""
        if self._sha256 is None:
            object.__setattr__(self, "_sha256", hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest())
        return self._sha256


@dataclass(frozen=True, slots=True)
class Figure:
    """A stated number of people: never a made-up midpoint."""

    low: int | None
    high: int | None
    kind: str
    span: Span
    raw: str


@dataclass(frozen=True, slots=True)
class Victim:
    party: str | None = None
    role: str = "unknown"
    group: str | None = None
    # where the party was read: "sentence" (the claim's own sentence), "context" (the claims just before it in
    # the paragraph), "document" (the country the document names most); None when there is no party
    party_basis: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One casualty claim in one document, with the evidence it stands on."""

    doc_id: str
    value: Figure
    category: str
    victim: Victim
    claimant: str | None
    via: tuple[str, ...]
    as_of: date | None
    historical: bool
    evidence: Span
    evidence_text: str
    text_source: str = "text"

    def to_dict(self) -> dict[str, Any]:
        """The JSON record of shared/spec/claim-format.md."""
        return {
            "doc_id": self.doc_id,
            "value": {"low": self.value.low, "high": self.value.high, "kind": self.value.kind},
            "category": self.category,
            "victim": {
                "party": self.victim.party,
                "role": self.victim.role,
                "group": self.victim.group,
                "party_basis": self.victim.party_basis,
            },
            "claimant": self.claimant,
            "via": list(self.via),
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "historical": self.historical,
            "evidence": {
                "start": self.evidence.start,
                "end": self.evidence.end,
                "text": self.evidence_text,
                "figure_start": self.value.span.start,
                "figure_end": self.value.span.end,
            },
            "text_source": self.text_source,
        }


@dataclass(frozen=True, slots=True)
class Loaded:
    """One unit an input yields when ingested: a document, or the one-line error that took its place.

    `input` is the leaf input (a file, a URL, a feed entry's link) and `position` its 0-based ordinal there
    (line, record, entry), so a batch's checkpoint can say how far an input was read. `input_id` identifies the
    input's current bytes (path + size + mtime for files); None where a checkpoint means nothing (URLs, stdin)."""

    input: str
    position: int
    doc: Document | None = None
    error: str | None = None
    input_id: str | None = None

    def __post_init__(self) -> None:
        if (self.doc is None) == (self.error is None):
            raise ValueError("a Loaded holds exactly one of doc and error")


@dataclass(frozen=True, slots=True)
class Result:
    """What extracting one document gave: its claims, or the error that stopped it."""

    doc_id: str
    claims: tuple[Claim, ...] = ()
    error: str | None = None
    text_source: str = "text"
    notes: tuple[str, ...] = ()  # e.g. the parse budget was reached: later sentences were not read

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class Reported:
    """One stored claim with what the database knows about it: its ids, its document and where that was published."""

    claim: Claim
    claim_id: str
    echo_key: str  # the claim's identity across documents: reports sharing it are echoes of one claim
    doc_key: str
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """One report a figure stands on: the stored claim, its document and its evidence, for a UI to link to."""

    claim_id: str
    echo_key: str
    doc_key: str
    outlet: str | None
    url: str | None
    published: date | None
    claimant: str | None  # as this document spelled it
    raw: str  # the figure as written
    evidence_text: str


@dataclass(frozen=True, slots=True)
class Point:
    """One figure of one claimant as of one date, with every report of it."""

    low: int | None
    high: int | None
    kind: str
    as_of: date | None
    citations: tuple[Citation, ...]

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(c.claim_id for c in self.citations)

    @property
    def doc_keys(self) -> tuple[str, ...]:
        return tuple(sorted({c.doc_key for c in self.citations}))

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(sorted({c.outlet for c in self.citations if c.outlet}))

    @property
    def reports(self) -> int:
        """Stored claims that carry this figure, echoes included."""
        return len(self.citations)

    @property
    def independent(self) -> int:
        """Distinct claims among the reports: echoes (one echo key) counted once."""
        return len({c.echo_key for c in self.citations})


@dataclass(frozen=True, slots=True)
class Rung:
    """One claimant's figures for one group of victims: the latest, and the earlier ones as its revision history."""

    claimant: str | None
    kind: str  # self, adversary, third_party, international, independent, unknown (toll.reconcile.kinds)
    latest: Point
    history: tuple[Point, ...]  # oldest first; undated figures before dated ones
    independent: int  # distinct claims (echo keys) on the rung
    reports: int  # stored claims on the rung, echoes included
    speaks_for: str | None = None  # the party the claimant speaks for, when it speaks for one
    spellings: tuple[str, ...] = ()  # every spelling of the claimant's name in the reports


@dataclass(frozen=True, slots=True)
class Estimate:
    """A group's low, best and high, with the rule that made them and which claimants fed each number."""

    low: int | None
    best: int | None
    high: int | None
    method: str
    flags: tuple[str, ...] = ()  # e.g. "adversary claim used for high: ...": what an analyst must see
    low_from: tuple[str, ...] = ()
    best_from: tuple[str, ...] = ()
    high_from: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Contradiction:
    """Two claimants' figures for one date that differ by more than the contradiction factor."""

    as_of: date
    higher: str | None
    higher_point: Point
    lower: str | None
    lower_point: Point
    ratio: float


@dataclass(frozen=True, slots=True)
class Ladder:
    """Every claimant's figures for one group: scope (current conflict or a historical one), party, role, category."""

    scope: str
    party: str | None
    role: str
    category: str
    rungs: tuple[Rung, ...]
    estimate: Estimate
    contradictions: tuple[Contradiction, ...] = ()
