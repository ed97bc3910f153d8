"""The CLI's contract, tested end to end: `python -m toll extract ...` in a subprocess.

Each test spawns one or two processes that load spaCy (about 1.5 s each), so the count is kept small.
What is checked is the contract of shared/spec/claim-format.md and the CLI section of the brief:
record fields, evidence offsets, doc_id, formats, --input, HTML input, and how bad input is reported
(one `toll: <input>: <problem>` line on stderr per bad input, no traceback, the other inputs still
processed, exit 1 if any input failed, 2 for a usage error).
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

KILLED_42 = (
    "Rain fell over the capital for most of Tuesday morning.\n\n"
    "The ministry said 42 soldiers were killed on Monday. Officials gave no further details.\n"
)
WOUNDED_17 = "Local officials said 17 civilians were wounded in the shelling of the old town.\n"
TWO_CLAIMS = (
    "The ministry said 42 soldiers were killed on Monday.\n\n"
    "A further 17 civilians were wounded in the same attack, the regional governor said.\n"
)
CURRENT_120 = "At least 120 soldiers have been killed so far, the army said in a statement.\n"
NO_CLAIMS = "The council met on Tuesday to discuss the budget for 2024. Rain is expected later this week.\n"

SPEC_FIELDS = ("value", "category", "victim", "claimant", "as_of", "historical", "evidence")

HTML_PAGE = """<!doctype html>
<html><head><title>Night of shelling in the river port</title>
<script>var state = {"headline": "5000 soldiers were killed", "ads": [999, 3000]};</script>
<style>.banner { color: red; }</style></head>
<body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/sport">Sport</a></nav>
<div class="cookie">We use cookies to improve your experience. Accept all?</div>
<article>
<h1>Night of shelling in the river port</h1>
<p>Residents of the river port spent another night in basements and metro stations as artillery fire
rolled across the eastern districts, damaging a school, a bakery and two blocks of flats.</p>
<p>The regional governor said 42 civilians were killed when a missile struck the central market on Sunday.
Rescue teams were still searching the rubble late into the evening.</p>
<p>Power and water were cut in several neighbourhoods, and the city council opened heated shelters in
libraries and sports halls for families whose homes were no longer safe to live in.</p>
<p>Aid groups said they were sending generators, blankets and medical supplies by road from the west.</p>
</article>
<script>window.tracking = "3,000 troops were wounded"; function f() { return 999; }</script>
<footer>Copyright the example newsroom. All rights reserved.</footer>
</body></html>
"""


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------


def toll(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m toll <args>` in `cwd` with the repo importable; text in and out, UTF-8."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH", "")) if p)
    env["PYTHONIOENCODING"] = "utf-8"
    return subprocess.run(
        [sys.executable, "-m", "toll", *args],
        cwd=cwd,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=180,
    )


def extract(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    return toll("extract", *args, "--format", "jsonl", cwd=cwd, stdin=stdin)


def write(dir_: Path, name: str, content: str | bytes) -> Path:
    path = dir_ / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def records(proc: subprocess.CompletedProcess) -> list[dict]:
    """Every non-blank stdout line, each of which must be one JSON object."""
    out = []
    for line in proc.stdout.splitlines():
        if line.strip():
            rec = json.loads(line)
            assert isinstance(rec, dict), line
            out.append(rec)
    return out


def with_low(recs: list[dict], low: int) -> list[dict]:
    return [r for r in recs if r["value"]["low"] == low]


def toll_lines(proc: subprocess.CompletedProcess) -> list[str]:
    return [line for line in proc.stderr.splitlines() if line.startswith("toll: ")]


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stdout, proc.stdout


def assert_reported_once_each(proc: subprocess.CompletedProcess, *names: str) -> None:
    """Each bad input is named by exactly one `toll: ` line, and stderr holds nothing else."""
    assert_no_traceback(proc)
    stray = [line for line in proc.stderr.splitlines() if line.strip() and not line.startswith("toll: ")]
    assert not stray, f"stderr lines not in the `toll: ` form: {stray}"
    lines = toll_lines(proc)
    assert len(lines) == len(names), lines
    for name in names:
        assert sum(name in line for line in lines) == 1, (name, lines)


def assert_evidence_points_into(rec: dict, text: str) -> None:
    ev = rec["evidence"]
    assert 0 <= ev["start"] < ev["end"] <= len(text), ev
    assert ev["text"] == text[ev["start"] : ev["end"]]


# ------------------------------------------------------------------------------------------------
# plain text
# ------------------------------------------------------------------------------------------------


def test_text_file_gives_spec_records(tmp_path):
    write(tmp_path, "report.txt", KILLED_42)
    proc = extract("report.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    recs = records(proc)
    assert recs, "no claim found"
    for rec in recs:
        for field in SPEC_FIELDS:
            assert field in rec, (field, rec)
        assert set(rec["value"]) >= {"low", "high", "kind"}
        assert set(rec["victim"]) >= {"party", "role", "group"}
        assert set(rec["evidence"]) >= {"start", "end", "text"}
        assert isinstance(rec["historical"], bool)
        assert_evidence_points_into(rec, KILLED_42)
    (rec,) = with_low(recs, 42)
    assert rec["category"] == "killed"
    assert rec["value"]["kind"] == "exact"
    assert "42" in rec["evidence"]["text"]


def test_published_sets_as_of_for_a_current_figure(tmp_path):
    write(tmp_path, "current.txt", CURRENT_120)
    dated = extract("current.txt", "--published", "2022-03-01", cwd=tmp_path)
    assert dated.returncode == 0, dated.stderr
    (rec,) = with_low(records(dated), 120)
    assert rec["as_of"] == "2022-03-01"

    undated = extract("current.txt", cwd=tmp_path)
    assert undated.returncode == 0, undated.stderr
    (rec,) = with_low(records(undated), 120)
    assert rec["as_of"] is None


def test_several_files_each_record_has_doc_id_as_given(tmp_path):
    write(tmp_path, "a.txt", KILLED_42)
    write(tmp_path, "sub/b.txt", WOUNDED_17)
    proc = extract("a.txt", "sub/b.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = records(proc)
    assert {r["doc_id"] for r in recs} == {"a.txt", "sub/b.txt"}
    for rec in recs:
        assert_evidence_points_into(rec, KILLED_42 if rec["doc_id"] == "a.txt" else WOUNDED_17)
    assert all(r["doc_id"] == "a.txt" for r in with_low(recs, 42))
    assert all(r["doc_id"] == "sub/b.txt" for r in with_low(recs, 17))


def test_dash_reads_stdin_alongside_a_file(tmp_path):
    write(tmp_path, "a.txt", WOUNDED_17)
    proc = extract("a.txt", "-", cwd=tmp_path, stdin=KILLED_42)
    assert proc.returncode == 0, proc.stderr
    recs = records(proc)
    from_stdin = [r for r in recs if r["doc_id"] != "a.txt"]
    assert with_low(from_stdin, 42), recs
    assert {r["doc_id"] for r in from_stdin} <= {"-", "<stdin>", "stdin"}
    for rec in from_stdin:
        assert_evidence_points_into(rec, KILLED_42)


def test_document_without_claims_is_not_an_error(tmp_path):
    write(tmp_path, "quiet.txt", NO_CLAIMS)
    proc = extract("quiet.txt", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert records(proc) == []
    assert toll_lines(proc) == []


# ------------------------------------------------------------------------------------------------
# formats
# ------------------------------------------------------------------------------------------------


def test_csv_has_a_header_and_one_row_per_claim(tmp_path):
    write(tmp_path, "two.txt", TWO_CLAIMS)
    n_claims = len(records(extract("two.txt", cwd=tmp_path)))
    assert n_claims >= 2

    proc = toll("extract", "two.txt", "--format", "csv", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    rows = [row for row in csv.reader(io.StringIO(proc.stdout)) if row]
    header, body = rows[0], rows[1:]
    assert any("category" in cell for cell in header), header
    assert not any(cell in ("42", "17") for cell in header)
    assert len(body) == n_claims
    assert all(len(row) == len(header) for row in body)
    assert any("42" in row for row in body)
    assert any("17" in row for row in body)


def test_table_shows_the_figure(tmp_path):
    write(tmp_path, "report.txt", KILLED_42)
    proc = toll("extract", "report.txt", "--format", "table", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert "42" in proc.stdout


# ------------------------------------------------------------------------------------------------
# --input docs.jsonl
# ------------------------------------------------------------------------------------------------


def jsonl(*objs: dict | str) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs)


def test_input_jsonl_many_documents_in_one_process(tmp_path):
    docs = [
        {"id": "d1", "text": KILLED_42, "published": "2022-03-01"},
        {"id": "d2", "text": CURRENT_120, "published": "2023-05-06"},
        {"id": "d3", "text": NO_CLAIMS},
        {"id": "d4", "text": CURRENT_120},
        {"id": "d5", "text": CURRENT_120, "published": "2024-01-02"},
    ]
    write(tmp_path, "docs.jsonl", jsonl(*docs))
    proc = extract("--input", "docs.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = records(proc)
    by_id = {d["id"]: d for d in docs}
    assert {r["doc_id"] for r in recs} == {"d1", "d2", "d4", "d5"}
    for rec in recs:
        assert_evidence_points_into(rec, by_id[rec["doc_id"]]["text"])
    as_of = {r["doc_id"]: r["as_of"] for r in with_low(recs, 120)}
    assert as_of == {"d2": "2023-05-06", "d4": None, "d5": "2024-01-02"}
    assert with_low([r for r in recs if r["doc_id"] == "d1"], 42)


# ------------------------------------------------------------------------------------------------
# bad input
# ------------------------------------------------------------------------------------------------

BAD_FILES = {
    "missing.txt": None,  # not created
    "empty.txt": b"",
    "blob.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64 + b"\xff\xd8\x00\x01",
    "latin1.txt": b"caf\xe9 d\xe9j\xe0 vu. The ministry said 42 soldiers were killed.\n",
    "folder": "dir",
}


def make_bad(tmp_path: Path, name: str) -> None:
    content = BAD_FILES[name]
    if content == "dir":
        (tmp_path / name).mkdir()
    elif content is not None:
        write(tmp_path, name, content)


@pytest.mark.parametrize("bad", list(BAD_FILES))
def test_bad_file_is_reported_and_the_good_one_still_processed(tmp_path, bad):
    make_bad(tmp_path, bad)
    write(tmp_path, "good.txt", KILLED_42)
    proc = extract(bad, "good.txt", cwd=tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert_reported_once_each(proc, bad)
    recs = records(proc)
    assert with_low(recs, 42)
    assert {r["doc_id"] for r in recs} == {"good.txt"}


def test_every_bad_file_in_one_call_is_reported_once(tmp_path):
    for name in BAD_FILES:
        make_bad(tmp_path, name)
    write(tmp_path, "good.txt", KILLED_42)
    names = list(BAD_FILES)
    proc = extract(names[0], names[1], "good.txt", *names[2:], cwd=tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert_reported_once_each(proc, *names)
    assert {r["doc_id"] for r in records(proc)} == {"good.txt"}


@pytest.mark.parametrize(
    "bad_line",
    ['{"id": "x3", "text": "The ministry said 9 soldiers', '["not", "an", "object"]', '{"id": "x3"}'],
    ids=["truncated-json", "not-an-object", "no-text"],
)
def test_bad_jsonl_line_is_reported_by_line_number(tmp_path, bad_line):
    lines = [
        {"id": "x1", "text": KILLED_42, "published": "2022-03-01"},
        {"id": "x2", "text": WOUNDED_17},
        bad_line,
        {"id": "x4", "text": CURRENT_120, "published": "2023-05-06"},
    ]
    write(tmp_path, "docs.jsonl", jsonl(*lines))
    proc = extract("--input", "docs.jsonl", cwd=tmp_path)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert_reported_once_each(proc, "docs.jsonl:3")
    assert {r["doc_id"] for r in records(proc)} == {"x1", "x2", "x4"}


def test_bad_published_is_a_usage_error(tmp_path):
    write(tmp_path, "good.txt", KILLED_42)
    proc = extract("good.txt", "--published", "2022-13-45", cwd=tmp_path)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert_reported_once_each(proc, "--published")
    assert records(proc) == []


def test_unknown_option_is_a_usage_error(tmp_path):
    write(tmp_path, "good.txt", KILLED_42)
    proc = extract("good.txt", "--frobnicate", cwd=tmp_path)
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert_no_traceback(proc)
    assert "--frobnicate" in proc.stderr
    assert records(proc) == []


# ------------------------------------------------------------------------------------------------
# HTML
# ------------------------------------------------------------------------------------------------


def assert_html_records(recs: list[dict]) -> None:
    assert recs, "no claim found in the HTML article"
    assert all(r.get("text_source") not in (None, "text") for r in recs), [r.get("text_source") for r in recs]
    hits = with_low(recs, 42)
    assert hits and all("42" in r["evidence"]["text"] for r in hits)
    for rec in recs:
        assert "<" not in rec["evidence"]["text"], rec["evidence"]
        assert rec["value"]["low"] not in (999, 3000, 5000), "a figure from <script> junk became a claim"


def test_html_file_is_converted_and_offsets_point_into_the_text(tmp_path):
    write(tmp_path, "page.html", HTML_PAGE)
    proc = extract("page.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert_no_traceback(proc)
    assert_html_records(records(proc))


def test_html_document_in_input_jsonl(tmp_path):
    write(
        tmp_path,
        "docs.jsonl",
        jsonl({"id": "h1", "html": HTML_PAGE, "published": "2022-03-01"}, {"id": "t1", "text": WOUNDED_17}),
    )
    proc = extract("--input", "docs.jsonl", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    recs = records(proc)
    assert_html_records([r for r in recs if r["doc_id"] == "h1"])
    plain = [r for r in recs if r["doc_id"] == "t1"]
    assert plain and all(r.get("text_source", "text") == "text" for r in plain)
