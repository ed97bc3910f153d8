"""Exports of stored claims: CSV (optionally with an HXL tag row), JSON lines, or Parquet."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import islice
from typing import IO, Any

from toll.errors import UsageError

EXPORT_COLUMNS = (
    "claim_id",
    "doc_id",
    "url",
    "outlet",
    "published",
    "as_of",
    "figure_low",
    "figure_high",
    "qualifier",
    "category",
    "victim_party",
    "victim_role",
    "victim_group",
    "claimant",
    "via",
    "historical",
    "evidence_text",
    "char_start",
    "char_end",
    "reports",
    "extractor_version",
    # added after the list, at the end so that positions stay stable: the claim's identity across
    # documents (group by it for independent claims) and the outlets that report it
    "echo_key",
    "outlets",
)

# Humanitarian Exchange Language hashtags (hxlstandard.org), so HDX tools can read the CSV without a mapping:
# #affected counts people, #date, #org for who speaks, #group for who is counted, #meta for bookkeeping.
HXL_TAGS = {
    "claim_id": "#meta+id",
    "doc_id": "#meta+doc+id",
    "url": "#meta+url",
    "outlet": "#meta+source",
    "published": "#date+published",
    "as_of": "#date+as_of",
    "figure_low": "#affected+num+min",
    "figure_high": "#affected+num+max",
    "qualifier": "#affected+qualifier",
    "category": "#indicator+category",
    "victim_party": "#group+party",
    "victim_role": "#group+role",
    "victim_group": "#group+name",
    "claimant": "#org+claimant",
    "via": "#org+via",
    "historical": "#meta+historical",
    "evidence_text": "#description+evidence",
    "char_start": "#meta+char_start",
    "char_end": "#meta+char_end",
    "reports": "#meta+reports",
    "extractor_version": "#meta+version",
    "echo_key": "#meta+claim+key",
    "outlets": "#meta+source+list",
}

FORMATS = ("csv", "jsonl", "parquet")
PARQUET_BATCH = 5000


def write_export(rows: Iterable[dict[str, Any]], fmt: str, out: str | None, hxl: bool = False) -> int:
    """Write the rows as `fmt` to the file `out` (stdout when None) and return how many were written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}", source="export")
    if hxl and fmt != "csv":
        raise UsageError(f"HXL tags are a CSV header row; {fmt} has no place for them", source="export")
    if fmt == "parquet":
        if out is None:
            raise UsageError("Parquet is binary and needs a file to write to, not stdout", source="export")
        return _guarded(out, lambda: _write_parquet(rows, out))
    writer = _write_csv if fmt == "csv" else _write_jsonl
    return _guarded(out or "<stdout>", lambda: _to_text(out, lambda f: writer(rows, f, hxl)))


def _guarded(name: str, write: Callable[[], int]) -> int:
    """Run a writer, naming the destination in the one-line error when it cannot be written."""
    try:
        return write()
    except OSError as err:
        raise UsageError(f"cannot write the export: {err.strerror or err}", source=name) from None


def _to_text(out: str | None, write: Callable[[IO[str]], int]) -> int:
    """Run a text writer on the file, or on stdout."""
    with _text_file(out) as f:
        return write(f)


@contextmanager
def _text_file(out: str | None) -> Iterator[IO[str]]:
    """The file to write, or stdout (flushed, never closed)."""
    if out is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    # newline="" lets the csv module write its own line ends, and nothing else translates them
    with open(out, "w", encoding="utf-8", newline="") as f:
        yield f


def _cell(value: Any) -> str:
    """A CSV cell: empty for None, true/false, lists as JSON arrays, everything else as text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_csv(rows: Iterable[dict[str, Any]], f: IO[str], hxl: bool) -> int:
    """The header row, the HXL row when asked, then one row per claim."""
    writer = csv.writer(f, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    if hxl:
        writer.writerow([HXL_TAGS[c] for c in EXPORT_COLUMNS])
    n = 0
    for row in rows:
        writer.writerow([_cell(row[c]) for c in EXPORT_COLUMNS])
        n += 1
    return n


def _json_value(value: Any) -> Any:
    """A value JSON can hold: dates as ISO text."""
    return value.isoformat() if isinstance(value, date) else value


def _write_jsonl(rows: Iterable[dict[str, Any]], f: IO[str], _hxl: bool) -> int:
    """One JSON object a line, keys in EXPORT_COLUMNS order."""
    n = 0
    for row in rows:
        f.write(json.dumps({c: _json_value(row[c]) for c in EXPORT_COLUMNS}, ensure_ascii=False) + "\n")
        n += 1
    return n


def parquet_schema() -> Any:
    """The Parquet column types: dates as dates, counts as int64, via as a list of strings."""
    import pyarrow as pa  # only Parquet exports pay for importing pyarrow

    types = {
        "published": pa.date32(),
        "as_of": pa.date32(),
        "figure_low": pa.int64(),
        "figure_high": pa.int64(),
        "via": pa.list_(pa.string()),
        "outlets": pa.list_(pa.string()),
        "historical": pa.bool_(),
        "char_start": pa.int64(),
        "char_end": pa.int64(),
        "reports": pa.int64(),
    }
    return pa.schema([pa.field(c, types.get(c, pa.string())) for c in EXPORT_COLUMNS])


def _parquet_value(column: str, value: Any) -> Any:
    """A value as its Parquet column takes it: ISO date text as a date."""
    if column in {"published", "as_of"} and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _write_parquet(rows: Iterable[dict[str, Any]], out: str) -> int:
    """Row groups of PARQUET_BATCH claims, zstd-compressed, typed by parquet_schema()."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    n = 0
    it = iter(rows)
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        while chunk := list(islice(it, PARQUET_BATCH)):
            columns = {c: [_parquet_value(c, r[c]) for r in chunk] for c in EXPORT_COLUMNS}
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            n += len(chunk)
    return n
