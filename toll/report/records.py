"""The JSON rendering: ladders as plain records, every figure with the ids of the claims it stands on.

Structure (version 1; dates are ISO strings, absent values null, keys always present):

    {"format": "toll-report", "version": 1, "title": str,
     "current": [ladder, ...],        # the war being reported
     "historical": [ladder, ...]}     # comparisons with earlier wars, kept apart
    ladder = {"scope", "party", "role", "category", "heading",
              "estimate": {"low", "best", "high", "method", "flags": [str],
                           "low_from": [str], "best_from": [str], "high_from": [str]},
              "rungs": [rung, ...], "contradictions": [contradiction, ...],
              "claim_ids": [str]}     # every claim on the ladder, once, sorted
    rung = {"claimant", "kind", "kind_label", "speaks_for", "spellings": [str], "reports", "independent",
            "latest": point, "history": [point, ...]}   # history oldest first
    point = {"low", "high", "kind", "as_of", "text", "reports", "independent",
             "claim_ids": [str], "doc_keys": [str], "citations": [citation, ...]}
    citation = {"claim_id", "echo_key", "doc_key", "outlet", "url", "published", "claimant", "raw", "evidence_text"}
    contradiction = {"as_of", "higher", "higher_figure": point, "lower", "lower_figure": point,
                     "ratio"}         # null when the lower figure is zero

`reports` counts stored claims (echoes included), `independent` the distinct claims among them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from toll.model import Citation, Contradiction, Ladder, Point, Rung
from toll.report.figures import figure, heading, kind_label, points, split

FORMAT = "toll-report"
VERSION = 1
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def to_json(ladders: Sequence[Ladder], title: str) -> str:
    """The whole report as indented JSON, keys in a fixed order so that two runs on one database are equal."""
    text = json.dumps(report(ladders, title), ensure_ascii=False, indent=2, allow_nan=False)
    # a lone surrogate (from undecodable input) can only sit inside a string: escaped, it stays exact and encodable
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def report(ladders: Sequence[Ladder], title: str) -> dict[str, Any]:
    current, historical = split(ladders)
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": title,
        "current": [ladder_record(x) for x in current],
        "historical": [ladder_record(x) for x in historical],
    }


def ladder_record(ladder: Ladder) -> dict[str, Any]:
    e = ladder.estimate
    ids = {i for rung in ladder.rungs for p in points(rung) for i in p.claim_ids}
    return {
        "scope": ladder.scope,
        "party": ladder.party,
        "role": ladder.role,
        "category": ladder.category,
        "heading": heading(ladder),
        "estimate": {
            "low": e.low,
            "best": e.best,
            "high": e.high,
            "method": e.method,
            "flags": list(e.flags),
            "low_from": list(e.low_from),
            "best_from": list(e.best_from),
            "high_from": list(e.high_from),
        },
        "rungs": [rung_record(r) for r in ladder.rungs],
        "contradictions": [contradiction_record(c) for c in ladder.contradictions],
        "claim_ids": sorted(ids),
    }


def rung_record(rung: Rung) -> dict[str, Any]:
    return {
        "claimant": rung.claimant,
        "kind": rung.kind,
        "kind_label": kind_label(rung.kind),
        "speaks_for": rung.speaks_for,
        "spellings": list(rung.spellings),
        "reports": rung.reports,
        "independent": rung.independent,
        "latest": point_record(rung.latest),
        "history": [point_record(p) for p in rung.history],
    }


def point_record(p: Point) -> dict[str, Any]:
    return {
        "low": p.low,
        "high": p.high,
        "kind": p.kind,
        "as_of": _iso(p.as_of),
        "text": figure(p),
        "reports": p.reports,
        "independent": p.independent,
        "claim_ids": list(p.claim_ids),
        "doc_keys": list(p.doc_keys),
        "citations": [citation_record(c) for c in p.citations],
    }


def citation_record(c: Citation) -> dict[str, Any]:
    return {
        "claim_id": c.claim_id,
        "echo_key": c.echo_key,
        "doc_key": c.doc_key,
        "outlet": c.outlet,
        "url": c.url,
        "published": _iso(c.published),
        "claimant": c.claimant,
        "raw": c.raw,
        "evidence_text": c.evidence_text,
    }


def contradiction_record(c: Contradiction) -> dict[str, Any]:
    return {
        "as_of": _iso(c.as_of),
        "higher": c.higher,
        "higher_figure": point_record(c.higher_point),
        "lower": c.lower,
        "lower_figure": point_record(c.lower_point),
        # JSON has no infinity: a zero lower figure leaves the ratio unbounded
        "ratio": None if math.isinf(c.ratio) or math.isnan(c.ratio) else round(c.ratio, 3),
    }


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None
