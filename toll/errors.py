"""Typed errors. Every one carries the name of the input it is about, and prints as one line."""

from __future__ import annotations


class TollError(Exception):
    """Base class: `str(err)` is `<source>: <problem>` on one line."""

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.message = " ".join(str(message).split())
        self.source = source

    def __str__(self) -> str:
        return f"{self.source}: {self.message}" if self.source else self.message


class InputError(TollError):
    """An input could not be read or understood (missing, binary, undecodable, malformed)."""


class UsageError(TollError):
    """The call itself is wrong (a bad option value such as a malformed date)."""


class ExtractError(TollError):
    """Extraction failed on a document that was read correctly."""


class FetchError(InputError):
    """A URL was refused (private address, too many redirects, too large) or could not be fetched."""


class StoreError(TollError):
    """The database could not be opened, migrated or written; `source` names the database URL."""
