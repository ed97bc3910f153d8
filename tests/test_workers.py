"""Extraction in worker processes gives the same database, row for row, as extraction in the ingest process."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from toll import jobs
from toll.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import _corpus  # noqa: E402

DOCUMENT_COLUMNS = "id, doc_key, name, url, sha256, story_id, duplicate_of, similarity, minhash, outlet_id, published"
CLAIM_COLUMNS = "id, claim_id, document_id, echo_key, figure_low, figure_high, category, victim_party, claimant"


def _corpus_with_copies(path: Path) -> Path:
    docs = _corpus.generate(160, words_per_doc=120, seed=5)
    lines = [{"id": f"d{i}", "url": f"https://a.example/{i}", "outlet": f"Outlet {i % 7}",
              "published": d.published.isoformat(), "text": d.text} for i, d in enumerate(docs)]
    # exact copies at new URLs and repeats of the same line, some in the next batches, some far later
    lines += [dict(lines[i], id=f"copy{i}", url=f"https://b.example/{i}") for i in (3, 11, 40, 41)]
    lines += [lines[5], lines[90], lines[2]]
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def _dump(db: Path) -> tuple[list[tuple], list[tuple], tuple]:
    con = sqlite3.connect(db)
    try:
        docs = con.execute(f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY id").fetchall()
        claims = con.execute(f"SELECT {CLAIM_COLUMNS} FROM claims ORDER BY id").fetchall()
        run = con.execute("SELECT read, new, skipped, duplicates, near_duplicates, failed, claims FROM ingest_runs")
        return docs, claims, run.fetchone()
    finally:
        con.close()


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_store_the_same_documents_claims_and_counts_as_one_process(tmp_path: Path, workers: int) -> None:
    corpus = _corpus_with_copies(tmp_path / "docs.jsonl")
    one, many = tmp_path / "one.db", tmp_path / "many.db"
    serial = jobs.ingest([str(corpus)], Settings(db=f"sqlite:///{one}", batch_docs=10, workers=1))
    parallel = jobs.ingest([str(corpus)], Settings(db=f"sqlite:///{many}", batch_docs=10, workers=workers))
    assert serial.duplicates == 4 and serial.skipped == 3 and serial.claims > 50
    for k in ("read", "new", "skipped", "duplicates", "near_duplicates", "failed", "claims"):
        assert getattr(parallel, k) == getattr(serial, k), k
    assert _dump(many) == _dump(one)
