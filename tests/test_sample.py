"""The bundled sample corpus (a fictional war) yields the disagreeing, changing ladder SAMPLE.md describes."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files

import toll

SAMPLE = files("toll") / "data" / "sample.jsonl"


def _results() -> list[toll.Result]:
    docs = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        docs.append(toll.Document(id=rec["id"], text=rec["text"], published=date.fromisoformat(rec["published"])))
    return list(toll.extract_many(docs))


def test_sample_has_at_least_twenty_dated_reports() -> None:
    recs = [json.loads(x) for x in SAMPLE.read_text(encoding="utf-8").splitlines()]
    assert len(recs) >= 20
    assert all(rec["published"] and rec["text"] and rec["id"] for rec in recs)


def test_sample_gives_disagreeing_claimants_whose_figures_change_over_time() -> None:
    results = _results()
    assert all(r.error is None for r in results)
    karvenian_killed = [c for r in results for c in r.claims
                        if c.victim.party == "Karvenia" and c.category == "killed" and not c.historical]
    claimants = {(c.claimant or "").lower() for c in karvenian_killed}
    assert sum("valdoria" in x or "ministry" in x for x in claimants) >= 1
    assert len(claimants) >= 3, claimants
    by_claimant: dict[str, set[int]] = {}
    for c in karvenian_killed:
        by_claimant.setdefault(c.claimant or "", set()).add(c.value.low or c.value.high or 0)
    assert any(len(v) >= 3 for v in by_claimant.values()), by_claimant  # a claimant revising its figure


def test_sample_covers_every_category() -> None:
    cats = {c.category for r in _results() for c in r.claims}
    assert cats >= {"killed", "wounded", "captured", "missing", "displaced", "surrendered"}, cats
