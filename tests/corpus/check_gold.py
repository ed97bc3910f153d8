#!/usr/bin/env python3
"""Check a directory of gold files (the format of ../../../shared/eval/gold/*.json).

    python tests/corpus/check_gold.py tests/corpus/dev/gold [--words MIN:MAX] [--quiet]

For every *.json in the directory: the JSON parses, "document" exists next to
it, "published" is an ISO date, and each claim has a valid kind, categories,
role, low/high consistent with the kind, party/claimant lists, and an anchor
that occurs in the document (at "anchor_index" when given; an anchor that
occurs more than once needs "anchor_index").  Vague claims must be optional.
--words warns about documents whose length in words is outside MIN:MAX.
Prints one line per problem and a summary; exit status 1 when any problem
was found, 2 for usage errors.  Standard library only.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

KINDS = {"exact", "approx", "lower_bound", "upper_bound", "range", "vague"}
CATEGORIES = {"killed", "wounded", "casualties", "captured", "missing", "surrendered", "displaced"}
ROLES = {"military", "civilian", "unknown"}
CLAIM_KEYS = {"anchor", "anchor_index", "low", "high", "kind", "category", "party", "role", "claimant",
              "historical", "as_of", "optional", "note"}
DOC_KEYS = {"document", "published", "claims", "note"}


def is_iso(s):
    if not isinstance(s, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return False
    try:
        date.fromisoformat(s)
    except ValueError:
        return False
    return True


def is_count(x):
    return isinstance(x, int) and not isinstance(x, bool) and x >= 0


def check_value(c):
    """Problems with low/high/kind, as a list of strings."""
    kind, low, high = c.get("kind"), c.get("low"), c.get("high")
    if kind not in KINDS:
        return [f"kind {kind!r} not one of {sorted(KINDS)}"]
    out = []
    for name, v in (("low", low), ("high", high)):
        if v is not None and not is_count(v):
            out.append(f"{name} {v!r} is not a non-negative integer or null")
    if out:
        return out
    if kind in ("exact", "approx"):
        if low is None or high is None or low != high:
            out.append(f"{kind}: low and high must be equal numbers (got {low}, {high})")
    elif kind in ("lower_bound", "vague"):
        if low is None or high is not None:
            out.append(f"{kind}: needs low and a null high (got {low}, {high})")
    elif kind == "upper_bound":
        if low is not None or high is None:
            out.append(f"upper_bound: needs a null low and high (got {low}, {high})")
    elif kind == "range":
        if low is None or high is None or not low < high:
            out.append(f"range: needs low < high (got {low}, {high})")
    if kind == "vague" and not c.get("optional"):
        out.append("vague claims must be marked optional")
    return out


def occurrences(doc, anchor):
    out, i = [], doc.find(anchor)
    while i >= 0:
        out.append(i)
        i = doc.find(anchor, i + 1)
    return out


def check_claim(doc, c):
    out = []
    if not isinstance(c, dict):
        return ["claim is not an object"]
    extra = set(c) - CLAIM_KEYS
    if extra:
        out.append(f"unknown keys {sorted(extra)}")
    anchor = c.get("anchor")
    if not isinstance(anchor, str) or not anchor.strip():
        out.append("anchor missing or empty")
    else:
        if "\n" in anchor:
            out.append("anchor spans a line break")
        hits = occurrences(doc, anchor)
        idx = c.get("anchor_index")
        if idx is not None and not is_count(idx):
            out.append(f"anchor_index {idx!r} is not a non-negative integer")
        elif not hits:
            out.append("anchor not found in document")
        elif idx is None and len(hits) > 1:
            out.append(f"anchor occurs {len(hits)} times; add anchor_index")
        elif idx is not None and idx >= len(hits):
            out.append(f"anchor_index {idx} but anchor occurs {len(hits)} time(s)")
    out += check_value(c)
    cats = c.get("category")
    if not isinstance(cats, list) or not cats:
        out.append("category must be a non-empty list")
    else:
        bad = [x for x in cats if x not in CATEGORIES]
        if bad:
            out.append(f"unknown categories {bad}")
    if "party" in c and c["party"] is not None:
        p = c["party"]
        if not isinstance(p, list) or not p or not all(isinstance(x, str) and x.strip() for x in p):
            out.append("party must be null or a non-empty list of names")
    if c.get("role") not in ROLES:
        out.append(f"role {c.get('role')!r} not one of {sorted(ROLES)}")
    if "claimant" in c:
        cl = c["claimant"]
        if not isinstance(cl, list) or not cl or not all(x is None or (isinstance(x, str) and x.strip()) for x in cl):
            out.append("claimant must be a non-empty list of strings and/or null")
    if "historical" in c and not isinstance(c["historical"], bool):
        out.append("historical must be true or false")
    if "as_of" in c and c["as_of"] is not None:
        a = c["as_of"]
        vals = a if isinstance(a, list) else [a]
        if not vals or not all(v is None or is_iso(v) for v in vals) or not any(v is not None for v in vals):
            out.append(f"as_of {a!r} must be an ISO date or a list of ISO dates (null allowed alongside)")
    if "optional" in c and not isinstance(c["optional"], bool):
        out.append("optional must be true or false")
    return out


def check_file(path, words=None):
    """Return (problems, warnings, n_required, n_optional) for one gold file."""
    problems, warnings = [], []
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        return [f"cannot read JSON: {e}"], [], 0, 0
    if not isinstance(gold, dict):
        return ["top level is not an object"], [], 0, 0
    extra = set(gold) - DOC_KEYS
    if extra:
        warnings.append(f"unknown top-level keys {sorted(extra)}")
    pub = gold.get("published")
    if pub is not None and not is_iso(pub):
        problems.append(f"published {pub!r} is not YYYY-MM-DD")
    docname = gold.get("document")
    if not isinstance(docname, str):
        return problems + ["document missing"], warnings, 0, 0
    doc_path = (path.parent / docname).resolve()
    if not doc_path.is_file():
        return problems + [f"document not found: {doc_path}"], warnings, 0, 0
    doc = doc_path.read_text(encoding="utf-8")
    if words:
        n = len(doc.split())
        if not words[0] <= n <= words[1]:
            warnings.append(f"document has {n} words (wanted {words[0]}-{words[1]})")
    claims = gold.get("claims")
    if not isinstance(claims, list):
        return problems + ["claims must be a list"], warnings, 0, 0
    req = opt = 0
    for i, c in enumerate(claims):
        for p in check_claim(doc, c):
            anchor = c.get("anchor") if isinstance(c, dict) else None
            problems.append(f"claim {i} ({anchor!r}): {p}")
        if isinstance(c, dict):
            if c.get("optional") or c.get("kind") == "vague":
                opt += 1
            else:
                req += 1
    return problems, warnings, req, opt


def parse_words(s):
    m = re.fullmatch(r"(\d+):(\d+)", s or "")
    if not m:
        raise argparse.ArgumentTypeError("expected MIN:MAX, e.g. 60:250")
    return int(m.group(1)), int(m.group(2))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold_dir")
    ap.add_argument("--words", type=parse_words, help="warn when a document's word count is outside MIN:MAX")
    ap.add_argument("--quiet", action="store_true", help="print only problems and the summary")
    a = ap.parse_args(argv)
    gdir = Path(a.gold_dir)
    if not gdir.is_dir():
        print(f"check_gold: {gdir}: not a directory", file=sys.stderr)
        return 2
    files = sorted(gdir.glob("*.json"))
    if not files:
        print(f"check_gold: {gdir}: no *.json files", file=sys.stderr)
        return 1
    n_prob = tot_req = tot_opt = 0
    for f in files:
        problems, warnings, req, opt = check_file(f, a.words)
        tot_req += req
        tot_opt += opt
        n_prob += len(problems)
        for p in problems:
            print(f"ERROR {f.name}: {p}")
        for w in warnings:
            print(f"WARN  {f.name}: {w}")
        if not a.quiet and not problems:
            print(f"ok    {f.name}: {req} required, {opt} optional")
    print(f"{len(files)} files, {tot_req} required and {tot_opt} optional claims, {n_prob} problem(s)")
    return 1 if n_prob else 0


if __name__ == "__main__":
    sys.exit(main())
