"""Counts coded by others (Wikipedia incident lists): toll must beat the lexical baseline by 0.08 on killed and
wounded agreement, scored by the shared script's own functions in the same run."""

from __future__ import annotations

import importlib.util
import json
from datetime import date

import pytest

import toll
from tests.eval.gate import ROOT

EXTERNAL = ROOT.parent / "shared" / "eval"
SAMPLE = EXTERNAL / "external" / "visible-wiki.jsonl"
MARGIN = 0.08

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason=f"external sample not found at {SAMPLE}")


def _module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_external", EXTERNAL / "score_external.py")
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def test_external_beats_lexical_baseline() -> None:
    se = _module()
    docs = se.load_sample(str(SAMPLE))
    batch = [toll.Document(id=str(d["id"]), text=d["text"],
                           published=date.fromisoformat(d["published"]) if d.get("published") else None)
             for d in docs]
    product = {r.doc_id: [c.to_dict() for c in r.claims] for r in toll.extract_many(batch)}
    ours, _ = se.score_docs(docs, product)
    lexical, _ = se.score_docs(docs, {str(d["id"]): se.lexical_claims(d["text"]) for d in docs})
    report = json.dumps({k: (round(ours[k]["agree"], 3), round(lexical[k]["agree"], 3)) for k in ("killed", "wounded")})
    for k in ("killed", "wounded"):
        assert ours[k]["agree"] >= lexical[k]["agree"] + MARGIN, report
    assert ours["zero"]["agree"] >= lexical["zero"]["agree"] - 0.02, report
