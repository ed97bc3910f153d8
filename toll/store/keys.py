"""Stable keys: the same document or claim gets the same key in every database and on every run."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from toll.model import Claim


def now() -> str:
    """The current UTC time as the ISO-8601 text every timestamp column holds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def url_key(url: str | None) -> str:
    """The URL as documents are told apart by it: scheme and host lower-cased, fragment dropped; '' for none.

    >>> url_key("HTTPS://News.Example.org/a/b?x=1#comments")
    'https://news.example.org/a/b?x=1'
    >>> url_key(None)
    ''
    """
    if url is None or not url.strip():
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # e.g. an unclosed IPv6 bracket: still a name to tell documents apart by
        return url.strip()
    # only the parts URLs define as case-insensitive; paths and queries are not
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


def host(url: str | None) -> str | None:
    """The host name of a URL, or None.

    >>> host("https://www.example.org:8443/x")
    'www.example.org'
    """
    if not url:
        return None
    try:
        return urlsplit(url.strip()).hostname
    except ValueError:
        return None


def doc_key(url: str | None, sha256: str) -> str:
    """'d' + 16 hex digits naming a document by its URL and content.

    >>> doc_key(None, "0" * 64)
    'd4a67280a41d9a23e'
    """
    return "d" + hashlib.sha256(f"{url_key(url)}|{sha256}".encode()).hexdigest()[:16]


def claim_id(doc_key_: str, claim: Claim, extractor_version: str) -> str:
    """'c' + 20 hex digits naming a claim by its document, its figure's place, category, party and extractor."""
    # The document's key rather than its bare text hash: the same wire story stored under two URLs is two
    # reports, and each must keep its own claims for `reports` to count it.
    parts = (
        doc_key_,
        str(claim.value.span.start),
        str(claim.value.span.end),
        claim.category,
        claim.victim.party or "",
        extractor_version,
    )
    return "c" + hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]
