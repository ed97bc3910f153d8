"""Fixtures for ingest: real HTTP servers on loopback addresses, shut down after each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ._helpers import Web, serve


@pytest.fixture
def web() -> Iterator[Web]:
    """An HTTP server on 127.0.0.1, shut down after the test."""
    yield from serve("127.0.0.1")


@pytest.fixture
def web2() -> Iterator[Web]:
    """A second server on 127.0.0.2: loopback too, but outside an allow list of 127.0.0.1/32."""
    yield from serve("127.0.0.2")
