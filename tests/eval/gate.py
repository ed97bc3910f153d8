"""Score toll against a directory of gold files in-process, with the shared scorer's matching rules.

    python -m tests.eval.gate tests/corpus/dev/gold [--show]

The matching (score_document) is imported from ../shared/eval/score.py, so the dev set, the held-out set and
the seeds are all scored by exactly the rules the project is judged by.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def scorer():  # type: ignore[no-untyped-def]
    if not SCORER.exists():
        raise FileNotFoundError(f"the shared scorer is missing: {SCORER}")
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def score_dir(gold_dir: Path, show: bool = False) -> dict[str, object]:
    import toll

    sc = scorer()
    tot = {"gold": 0, "pred": 0, "core_tp": 0, "full_tp": 0}
    attr = {a: [0, 0] for a in sc.ATTRS}
    lines = []
    for gp in sorted(Path(gold_dir).glob("*.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        doc_path = (gp.parent / gold["document"]).resolve()
        text = doc_path.read_text(encoding="utf-8")
        pub = date.fromisoformat(gold["published"]) if gold.get("published") else None
        preds = [c.to_dict() for c in toll.extract(text, published=pub, doc_id=doc_path.name)]
        r = sc.score_document(text, gold, preds)
        for k in tot:
            tot[k] += r[k]
        for a in sc.ATTRS:
            attr[a][0] += r["attr"][a][0]
            attr[a][1] += r["attr"][a][1]
        if show:
            for g in r["misses"]:
                lines.append(f"  MISS   {gp.name}: {g['anchor']!r} {g.get('low')}-{g.get('high')} {g['category']}")
            for p in r["false_alarms"]:
                v = p["value"]
                lines.append(f"  FALSE  {gp.name}: {v['low']}-{v['high']} {p['category']} :: "
                             f"{p['evidence']['text'][:100]!r}")
            for a, g, p in r["attr_errors"]:
                got = {"party": p["victim"]["party"], "role": p["victim"]["role"], "claimant": p["claimant"],
                       "historical": p["historical"], "as_of": p["as_of"]}[a]
                lines.append(f"  ATTR   {gp.name}: {g['anchor']!r} {a}: got {got!r}, gold {g.get(a)!r}")
    _, _, core = sc.f1(tot["core_tp"], tot["pred"], tot["gold"])
    cp, cr, _ = sc.f1(tot["core_tp"], tot["pred"], tot["gold"])
    fp, fr, full = sc.f1(tot["full_tp"], tot["pred"], tot["gold"])
    return {"core_f1": round(core, 3), "core_p": round(cp, 3), "core_r": round(cr, 3), "full_f1": round(full, 3),
            "full_p": round(fp, 3), "full_r": round(fr, 3), "gold": tot["gold"], "pred": tot["pred"],
            "attributes": {a: round(v[0] / v[1], 3) if v[1] else None for a, v in attr.items()}, "details": lines}


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    res = score_dir(Path(args[0]), show="--show" in sys.argv)
    for line in res.pop("details"):  # type: ignore[union-attr]
        print(line)
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
