"""The evaluation gate (trafilatura-style): F1 floors pinned in baseline.json, scored by the shared rules.

Floors sit a little under the measured scores so that noise does not fail CI but a real regression does.
Changing a corpus changes its SHA; the test then asks for the floors to be re-pinned on purpose."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.eval.gate import ROOT, SCORER, score_dir

BASELINE = json.loads((Path(__file__).parent / "baseline.json").read_text(encoding="utf-8"))
SETS = {
    "seeds": ROOT.parent / "shared" / "eval" / "gold",
    "dev": ROOT / "tests" / "corpus" / "dev" / "gold",
    "dev2": ROOT / "tests" / "corpus" / "dev2" / "gold",
    "dev3": ROOT / "tests" / "corpus" / "dev3" / "gold",
    "dev4": ROOT / "tests" / "corpus" / "dev4" / "gold",
    "dev5": ROOT / "tests" / "corpus" / "dev5" / "gold",
    "dev6": ROOT / "tests" / "corpus" / "dev6" / "gold",
    "dev7": ROOT / "tests" / "corpus" / "dev7" / "gold",
    "dev8": ROOT / "tests" / "corpus" / "dev8" / "gold",
    "heldout": ROOT / "tests" / "corpus" / "heldout" / "gold",
}

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason=f"shared scorer not found at {SCORER}")


def corpus_sha(gold_dir: Path) -> str:
    h = hashlib.sha256()
    for gp in sorted(gold_dir.glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        h.update(gp.read_bytes())
        h.update((gp.parent / gold["document"]).read_bytes())
    return h.hexdigest()[:16]


@pytest.mark.parametrize("name", sorted(SETS))
def test_eval_floor(name: str) -> None:
    pinned = BASELINE[name]
    assert corpus_sha(SETS[name]) == pinned["sha"], f"{name} corpus changed: re-pin tests/eval/baseline.json"
    got = score_dir(SETS[name])
    msg = f"{name}: {json.dumps({k: v for k, v in got.items() if k != 'details'})}"
    assert got["core_f1"] >= pinned["core_f1"], msg
    assert got["full_f1"] >= pinned["full_f1"], msg
