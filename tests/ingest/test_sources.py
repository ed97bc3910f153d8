"""read_inputs: every kind of name, streamed as Loaded items; bad input is an error item and the batch goes on."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from toll.ingest.sources import read_inputs, walk
from toll.model import Loaded
from toll.settings import Settings

from ._helpers import REPORTS, ROOT, Web, article_html, first_sentence, rss, warc_bytes, write

LOCAL = Settings(fetch_allow=("127.0.0.1/32",), fetch_timeout=5.0)


def summary(items: list[Loaded]) -> list[tuple]:
    """Per item: input file name, position, and the document's (id, url, outlet, title, published, basis)."""
    rows = []
    for x in items:
        if x.doc is None:
            rows.append((Path(x.input).name, x.position, "error"))
            continue
        d = x.doc
        rows.append(
            (
                Path(x.input).name,
                x.position,
                d.id,
                d.source.url,
                d.source.outlet,
                d.source.title,
                d.published,
                d.published_basis,
            )
        )
    return rows


@pytest.fixture
def mixed(tmp_path: Path, web: Web) -> Path:
    """A folder of every file kind toll reads, with files it skips, in subfolders."""
    root = tmp_path / "inbox"
    write(root / "a_wire.txt", REPORTS["kessa"][1])
    write(root / "b_page.html", article_html("drava", published="2024-03-01"))
    write(
        root / "c_batch.jsonl", json.dumps({"id": "c-1", "text": REPORTS["lomir"][1], "published": "2024-01-20"}) + "\n"
    )
    packed = gzip.compress(
        (json.dumps({"url": "https://www.herald.example/t", "text": REPORTS["tarn"][1]}) + "\n").encode()
    )
    write(root / "d" / "batch.jsonl.gz", packed)
    page = ("response", "https://www.herald.example/k", "text/html", article_html("kessa", published=None).encode())
    write(root / "d" / "crawl.warc.gz", warc_bytes([page]))
    link = web.page("/lomir", article_html("lomir", published=None))
    write(root / "e_feed.rss", rss("Lomir Herald", [("Exchange at Lomir", link, "Mon, 15 Jan 2024 12:00:00 GMT")]))
    write(root / "notes.csv", "skipped,because,of,its,extension")
    write(root / "d" / "photo.jpg", b"\xff\xd8\xff\xe0")
    return root


def test_a_folder_of_every_kind_yields_each_document_with_its_source_and_date(mixed: Path, web: Web) -> None:
    items = list(read_inputs([str(mixed)], LOCAL, published=date(2024, 2, 2)))
    link = web.url("/lomir")
    assert summary(items) == [
        ("a_wire.txt", 0, str(mixed / "a_wire.txt"), None, None, None, date(2024, 2, 2), "input"),
        ("b_page.html", 0, str(mixed / "b_page.html"), None, None, REPORTS["drava"][0], date(2024, 3, 1), "page"),
        ("c_batch.jsonl", 0, "c-1", None, None, None, date(2024, 1, 20), "input"),
        ("batch.jsonl.gz", 0, "https://www.herald.example/t", "https://www.herald.example/t", "herald.example", None,
         date(2024, 2, 2), "input"),
        ("crawl.warc.gz", 0, "https://www.herald.example/k", "https://www.herald.example/k", "herald.example",
         REPORTS["kessa"][0], date(2024, 2, 20), "warc"),
        ("e_feed.rss", 0, link, link, "Lomir Herald", "Exchange at Lomir", date(2024, 1, 15), "feed"),
    ]  # fmt: skip
    texts = [x.doc.text for x in items]
    keys = ["kessa", "drava", "lomir", "tarn", "kessa", "lomir"]
    assert [first_sentence(k) in t for k, t in zip(keys, texts, strict=True)] == [True] * 6
    assert [x.doc.text_source for x in items] == [
        "text",
        "html:trafilatura",
        "text",
        "text",
        "html:trafilatura",
        "html:trafilatura",
    ]


