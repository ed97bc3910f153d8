"""Every input `toll ingest` accepts, streamed as Loaded items: a Document or the one-line error in its place."""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from toll.errors import FetchError, InputError
from toll.ingest.feeds import feed_items
from toll.ingest.fetch import fetch
from toll.ingest.jsonl import read_jsonl_file
from toll.ingest.page import dated, host_outlet, is_feed, page_meta, web_document
from toll.ingest.read import from_bytes
from toll.ingest.warc import read_warc_file
from toll.model import Document, Loaded, Source
from toll.settings import Settings

Items = Iterable[tuple[int, Document | InputError]]

JSONL = (".jsonl", ".jsonl.gz")
WARC = (".warc", ".warc.gz")
FEEDS = (".xml", ".rss", ".atom")
PAGES = (".txt", ".html", ".htm")
EXTENSIONS = JSONL + WARC + FEEDS + PAGES
_GLOB_CHARS = frozenset("*?[")


def read_inputs(names: Sequence[str], settings: Settings, published: date | None = None) -> Iterator[Loaded]:
    """Documents of every input in `names`, lazily; bad input becomes an error item and reading goes on."""
    for name in names:
        yield from _name(name, settings, published)


def _name(name: str, settings: Settings, published: date | None) -> Iterator[Loaded]:
    if name == "-":
        yield from _guarded("-", None, lambda: _stdin(settings, published))
    elif name.lower().startswith(("http://", "https://")):
        yield from _guarded(name, None, lambda: _url(name, settings, published))
    elif os.path.isdir(name):
        for path in walk(name):
            yield from _file(path, settings, published)
    elif not os.path.lexists(name) and _GLOB_CHARS & set(name):
        yield from _glob(name, settings, published)
    else:
        yield from _file(name, settings, published)


def walk(root: str) -> list[str]:
    """The files under `root` that toll reads, sorted; symlinked folders are not followed (no loops)."""
    found = []
    for folder, _, files in os.walk(root):
        found.extend(os.path.join(folder, f) for f in files if f.lower().endswith(EXTENSIONS))
    return sorted(found)


def _glob(pattern: str, settings: Settings, published: date | None) -> Iterator[Loaded]:
    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield Loaded(pattern, 0, error=str(InputError("no file matches this pattern", source=pattern)))
    for match in matches:
        if os.path.isdir(match):
            for path in walk(match):
                yield from _file(path, settings, published)
        else:
            yield from _file(match, settings, published)


def input_id(path: str) -> str | None:
    """What identifies a file's current bytes for checkpoints: absolute path, size, modification time."""
    try:
        return _ident(path, os.stat(path))
    except OSError:
        return None


def _ident(path: str, st: os.stat_result) -> str:
    return f"{Path(path).resolve()}|{st.st_size}|{st.st_mtime_ns}"


def _file(path: str, settings: Settings, published: date | None) -> Iterator[Loaded]:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        yield Loaded(path, 0, error=str(InputError("no such file", source=path)))
        return
    except OSError as e:
        yield Loaded(path, 0, error=str(InputError(f"cannot read: {e.strerror or e}", source=path)))
        return
    ident = _ident(path, st)
    if st.st_size == 0:
        yield Loaded(path, 0, error=str(InputError("empty file", source=path)), input_id=ident)
        return
    yield from _guarded(path, ident, lambda: _items(path, settings, published))


def _items(path: str, settings: Settings, published: date | None) -> Items:
    """The reader a file's name calls for; names without a known extension are read as text or HTML."""
    lower = path.lower()
    if lower.endswith(JSONL):
        return read_jsonl_file(path, settings.max_record_bytes, published)
    if lower.endswith(WARC):
        return read_warc_file(path, settings.max_record_bytes, published)
    if lower.endswith(FEEDS):
        return _feed_file(path, settings, published)
    return _page_file(path, settings.max_record_bytes, published)


def _guarded(name: str, ident: str | None, items: Callable[[], Items]) -> Iterator[Loaded]:
    """Loaded items of one input; a failure nobody foresaw still ends as one error item, never a traceback."""
    position = -1
    try:
        for position, item in items():
            if isinstance(item, InputError):
                yield Loaded(name, position, error=str(item), input_id=ident)
            else:
                yield Loaded(name, position, doc=item, input_id=ident)
    except Exception as e:  # noqa: BLE001 -- the batch must go on to the next input whatever broke here
        text = " ".join(str(e).split())[:160]
        error = InputError(f"unexpected {type(e).__name__}: {text}", source=name)
        yield Loaded(name, position + 1, error=str(error), input_id=ident)


def _read_capped(path: str, limit: int) -> bytes:
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except IsADirectoryError:
        raise InputError("is a directory, not a file", source=path) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror or e}", source=path) from None
    if len(data) > limit:
        raise InputError(f"larger than {limit / (1024 * 1024):g} MB: refused", source=path)
    return data


def _page_file(path: str, limit: int, published: date | None) -> Items:
    try:
        return [(0, local_document(_read_capped(path, limit), path, published))]
    except InputError as e:
        return [(0, e)]


def local_document(data: bytes, name: str, published: date | None) -> Document:
    """A text or HTML file's Document: HTML is sniffed and converted, and its title and date read from the page."""
    doc = from_bytes(data, name)
    if doc.text_source == "text":
        return dated(doc, [(published, "input")])
    title, page_date = page_meta(data.decode("utf-8-sig"))
    if title:
        doc = replace(doc, source=replace(doc.source, title=title))
    return dated(doc, [(page_date, "page"), (published, "input")])


def _feed_file(path: str, settings: Settings, published: date | None) -> Items:
    try:
        data = _read_capped(path, settings.max_record_bytes)
    except InputError as e:
        return [(0, e)]
    return feed_items(data, path, settings, published)


def _stdin(settings: Settings, published: date | None) -> Items:
    data = sys.stdin.buffer.read(settings.max_record_bytes + 1)
    if len(data) > settings.max_record_bytes:
        return [(0, InputError(f"larger than {settings.max_record_bytes / (1024 * 1024):g} MB: refused", source="-"))]
    try:
        return [(0, local_document(data, "-", published))]
    except InputError as e:
        return [(0, e)]


def _url(url: str, settings: Settings, published: date | None) -> Items:
    try:
        _, content_type, body = fetch(url, settings)
    except FetchError as e:
        return [(0, e)]
    if is_feed(body, content_type):
        return feed_items(body, url, settings, published, feed_url=url)
    try:
        source = Source(outlet=host_outlet(url), url=url)
        return [(0, web_document(body, content_type, url, source, [(published, "input")], url))]
    except InputError as e:
        return [(0, e)]
