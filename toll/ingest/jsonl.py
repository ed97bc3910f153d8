"""JSON Lines batches, plain or gzipped, read line by line with a cap on each line's decompressed size."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from toll.errors import InputError
from toll.ingest.page import Dated, dated, host_outlet, html_document
from toll.ingest.read import LineTooLong, bounded_lines
from toll.model import Document, Source


def read_jsonl_file(path: str, max_line: int, default: date | None) -> Iterator[tuple[int, Document | InputError]]:
    """(line index, Document or error) for each non-blank line; a corrupt gzip ends the file with one error."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 -- closed below, after the lines are read
    except OSError as e:
        yield 0, InputError(f"cannot read: {e.strerror or e}", source=path)
        return
    with raw:
        stream: BinaryIO = gzip.GzipFile(fileobj=raw, mode="rb") if path.lower().endswith(".gz") else raw
        index = -1
        try:
            for index, line in enumerate(bounded_lines(stream, max_line)):
                item = _line_item(line, f"{path}:{index + 1}", default)
                if item is not None:
                    yield index, item
        except (OSError, EOFError, zlib.error) as e:
            yield index + 1, InputError(f"corrupt gzip after {index + 1} lines: {_why(e)}", source=path)


def _line_item(line: bytes | LineTooLong, where: str, default: date | None) -> Document | InputError | None:
    if isinstance(line, LineTooLong):
        return InputError(f"line larger than {_mb(line.limit)}: refused", source=where)
    if not line.strip():
        return None
    try:
        return record_document(line, where, default)
    except InputError as e:
        return e


def record_document(raw: bytes, where: str, default: date | None) -> Document:
    """The Document of one JSON record {"text" or "html", "id"?, "url"?, "title"?, "outlet"?, "published"?}."""
    try:
        rec = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as e:
        raise InputError(f"not a JSON object: {str(e).splitlines()[0][:80]}", source=where) from None
    if not isinstance(rec, dict):
        raise InputError("not a JSON object", source=where)
    url = _text(rec.get("url"))
    doc_id = _text(rec.get("id")) or url or where
    given = _published(rec.get("published"), where)
    source = Source(outlet=_text(rec.get("outlet")) or host_outlet(url), url=url, title=_text(rec.get("title")))
    fallback: list[Dated] = [(default, "input")]
    if isinstance(rec.get("text"), str) and rec["text"].strip():
        return dated(Document(id=doc_id, text=rec["text"], source=source), [(given, "input"), *fallback])
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        try:
            return html_document(rec["html"], doc_id, source, given, fallback)
        except InputError as e:
            raise InputError(e.message, source=where) from None
    raise InputError('no "text" or "html" field with content', source=where)


def _published(value: object, where: str) -> date | None:
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"bad published date {value!r} (want YYYY-MM-DD)", source=where) from None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _mb(limit: int) -> str:
    return f"{limit / (1024 * 1024):g} MB"


def _why(e: BaseException) -> str:
    return " ".join(str(e).split())[:100] or type(e).__name__
