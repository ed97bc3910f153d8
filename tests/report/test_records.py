"""The JSON rendering: a documented, stable structure that round-trips, keeps every claim id with its figure, and
holds the historical comparisons apart from the current war."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from toll.model import Ladder, Point
from toll.report.figures import figure, points
from toll.report.records import FORMAT, VERSION, to_json

from ._ladders import LADDERS, adversary_only, claim_ids, historical, war

POINT_KEYS = {"low", "high", "kind", "as_of", "text", "reports", "independent", "claim_ids", "doc_keys", "citations"}


def load(*ladders: Ladder) -> dict:
    return json.loads(to_json(list(ladders), "Sample war"))


def as_point(record: dict) -> tuple:
    return (record["low"], record["high"], record["kind"], record["as_of"] and date.fromisoformat(record["as_of"]),
            tuple(record["claim_ids"]))


def key(p: Point) -> tuple:
    return (p.low, p.high, p.kind, p.as_of, p.claim_ids)


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_every_figure_round_trips_with_its_claim_ids(name: str) -> None:
    x = LADDERS[name]()
    data = load(x)
    (record,) = data["current"] + data["historical"]
    assert set(record["claim_ids"]) == claim_ids(x) and record["claim_ids"] == sorted(record["claim_ids"])
    for rung, out in zip(x.rungs, record["rungs"], strict=True):
        assert (out["claimant"], out["kind"], out["reports"], out["independent"]) == (
            rung.claimant, rung.kind, rung.reports, rung.independent)
        assert [as_point(p) for p in (*out["history"], out["latest"])] == [key(p) for p in points(rung)]
        assert [p["text"] for p in (*out["history"], out["latest"])] == [figure(p) for p in points(rung)]


def test_citations_carry_document_evidence_and_iso_dates() -> None:
    x = war()
    first = load(x)["current"][0]["rungs"][0]["history"][0]
    original = x.rungs[0].history[0]
    assert set(first) == POINT_KEYS
    assert [c["claim_id"] for c in first["citations"]] == list(original.claim_ids)
    assert [c["doc_key"] for c in first["citations"]] == [c.doc_key for c in original.citations]
    assert [c["evidence_text"] for c in first["citations"]] == [c.evidence_text for c in original.citations]
    assert [c["published"] for c in first["citations"]] == [c.published.isoformat() for c in original.citations]
    assert (first["reports"], first["independent"]) == (original.reports, original.independent) == (2, 1)


def test_estimate_and_flags_are_kept_as_given() -> None:
    x = adversary_only()
    e = load(x)["current"][0]["estimate"]
    assert (e["low"], e["best"], e["high"], e["method"]) == (x.estimate.low, x.estimate.best, x.estimate.high,
                                                             x.estimate.method)
    assert e["flags"] == list(x.estimate.flags) and e["low_from"] == list(x.estimate.low_from)


def test_contradictions_name_both_figures_and_their_ratio() -> None:
    x = war()
    (c,) = load(x)["current"][0]["contradictions"]
    (original,) = x.contradictions
    assert (c["as_of"], c["higher"], c["lower"]) == (original.as_of.isoformat(), original.higher, original.lower)
    assert c["higher_figure"]["claim_ids"] == list(original.higher_point.claim_ids)
    assert c["ratio"] == pytest.approx(original.ratio, rel=1e-3)


def test_an_unbounded_ratio_is_null_not_infinity() -> None:
    x = war()
    zero = replace(x.contradictions[0], lower_point=Point(0, 0, "exact", x.contradictions[0].as_of, ()),
                   ratio=float("inf"))
    text = to_json([replace(x, contradictions=(zero,))], "t")
    assert "Infinity" not in text and json.loads(text)["current"][0]["contradictions"][0]["ratio"] is None


def test_historical_comparisons_are_a_list_of_their_own() -> None:
    data = load(war(), historical(), adversary_only())
    assert (data["format"], data["version"], data["title"]) == (FORMAT, VERSION, "Sample war")
    assert [r["heading"] for r in data["current"]] == ["Karvenia · military · killed", "Valdoria · military · casualties"]
    assert [r["scope"] for r in data["historical"]] == ["historical 1998"]


def test_the_same_ladders_give_the_same_bytes() -> None:
    assert to_json([war(), historical()], "t") == to_json([war(), historical()], "t")
