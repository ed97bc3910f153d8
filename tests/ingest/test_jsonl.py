"""JSON Lines batches: one record a line, a bad line is an error named file:LINE, lines are capped, gzip is checked."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest

from toll.ingest.read import LineTooLong, bounded_lines
from toll.ingest.sources import read_inputs
from toll.settings import Settings

from ._helpers import REPORTS, article_html, jsonl_bomb, measure, write

KESSA = REPORTS["kessa"][1]


@pytest.mark.parametrize(
    "data, limit, lines",
    [
        (b"one\ntwo\n", 10, [b"one", b"two"]),
        (b"one\ntwo", 10, [b"one", b"two"]),  # no final newline
        (b"\n\nthree\n", 10, [b"", b"", b"three"]),
        (b"short\n" + b"x" * 11 + b"\nafter\n", 10, [b"short", "too long", b"after"]),
        (b"x" * 10 + b"\n", 10, [b"x" * 10]),  # exactly at the cap
        (b"y" * 200_000 + b"\nz\n", 100_000, ["too long", b"z"]),  # longer than a read chunk
        (b"a" * 70_000 + b"\n" + b"b" * 70_000 + b"\n", 100_000, [b"a" * 70_000, b"b" * 70_000]),  # across chunks
        (b"w" * 300_000, 100_000, ["too long"]),  # endless last line
    ],
)
def test_lines_are_split_with_a_cap_on_each(data: bytes, limit: int, lines: list[object]) -> None:
    got = ["too long" if isinstance(x, LineTooLong) else x for x in bounded_lines(io.BytesIO(data), limit)]
    assert got == lines


def records(*rows: dict | str) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


BATCH = records(
    {"id": "courier-17", "text": KESSA, "outlet": "Varnia Daily Courier", "published": "2024-03-05"},
    {
        "url": "https://www.herald.example/drava",
        "html": article_html("drava", published="2024-03-01"),
        "title": "Drava",
    },
    "",
    "{not json",
    {"text": REPORTS["tarn"][1], "published": "March 3rd"},
    ["a", "list"],
    {"title": "no body"},
    {"html": article_html("lomir", published=None)},
)


@pytest.mark.parametrize("gzipped", [False, True])
def test_each_line_is_a_document_or_an_error_named_file_and_line(tmp_path: Path, gzipped: bool) -> None:
    name = "batch.jsonl.gz" if gzipped else "batch.jsonl"
    path = write(tmp_path / name, gzip.compress(BATCH.encode()) if gzipped else BATCH)
    items = list(read_inputs([path], Settings(), published=date(2024, 2, 1)))
    assert [(x.position, x.error) for x in items] == [
        (0, None),
        (1, None),
        (
            3,
            f"{path}:4: not a JSON object: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)",
        ),
        (4, f"{path}:5: bad published date 'March 3rd' (want YYYY-MM-DD)"),
        (5, f"{path}:6: not a JSON object"),
        (6, f'{path}:7: no "text" or "html" field with content'),
        (7, None),
    ]
    courier, drava, lomir = (x.doc for x in items if x.doc)
    assert (courier.id, courier.source.outlet, courier.published, courier.published_basis) == (
        "courier-17",
        "Varnia Daily Courier",
        date(2024, 3, 5),
        "input",
    )
    # no id: the URL names it; no outlet: the URL's host; the page's own date and the given title
    assert (drava.id, drava.source.outlet, drava.source.title) == (
        "https://www.herald.example/drava",
        "herald.example",
        "Drava",
    )
    assert (drava.published, drava.published_basis, drava.text_source) == (date(2024, 3, 1), "page", "html:trafilatura")
    # nothing in the record nor the page: the date given for the whole run, and the line as its id
    assert (lomir.id, lomir.published, lomir.published_basis) == (f"{path}:8", date(2024, 2, 1), "input")
    assert lomir.source.title == "Prisoner exchange returns 140 to Lomir"
    assert {x.input_id for x in items} == {items[0].input_id}


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_corrupt_gzip_gives_the_lines_before_it_then_one_error_naming_the_file(tmp_path: Path, damage: str) -> None:
    rows = [{"id": f"r{i}", "text": f"Report {i}: {KESSA}"} for i in range(400)]
    packed = bytearray(gzip.compress(records(*rows).encode(), compresslevel=1))
    if damage == "truncate":
        del packed[len(packed) // 2 :]
    else:
        packed[len(packed) // 2] ^= 0xFF
    path = write(tmp_path / "broken.jsonl.gz", bytes(packed))
    after = write(tmp_path / "after.txt", REPORTS["tarn"][1])
    *read, broken, last = list(read_inputs([path, after], Settings()))
    good = [x.doc.id for x in read if x.doc and x.doc.id.startswith("r")]
    # the damage is half-way in: the first quarter is intact; what a flipped byte garbles may still inflate into
    # lines (even whole records out of order), and the gzip check catches it by the end
    assert good[:100] == [f"r{i}" for i in range(100)] and len(good) < 400
    assert [x.position for x in [*read, broken]] == sorted({x.position for x in [*read, broken]})
    assert (broken.input, broken.doc) == (path, None)
    assert broken.error.startswith(f"{path}: corrupt gzip after {broken.position} lines")
    assert (last.input, last.doc is not None) == (after, True)


def test_a_file_that_is_not_gzip_at_all_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.jsonl.gz", records({"text": KESSA}))
    [item] = read_inputs([path], Settings())
    assert item.error == f"{path}: corrupt gzip after 0 lines: Not a gzipped file (b'{{\"')"


def test_a_line_past_the_cap_is_refused_and_the_next_line_read(tmp_path: Path) -> None:
    path = write(tmp_path / "long.jsonl", records({"text": "x" * 5000}, {"text": KESSA}))
    items = list(read_inputs([path], Settings(max_record_bytes=4096)))
    assert [(x.position, x.error, x.doc and x.doc.text) for x in items] == [
        (0, f"{path}:1: line larger than 0.00390625 MB: refused", None),
        (1, None, KESSA),
    ]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads resident memory from Linux /proc")
def test_a_300_mb_line_bomb_is_refused_line_wise_with_memory_bounded(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.jsonl.gz"
    packed = jsonl_bomb(bomb, 300 * 1024 * 1024, json.dumps({"id": "after-bomb", "text": KESSA}))
    result = measure(str(bomb))
    growth_mb = result["growth_kib"] / 1024
    print(f"300 MB JSON line ({packed} bytes gzipped): peak RSS growth {growth_mb:.1f} MB")
    assert result["items"] == [
        [str(bomb), 0, f"{bomb}:1: line larger than 20 MB: refused", False],
        [str(bomb), 1, None, True],
    ]
    assert packed < 1024 * 1024 and growth_mb < 100
