"""RSS and Atom feeds: each entry's linked article, fetched through the safe fetcher, becomes a Document."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from toll.errors import FetchError, InputError
from toll.ingest.fetch import fetch
from toll.ingest.page import host_outlet, is_feed, web_document
from toll.model import Document, Source
from toll.settings import Settings


def feed_items(
    data: bytes, name: str, settings: Settings, default: date | None, feed_url: str | None = None
) -> Iterator[tuple[int, Document | InputError]]:
    """(entry ordinal, Document or error) for each entry of the feed `data`; one error if it is no feed."""
    try:
        parsed = parse_feed(data, name)
    except InputError as e:
        yield 0, e
        return
    outlet = _text(parsed.feed.get("title")) or host_outlet(feed_url)
    for ordinal, entry in enumerate(parsed.entries):
        yield ordinal, entry_document(entry, ordinal, name, outlet, settings, default)


# An internal DTD subset declaring entities: how billion-laughs and external-entity attacks are written. News
# feeds have no use for one, so such a feed is refused whole rather than parsed with its entities dropped.
_ENTITY_DECL = re.compile(rb"<!DOCTYPE[^\[>]*\[.*?<!ENTITY", re.I | re.S)


def parse_feed(data: bytes, name: str) -> Any:
    """feedparser's reading of `data`; InputError when it holds no feed, no entries, or entity declarations."""
    import feedparser

    if _ENTITY_DECL.search(data[:262144]):
        raise InputError("feed declares XML entities: refused (entity expansion or external entities)", source=name)

    # always a stream of bytes: given a str feedparser fetches URLs itself, and given bytes it tries them as a
    # file name first; its strict parser turns off external entities, and DOCTYPE entity declarations are dropped
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=True, resolve_relative_uris=False)
    if not parsed.get("version") and not parsed.entries:
        raise InputError("not an RSS or Atom feed", source=name)
    if not parsed.entries:
        raise InputError("feed has no entries", source=name)
    return parsed


def entry_document(
    entry: Any, ordinal: int, name: str, outlet: str | None, settings: Settings, default: date | None
) -> Document | InputError:
    """The article an entry links to, fetched; or the error that names the link."""
    link = _text(entry.get("link"))
    if not link:
        return InputError(f"entry {ordinal} has no link", source=name)
    try:
        _, content_type, body = fetch(link, settings)
        if is_feed(body, content_type):
            raise InputError("links to a feed, not an article", source=link)
        source = Source(outlet=outlet or host_outlet(link), url=link, title=_text(entry.get("title")))
        return web_document(body, content_type, link, source, [(entry_date(entry), "feed"), (default, "input")], link)
    except FetchError as e:
        return e
    except InputError as e:
        return InputError(e.message, source=link)


def entry_date(entry: Any) -> date | None:
    """The date the feed gives an entry: published, else updated."""
    for key in ("published_parsed", "updated_parsed"):
        stamp = entry.get(key)
        if stamp:
            try:
                return date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
