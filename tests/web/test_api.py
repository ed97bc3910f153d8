"""The JSON API and the pages over the sample: filters, paging and caps, evidence offsets, headers, escaping."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from toll.store.browse import MAX_PAGE_SIZE
from toll.web import create_app

PATHS = ["/", "/claims", "/outlets", "/echoes", "/docs", "/openapi.json", "/api/overview", "/api/claims",
         "/static/style.css", "/no/such/page", "/api/claims/no-such-claim", "/claims?date_from=soon"]


SORT_KEYS = {
    "figure": lambda c: c["high"] if c["high"] is not None else c["low"],
    "date": lambda c: c["as_of"] or c["published"],
    "claimant": lambda c: c["claimant"],
}


def everything(client: TestClient, **params: object) -> list[dict]:
    """Every claim matching the filter, walking the pages."""
    out, page = [], 1
    while True:
        got = client.get("/api/claims", params={**params, "page": page, "per_page": MAX_PAGE_SIZE}).json()
        out += got["items"]
        if page >= got["pages"]:
            return out
        page += 1


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_csp(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.status_code < 500


@pytest.mark.parametrize(
    ("params", "holds"),
    [
        ({"party": "Karvenia"}, lambda c: c["party"] == "Karvenia"),
        ({"category": "captured"}, lambda c: c["category"] == "captured"),
        ({"role": "civilian"}, lambda c: c["role"] == "civilian"),
        ({"claimant": "MINISTRY"}, lambda c: "ministry" in (c["claimant"] or "").lower()),
        ({"q": "were killed"}, lambda c: "were killed" in c["evidence_text"].lower()),
        ({"q": "100%"}, lambda c: "100%" in c["evidence_text"]),  # % is a literal, not a wildcard
        ({"date_from": "2031-04-01", "date_to": "2031-04-30"},
         lambda c: date(2031, 4, 1) <= date.fromisoformat(c["as_of"] or c["published"]) <= date(2031, 4, 30)),
    ],
)
def test_filters_keep_exactly_the_matching_claims(client: TestClient, params: dict, holds) -> None:  # noqa: ANN001
    every = everything(client)
    kept = everything(client, **params)
    assert [c["claim_id"] for c in kept] == [c["claim_id"] for c in every if holds(c)]


@pytest.mark.parametrize(("sort", "order"), [("figure", "desc"), ("date", "asc"), ("claimant", "asc")])
def test_pages_cover_every_claim_once_in_order(client: TestClient, sort: str, order: str) -> None:
    pages = [client.get("/api/claims", params={"sort": sort, "order": order, "per_page": 7, "page": n}).json()
             for n in range(1, 40)]
    items = [c for p in pages for c in p["items"]]
    ids = [c["claim_id"] for c in items]
    assert len(ids) == len(set(ids)) == pages[0]["total"]
    keys = [SORT_KEYS[sort](c) for c in items if SORT_KEYS[sort](c) is not None]
    assert keys == sorted(keys, reverse=order == "desc")


@pytest.mark.parametrize(
    "params",
    [{"per_page": MAX_PAGE_SIZE + 1}, {"page": 0}, {"sort": "claims.id; DROP TABLE claims"}, {"category": "happy"},
     {"date_from": "31/12/2031"}, {"q": "x" * 201}, {"party": "Valdoria\x00"}],
)
def test_bad_parameters_are_refused_before_sql(client: TestClient, params: dict) -> None:
    r = client.get("/api/claims", params=params)
    assert r.status_code == 422
    page = client.get("/claims", params=params)
    assert page.status_code in (200, 400) and "Traceback" not in page.text


def test_claim_detail_cuts_the_document_at_its_offsets(client: TestClient) -> None:
    for c in everything(client, category="killed")[:15]:
        got = client.get(f"/api/claims/{c['claim_id']}").json()
        doc = client.get(f"/api/documents/{c['doc_key']}").json()
        assert "".join(s["text"] for s in got["segments"]) == doc["text"]
        figure = [s["text"] for s in got["segments"] if s["mark"] == "figure"]
        assert figure == [doc["text"][c["figure_start"] : c["figure_end"]]]
        assert c["claim_id"] in [e["claim_id"] for e in got["echoes"]] and len(got["echoes"]) == c["reports"]


def test_timeline_is_the_overview_ladder(client: TestClient) -> None:
    ladders = client.get("/api/overview").json()["ladders"]
    for ladder in ladders[:5]:
        assert client.get("/api" + ladder["timeline"]).json() == ladder
        svg = client.get(ladder["timeline"].replace("/timeline", "/timeline.svg"))
        assert svg.headers["content-type"].startswith("image/svg+xml") and "<script" not in svg.text


def test_hostile_markup_is_escaped_in_every_page(client: TestClient) -> None:
    hit = client.get("/api/claims", params={"q": "<script>"}).json()["items"][0]
    for path in (f"/claims/{hit['claim_id']}", f"/documents/{hit['doc_key']}", "/claims?q=%3Cscript%3E", "/outlets"):
        html = client.get(path).text
        assert "<script" not in html and "<img src=x" not in html and "<svg onload" not in html, path
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html or "&lt;img src=x onerror=alert(1)&gt;" in html, path


def test_echoes_list_claims_reported_more_than_once(client: TestClient) -> None:
    echoes = client.get("/api/echoes").json()["items"]
    every = everything(client)
    assert echoes and all(e["reports"] > 1 for e in echoes)
    assert {e["echo_key"] for e in echoes} == {c["echo_key"] for c in every if c["reports"] > 1}
    outlets = client.get("/api/outlets").json()["items"]
    assert sum(o["claims"] for o in outlets) == len(every)


def test_postgresql_serves_the_same_claims(pg_sample_url: str, client: TestClient) -> None:
    with TestClient(create_app(pg_sample_url)) as pg:
        for params in ({"party": "Valdoria", "sort": "figure", "order": "desc"}, {"claimant": "ministry", "q": "KILLED"}):
            mine, theirs = everything(client, **params), everything(pg, **params)
            assert [c["claim_id"] for c in theirs] == [c["claim_id"] for c in mine]
        assert pg.get("/api/overview").json()["counts"] == client.get("/api/overview").json()["counts"]


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("date_from=31/12/2031", "date_from: not a date YYYY-MM-DD"),
        ("page=-1", "page: not a whole number from 1 to"),
        ("per_page=500", "per_page: not a whole number from 1 to 100"),
        ("category=happy", "category: not one of"),
        ("sort=id%3B+DROP+TABLE+claims", "sort: not one of"),
    ],
)
def test_a_bad_filter_on_the_claims_page_is_explained(client: TestClient, query: str, problem: str) -> None:
    r = client.get(f"/claims?{query}")
    assert r.status_code == 400 and problem in r.text


@pytest.mark.parametrize("path", ["/claims/no-such-claim", "/documents/no-such-doc", "/timeline?category=happy"])
def test_unknown_items_get_a_page_and_json_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404 and "Not available" in client.get(path).text
    api = client.get("/api" + path)
    assert api.status_code in (404, 422) and "detail" in api.json()


def test_the_app_refuses_what_is_no_toll_database(tmp_path) -> None:  # noqa: ANN001
    from toll.errors import StoreError
    from toll.web import serve

    with pytest.raises(StoreError, match="no such database file"):
        serve(f"sqlite:///{tmp_path}/absent.db", port=1)
    (tmp_path / "empty.db").write_bytes(b"")
    with pytest.raises(StoreError, match="not a toll database"):
        create_app(f"sqlite:///{tmp_path}/empty.db")


def test_the_ladders_use_the_given_settings(sample_url: str, client: TestClient) -> None:
    from toll.settings import Settings

    def contradictions(c: TestClient) -> int:
        return sum(len(x["contradictions"]) for x in c.get("/api/overview").json()["ladders"])

    with TestClient(create_app(sample_url, settings=Settings(contradiction_factor=1.05))) as strict:
        assert contradictions(strict) > contradictions(client)
