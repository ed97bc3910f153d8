"""The API's response shapes, as OpenAPI publishes them. Ladders follow toll's JSON report (toll.report.records)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Problem(BaseModel):
    """Why a request gave no result: one line naming what was asked and what is wrong."""

    detail: str


class Counts(BaseModel):
    documents: int
    stories: int
    claims: int = Field(description="stored claims, echoes included")
    independent_claims: int = Field(description="distinct claims: echoes of one claim counted once")
    outlets: int


class CitationOut(BaseModel):
    claim_id: str
    echo_key: str
    doc_key: str
    outlet: str | None
    url: str | None
    published: date | None
    claimant: str | None
    raw: str
    evidence_text: str


class PointOut(BaseModel):
    low: int | None
    high: int | None
    kind: str
    as_of: date | None
    text: str = Field(description="the figure as an analyst writes it: 1,200 / ~9,000 / ≥2,000 / 5,000–7,000")
    reports: int
    independent: int
    claim_ids: list[str]
    doc_keys: list[str]
    citations: list[CitationOut]


class RungOut(BaseModel):
    claimant: str | None
    kind: str
    kind_label: str
    speaks_for: str | None
    spellings: list[str]
    reports: int
    independent: int
    latest: PointOut
    history: list[PointOut] = Field(description="earlier figures, oldest first")


class EstimateOut(BaseModel):
    low: int | None
    best: int | None
    high: int | None
    method: str
    flags: list[str]
    low_from: list[str]
    best_from: list[str]
    high_from: list[str]


class ContradictionOut(BaseModel):
    as_of: date
    higher: str | None
    higher_figure: PointOut
    lower: str | None
    lower_figure: PointOut
    ratio: float | None = Field(description="higher / lower; null when the lower figure is zero")


class LadderOut(BaseModel):
    scope: str
    party: str | None
    role: str
    category: str
    heading: str
    estimate: EstimateOut
    rungs: list[RungOut]
    contradictions: list[ContradictionOut]
    claim_ids: list[str]
    timeline: str = Field(description="the address of this ladder's timeline page")


class Overview(BaseModel):
    counts: Counts
    ladders: list[LadderOut]


class ClaimOut(BaseModel):
    claim_id: str
    doc_key: str
    doc_name: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    as_of: date | None
    low: int | None
    high: int | None
    kind: str
    raw: str = Field(description="the figure as written")
    category: str
    party: str | None
    role: str
    group: str | None
    claimant: str | None
    via: list[str]
    historical: bool
    evidence_text: str
    char_start: int
    char_end: int
    figure_start: int
    figure_end: int
    echo_key: str
    reports: int = Field(description="stored claims sharing this claim's echo key, this one included")


class ClaimPage(BaseModel):
    items: list[ClaimOut]
    total: int
    page: int
    per_page: int
    pages: int


class SegmentOut(BaseModel):
    text: str
    mark: str = Field(description='"" for plain text, "evidence" for the claim\'s sentence, "figure" for the figure')
    claim_id: str | None


class ClaimDetail(BaseModel):
    claim: ClaimOut
    segments: list[SegmentOut] = Field(description="the document's text, cut at the evidence and figure")
    echoes: list[ClaimOut] = Field(description="every stored report of this claim (its echo key), this one included")


class StoryDoc(BaseModel):
    doc_key: str
    name: str
    title: str | None
    outlet: str | None


class DocumentOut(BaseModel):
    doc_key: str
    name: str
    title: str | None
    outlet: str | None
    url: str | None
    published: date | None
    published_basis: str | None
    text_source: str
    story: list[StoryDoc] = Field(description="other documents of the same story: copies and near-copies")
    text: str
    claims: list[ClaimOut]


class OutletOut(BaseModel):
    name: str
    host: str | None
    documents: int
    claims: int


class OutletPage(BaseModel):
    items: list[OutletOut]
    total: int
    page: int
    per_page: int
    pages: int


class EchoOut(ClaimOut):
    outlets: list[str]


class EchoPage(BaseModel):
    items: list[EchoOut]
    total: int
    page: int
    per_page: int
    pages: int
