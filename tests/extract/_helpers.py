"""Helpers for the extraction specification tables.

Every table row calls `toll.extract` once (through `extract` below) and then looks for the claim that
carries the figure the row is about. Matching is deliberately tolerant where the spec leaves room (names of
parties compared case-insensitively, claimants and groups by containment) and strict where it does not
(figures, kinds, categories). On failure the message prints every claim found, as its `to_dict()` record, so
a failing row explains itself.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import toll

# A Tuesday. Tables that are not about dates use it so that every call looks like real use.
PUBLISHED = date(2022, 3, 1)


class _Any:
    def __repr__(self) -> str:
        return "ANY"


ANY: Any = _Any()


def extract(text: str, published: date | str | None = PUBLISHED) -> list[toll.Claim]:
    """The one call to the public API each row makes."""
    return list(toll.extract(text, published=published))


def dump(claims: Iterable[toll.Claim]) -> str:
    """Claims as one JSON record a line, for assertion messages."""
    lines = [json.dumps(c.to_dict(), ensure_ascii=False, default=str) for c in claims]
    return "\n".join("    " + line for line in lines) if lines else "    (no claims)"


def _norm(s: str | None) -> str | None:
    return None if s is None else " ".join(s.lower().split())


def _contains(expected: str | None, actual: str | None) -> bool:
    if expected is None:
        return actual is None
    return actual is not None and _norm(expected) in _norm(actual)


# How each field a row may be about is read from a claim, and how it is compared with what the row expects.
_FIELDS: dict[str, tuple[Callable[[toll.Claim], Any], Callable[[Any, Any], bool]]] = {
    "kind": (lambda c: c.value.kind, lambda want, got: want == got),
    "category": (lambda c: c.category, lambda want, got: want == got),
    "party": (lambda c: c.victim.party, lambda want, got: _norm(want) == _norm(got)),
    "role": (lambda c: c.victim.role, lambda want, got: want == got),
    "group": (lambda c: c.victim.group, _contains),
    "claimant": (lambda c: c.claimant, _contains),
    "via": (lambda c: tuple(c.via), lambda want, got: any(_contains(want, v) for v in got)),
    "as_of": (lambda c: c.as_of, lambda want, got: want == got),
    "historical": (lambda c: c.historical, lambda want, got: want == got),
    "party_basis": (lambda c: c.victim.party_basis, lambda want, got: want == got),
}


def value_of(claim: toll.Claim, field: str) -> Any:
    return _FIELDS[field][0](claim)


def with_figure(claims: Iterable[toll.Claim], low: Any = ANY, high: Any = ANY) -> list[toll.Claim]:
    """The claims whose figure has this low and/or high (ANY: not looked at)."""
    return [c for c in claims if (low is ANY or c.value.low == low) and (high is ANY or c.value.high == high)]


def matches(claim: toll.Claim, **want: Any) -> bool:
    for field, expected in want.items():
        get, same = _FIELDS[field]
        if not same(expected, get(claim)):
            return False
    return True


def require(
    claims: list[toll.Claim], text: str, *, low: Any = ANY, high: Any = ANY, **want: Any
) -> toll.Claim:
    """The claim with this figure whose fields match `want`; fails readably when there is none."""
    unknown = set(want) - set(_FIELDS)
    assert not unknown, f"test bug: unknown fields {sorted(unknown)}"
    figure = ", ".join(f"{k}={v!r}" for k, v in (("low", low), ("high", high)) if v is not ANY)
    candidates = with_figure(claims, low, high)
    assert candidates, f"no claim with {figure}\n  text: {text!r}\n  claims:\n{dump(claims)}"
    good = [c for c in candidates if matches(c, **want)]
    if not good:
        got = "; ".join("{" + ", ".join(f"{f}={value_of(c, f)!r}" for f in want) + "}" for c in candidates)
        wanted = ", ".join(f"{k}={v!r}" for k, v in want.items())
        raise AssertionError(
            f"claim with {figure} found, but none has {wanted}\n  got: {got}\n"
            f"  text: {text!r}\n  claims:\n{dump(claims)}"
        )
    return good[0]


def numbers_in(claims: Iterable[toll.Claim]) -> set[int]:
    """Every low and high any claim carries."""
    out: set[int] = set()
    for c in claims:
        out.update(v for v in (c.value.low, c.value.high) if v is not None)
    return out
