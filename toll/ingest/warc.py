"""WARC archives, plain or gzipped: each HTML or text `response` record becomes a Document, read with a size cap."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

from toll.errors import InputError
from toll.ingest.page import host_outlet, web_document
from toll.model import Document, Source

CHUNK = 64 * 1024
# headers of one record (WARC's and HTTP's together); web servers refuse HTTP headers past 8-64 KiB
HEADER_BYTES = 1024 * 1024
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class _HeadersTooLarge(Exception):
    pass


class _CappedLines(DecompressingBufferedReader):
    """warcio's reader with its readline() on a budget: warcio reads headers line by line, and would gather an
    endless line, or endless lines, whole. `budget` is what the current record's headers may still take."""

    budget = HEADER_BYTES

    def readline(self, length: int | None = None) -> bytes:
        cap = self.budget + 1 if length is None or length < 0 else min(length, self.budget + 1)
        line = super().readline(cap)
        self.budget -= len(line)
        if self.budget < 0:
            raise _HeadersTooLarge(f"record headers larger than {HEADER_BYTES // 1024} KiB: refused")
        return line


class _Records(ArchiveIterator):
    """warcio's iterator with capped header lines, noting at the end whether the last gzip member was cut short
    (warcio stops silently there)."""

    truncated = False

    def __init__(self, fileobj: BinaryIO) -> None:
        super().__init__(fileobj)
        # nothing is read yet: swapping the reader before the first record is all it takes
        self.reader = _CappedLines(self.fh)

    def next_record_budget(self) -> None:
        """Give the headers of the record about to be parsed their own budget."""
        self.reader.budget = HEADER_BYTES

    def close(self) -> None:
        decompressor = getattr(self.reader, "decompressor", None) if self.reader else None
        if decompressor is not None and not decompressor.eof:
            self.truncated = True
        super().close()


def read_warc_file(path: str, max_record: int, default: date | None) -> Iterator[tuple[int, Document | InputError]]:
    """(record ordinal, Document or error) for each page record; a broken archive ends with one error."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 -- closed below, after the records are read
    except OSError as e:
        yield 0, InputError(f"cannot read: {e.strerror or e}", source=path)
        return
    with raw:
        yield from _records(raw, path, max_record, default)


def _records(
    raw: BinaryIO, path: str, max_record: int, default: date | None
) -> Iterator[tuple[int, Document | InputError]]:
    seen, free, last = 0, 0, None  # records met, the lowest position not yet given, the last record
    records = _Records(raw)
    try:
        for record in records:
            seen, last = seen + 1, record
            item = record_item(record, f"{path}#{seen - 1}", max_record, default)
            if item is not None:
                yield seen - 1, item
                free = seen
            if isinstance(item, InputError) and item.message.startswith("truncated"):
                return  # the file ends inside this record: nothing follows it
            records.next_record_budget()
    except _HeadersTooLarge as e:
        yield seen, InputError(str(e), source=f"{path}#{seen}")
        return
    except Exception as e:  # noqa: BLE001 -- warcio fails on broken headers with whatever error it meets
        yield seen, InputError(f"malformed WARC at record {seen}: {_why(e)}", source=path)
        return
    broken = _broken_at(records, last, raw, seen)
    if broken is not None:
        yield max(broken, free), InputError(f"truncated WARC: the file ends inside record {broken}", source=path)


def _broken_at(records: _Records, last: Any, raw: BinaryIO, seen: int) -> int | None:
    """The ordinal of the record the file ends inside, if it ends inside one; warcio often stops silently there."""
    if last is not None and _cut_short(last):
        return seen - 1
    if records.truncated or _leftover(raw, records.offset):
        return seen
    return None


def _cut_short(record: Any) -> bool:
    """Whether warcio, having read a record to its end, found fewer bytes than its Content-Length (or none stated)."""
    declared = record.rec_headers.get_header("Content-Length") or ""
    # warcio sets the length to 0 when the file ends right after the WARC headers
    if record.length is None or not declared.isdigit() or int(declared) != record.length:
        return True
    return getattr(record.raw_stream, "limit", 0) > 0


def _leftover(raw: BinaryIO, offset: int) -> bool:
    """Whether bytes past the last whole record hold more than blank lines: warcio drops such a tail silently."""
    raw.seek(offset)
    return bool(raw.read(4096).strip())


def record_item(record: Any, where: str, max_record: int, default: date | None) -> Document | InputError | None:
    """The Document of one record, an error, or None for records that hold no page (requests, DNS, images)."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    content_type = record.http_headers.get_header("Content-Type") or ""
    if not status.startswith("2") or content_type.split(";", 1)[0].strip().lower() not in (*_PAGE_TYPES, ""):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    try:
        data = read_capped(record, where, max_record)
        source = Source(outlet=host_outlet(url), url=url)
        warc_date = _warc_date(record.rec_headers.get_header("WARC-Date"))
        return web_document(data, content_type, url or where, source, [(warc_date, "warc"), (default, "input")], where)
    except InputError as e:
        return InputError(f"{e.message} ({url})" if url else e.message, source=where)
    except (OSError, EOFError, zlib.error, ValueError) as e:
        # a broken chunked or gzip body spoils this record only; warcio can still find the next one
        return InputError(f"unreadable record payload: {_why(e)}", source=where)


def read_capped(record: Any, where: str, limit: int) -> bytes:
    """The record's decoded payload, read in chunks: warcio's own read() has no bound, so a bomb would fill memory."""
    stream = record.content_stream()
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise InputError(f"record larger than {limit / (1024 * 1024):g} MB: refused", source=where)
        chunks.append(chunk)
    # a LimitReader that still expects bytes once the stream is dry means the file ended inside this record
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise InputError("truncated record: the file ends before its Content-Length", source=where)
    return b"".join(chunks)


def _warc_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _why(e: BaseException) -> str:
    return " ".join(str(e).split())[:100] or type(e).__name__
