"""Read one input into a Document, or raise InputError naming it. Never returns half a document."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from toll.errors import InputError
from toll.model import Document, Source

CHUNK = 64 * 1024
MAX_BYTES = 200 * 1024 * 1024  # a 50 MB single line is fine; past this we refuse rather than swap
_HTML_SNIFF = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.I | re.S
)


def read_path(name: str, published: date | None = None) -> Document:
    """The document at `name` (a path, or "-" for standard input)."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        path = Path(name)
        try:
            if path.is_dir():
                raise InputError("is a directory, not a file", source=name)
            with path.open("rb") as f:
                data = f.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise InputError("no such file", source=name) from None
        except PermissionError:
            raise InputError("permission denied", source=name) from None
        except OSError as e:
            raise InputError(f"cannot read: {e.strerror or e}", source=name) from None
    return from_bytes(data, name, published)


def from_bytes(data: bytes, name: str, published: date | None = None, source: Source | None = None) -> Document:
    if len(data) > MAX_BYTES:
        raise InputError(f"larger than {MAX_BYTES // (1024 * 1024)} MB", source=name)
    if not data.strip():
        raise InputError("empty input", source=name)
    head = data[:8192]
    if b"\x00" in head or _looks_binary(head):
        raise InputError("binary data, not text", source=name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"not UTF-8 text (byte 0x{data[e.start]:02x} at offset {e.start})", source=name) from None
    if _HTML_SNIFF.match(data[:4096]):
        return from_html(text, name, published, source)
    return Document(id=name, text=text, published=published, source=source or Source())


def from_html(html: str, name: str, published: date | None = None, source: Source | None = None) -> Document:
    """The article text of an HTML page; offsets of claims then refer to this text (text_source says so)."""
    import trafilatura

    try:
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, deduplicate=False, output_format="txt"
        )
    except Exception as e:  # lxml raises many kinds on hostile markup; the page is unusable either way
        raise InputError(f"unreadable HTML: {type(e).__name__}", source=name) from None
    if not text or not text.strip():
        raise InputError("HTML page has no article text", source=name)
    return Document(id=name, text=text, published=published, source=source or Source(), text_source="html:trafilatura")


def _looks_binary(head: bytes) -> bool:
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return ctrl > max(8, len(head) // 50)


def read_jsonl(name: str, default_published: date | None = None) -> Iterator[Document | InputError]:
    """Documents of a JSON Lines file: {"id", "text" or "html", "published"?, "url"?, "outlet"?, "title"?}.

    A bad line yields an InputError named `file:line` and the rest of the file is still read."""
    try:
        f = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115
    except FileNotFoundError:
        yield InputError("no such file", source=name)
        return
    except OSError as e:
        yield InputError(f"cannot read: {e.strerror or e}", source=name)
        return
    with f:
        # capped, so that one endless line cannot fill memory the way iterating the file would
        for lineno, raw in enumerate(bounded_lines(f, MAX_BYTES), 1):
            where = f"{name}:{lineno}"
            if isinstance(raw, LineTooLong):
                yield InputError(f"line larger than {MAX_BYTES // (1024 * 1024)} MB", source=where)
                continue
            if not raw.strip():
                continue
            try:
                yield _doc_from_record(raw, where, default_published)
            except InputError as e:
                yield e


def _doc_from_record(raw: bytes, where: str, default_published: date | None) -> Document:
    try:
        rec = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as e:
        raise InputError(f"not a JSON object: {str(e).splitlines()[0][:80]}", source=where) from None
    if not isinstance(rec, dict):
        raise InputError("not a JSON object", source=where)
    doc_id = str(rec.get("id") or where)
    published = default_published
    if rec.get("published"):
        try:
            published = date.fromisoformat(str(rec["published"])[:10])
        except ValueError:
            raise InputError(f"bad published date {rec['published']!r} (want YYYY-MM-DD)", source=where) from None
    src = Source(outlet=_str(rec.get("outlet")), url=_str(rec.get("url")), title=_str(rec.get("title")))
    if isinstance(rec.get("text"), str) and rec["text"].strip():
        return Document(id=doc_id, text=rec["text"], published=published, source=src)
    if isinstance(rec.get("html"), str) and rec["html"].strip():
        return from_html(rec["html"], doc_id, published, src)
    raise InputError('no "text" or "html" field with content', source=where)


def _str(x: object) -> str | None:
    return str(x) if x is not None else None


class LineTooLong:
    """Stands in for a line longer than the cap; its bytes were skipped, never held."""

    def __init__(self, limit: int) -> None:
        self.limit = limit


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[bytes | LineTooLong]:
    """The lines of `stream` without their newline; one longer than `limit` bytes comes as LineTooLong."""
    parts: list[bytes] = []
    size = 0
    skipping = False
    while chunk := stream.read(CHUNK):
        start = 0
        while (end := chunk.find(b"\n", start)) != -1:
            piece = chunk[start:end]
            if skipping or size + len(piece) > limit:
                yield LineTooLong(limit)
            else:
                parts.append(piece)
                yield b"".join(parts)
            parts, size, skipping, start = [], 0, False, end + 1
        rest = chunk[start:]
        if not skipping and size + len(rest) > limit:
            # drop what was gathered: a line past the cap is refused whole, and memory stays flat
            parts, size, skipping = [], 0, True
        elif not skipping:
            parts.append(rest)
            size += len(rest)
    if skipping:
        yield LineTooLong(limit)
    elif size:
        yield b"".join(parts)
