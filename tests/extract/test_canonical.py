"""Claimants that name one party the same way share a spelling, so one claim from two outlets counts once."""

from __future__ import annotations

import pytest

from toll.extract.canonical import canonical_claimant

SAME = [
    ("Valdoria's defence ministry", "the Valdorian defence ministry"),
    ("Russia's defence ministry", "The Russian Defence Ministry"),
    ("Ukraine's General Staff", "the Ukrainian General Staff"),
    ("Israel's military", "the Israeli military"),
    ("The Karvenian government", "Karvenia's government"),
    ("the Pentagon", "The Pentagon"),
    ("an American official", "American official"),
]

DIFFERENT = [
    ("Valdoria's defence ministry", "Karvenia's defence ministry"),
    ("the Russian defence ministry", "the Ukrainian defence ministry"),
    ("Ukraine's General Staff", "Ukraine's defence ministry"),
    ("the UN mission", "the ICRC"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_one_party_written_two_ways_is_one_claimant(a: str, b: str) -> None:
    assert canonical_claimant(a) == canonical_claimant(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_claimants_stay_apart(a: str, b: str) -> None:
    assert canonical_claimant(a) != canonical_claimant(b)


def test_no_claimant_stays_none() -> None:
    assert canonical_claimant(None) is None
    assert canonical_claimant("the") is None
