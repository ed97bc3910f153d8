"""WARC archives: page records become dated Documents, the rest is skipped, broken or huge records are one error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toll.ingest.sources import read_inputs
from toll.settings import Settings

from ._helpers import REPORTS, article_html, first_sentence, measure, warc_bomb, warc_bytes, write

CRAWL = [
    ("response", "https://www.courier.example/kessa", "text/html; charset=utf-8", article_html("kessa").encode()),
    (
        "request",
        "https://www.courier.example/kessa",
        "application/http; msgtype=request",
        b"GET /kessa HTTP/1.1\r\n\r\n",
    ),
    ("response", "https://www.courier.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))),
    ("metadata", "https://www.courier.example/kessa", "application/warc-fields", b"outlinks: /drava\r\n"),
    ("response", "https://herald.example/drava", "text/html", article_html("drava", published=None).encode()),
    ("response", "https://herald.example/wire.txt", "text/plain; charset=utf-8", REPORTS["lomir"][1].encode()),
]


@pytest.mark.parametrize("gzip, name", [(True, "crawl.warc.gz"), (False, "crawl.warc")])
def test_page_records_become_documents_and_the_rest_is_skipped(tmp_path: Path, gzip: bool, name: str) -> None:
    path = write(tmp_path / name, warc_bytes(CRAWL, gzip=gzip))
    items = list(read_inputs([path], Settings()))
    assert [(x.position, x.error) for x in items] == [(0, None), (4, None), (5, None)]
    kessa, drava, wire = (x.doc for x in items)
    assert [d.id for d in (kessa, drava, wire)] == [CRAWL[0][1], CRAWL[4][1], CRAWL[5][1]]
    assert (kessa.source.outlet, kessa.source.title) == ("courier.example", "Shelling of Kessa kills eleven")
    # a date the page states wins; without one, the capture date
    assert [(d.published, d.published_basis) for d in (kessa, drava, wire)] == [
        (date(2024, 3, 5), "page"),
        (date(2024, 2, 20), "warc"),
        (date(2024, 2, 20), "warc"),
    ]
    assert first_sentence("drava") in drava.text and drava.text_source == "html:trafilatura"
    assert (wire.text, wire.text_source) == (REPORTS["lomir"][1], "text")
    assert {x.input_id for x in items} == {items[0].input_id} and items[0].input_id.startswith(
        str(Path(path).resolve())
    )


def test_a_page_without_article_text_is_an_error_naming_the_record_and_its_url(tmp_path: Path) -> None:
    empty = b"<html><head><title>Index</title></head><body></body></html>"
    path = write(tmp_path / "nav.warc.gz", warc_bytes([("response", "https://herald.example/", "text/html", empty)]))
    assert [x.error for x in read_inputs([path], Settings())] == [
        f"{path}#0: HTML page has no article text (https://herald.example/)"
    ]


@pytest.mark.parametrize("gzip", [True, False])
@pytest.mark.parametrize("keep", [0.35, 0.6, 0.9])  # of the third record's bytes
def test_a_truncated_archive_gives_the_whole_records_then_one_error(tmp_path: Path, gzip: bool, keep: float) -> None:
    whole = warc_bytes(CRAWL[:1] + CRAWL[4:], gzip=gzip)
    two = len(warc_bytes(CRAWL[:1] + CRAWL[4:5], gzip=gzip))
    cut = two + int((len(whole) - two) * keep)
    path = write(tmp_path / ("cut.warc.gz" if gzip else "cut.warc"), whole[:cut])
    after = write(tmp_path / "next.txt", REPORTS["tarn"][1])
    items = list(read_inputs([path, after], Settings()))
    assert [(x.input, x.position, x.doc is not None) for x in items] == [
        (path, 0, True),
        (path, 1, True),
        (path, 2, False),
        (after, 0, True),
    ]
    assert items[2].error.startswith(f"{path}") and "truncated" in items[2].error


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "empty file"),
        (b"this is not an archive at all\n", "truncated WARC: the file ends inside record 0"),
        (bytes(range(256)) * 4, "malformed WARC at record 0: Unknown archive format"),
    ],
)
def test_a_file_that_is_no_warc_is_one_error(tmp_path: Path, content: bytes, problem: str) -> None:
    path = write(tmp_path / "odd.warc", content)
    [item] = read_inputs([path], Settings())
    assert (item.position, item.error[: len(path) + 2 + len(problem)]) == (0, f"{path}: {problem}")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads resident memory from Linux /proc")
@pytest.mark.parametrize(
    "where, problem",
    [
        ("payload", "record larger than 20 MB: refused (https://herald.example/bomb)"),
        ("header line", "record headers larger than 1024 KiB: refused"),
        ("header lines", "record headers larger than 1024 KiB: refused"),
    ],
)
def test_a_decompression_bomb_record_is_refused_with_memory_bounded(tmp_path: Path, where: str, problem: str) -> None:
    bomb = tmp_path / "bomb.warc.gz"
    packed = warc_bomb(bomb, 300 * 1024 * 1024, where)
    after = write(tmp_path / "after.txt", REPORTS["kessa"][1])
    result = measure(str(bomb), after)
    growth_mb = result["growth_kib"] / 1024
    print(f"300 MB WARC record, in its {where} ({packed} bytes gzipped): peak RSS growth {growth_mb:.1f} MB")
    assert result["items"] == [[str(bomb), 0, f"{bomb}#0: {problem}", False], [after, 0, None, True]]
    assert packed < 1024 * 1024 and growth_mb < 100
