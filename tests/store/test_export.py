"""Exports: every stored claim comes back from CSV, JSON lines and Parquet as it was stored, columns in order."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from toll.errors import UsageError
from toll.store import EXPORT_COLUMNS, HXL_TAGS, Store, write_export
from toll.store.export import parquet_schema

from ._build import CAMP, CROSSING, SHELLING, add, camp_claims, crossing_claims, doc, shelling_claims

INTS = {"figure_low", "figure_high", "char_start", "char_end", "reports"}


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    run_id = s.start_run("ingest", [], "v")
    wire, copy = doc(SHELLING), doc(SHELLING, url="https://paper.example/copy", outlet="Daily Paper — Ed.")
    ostrel = doc(CROSSING, url="https://wire.example/ostrel", published=date(2031, 3, 5))
    luro = doc(CAMP, url=None, outlet=None, published=None)
    add(s, wire, shelling_claims(wire), ["vastra-12", "vastra-40"], run_id)
    add(s, copy, shelling_claims(copy), ["vastra-12", "vastra-40"], run_id)
    add(s, ostrel, crossing_claims(ostrel), ["ostrel-200", "ostrel-30-45"], run_id)
    add(s, luro, camp_claims(luro), ["luro"], run_id)
    yield s
    s.close()


def _from_csv(text: str, hxl: bool) -> list[dict[str, Any]]:
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == EXPORT_COLUMNS
    if hxl:
        assert rows[1] == [HXL_TAGS[c] for c in EXPORT_COLUMNS]
    out = []
    for cells in rows[2 if hxl else 1 :]:
        row: dict[str, Any] = {}
        for column, cell in zip(EXPORT_COLUMNS, cells, strict=True):
            if column in INTS:
                row[column] = int(cell) if cell else None
            elif column == "historical":
                row[column] = {"true": True, "false": False}[cell]
            elif column in ("via", "outlets"):
                row[column] = json.loads(cell)
            else:
                row[column] = cell or None
        out.append(row)
    return out


def _reload(fmt: str, path: Path) -> list[dict[str, Any]]:
    if fmt == "csv":
        return _from_csv(path.read_text(encoding="utf-8"), hxl=False)
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    table = pq.read_table(path)
    assert table.schema.names == list(EXPORT_COLUMNS)
    return [{k: v.isoformat() if isinstance(v, date) else v for k, v in r.items()} for r in table.to_pylist()]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_an_export_reloads_as_the_stored_claims(store: Store, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"claims.{fmt}"
    rows = list(store.export_rows())
    assert write_export(store.export_rows(), fmt, str(out)) == len(rows) == 7
    back = _reload(fmt, out)
    assert back == rows
    for row, (claim, reports) in zip(back, store.claims(), strict=True):
        assert list(row) == list(EXPORT_COLUMNS)
        assert (row["doc_id"], row["figure_low"], row["figure_high"], row["qualifier"]) == (
            claim.doc_id,
            claim.value.low,
            claim.value.high,
            claim.value.kind,
        )
        assert (row["category"], row["victim_party"], row["victim_role"], row["victim_group"]) == (
            claim.category,
            claim.victim.party,
            claim.victim.role,
            claim.victim.group,
        )
        assert (row["claimant"], row["via"], row["historical"], row["evidence_text"]) == (
            claim.claimant,
            list(claim.via),
            claim.historical,
            claim.evidence_text,
        )
        assert (row["char_start"], row["char_end"], row["reports"]) == (
            claim.evidence.start,
            claim.evidence.end,
            reports,
        )
        assert row["as_of"] == (claim.as_of.isoformat() if claim.as_of else None)
        assert re.fullmatch(r"c[0-9a-f]{20}", row["claim_id"]) and row["extractor_version"] == "toll-extract/9.9"


def test_export_rows_name_the_document_outlet_and_reports(store: Store) -> None:
    rows = list(store.export_rows())
    assert [(r["outlet"], r["published"], r["qualifier"], r["reports"]) for r in rows] == [
        ("Harbor Wire", "2031-03-02", "exact", 2),
        ("Harbor Wire", "2031-03-02", "lower_bound", 2),
        ("Daily Paper — Ed.", "2031-03-02", "exact", 2),
        ("Daily Paper — Ed.", "2031-03-02", "lower_bound", 2),
        ("Harbor Wire", "2031-03-05", "approx", 1),
        ("Harbor Wire", "2031-03-05", "range", 1),
        (None, None, "vague", 1),
    ]
    assert [r["url"] for r in rows[::2]] == [
        "https://wire.example/vastra",
        "https://paper.example/copy",
        "https://wire.example/ostrel",
        None,
    ]
    assert len({r["claim_id"] for r in rows}) == 7
    # one independent claim reported by two outlets names both; a claim seen once names its one outlet or none
    assert [r["outlets"] for r in rows] == [["Daily Paper — Ed.", "Harbor Wire"]] * 4 + [["Harbor Wire"]] * 2 + [[]]
    assert len({r["echo_key"] for r in rows}) == 5


@pytest.mark.parametrize("hxl", [False, True])
def test_csv_has_the_hxl_row_only_when_asked(store: Store, tmp_path: Path, hxl: bool) -> None:
    out = tmp_path / "claims.csv"
    write_export(store.export_rows(), "csv", str(out), hxl=hxl)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(EXPORT_COLUMNS)
    assert lines[1].startswith("#meta+id,") is hxl
    assert _from_csv(out.read_text(encoding="utf-8"), hxl=hxl) == list(store.export_rows())


def test_every_column_has_a_well_formed_hxl_tag() -> None:
    assert tuple(HXL_TAGS) == EXPORT_COLUMNS
    for tag in HXL_TAGS.values():
        assert re.fullmatch(r"#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)+", tag), tag
    assert HXL_TAGS["figure_low"] == "#affected+num+min" and HXL_TAGS["figure_high"] == "#affected+num+max"
    assert len(set(HXL_TAGS.values())) == len(HXL_TAGS)


def test_parquet_columns_have_explicit_types_and_zstd(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "claims.parquet"
    write_export(store.export_rows(), "parquet", str(out))
    schema = pq.read_schema(out)
    assert schema.equals(parquet_schema())
    assert schema.field("published").type == pa.date32() and schema.field("via").type == pa.list_(pa.string())
    assert schema.field("figure_low").type == pa.int64() and schema.field("historical").type == pa.bool_()
    meta = pq.ParquetFile(out).metadata
    assert {meta.row_group(0).column(i).compression for i in range(meta.num_columns)} == {"ZSTD"}


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_no_claims_is_still_a_well_formed_export(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"empty.{fmt}"
    assert write_export(iter([]), fmt, str(out)) == 0
    if fmt == "csv":
        assert out.read_text(encoding="utf-8") == ",".join(EXPORT_COLUMNS) + "\n"
    elif fmt == "jsonl":
        assert out.read_bytes() == b""
    else:
        assert pq.read_table(out).num_rows == 0 and pq.read_schema(out).equals(parquet_schema())


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_formats_go_to_stdout_without_a_file(store: Store, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    n = write_export(store.export_rows(), fmt, None)
    printed = capsys.readouterr().out
    back = _from_csv(printed, hxl=False) if fmt == "csv" else [json.loads(line) for line in printed.splitlines()]
    assert n == 7 and back == list(store.export_rows())


@pytest.mark.parametrize(
    ("fmt", "out", "hxl", "problem"),
    [
        ("xlsx", "claims.xlsx", False, "unknown export format 'xlsx'"),
        ("parquet", None, False, "needs a file"),
        ("jsonl", "claims.jsonl", True, "HXL tags are a CSV header row"),
        ("csv", "no/such/dir/claims.csv", False, "cannot write the export"),
        ("parquet", "no/such/dir/claims.parquet", False, "cannot write the export"),
    ],
)
def test_an_impossible_export_is_a_usage_error(
    tmp_path: Path, fmt: str, out: str | None, hxl: bool, problem: str
) -> None:
    target = str(tmp_path / out) if out else None
    with pytest.raises(UsageError) as caught:
        write_export(iter([]), fmt, target, hxl=hxl)
    assert problem in caught.value.message and "\n" not in str(caught.value)
    if target and "dir" in target:
        assert caught.value.source == target
