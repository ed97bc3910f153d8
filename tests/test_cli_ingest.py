"""`toll ingest`, `toll reextract` and `toll export` as a user runs them, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from toll.store import EXPORT_COLUMNS, HXL_TAGS

DOCS = [
    {"id": "kessa-1", "url": "https://drava-post.example/kessa", "outlet": "Drava Post", "published": "2030-09-01",
     "text": "Regional officials in Drava said on Sunday that 23 civilians were killed and 41 wounded when a missile "
             "struck a bus station in the town of Kessa."},
    {"id": "kessa-2", "url": "https://coast-times.example/kessa", "outlet": "Coast Times", "published": "2030-09-01",
     "text": "A missile hit the bus station in Kessa on Sunday. Regional officials in Drava said that 23 civilians "
             "were killed and 41 wounded, and rescuers were still searching the site late into the night."},
]


def _toll(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toll", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture
def docs(tmp_path: Path) -> str:
    path = tmp_path / "docs.jsonl"
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    return str(path)


def test_ingest_then_export_reextract_and_ingest_again(db_url: str, docs: str, tmp_path: Path) -> None:
    first = _toll("ingest", "--db", db_url, docs)
    assert first.returncode == 0, first.stderr
    assert "new documents:    2" in first.stdout
    # two outlets report the same two claims: four reports, two independent claims
    assert "database now:     4 claims reported, 2 independent" in first.stdout

    out = tmp_path / "claims.csv"
    exported = _toll("export", "--db", db_url, "--format", "csv", "--hxl", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == EXPORT_COLUMNS and rows[1] == [HXL_TAGS[c] for c in EXPORT_COLUMNS]
    body = [dict(zip(EXPORT_COLUMNS, r, strict=True)) for r in rows[2:]]
    assert sorted((r["figure_low"], r["category"], r["reports"]) for r in body) == [
        ("23", "killed", "2"), ("23", "killed", "2"), ("41", "wounded", "2"), ("41", "wounded", "2")]
    assert {r["outlets"] for r in body} == {json.dumps(["Coast Times", "Drava Post"])}
    assert all(r["figure_low"] in r["evidence_text"] and int(r["char_end"]) > int(r["char_start"]) for r in body)

    parquet = tmp_path / "claims.parquet"
    assert _toll("export", "--db", db_url, "--format", "parquet", "--out", str(parquet)).returncode == 0
    assert pq.read_table(parquet).num_rows == 4

    lines = _toll("export", "--db", db_url, "--format", "jsonl")
    assert [json.loads(x)["claim_id"] for x in lines.stdout.splitlines()] == [r["claim_id"] for r in body]

    again = _toll("reextract", "--db", db_url)
    assert again.returncode == 0, again.stderr
    assert "claims in the database: 4 before, 4 after" in again.stdout

    second = _toll("ingest", "--db", db_url, docs)
    assert second.returncode == 0 and "new documents:    0" in second.stdout and "already stored:   2" in second.stdout


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["export", "--format", "parquet"], "toll: export: parquet needs --out FILE"),
        (["export", "--format", "jsonl", "--hxl"], "toll: export: --hxl goes with --format csv"),
        (["ingest", "--published", "2030-13-01", "x.txt"], "--published"),
        (["ingest", "--batch", "0", "x.txt"], "--batch"),
    ],
)
def test_misuse_is_one_line_and_exit_2(args: list[str], problem: str, tmp_path: Path) -> None:
    proc = _toll(*args, "--db", str(tmp_path / "t.db")) if args[0] == "export" else _toll(*args)
    assert proc.returncode == 2
    assert problem in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "url",
    ["postgresql://nobody@127.0.0.1:9/none", "mysql://x@127.0.0.1/y", "sqlite:////no/such/dir/toll.db"],
)
def test_a_database_that_cannot_be_opened_is_one_line_naming_it(url: str, docs: str) -> None:
    proc = _toll("ingest", "--db", url, docs)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("toll: ") and "Traceback" not in proc.stderr
    assert url.split("://")[0] in lines[0]


def test_toll_db_names_the_database_when_no_option_does(docs: str, tmp_path: Path) -> None:
    db = tmp_path / "from-env.db"
    proc = _toll("ingest", docs, "-q", env={"TOLL_DB": f"sqlite:///{db}"})
    assert proc.returncode == 0, proc.stderr
    assert db.exists() and str(db) in proc.stdout


def test_without_a_terminal_progress_is_plain_log_lines(docs: str, tmp_path: Path) -> None:
    # LOG_EVERY is 5 s: too long for this tiny batch, so only the summary and no control codes appear
    proc = _toll("ingest", "--db", str(tmp_path / "t.db"), docs)
    assert proc.returncode == 0
    assert "\x1b[" not in proc.stderr + proc.stdout


def test_on_a_terminal_progress_shows_documents_claims_and_failures(docs: str, tmp_path: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "toll", "ingest", "--db", str(tmp_path / "t.db"), docs],
                            stdout=subprocess.PIPE, stderr=follower, text=True)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    proc.wait(timeout=300)
    os.close(leader)
    screen = seen.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "docs/s" in screen and "claims" in screen and "failed" in screen


def test_a_feed_url_is_ingested_with_the_articles_it_links(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.ingest._helpers import article_html, rss, serve

    for web in serve("127.0.0.1"):
        links = [web.page("/lomir", article_html("lomir", published="2024-03-04")),
                 web.page("/tarn", article_html("tarn", published=None))]
        feed = web.page("/feed.xml", rss("Varnia Daily Courier", [("Prisoners home", links[0], None),
                                                                  ("Convoy reaches Tarn", links[1],
                                                                   "Tue, 05 Mar 2024 07:00:00 GMT")]),
                        "application/rss+xml")
        db = tmp_path / "feed.db"
        refused = _toll("ingest", "--db", str(db), "-q", feed)
        assert refused.returncode == 1 and "127.0.0.1 is not a public address: refused" in refused.stderr and web.requests == []
        proc = _toll("ingest", "--db", str(db), "-q", "--allow", "127.0.0.1/32", feed)
        assert proc.returncode == 0, proc.stderr
        assert "new documents:    2" in proc.stdout
        assert [path for path, _ in web.requests] == ["/feed.xml", "/lomir", "/tarn"]
    rows = [json.loads(x) for x in _toll("export", "--db", str(db), "--format", "jsonl").stdout.splitlines()]
    assert {r["outlet"] for r in rows} == {"Varnia Daily Courier"}
    assert {r["url"] for r in rows} == set(links)
    # the page's own date for one article, the feed entry's for the other, which has none
    assert {r["url"]: r["published"] for r in rows} == {links[0]: "2024-03-04", links[1]: "2024-03-05"}
