"""Distributed ingest: shards become parts (Parquet + manifest) anywhere, `toll load` stores them, and the
database ends as a local ingest of the same files leaves it, even when a Dask worker is killed mid-run."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import sqlalchemy as sa

from toll import jobs, scale
from toll.settings import Settings
from toll.store import parts

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks import _corpus  # noqa: E402

DOCS = "id, doc_key, name, url, sha256, story_id, duplicate_of, similarity, outlet_id, published, input_name, text"
CLAIMS = ("id, claim_id, document_id, echo_key, figure_low, figure_high, kind, category, victim_party, victim_role, "
          "claimant, via, as_of, historical, char_start, char_end, evidence_text, extractor_version")


def _shards(folder: Path, n: int, per: int, seed: int = 11) -> list[Path]:
    """n JSONL shards of `per` documents, with a syndicated copy and a repeated line across shards."""
    folder.mkdir(parents=True, exist_ok=True)
    docs = _corpus.generate(n * per, words_per_doc=150, seed=seed)
    rows = [{"id": f"d{i}", "url": f"https://news.example/{i}", "outlet": f"Outlet {i % 5}",
             "published": d.published.isoformat(), "text": d.text} for i, d in enumerate(docs)]
    out = []
    for k in range(n):
        mine = rows[k * per:(k + 1) * per]
        if k:  # a copy of the first shard's first story at another outlet, and the same line again
            mine = [*mine, dict(rows[0], id=f"copy{k}", url=f"https://wire.example/{k}"), rows[1]]
        path = folder / f"shard-{k:02d}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in mine), encoding="utf-8")
        out.append(path)
    return out


def _dump(url: str) -> tuple[list[tuple], list[tuple], list[tuple]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as c:
            docs = [tuple(r) for r in c.execute(sa.text(f"SELECT {DOCS} FROM documents ORDER BY id"))]
            claims = [tuple(r) for r in c.execute(sa.text(f"SELECT {CLAIMS} FROM claims ORDER BY id"))]
            marks = [tuple(r) for r in c.execute(sa.text("SELECT input_id, position FROM checkpoints ORDER BY 1"))]
        return docs, claims, marks
    finally:
        engine.dispose()


@pytest.fixture
def twin_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest):
    """A second fresh database of db_url's backend, for a reference ingest to compare with."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path}/reference.db"
        return
    from tests.conftest import fresh_pg_database

    with fresh_pg_database(request.getfixturevalue("pg_admin_url")) as url:
        yield url


# parts, without a cluster


def test_a_part_holds_what_reading_and_extracting_the_shard_gives(tmp_path: Path) -> None:
    shard = _shards(tmp_path / "in", 1, 12)[0]
    done = jobs.shard_part(str(shard), str(tmp_path / "parts"), Settings(db="unused"))
    assert done["made"] and done["documents"] == 12 and done["errors"] == 0
    part = parts.read_manifest(done["manifest"])
    units = list(parts.read_part(part))
    expected = list(jobs._with_results(jobs.read_inputs([str(shard)], Settings(db="unused")), 5))
    assert [u[0] for u in units] == [e[0] for e in expected]  # the same Loaded: input, position, document
    assert [u[1].claims for u in units] == [e[1].claims for e in expected]  # every claim field round-trips
    assert sum(len(u[1].claims) for u in units) == done["claims"] > 0
    assert part.manifest["files"]["claims"]["rows"] == done["claims"]


def test_a_finished_shard_is_skipped_and_a_changed_one_made_again(tmp_path: Path) -> None:
    shard = _shards(tmp_path / "in", 1, 6)[0]
    out = str(tmp_path / "parts")
    first = jobs.shard_part(str(shard), out, Settings(db="unused"))
    stamp = os.stat(first["manifest"]).st_mtime_ns
    again = jobs.shard_part(str(shard), out, Settings(db="unused"))
    assert not again["made"] and os.stat(again["manifest"]).st_mtime_ns == stamp
    with shard.open("a", encoding="utf-8") as f:  # new bytes: the old part no longer describes the shard
        f.write(json.dumps({"id": "late", "text": "Officials said 12 soldiers were killed on Monday."}) + "\n")
    changed = jobs.shard_part(str(shard), out, Settings(db="unused"))
    assert changed["made"] and changed["documents"] == 7


def test_leftover_temporary_files_of_a_killed_writer_are_never_read(tmp_path: Path, db_url: str) -> None:
    shard = _shards(tmp_path / "in", 1, 5)[0]
    out = tmp_path / "parts"
    done = jobs.shard_part(str(shard), str(out), Settings(db="unused"))
    key = parts.part_key(str(shard))
    (out / f"{key}.claims.parquet.tmp-999-deadbeef").write_bytes(b"half a file")
    (out / f"{key}.manifest.json.tmp-999-deadbeef").write_text("{", encoding="utf-8")
    summary = jobs.load([str(out)], Settings(db=db_url))
    assert (summary.new, summary.failed, summary.claims) == (5, 0, done["claims"])


