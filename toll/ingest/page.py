"""Web content to Documents: decoding, HTML/feed sniffing, a page's own title and date, where a date came from."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from urllib.parse import urlsplit

from toll.errors import InputError
from toll.ingest.read import _HTML_SNIFF, _looks_binary, from_html
from toll.model import Document, Source

Dated = tuple[date | None, str]  # a candidate publication date and its basis ("input", "page", "warc", "feed")

_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([a-zA-Z0-9_.:-]{1,40})""", re.I)
_FEED_SNIFF = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.I)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def host_outlet(url: str | None) -> str | None:
    """The outlet a URL names when nothing better is known: its host, without "www."."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def is_feed(data: bytes, content_type: str = "") -> bool:
    """Whether bytes are an RSS or Atom feed rather than a page: by type, else by the first element."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind in _FEED_TYPES:
        return True
    if kind in _HTML_TYPES:
        return False
    head = data[:2048]
    return bool(_FEED_SNIFF.search(head)) and not _HTML_SNIFF.match(head)


def decode(data: bytes, content_type: str, name: str) -> str:
    """Text of web bytes, in the charset the server or the page declares, else UTF-8, else Windows-1252."""
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise InputError("binary data, not text", source=name)
    declared = _declared_charset(data, content_type)
    for charset in (declared, "utf-8"):
        if not charset:
            continue
        try:
            return data.decode(charset).lstrip("\ufeff")
        except (LookupError, UnicodeDecodeError):
            continue
    # pages mislabelled as UTF-8 are mostly Windows-1252; a replacement character beats losing the page
    return data.decode("cp1252", errors="replace")


def _declared_charset(data: bytes, content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    found = _CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def web_document(
    data: bytes, content_type: str, doc_id: str, source: Source, dates: Sequence[Dated], name: str
) -> Document:
    """A page's Document: HTML converted by trafilatura, or plain text; `dates` are tried after the page's own."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if not data.strip():
        raise InputError("empty body", source=name)
    text = decode(data, content_type, name)
    if kind in _HTML_TYPES or (kind in ("", "text/xml", "application/xml") and _HTML_SNIFF.match(data[:4096])):
        try:
            return html_document(text, doc_id, source, None, dates)
        except InputError as e:
            raise InputError(e.message, source=name) from None
    if kind in ("text/plain", "") and text.strip():
        return dated(Document(id=doc_id, text=text, source=source), dates)
    raise InputError(f"not an HTML or text page ({kind})", source=name)


def html_document(html: str, doc_id: str, source: Source, given: date | None, fallbacks: Sequence[Dated]) -> Document:
    """The article of an HTML page, its title and date read from the page when the input gave none."""
    doc = from_html(html, doc_id, None, source)
    title, page_date = page_meta(html)
    if title and not source.title:
        doc = replace(doc, source=replace(source, title=title))
    return dated(doc, [(given, "input"), (page_date, "page"), *fallbacks])


def page_meta(html: str) -> tuple[str | None, date | None]:
    """The title and publication date a page states about itself (meta tags, JSON-LD, URL patterns)."""
    import trafilatura.metadata
    import trafilatura.utils

    try:
        # parsed here, never by htmldate from a string: a string that looks like a URL would be fetched
        tree = trafilatura.utils.load_html(html)
        if tree is None:
            return None, None
        meta = trafilatura.metadata.extract_metadata(tree, extensive=False)
    except Exception:  # noqa: BLE001 -- hostile markup breaks metadata in many ways; the text is still good
        return None, None
    return (meta.title or None), _iso_date(meta.date)


def dated(doc: Document, candidates: Sequence[Dated]) -> Document:
    """`doc` with the first known date of `candidates` and its basis."""
    for when, basis in candidates:
        if when is not None:
            return replace(doc, published=when, published_basis=basis)
    return replace(doc, published=None, published_basis=None)


def _iso_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
