"""Properties of ladders on generated stored claims: estimates do not depend on the order of the claims; low <= best
<= high; adding an echo never changes an estimate; adding a historical claim never changes a current estimate."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from toll.model import Estimate, Ladder, Reported
from toll.reconcile.echoes import claim_key
from toll.reconcile.kinds import KINDS
from toll.reconcile.ladder import ladders

from ._reported import echo, rep

# a mix of every kind for both sides: own ministries, the adversary's, a neutral state, bodies, counters, nobody
CLAIMANTS = (
    "Valdoria's defence ministry",
    "the Valdorian defence ministry",
    "Karvenia's defence ministry",
    "officials in Lenskaya",
    "Eskarian defence intelligence",
    "officials in Halvik",
    "The Casualty Ledger Project",
    "The UN human rights monitoring mission",
    "Municipal officials",
    None,
)
PARTIES = ("Karvenia", "Valdoria", None)
START = date(2031, 2, 14)
EXAMPLES = settings(max_examples=60, deadline=None)


@st.composite
def claims(draw: st.DrawFn, historical: bool = False) -> Reported:
    kind = draw(st.sampled_from(("exact", "approx", "lower_bound", "upper_bound", "range", "vague")))
    n = draw(st.integers(0, 20000))
    low, high = {
        "exact": (n, n),
        "approx": (n, n),
        "lower_bound": (n, None),
        "upper_bound": (None, n),
        "range": (n, n + draw(st.integers(1, 10000))),
        "vague": (n, None),
    }[kind]
    as_of = draw(st.none() | st.integers(0, 120).map(lambda d: START + timedelta(days=d)))
    if historical and as_of is not None:
        as_of = as_of.replace(year=draw(st.integers(1940, 2020)))
    return rep(
        draw(st.sampled_from(CLAIMANTS)),
        low,
        high,
        kind=kind,
        as_of=as_of,
        party=draw(st.sampled_from(PARTIES)),
        role=draw(st.sampled_from(("military", "civilian"))),
        category=draw(st.sampled_from(("killed", "wounded"))),
        doc=f"doc-{draw(st.integers(0, 40))}",
        historical=historical,
    )


def unique(items: list[Reported]) -> list[Reported]:
    """Stored claims as a database holds them: one per claim id."""
    return list({r.claim_id: r for r in items}.values())


corpora = st.lists(claims(), min_size=1, max_size=30).map(unique)


def estimates(found: list[Ladder], scope: str | None = None) -> dict[tuple, Estimate]:
    return {(x.scope, x.party, x.role, x.category): x.estimate for x in found if scope in (None, x.scope)}


@EXAMPLES
@given(corpora, st.randoms(use_true_random=False))
def test_estimates_do_not_depend_on_the_order_of_the_claims(items: list[Reported], rnd) -> None:
    shuffled = list(items)
    rnd.shuffle(shuffled)
    # the whole ladders, not only the numbers: rungs, histories, citations and contradictions too
    assert ladders(shuffled) == ladders(items)


@EXAMPLES
@given(corpora)
def test_low_best_high_are_in_order(items: list[Reported]) -> None:
    for est in estimates(ladders(items)).values():
        present = [v for v in (est.low, est.best, est.high) if v is not None]
        assert present == sorted(present)
        if est.best is not None:
            assert est.low is not None and est.high is not None
        assert est.method
    assert {g.kind for x in ladders(items) for g in x.rungs} <= set(KINDS)


@EXAMPLES
@given(corpora, st.data())
def test_adding_an_echo_never_changes_an_estimate(items: list[Reported], data: st.DataObject) -> None:
    original = data.draw(st.sampled_from(items))
    copy = echo(original, doc=f"copy-{data.draw(st.integers(0, 5))}", published=data.draw(st.none() | st.dates()))
    before = ladders(items)
    after = ladders(unique([*items, copy]))
    assert estimates(after) == estimates(before)
    assert sum(g.reports for x in after for g in x.rungs) == len(unique([*items, copy]))


@EXAMPLES
@given(corpora, st.data())
def test_an_echo_spelled_otherwise_changes_no_number(items: list[Reported], data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([r for r in items if r.claim.claimant] or items))
    spelled = replace(original.claim, claimant=(original.claim.claimant or "").upper() or None)
    copy = echo(replace(original, claim=spelled), doc="respelled")
    assert copy.echo_key == claim_key(copy.claim)  # the store would give it the same echo key

    def numbers(found: list[Ladder]) -> dict[tuple, tuple]:
        return {k: (e.low, e.best, e.high, len(e.flags)) for k, e in estimates(found).items()}

    assert numbers(ladders(unique([*items, copy]))) == numbers(ladders(items))


@EXAMPLES
@given(corpora, st.lists(claims(historical=True), min_size=1, max_size=4))
def test_adding_a_historical_claim_never_changes_a_current_estimate(
    items: list[Reported], past: list[Reported]
) -> None:
    before = estimates(ladders(items), "current")
    assert estimates(ladders(unique([*items, *past])), "current") == before