@pytest.mark.parametrize("damage", ["truncate claims", "delete documents", "not json", "other format"])
def test_a_damaged_part_is_one_error_naming_it_and_the_other_parts_load(tmp_path: Path, db_url: str,
                                                                         damage: str) -> None:
    a, b = _shards(tmp_path / "in", 2, 4)
    out = tmp_path / "parts"
    bad = jobs.shard_part(str(a), str(out), Settings(db="unused"))
    good = jobs.shard_part(str(b), str(out), Settings(db="unused"))
    manifest = Path(bad["manifest"])
    key = manifest.name[: -len(parts.MANIFEST)]
    if damage == "truncate claims":
        f = out / f"{key}.claims.parquet"
        f.write_bytes(f.read_bytes()[:100])
    elif damage == "delete documents":
        (out / f"{key}.documents.parquet").unlink()
    elif damage == "not json":
        manifest.write_text("{not json", encoding="utf-8")
    else:
        manifest.write_text(json.dumps({"format": "something/9"}), encoding="utf-8")
    summary = jobs.load([str(out)], Settings(db=db_url))
    assert summary.failed == 1 and len(summary.errors) == 1
    assert summary.errors[0].startswith(str(manifest)) and "\n" not in summary.errors[0]
    assert summary.new == good["documents"] and summary.claims == good["claims"]


def test_loading_parts_stores_what_ingesting_their_shards_stores(tmp_path: Path, db_url: str, twin_url: str) -> None:
    shards = _shards(tmp_path / "in", 3, 8)
    out = tmp_path / "parts"
    for s in reversed(shards):  # finishing order must not matter: load goes by shard name
        jobs.shard_part(str(s), str(out), Settings(db="unused"))
    loaded = jobs.load([str(out)], Settings(db=db_url, batch_docs=5))
    ingested = jobs.ingest([str(s) for s in shards], Settings(db=twin_url, batch_docs=5, workers=1))
    for k in ("read", "new", "skipped", "duplicates", "near_duplicates", "failed", "claims"):
        assert getattr(loaded, k) == getattr(ingested, k), k
    assert loaded.duplicates == 2 and loaded.skipped == 2  # the copies join a story; the repeated line is known
    assert _dump(db_url) == _dump(twin_url)


def test_a_warc_shard_loads_as_it_ingests(tmp_path: Path, db_url: str, twin_url: str) -> None:
    from benchmarks import ingest_speed

    warc = tmp_path / "in" / "pages.warc.gz"
    warc.parent.mkdir()
    ingest_speed.write_warc(_corpus.generate(6, 200, seed=3), warc)
    done = jobs.shard_part(str(warc), str(tmp_path / "parts"), Settings(db="unused"))
    assert done["documents"] == 6
    loaded = jobs.load([done["manifest"]], Settings(db=db_url))
    ingested = jobs.ingest([str(warc)], Settings(db=twin_url, workers=1))
    assert (loaded.new, loaded.claims) == (ingested.new, ingested.claims) == (6, done["claims"])
    assert _dump(db_url) == _dump(twin_url)


def test_loading_twice_adds_nothing_and_ingesting_a_loaded_shard_neither(tmp_path: Path, db_url: str) -> None:
    shards = _shards(tmp_path / "in", 2, 5)
    out = tmp_path / "parts"
    for s in shards:
        jobs.shard_part(str(s), str(out), Settings(db="unused"))
    first = jobs.load([str(out / "*.manifest.json")], Settings(db=db_url))
    before = _dump(db_url)
    again = jobs.load([str(out)], Settings(db=db_url))
    assert first.new == 11 and (again.new, again.claims, again.skipped) == (0, 0, again.read)
    local = jobs.ingest([str(s) for s in shards], Settings(db=db_url, workers=1))
    assert (local.new, local.claims) == (0, 0)
    assert _dump(db_url) == before


def test_load_of_a_name_with_no_parts_is_an_error_naming_it(tmp_path: Path, db_url: str) -> None:
    (tmp_path / "empty").mkdir()
    summary = jobs.load([str(tmp_path / "empty"), str(tmp_path / "nothing-*.manifest.json")], Settings(db=db_url))
    assert summary.failed == 2 and summary.new == 0
    assert all(e.startswith(str(tmp_path)) for e in summary.errors)


def test_parts_are_plain_parquet_an_analyst_can_read(tmp_path: Path) -> None:
    shard = _shards(tmp_path / "in", 1, 4)[0]
    done = jobs.shard_part(str(shard), str(tmp_path / "parts"), Settings(db="unused"))
    part = parts.read_manifest(done["manifest"])
    claims = pq.read_table(part.file("claims"))
    assert claims.num_rows == done["claims"]
    assert {"figure_low", "category", "claimant", "char_start", "char_end", "evidence_text"} <= set(claims.schema.names)
    docs = pq.read_table(part.file("documents")).to_pylist()
    for row in claims.to_pylist():  # each claim's evidence is the span of its document's text
        text = docs[row["row"]]["text"]
        assert text[row["char_start"]:row["char_end"]] == row["evidence_text"]


