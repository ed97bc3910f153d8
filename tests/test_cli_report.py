"""`toll report` and `toll demo` as a user runs them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from toll import jobs
from toll.settings import Settings

SAMPLE = str(files("toll") / "data" / "sample.jsonl")


def _toll(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "toll", *args], capture_output=True, text=True, timeout=300,
                          cwd=cwd, env={**os.environ, "COLUMNS": "200"})


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("report") / "s.db"
    jobs.ingest([SAMPLE], Settings(db=f"sqlite:///{db}"))
    return str(db)


def test_report_json_gives_the_ladder_the_sample_was_written_to_show(sample_db: str) -> None:
    proc = _toll("report", "--db", sample_db, "--format", "json", "--party", "Karvenia", "--category", "killed")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert {ladder["category"] for ladder in doc["current"]} == {"killed"}
    military = next(ladder for ladder in doc["current"] if ladder["role"] == "military")
    est = military["estimate"]
    assert est["low"] <= est["best"] <= est["high"]
    # the named-dead floor is the low and Eskaria's range the high (SAMPLE.md's ladder)
    assert (est["low"], est["high"]) == (2893, 14000)
    assert military["claim_ids"] and all(cid.startswith("c") for cid in military["claim_ids"])
    assert doc["historical"] and all(ladder["category"] == "killed" for ladder in doc["historical"])


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_report_text_formats_name_the_claimants_and_the_estimate(sample_db: str, fmt: str) -> None:
    proc = _toll("report", "--db", sample_db, "--format", fmt, "--party", "Karvenia", "--category", "killed")
    assert proc.returncode == 0, proc.stderr
    assert "Eskarian defence intelligence" in proc.stdout and "2,893" in proc.stdout
    assert "independent" in proc.stdout


def test_report_html_is_written_to_a_file(sample_db: str, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    proc = _toll("report", "--db", sample_db, "--format", "html", "--out", str(out))
    assert proc.returncode == 0 and out.exists()
    page = out.read_text(encoding="utf-8")
    # self-contained: charts inline, nothing loaded from elsewhere (links to the articles are fine)
    assert page.count("<svg") >= 10 and "<script" not in page and "<link" not in page
    assert not re.search(r"""src=["']?https?:""", page) and "@import" not in page


def test_report_rejects_an_unknown_category_in_one_line(sample_db: str) -> None:
    proc = _toll("report", "--db", sample_db, "--category", "kiled")
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    assert "kiled" in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_demo_builds_a_fresh_database_prints_ladders_and_writes_the_page(tmp_path: Path) -> None:
    first = _toll("demo", cwd=tmp_path)
    again = _toll("demo", cwd=tmp_path)
    for proc in (first, again):  # fresh each time: the second run stores everything anew
        assert proc.returncode == 0, proc.stderr
        assert "new documents:    30" in proc.stdout and "Estimate" in proc.stdout
    assert "toll serve --db toll-demo.db" in first.stdout
    assert (tmp_path / "report.html").stat().st_size > 10_000 and (tmp_path / "toll-demo.db").exists()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _page_of(cmd: list[str], port: int, cwd: Path | None = None) -> tuple[str, str]:
    """Start `cmd`, wait until it serves http://127.0.0.1:port/, return that page and its CSP, stop it."""
    import tempfile
    import time
    import urllib.request

    # output to a file, not a pipe: the demo prints more than a pipe holds before it starts serving
    log = tempfile.TemporaryFile(mode="w+")  # noqa: SIM115 - closed in the finally below
    proc = subprocess.Popen([sys.executable, "-m", "toll", *cmd], stdout=log, stderr=subprocess.STDOUT, text=True,
                            cwd=cwd)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
                    return r.read().decode("utf-8"), r.headers["Content-Security-Policy"]
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise AssertionError(f"no dashboard on port {port}: {log.read()[-2000:]}") from None
                time.sleep(0.3)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        log.close()


def test_serve_runs_the_dashboard_on_localhost_until_stopped(sample_db: str) -> None:
    port = _free_port()
    page, csp = _page_of(["serve", "--db", sample_db, "--port", str(port)], port)
    assert "Karvenia" in page and "estimate" in page.lower()
    assert csp.startswith("default-src 'self'")


def test_demo_serve_ingests_the_sample_and_starts_the_dashboard(tmp_path: Path) -> None:
    port = _free_port()
    page, _ = _page_of(["demo", "--serve", "--port", str(port)], port, cwd=tmp_path)
    assert "Valdoria" in page and (tmp_path / "report.html").exists()
