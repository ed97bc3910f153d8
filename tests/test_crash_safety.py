"""toll ingest survives SIGKILL and a second writer: every document once, no claim lost or doubled, a sound file.

The kill loop is the slow test of the suite (about a minute): it restarts a real `toll ingest` process 25 times
or more, killing it each time while it writes, and compares the end state with one uninterrupted run.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from toll import jobs
from toll.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import _corpus  # noqa: E402

N_DOCS = 5000
KILLS = 25


def _corpus_file(path: Path, n: int, seed: int = 7) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i, d in enumerate(_corpus.generate(n, words_per_doc=45, seed=seed)):
            f.write(json.dumps({"id": f"doc-{i:05d}", "url": f"https://news.example/{seed}/{i}",
                                "published": d.published.isoformat(), "text": d.text}) + "\n")
    return path


def _state(db: Path) -> tuple[list[str], list[str], str]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        docs = [r[0] for r in con.execute("SELECT doc_key FROM documents ORDER BY doc_key")]
        claims = [r[0] for r in con.execute("SELECT claim_id FROM claims ORDER BY claim_id")]
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return docs, claims, integrity


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def _ingest_cmd(db: Path, *inputs: Path) -> list[str]:
    return [sys.executable, "-m", "toll", "ingest", "--db", f"sqlite:///{db}", "--batch", "25", "-q",
            *map(str, inputs)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus_file(tmp_path_factory.mktemp("crash") / "docs.jsonl", N_DOCS)


def test_sigkill_during_ingest_loses_and_doubles_nothing(corpus: Path, tmp_path: Path) -> None:
    ref_db = tmp_path / "ref.db"
    jobs.ingest([str(corpus)], Settings(db=f"sqlite:///{ref_db}", batch_docs=25))
    ref_docs, ref_claims, _ = _state(ref_db)
    assert len(ref_docs) == N_DOCS and len(ref_claims) > 500

    db = tmp_path / "killed.db"
    rng = random.Random(25)
    kills = 0
    while kills < KILLS:
        before = _count(db)
        proc = subprocess.Popen(_ingest_cmd(db, corpus), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        # kill only once this process has committed something, so every kill lands mid-run
        while _count(db) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.0, 0.4))
        if proc.poll() is not None:
            break  # it finished before we could kill it: the corpus is done
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        kills += 1
    assert kills >= KILLS, f"only {kills} kills landed before the run finished"
    done = subprocess.run(_ingest_cmd(db, corpus), capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]

    docs, claims, integrity = _state(db)
    assert integrity == "ok"
    assert len(docs) == len(set(docs)) == N_DOCS
    assert len(claims) == len(set(claims))
    assert claims == ref_claims


def test_two_writers_on_one_sqlite_file_both_finish(tmp_path: Path) -> None:
    a = _corpus_file(tmp_path / "a.jsonl", 600, seed=11)
    b = _corpus_file(tmp_path / "b.jsonl", 600, seed=12)
    both = tmp_path / "ab.jsonl"  # overlapping inputs: the same documents offered by both processes
    both.write_text(a.read_text(encoding="utf-8") + b.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "shared.db"
    procs = [subprocess.Popen(_ingest_cmd(db, inp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for inp in (both, b)]
    outs = [p.communicate(timeout=600) for p in procs]
    for p, (_, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err[-2000:]
        assert "locked" not in err and "busy" not in err.lower()
    docs, claims, integrity = _state(db)
    assert integrity == "ok"
    assert len(docs) == len(set(docs)) == 1200
    assert len(claims) == len(set(claims)) > 0