def test_shards_are_files_and_urls_are_refused(tmp_path: Path) -> None:
    shards = _shards(tmp_path / "in", 2, 2)
    found, errors = scale.shards_of([str(tmp_path / "in"), str(shards[0]), "https://example.com/a.warc",
                                     str(tmp_path / "missing.jsonl"), str(tmp_path / "none-*.warc.gz")])
    assert found == [str(s.resolve()) for s in shards]
    assert [e.split(": ", 1)[0] for e in errors] == ["https://example.com/a.warc", str(tmp_path / "missing.jsonl"),
                                                     str(tmp_path / "none-*.warc.gz")]


# on a Dask cluster


@pytest.fixture(scope="module")
def cluster():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as c, Client(c) as client:
        yield c, client


def _toll(*args: str, cwd: Path) -> subprocess.Popen:
    log = cwd / f"toll-{time.monotonic_ns()}.log"  # a file, not a pipe the command could fill
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "toll", *args], cwd=cwd, stdout=out,
                                stderr=subprocess.STDOUT, text=True)
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _output(proc: subprocess.Popen) -> str:
    return proc.log.read_text(encoding="utf-8")  # type: ignore[attr-defined]


def test_a_killed_worker_loses_and_duplicates_nothing(cluster, tmp_path: Path) -> None:
    local_cluster, client = cluster
    shards = _shards(tmp_path / "in", 6, 25)
    out = tmp_path / "parts"
    db = tmp_path / "dask.db"
    proc = _toll("ingest", "--engine", "dask", "--scheduler", local_cluster.scheduler_address, "--parts", str(out),
                 "--db", str(db), str(tmp_path / "in"), cwd=tmp_path)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and proc.poll() is None:
            busy = [w for w, keys in client.processing().items() if keys]
            if list(out.glob("*.manifest.json")) and busy:  # one shard done, others in flight
                pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        rc = proc.wait(timeout=420)
    finally:
        killer.join()
        if proc.poll() is None:
            proc.kill()
    text = _output(proc)
    assert killed, f"no worker was killed mid-run:\n{text}"
    assert rc == 0, text
    # a shard whose part was written before its worker died is found finished when Dask runs it again
    made = re.search(r"shards: 6 in [\d.]+ s: (\d) made, (\d) finished before \(skipped\), 0 failed", text)
    assert made and int(made[1]) + int(made[2]) == 6, text
    # the database is what one local process makes of the same shards
    reference = tmp_path / "local.db"
    jobs.ingest([str(s) for s in shards], Settings(db=f"sqlite:///{reference}", workers=1))
    assert _dump(f"sqlite:///{db}") == _dump(f"sqlite:///{reference}")
    docs, claims, _ = _dump(f"sqlite:///{db}")
    assert len(docs) == 6 * 25 + 5 and len({c[1] for c in claims}) == len(claims) > 100
    # a worker took the killed one's place, and a rerun skips every finished shard
    client.wait_for_workers(2, timeout=120)
    stamps = {p: p.stat().st_mtime_ns for p in out.glob("*.manifest.json")}
    again = _toll("ingest", "--engine", "dask", "--scheduler", local_cluster.scheduler_address, "--parts", str(out),
                  "--db", str(db), str(tmp_path / "in"), cwd=tmp_path)
    assert again.wait(timeout=300) == 0, _output(again)
    rerun = _output(again)
    assert "0 made, 6 finished before (skipped)" in rerun and "new documents:    0" in rerun, rerun
    assert {p: p.stat().st_mtime_ns for p in out.glob("*.manifest.json")} == stamps
    assert _dump(f"sqlite:///{db}") == _dump(f"sqlite:///{reference}")


def test_a_local_cluster_is_started_when_no_scheduler_is_given(tmp_path: Path) -> None:
    shards = _shards(tmp_path / "in", 2, 3)
    run = scale.run_shards([str(s) for s in shards], Settings(db="unused", workers=2), str(tmp_path / "parts"))
    assert (run.shards, run.made, run.failed) == (2, 2, 0)
    assert [parts.read_manifest(m).shard for m in run.manifests] == [str(s.resolve()) for s in shards]


def test_an_unreachable_scheduler_is_one_error_naming_it(tmp_path: Path) -> None:
    shard = _shards(tmp_path / "in", 1, 1)[0]
    proc = _toll("ingest", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9", "--db", str(tmp_path / "x.db"),
                 str(shard), cwd=tmp_path)
    assert proc.wait(timeout=120) == 1
    text = _output(proc).strip()
    assert text.startswith("toll: tcp://127.0.0.1:9: cannot reach the Dask scheduler"), text
    assert "Traceback" not in text and len(text.splitlines()) == 1


def test_without_dask_the_engine_says_how_to_install_it(tmp_path: Path) -> None:
    shard = _shards(tmp_path / "in", 1, 1)[0]
    code = ("import sys; sys.modules['dask'] = sys.modules['dask.distributed'] = None; "
            "from toll.cli import run; sys.argv = ['toll'] + sys.argv[1:]; run()")
    out = subprocess.run([sys.executable, "-c", code, "ingest", "--engine", "dask", "--db", str(tmp_path / "x.db"),
                          str(shard)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == "toll: --engine: the dask engine needs Dask: pip install 'toll[dask]'", out.stderr
