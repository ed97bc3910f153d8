"""toll ingest and toll reextract, end to end into real SQLite and PostgreSQL databases (the `db_url` fixture)."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from toll import jobs
from toll.settings import Settings
from toll.store import Store

SAMPLE = str(files("toll") / "data" / "sample.jsonl")


def _settings(db_url: str) -> Settings:
    return Settings(db=db_url, batch_docs=10)


def _jsonl(path: Path, records: list[dict]) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


ARTICLE = (
    "Officials in the northern province of Tarsk said on Monday that 14 civilians were killed and 30 wounded when "
    "shells hit a market in the town of Orlen. The provincial governor said rescue teams were still searching the "
    "rubble.\n\nThe army of the Republic of Merov denied firing on the town and said its positions had come under "
    "attack first. Independent monitors could not reach the area because of continued fighting along the river.\n\n"
    "Aid groups said hundreds of families had fled toward the coast, where schools have been turned into shelters."
)


def test_ingesting_the_same_input_twice_adds_nothing(db_url: str) -> None:
    first = jobs.ingest([SAMPLE], _settings(db_url))
    second = jobs.ingest([SAMPLE], _settings(db_url))
    assert first.read == first.new == 30 and first.failed == 0 and first.claims > 100
    assert second.read == 30 and second.new == 0 and second.skipped == 30 and second.claims == 0
    assert second.totals["documents"] == 30 and second.totals["claims"] == first.totals["claims"] == first.claims


def test_every_count_states_reports_and_independent_claims(db_url: str) -> None:
    s = jobs.ingest([SAMPLE], _settings(db_url))
    # the sample repeats claims across outlets (SAMPLE.md marks the echoes): fewer independent claims than reports
    assert 0 < s.totals["independent_claims"] < s.totals["claims"]
    store = Store.open(db_url)
    try:
        rows = store.claims()
    finally:
        store.close()
    assert len(rows) == s.totals["claims"]
    assert sum(1 for _, n in rows if n > 1) >= 2
    # sample-29 and sample-30 are copies of sample-08 and sample-16 (SAMPLE.md): two stories fewer than documents
    assert s.near_duplicates == 2 and s.totals["stories"] == s.totals["documents"] - 2


def test_the_same_text_at_another_url_is_a_duplicate_in_the_same_story(db_url: str, tmp_path: Path) -> None:
    recs = [
        {"id": "a", "url": "https://wire.example/orlen", "outlet": "Wire", "published": "2030-05-06", "text": ARTICLE},
        {"id": "b", "url": "https://paper.example/orlen", "outlet": "Paper", "published": "2030-05-06", "text": ARTICLE},
        {"id": "c", "url": "https://paper.example/orlen", "outlet": "Paper", "published": "2030-05-06", "text": ARTICLE},
    ]
    s = jobs.ingest([_jsonl(tmp_path / "docs.jsonl", recs)], _settings(db_url))
    assert (s.read, s.new, s.duplicates, s.skipped) == (3, 2, 1, 1)
    assert s.totals["documents"] == 2 and s.totals["stories"] == 1
    # each copy carries its own claims, and each claim is reported twice but counted once
    assert s.totals["claims"] == 2 * s.totals["independent_claims"] > 0


def test_a_reworded_copy_joins_the_story_of_its_original(db_url: str, tmp_path: Path) -> None:
    reworded = (ARTICLE.replace("said", "explained").replace("Officials", "Authorities").replace("town", "city")
                .replace("continued", "ongoing").replace("searching", "combing"))
    other = ("Heavy rain flooded the lower districts of Orlen overnight, and the harbour authority closed the port "
             "to shipping until the storm passes. No injuries were reported, the authority said on Tuesday.")
    recs = [
        {"id": "orig", "url": "https://a.example/1", "published": "2030-05-06", "text": ARTICLE},
        {"id": "copy", "url": "https://b.example/2", "published": "2030-05-06", "text": reworded},
        {"id": "else", "url": "https://c.example/3", "published": "2030-05-07", "text": other},
    ]
    s = jobs.ingest([_jsonl(tmp_path / "docs.jsonl", recs)], _settings(db_url))
    assert (s.new, s.near_duplicates, s.duplicates) == (3, 1, 0)
    assert s.totals["documents"] == 3 and s.totals["stories"] == 2


def test_bad_inputs_are_recorded_and_the_rest_is_stored(db_url: str, tmp_path: Path) -> None:
    good = _jsonl(tmp_path / "good.jsonl", [{"id": "g", "published": "2030-05-06", "text": ARTICLE}])
    (tmp_path / "broken.jsonl").write_text('{"id": "x", "text": "unterminated\n', encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    s = jobs.ingest([str(tmp_path / "broken.jsonl"), str(tmp_path / "binary.txt"), good,
                     str(tmp_path / "absent.txt")], _settings(db_url))
    assert s.new == 1 and s.failed == 3 and s.claims >= 2
    store = Store.open(db_url)
    try:
        run = store.run(s.run_id)
    finally:
        store.close()
    named = sorted(e["input"] for e in run["errors"])
    assert len(named) == 3
    assert any("broken.jsonl" in n for n in named) and any("binary.txt" in n for n in named)
    assert any("absent.txt" in n for n in named)
    assert run["failed"] == 3 and run["new"] == 1 and run["status"] == "done"


def test_reextract_replaces_claims_and_records_before_and_after(db_url: str) -> None:
    settings = _settings(db_url)
    first = jobs.ingest([SAMPLE], settings)
    store = Store.open(db_url)
    try:
        # an older extractor that found nothing in the first document: its claims are gone
        doc_id, _ = next(store.documents())
        with store.batch() as tx:
            removed, added = tx.replace_claims(doc_id, [], [], "toll-extract/0.0.1")
        assert removed > 0 and added == 0
        assert store.counts()["claims"] == first.claims - removed
        again = jobs.reextract(settings, store=store)
        run = store.run(again.run_id)
        assert store.counts()["claims"] == first.claims
    finally:
        store.close()
    assert again.read == 30 and again.failed == 0
    assert (run["claims_before"], run["claims_after"]) == (first.claims - removed, first.claims)
    assert run["command"] == "reextract" and run["status"] == "done"
