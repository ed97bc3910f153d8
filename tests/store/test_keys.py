"""Stable keys: what makes two documents, or two claims, the same one."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from toll.model import Claim, Victim
from toll.store.keys import claim_id, doc_key, host, now, url_key

from ._build import SHELLING, doc, shelling_claims


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://wire.example/vastra", "https://wire.example/vastra", True),
        ("https://wire.example/vastra", "HTTPS://WIRE.EXAMPLE/vastra", True),
        ("https://wire.example/vastra", "https://wire.example/vastra#update-2", True),
        ("https://wire.example/vastra", "  https://wire.example/vastra\n", True),
        ("https://wire.example/vastra", "https://wire.example/VASTRA", False),
        ("https://wire.example/vastra", "https://wire.example/vastra?lang=fr", False),
        ("https://wire.example/vastra", "http://wire.example/vastra", False),
        (None, "", True),
        (None, "   ", True),
        (None, "https://wire.example/vastra", False),
        ("http://[::1/vastra", "http://[::1/vastra", True),
        ("http://[::1/vastra", "http://[::1/Vastra", False),
    ],
)
def test_urls_differing_only_where_urls_ignore_it_are_one_key(a: str | None, b: str | None, same: bool) -> None:
    assert (url_key(a) == url_key(b)) is same
    sha = doc(SHELLING).sha256
    assert (doc_key(a, sha) == doc_key(b, sha)) is same


def test_a_document_key_is_short_stable_and_depends_on_the_text() -> None:
    url, d = "https://wire.example/vastra", doc(SHELLING)
    key = doc_key(url, d.sha256)
    assert re.fullmatch(r"d[0-9a-f]{16}", key)
    assert key == doc_key(url, doc(SHELLING).sha256)
    assert key != doc_key(url, doc(SHELLING + " ").sha256)


BASE = shelling_claims(doc(SHELLING))[0]


@pytest.mark.parametrize(
    ("changed", "same"),
    [
        (replace(BASE, claimant="the governor"), True),
        (replace(BASE, via=("Radio Ostrel",)), True),
        (replace(BASE, as_of=datetime(2031, 3, 1).date()), True),
        (replace(BASE, victim=replace(BASE.victim, role="military")), True),
        (replace(BASE, category="wounded"), False),
        (replace(BASE, victim=Victim("Ostrel", "civilian")), False),
        (replace(BASE, victim=Victim(None, "civilian")), False),
        (replace(BASE, value=replace(BASE.value, span=replace(BASE.value.span, end=BASE.value.span.end + 1))), False),
    ],
)
def test_a_claim_key_follows_place_category_and_party_only(changed: Claim, same: bool) -> None:
    key = claim_id("d0123456789abcdef", BASE, "toll-extract/9.9")
    assert re.fullmatch(r"c[0-9a-f]{20}", key)
    assert (claim_id("d0123456789abcdef", changed, "toll-extract/9.9") == key) is same


def test_a_claim_key_changes_with_the_document_and_the_extractor() -> None:
    key = claim_id("d0123456789abcdef", BASE, "toll-extract/9.9")
    assert claim_id("dfedcba9876543210", BASE, "toll-extract/9.9") != key
    assert claim_id("d0123456789abcdef", BASE, "toll-extract/10.0") != key


@pytest.mark.parametrize(
    ("url", "name"),
    [("https://www.Wire.example:8443/a", "www.wire.example"), ("not a url", None), (None, None), ("http://[::1", None)],
)
def test_the_host_of_an_outlet_url(url: str | None, name: str | None) -> None:
    assert host(url) == name


def test_timestamps_are_utc_iso_text() -> None:
    stamp = datetime.fromisoformat(now())
    assert stamp.tzinfo == UTC and abs((datetime.now(UTC) - stamp).total_seconds()) < 5