def test_each_file_has_its_own_checkpoint_id_from_path_size_and_mtime(mixed: Path) -> None:
    items = list(read_inputs([str(mixed / "a_wire.txt"), str(mixed / "c_batch.jsonl")], LOCAL))
    for item in items:
        st = os.stat(item.input)
        assert item.input_id == f"{Path(item.input).resolve()}|{st.st_size}|{st.st_mtime_ns}"
    before = items[0].input_id
    os.utime(mixed / "a_wire.txt", ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    assert next(read_inputs([str(mixed / "a_wire.txt")], LOCAL)).input_id != before


def test_a_folder_is_walked_in_sorted_order_skipping_unknown_extensions(mixed: Path) -> None:
    assert [os.path.relpath(p, mixed) for p in walk(str(mixed))] == [
        "a_wire.txt",
        "b_page.html",
        "c_batch.jsonl",
        "d/batch.jsonl.gz",
        "d/crawl.warc.gz",
        "e_feed.rss",
    ]


def test_globs_are_expanded_sorted_and_one_matching_nothing_is_an_error(mixed: Path) -> None:
    names = [str(mixed / "d" / "*.gz"), str(mixed / "*.nothing"), str(mixed / "a_*.txt")]
    items = list(read_inputs(names, LOCAL))
    assert [(Path(x.input).name, x.error) for x in items] == [
        ("batch.jsonl.gz", None),
        ("crawl.warc.gz", None),
        ("*.nothing", f"{mixed / '*.nothing'}: no file matches this pattern"),
        ("a_wire.txt", None),
    ]


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n", "empty input"),
        ("latin1.txt", "Verluste bei Kessa: zwölf Tote".encode("latin-1"), "not UTF-8 text (byte 0xf6 at offset 22)"),
        ("binary.txt", bytes(range(256)) * 8, "binary data, not text"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary data, not text"),
        ("empty.jsonl", b"", "empty file"),
        ("empty.rss", b"", "empty file"),
    ],
)
def test_an_unreadable_file_is_one_error_and_the_next_input_is_read(
    tmp_path: Path, name: str, content: bytes, problem: str
) -> None:
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", REPORTS["tarn"][1])
    items = list(read_inputs([bad, good], LOCAL))
    assert [(x.input, x.position, x.error) for x in items] == [(bad, 0, f"{bad}: {problem}"), (good, 0, None)]


def test_a_missing_path_is_an_error_without_a_checkpoint_id(tmp_path: Path) -> None:
    missing = str(tmp_path / "gone.txt")
    [item] = read_inputs([missing], LOCAL)
    assert (item.position, item.error, item.input_id) == (0, f"{missing}: no such file", None)


def test_a_file_past_the_size_cap_is_refused(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", REPORTS["kessa"][1] * 40)
    [item] = read_inputs([big], Settings(max_record_bytes=4096))
    assert item.error == f"{big}: larger than 0.00390625 MB: refused"


def test_a_url_is_fetched_as_an_article_with_its_host_as_outlet(web: Web) -> None:
    url = web.page("/kessa", article_html("kessa")).replace("127.0.0.1", "localhost")
    settings = Settings(fetch_allow=("127.0.0.0/8", "::1/128"), fetch_timeout=5.0)
    [item] = read_inputs([url], settings)
    assert (item.input, item.input_id, item.doc.id, item.doc.source.url, item.doc.source.outlet) == (
        url,
        None,
        url,
        url,
        "localhost",
    )
    assert (item.doc.published, item.doc.published_basis) == (date(2024, 3, 5), "page")


def test_a_refused_url_is_an_error_and_the_batch_goes_on(web: Web, tmp_path: Path) -> None:
    url = web.page("/kessa", article_html("kessa"))
    good = write(tmp_path / "good.txt", REPORTS["tarn"][1])
    items = list(read_inputs([url, good], Settings()))
    assert [(x.input, x.error) for x in items] == [
        (url, f"{url}: 127.0.0.1 is not a public address: refused"),
        (good, None),
    ]
    assert web.requests == []


@pytest.mark.parametrize(
    "data, text_source, published",
    [
        (REPORTS["tarn"][1].encode(), "text", None),
        (article_html("tarn").encode(), "html:trafilatura", "2024-03-05"),
    ],
    ids=["text", "html"],
)
def test_standard_input_is_one_document(data: bytes, text_source: str, published: str | None) -> None:
    code = (
        "import json; from toll.ingest.sources import read_inputs; from toll.settings import Settings\n"
        "[x] = read_inputs(['-'], Settings())\n"
        "print(json.dumps([x.input, x.position, x.input_id, x.doc.id, x.doc.text_source, str(x.doc.published),"
        " x.doc.text]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], input=data, cwd=ROOT, capture_output=True, check=True, timeout=60
    )
    name, position, ident, doc_id, source, when, text = json.loads(out.stdout)
    assert (name, position, ident, doc_id, source, when) == ("-", 0, None, "-", text_source, str(published))
    assert first_sentence("tarn") in text


def test_reading_is_lazy(tmp_path: Path) -> None:
    first = write(tmp_path / "first.txt", REPORTS["kessa"][1])
    later = tmp_path / "later.txt"
    stream = read_inputs([first, str(later)], LOCAL)
    assert next(stream).input == first
    write(later, REPORTS["drava"][1])  # written after the first item was taken: it is read only now
    assert next(stream).doc.text == REPORTS["drava"][1]
