"""The JSON API: the dashboard's views as data, each shape published in the OpenAPI document."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from toll.model import CATEGORIES, ROLES
from toll.store.browse import MAX_PAGE, MAX_PAGE_SIZE, ClaimFilter
from toll.web.schemas import ClaimDetail, ClaimPage, DocumentOut, EchoPage, LadderOut, OutletPage, Overview, Problem
from toll.web.service import Dashboard
from toll.web.views import ladder_json

MAX_TEXT = 200  # characters of a filter value: longer ones are no search anyone means
NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL, so it is refused up front rather than failing in SQL
Category = Literal[CATEGORIES]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
Sort = Literal["date", "published", "figure", "claimant", "party", "category"]
Text = Annotated[str | None, Query(max_length=MAX_TEXT, pattern=NO_NUL)]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE)]
PerPage = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)]
UNAVAILABLE: dict[int | str, dict[str, Any]] = {503: {"model": Problem, "description": "database error or time limit"}}
MISSING: dict[int | str, dict[str, Any]] = {404: {"model": Problem, "description": "no such item"}, **UNAVAILABLE}

router = APIRouter(prefix="/api", tags=["api"])


def dashboard(request: Request) -> Dashboard:
    return request.app.state.dashboard


Board = Annotated[Dashboard, Depends(dashboard)]


def claim_filter(
    party: Text = None,
    category: Category | None = None,
    role: Role | None = None,
    claimant: Text = None,
    date_from: Annotated[date | None, Query(description="as-of date (else published) on or after")] = None,
    date_to: Annotated[date | None, Query(description="as-of date (else published) on or before")] = None,
    q: Annotated[str | None, Query(max_length=MAX_TEXT, pattern=NO_NUL, description="words in the evidence")] = None,
    sort: Sort = "date",
    order: Literal["asc", "desc"] = "asc",
    page: Page = 1,
    per_page: PerPage = 25,
) -> ClaimFilter:
    """The claims table's filters, each checked against its allowlist or bound before any SQL."""
    return ClaimFilter(party, category, role, claimant, date_from, date_to, q, sort, order, page, per_page)


@router.get("/overview", response_model=Overview, responses=UNAVAILABLE)
def overview(board: Board) -> dict[str, Any]:
    """What is stored, and every ladder: each claimant's latest figure per group of victims, with the estimate."""
    return {"counts": board.counts(), "ladders": [ladder_json(x) for x in board.ladders()]}


@router.get("/timeline", response_model=LadderOut, responses=MISSING)
def timeline(
    board: Board,
    category: Annotated[str, Query(max_length=MAX_TEXT)],
    role: Annotated[str, Query(max_length=MAX_TEXT)],
    scope: Annotated[str, Query(max_length=MAX_TEXT)] = "current",
    party: Annotated[str, Query(max_length=MAX_TEXT, description='"" for victims of no stated party')] = "",
) -> dict[str, Any]:
    """One ladder with every figure of every claimant over time (the rungs' histories)."""
    found = board.ladder(scope, party, role, category)
    if found is None:
        wanted = f"scope {scope!r}, party {party!r}, role {role!r}, category {category!r}"
        raise HTTPException(404, f"no ladder for {wanted}")
    return ladder_json(found)


@router.get("/claims", response_model=ClaimPage, responses=UNAVAILABLE)
def claims(board: Board, f: Annotated[ClaimFilter, Depends(claim_filter)]) -> dict[str, Any]:
    """Stored claims matching the filters, one page at a time."""
    return board.claims(f)


@router.get("/claims/{claim_id}", response_model=ClaimDetail, responses=MISSING)
def claim(board: Board, claim_id: str) -> dict[str, Any]:
    """One claim, its document's text cut at the evidence and figure, and every report of it."""
    found = board.claim(claim_id)
    if found is None:
        raise HTTPException(404, f"no stored claim has id {claim_id!r}")
    return found


@router.get("/documents/{doc_key}", response_model=DocumentOut, responses=MISSING)
def document(board: Board, doc_key: str) -> dict[str, Any]:
    """One stored document, its text, its claims, and the other documents of its story."""
    found = board.document(doc_key)
    if found is None:
        raise HTTPException(404, f"no stored document has key {doc_key!r}")
    found.pop("segments")
    return found


@router.get("/outlets", response_model=OutletPage, responses=UNAVAILABLE)
def outlets(board: Board, page: Page = 1, per_page: PerPage = 50) -> dict[str, Any]:
    """Outlets with how many documents and claims each holds."""
    return board.outlets(page, per_page)


@router.get("/echoes", response_model=EchoPage, responses=UNAVAILABLE)
def echoes(board: Board, page: Page = 1, per_page: PerPage = 25) -> dict[str, Any]:
    """Claims reported more than once (one echo key, several stored reports), with the outlets that carried them."""
    return board.echoes(page, per_page)
