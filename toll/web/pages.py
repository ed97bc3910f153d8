"""The HTML pages: server-rendered from autoescaped templates, no script of their own."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment

from toll.model import CATEGORIES, ROLES
from toll.report.figures import split
from toll.report.svg import timeline_svg
from toll.store.browse import MAX_PAGE, MAX_PAGE_SIZE, SORTS, ClaimFilter
from toll.web.api import MAX_TEXT
from toll.web.service import Dashboard
from toll.web.views import ladder_params, page_links

router = APIRouter(include_in_schema=False)


class BadRequest(Exception):
    """A page's query parameter that cannot be used; shown to the reader, never raised as a traceback."""


def _board(request: Request) -> Dashboard:
    return request.app.state.dashboard


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    env: Environment = request.app.state.templates
    html = env.get_template(template).render(request_path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


@router.get("/", response_class=HTMLResponse)
def overview(request: Request) -> HTMLResponse:
    board = _board(request)
    current, historical = split(board.ladders())
    return render(request, "overview.html", counts=board.counts(), current=current, historical=historical)


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request) -> HTMLResponse:
    args = request.query_params
    key = [args.get(k, "") for k in ("scope", "party", "role", "category")]
    found = _board(request).ladder(key[0] or "current", *key[1:])
    if found is None:
        return render(request, "error.html", status=404, message="No ladder for these victims: see the overview.")
    return render(request, "timeline.html", ladder=found, params=ladder_params(found))


@router.get("/timeline.svg")
def timeline_image(request: Request) -> Response:
    args = request.query_params
    key = [args.get(k, "") for k in ("scope", "party", "role", "category")]
    found = _board(request).ladder(key[0] or "current", *key[1:])
    if found is None:
        return Response("no such ladder\n", status_code=404, media_type="text/plain")
    # shown through <img>, where an SVG can run nothing and follow no link: its links are for standalone use
    return Response(timeline_svg(found), media_type="image/svg+xml")


@router.get("/claims", response_class=HTMLResponse)
def claims(request: Request) -> HTMLResponse:
    board = _board(request)
    args = {k: v.strip() for k, v in request.query_params.items()}
    try:
        f = page_filter(args)
    except BadRequest as err:
        return render(request, "error.html", status=400, message=str(err))
    found = board.claims(f)
    links = page_links("/claims", args, f.page, found["pages"])
    return render(request, "claims.html", found=found, f=f, args=args, links=links, choices=board.choices(),
                  roles=ROLES, categories=CATEGORIES, sorts=list(SORTS))


def page_filter(args: dict[str, str]) -> ClaimFilter:
    """The claims page's filter from its form: blank fields are no filter, anything else is checked."""
    for name, value in args.items():
        if len(value) > MAX_TEXT or "\x00" in value:
            raise BadRequest(f"{name}: at most {MAX_TEXT} characters, no NUL")
    category, role = args.get("category") or None, args.get("role") or None
    if category is not None and category not in CATEGORIES:
        raise BadRequest(f"category: not one of {', '.join(CATEGORIES)}: {category!r}")
    if role is not None and role not in ROLES:
        raise BadRequest(f"role: not one of {', '.join(ROLES)}: {role!r}")
    sort, order = args.get("sort") or "date", args.get("order") or "asc"
    if sort not in SORTS or order not in ("asc", "desc"):
        raise BadRequest(f"sort: not one of {', '.join(SORTS)} with order asc or desc: {sort!r} {order!r}")
    return ClaimFilter(
        party=args.get("party") or None,
        category=category,
        role=role,
        claimant=args.get("claimant") or None,
        date_from=_day(args, "date_from"),
        date_to=_day(args, "date_to"),
        q=args.get("q") or None,
        sort=sort,
        order=order,
        page=_int(args, "page", 1, MAX_PAGE),
        per_page=_int(args, "per_page", 25, MAX_PAGE_SIZE),
    )


def _day(args: dict[str, str], name: str) -> date | None:
    raw = args.get(name)
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise BadRequest(f"{name}: not a date YYYY-MM-DD: {raw!r}") from None


def _int(args: dict[str, str], name: str, default: int, most: int) -> int:
    raw = args.get(name)
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= most:
        raise BadRequest(f"{name}: not a whole number from 1 to {most}: {raw!r}")
    return int(raw)


@router.get("/claims/{claim_id}", response_class=HTMLResponse)
def claim(request: Request, claim_id: str) -> HTMLResponse:
    found = _board(request).claim(claim_id)
    if found is None:
        return render(request, "error.html", status=404, message=f"No stored claim has id {claim_id}.")
    return render(request, "claim.html", **found)


@router.get("/documents/{doc_key}", response_class=HTMLResponse)
def document(request: Request, doc_key: str) -> HTMLResponse:
    found = _board(request).document(doc_key)
    if found is None:
        return render(request, "error.html", status=404, message=f"No stored document has key {doc_key}.")
    return render(request, "document.html", doc=found)


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request) -> HTMLResponse:
    board = _board(request)
    try:
        page = _int(dict(request.query_params), "page", 1, MAX_PAGE)
    except BadRequest as err:
        return render(request, "error.html", status=400, message=str(err))
    found = board.outlets(page, MAX_PAGE_SIZE)
    links = page_links("/outlets", {}, page, found["pages"])
    return render(request, "outlets.html", found=found, links=links)


@router.get("/echoes", response_class=HTMLResponse)
def echoes(request: Request) -> HTMLResponse:
    board = _board(request)
    try:
        page = _int(dict(request.query_params), "page", 1, MAX_PAGE)
    except BadRequest as err:
        return render(request, "error.html", status=400, message=str(err))
    found = board.echoes(page, 50)
    links = page_links("/echoes", {}, page, found["pages"])
    return render(request, "echoes.html", found=found, links=links)
