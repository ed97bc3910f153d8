"""Ladders: claims grouped by scope, party, role and category; one rung per claimant with its latest figure, its
revision history and its reports; an estimate with its rule and flags; contradictions on one date. End to end on the
bundled sample war (toll/data/SAMPLE.md), read back through Store.reported() on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from toll.errors import UsageError
from toll.jobs import ingest
from toll.model import Ladder, Reported
from toll.reconcile.ladder import ladders
from toll.settings import Settings
from toll.store.store import Store

from ._reported import echo, rep

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "toll" / "data" / "sample.jsonl"
VMOD = "Valdoria's defence ministry"
KMOD = "Karvenia's defence ministry"
ESK = "Eskarian defence intelligence"
CLP = "The Casualty Ledger Project"
D = date


def one(found: list[Ladder], party: str | None = "Karvenia", role: str = "military", category: str = "killed",
        scope: str = "current") -> Ladder:
    matches = [x for x in found if (x.scope, x.party, x.role, x.category) == (scope, party, role, category)]
    assert len(matches) == 1, [(x.scope, x.party, x.role, x.category) for x in found]
    return matches[0]


def rung(ladder: Ladder, claimant: str):
    matches = [g for g in ladder.rungs if g.claimant == claimant]
    assert len(matches) == 1, [g.claimant for g in ladder.rungs]
    return matches[0]


# the sample war's shape, by hand: the two sides claim each other's dead, a neutral neighbour estimates, a volunteer
# group names the dead
WAR = [
    rep(VMOD, 1200, as_of=D(2031, 2, 20), doc="s03"),
    rep(VMOD, 4800, as_of=D(2031, 3, 9), doc="s08"),
    rep(VMOD, 10000, kind="lower_bound", as_of=D(2031, 5, 13), doc="s22"),
    rep(VMOD, 13500, kind="lower_bound", as_of=D(2031, 6, 10), doc="s26"),
    rep(ESK, 5000, 7000, kind="range", as_of=D(2031, 4, 9), doc="s16"),
    rep(ESK, 11000, 14000, kind="range", as_of=D(2031, 6, 4), doc="s24"),
    rep(CLP, 212, kind="lower_bound", as_of=D(2031, 3, 14), doc="s10"),
    rep(CLP, 2893, kind="lower_bound", as_of=D(2031, 6, 6), doc="s25"),
    rep(KMOD, 96, as_of=D(2031, 2, 24), doc="s05"),
    rep(KMOD, 1020, as_of=D(2031, 5, 13), doc="s22"),
    rep(KMOD, 2500, kind="lower_bound", as_of=D(2031, 2, 24), party="Valdoria", doc="s05"),
]


def test_groups_split_by_scope_party_role_and_category() -> None:
    claims = [
        *WAR,
        rep(KMOD, 241, as_of=D(2031, 2, 24), category="wounded", doc="s05"),
        rep("Valdoria's interior ministry", 37, kind="lower_bound", role="civilian", party="Valdoria", doc="s01"),
        rep(None, 4500, kind="approx", historical=True, doc="s16"),
        rep(None, 3000, kind="approx", historical=True, as_of=D(1998, 9, 1), party="Valdoria", doc="s18"),
    ]
    found = ladders(claims)
    assert [(x.scope, x.party, x.role, x.category) for x in found] == [
        ("current", "Karvenia", "military", "killed"),
        ("current", "Karvenia", "military", "wounded"),
        ("current", "Valdoria", "military", "killed"),
        ("current", "Valdoria", "civilian", "killed"),
        ("historical", "Karvenia", "military", "killed"),
        ("historical 1998", "Valdoria", "military", "killed"),
    ]


def test_a_rung_per_claimant_with_its_latest_figure_and_revision_history() -> None:
    ladder = one(ladders(WAR))
    assert [(g.claimant, g.kind) for g in ladder.rungs] == [
        (VMOD, "adversary"), (ESK, "third_party"), (CLP, "independent"), (KMOD, "self")
    ]
    v = rung(ladder, VMOD)
    assert (v.latest.low, v.latest.high, v.latest.kind, v.latest.as_of) == (13500, None, "lower_bound", D(2031, 6, 10))
    assert [(p.low, p.as_of) for p in v.history] == [
        (1200, D(2031, 2, 20)), (4800, D(2031, 3, 9)), (10000, D(2031, 5, 13))
    ]
    e = rung(ladder, ESK)
    assert (e.latest.low, e.latest.high, e.latest.kind) == (11000, 14000, "range")
    assert [(p.low, p.high) for p in e.history] == [(5000, 7000)]


def test_spellings_of_one_claimant_share_a_rung_and_echoes_count_once() -> None:
    first = rep(VMOD, 4800, as_of=D(2031, 3, 9), doc="s08", outlet="Continental Press")
    claims = [
        first,
        echo(first, "s29", outlet="Lenz Valley Gazette"),
        # the same figure told by a third outlet as "the Valdorian defence ministry": a new echo key
        rep("the Valdorian defence ministry", 4800, kind="approx", as_of=D(2031, 3, 9), doc="s09", outlet="Harbour"),
        rep(VMOD, 1200, as_of=D(2031, 2, 20), doc="s03"),
    ]
    v = rung(one(ladders(claims)), VMOD)
    assert (v.reports, v.independent) == (4, 3)
    assert v.spellings == (VMOD, "the Valdorian defence ministry")
    latest = v.latest
    assert (latest.low, latest.kind, latest.reports, latest.independent) == (4800, "exact", 3, 2)
    assert latest.outlets == ("Continental Press", "Harbour", "Lenz Valley Gazette")
    assert latest.doc_keys == ("s08", "s09", "s29")
    assert set(latest.claim_ids) == {c.claim_id for c in claims[:3]}
    assert {c.evidence_text for c in latest.citations} == {c.claim.evidence_text for c in claims[:3]}


def test_on_one_date_the_largest_figure_is_latest_and_its_subsets_history() -> None:
    claims = [
        rep(CLP, 212, kind="lower_bound", as_of=D(2031, 3, 14), doc="s10"),
        rep(CLP, 17, as_of=D(2031, 3, 14), doc="s10"),
        rep(CLP, 3, as_of=D(2031, 3, 14), doc="s10"),
    ]
    g = rung(one(ladders(claims)), CLP)
    assert g.latest.low == 212
    assert [p.low for p in g.history] == [3, 17]


def test_the_sample_shaped_estimate() -> None:
    est = one(ladders(WAR)).estimate
    assert (est.low, est.best, est.high) == (2893, 12500, 14000)
    assert (est.low_from, est.best_from, est.high_from) == ((CLP,), (ESK,), (ESK,))
    assert est.flags == ()
    for words in ("low 2,893", "best 12,500", "high 14,000", "median", "adversary claims not used", CLP, ESK):
        assert words in est.method


S1, S2 = D(2031, 4, 9), D(2031, 6, 4)


@pytest.mark.parametrize(
    ("claims", "expected", "flags"),
    [
        pytest.param(
            [rep(VMOD, 13500, kind="lower_bound", as_of=S2), rep(KMOD, 2500, kind="lower_bound", party="Valdoria")],
            (13500, 13500, 13500),
            ("adversary claim used for low: Valdoria's defence ministry",
             "adversary claim used for best: Valdoria's defence ministry",
             "adversary claim used for high: Valdoria's defence ministry"),
            id="only the adversary speaks: used, and flagged",
        ),
        pytest.param(
            [rep(ESK, 4000, as_of=S2), rep("officials in Halvik", 9000, as_of=S1),
             rep("the NATO alliance", 5000, 9000, kind="range", as_of=S2), rep("the EU", 6000, as_of=S2)],
            (6000, 6000, 9000),
            (),
            id="median of the third parties, one figure each, the latest of Eskaria's two rungs",
        ),
        pytest.param(
            [rep(ESK, 5000, 7000, kind="range", as_of=S1), rep(ESK, 11000, 14000, kind="range", as_of=S2),
             rep("Eskarian intelligence officials", 5000, 7000, kind="range", as_of=D(2031, 4, 22))],
            (11000, 12500, 14000),
            (),
            id="a state's stale estimate under another name does not pull its newer one down",
        ),
        pytest.param(
            [rep(CLP, 7000, kind="lower_bound", as_of=S2), rep(ESK, 5000, 7000, kind="range", as_of=S1)],
            (7000, 7000, 7000),
            (),
            id="a third party's centre below the named-dead floor is raised to it",
        ),
        pytest.param(
            [rep(KMOD, 1020, as_of=S2), rep(KMOD, 310, as_of=S1), rep("The Karvenian government", 400, as_of=S2)],
            (1020, 1020, 1020),
            (),
            id="only the victims' own side: its highest count",
        ),
        pytest.param(
            [rep("Municipal officials", 58), rep("residents", 70, kind="approx")],
            (70, 70, 70),
            ("unclassified claimant used for low: residents", "unclassified claimant used for best: residents",
             "unclassified claimant used for high: residents"),
            id="only unclassified claimants: used, and flagged",
        ),
        pytest.param(
            [rep("a ministry spokesman", None, 40, kind="upper_bound", as_of=S1)],
            (None, None, 40),
            ("unclassified claimant used for high: a ministry spokesman",),
            id="a ceiling alone has no floor and no best",
        ),
        pytest.param(
            [rep(VMOD, 13500, kind="lower_bound", as_of=S2), rep(KMOD, 1020, as_of=S2),
             rep(KMOD, 2500, kind="lower_bound", party="Valdoria")],
            (1020, 1020, 1020),
            (),
            id="the adversary's higher claim stays out while the victims' side speaks",
        ),
    ],
)
def test_estimates(claims: list[Reported], expected: tuple, flags: tuple[str, ...]) -> None:
    est = one(ladders(claims)).estimate
    assert (est.low, est.best, est.high) == expected
    assert est.flags == flags


@pytest.mark.parametrize(
    ("factor", "pairs"),
    [
        (2.0, [(D(2031, 5, 13), VMOD, KMOD), (D(2031, 6, 4), ESK, KMOD)]),
        (5.0, [(D(2031, 5, 13), VMOD, KMOD), (D(2031, 6, 4), ESK, KMOD)]),
        (11.0, [(D(2031, 6, 4), ESK, KMOD)]),
        (13.0, []),
    ],
)
def test_contradictions_on_one_date_beyond_the_factor(factor: float, pairs: list[tuple]) -> None:
    claims = [
        rep(VMOD, 10000, kind="lower_bound", as_of=D(2031, 5, 13)),
        rep(KMOD, 1020, as_of=D(2031, 5, 13)),
        rep(KMOD, 1000, as_of=D(2031, 6, 4)),
        rep(ESK, 11000, 14000, kind="range", as_of=D(2031, 6, 4)),
        # a different date from every other figure: never compared
        rep(CLP, 50, kind="lower_bound", as_of=D(2031, 6, 6)),
        # one claimant's total and subset on one day are not a contradiction
        rep(KMOD, 100, as_of=D(2031, 5, 13), doc="doc-2"),
    ]
    found = one(ladders(claims, contradiction_factor=factor)).contradictions
    assert [(c.as_of, c.higher, c.lower) for c in found] == pairs
    for c in found:
        assert c.ratio > factor
        assert c.higher_point.as_of == c.lower_point.as_of == c.as_of


@pytest.mark.parametrize("factor", [1.0, 0.5, -2.0, float("nan")])
def test_a_factor_that_is_not_above_one_is_refused(factor: float) -> None:
    with pytest.raises(UsageError, match="contradiction_factor: must be above 1"):
        ladders(WAR, contradiction_factor=factor)


def test_every_figure_traces_back_to_stored_claims() -> None:
    by_id = {r.claim_id: r for r in WAR}
    for ladder in ladders(WAR):
        for g in ladder.rungs:
            for p in (g.latest, *g.history):
                assert p.claim_ids and all(by_id[i].claim.value.low == p.low for i in p.claim_ids)
                assert all(by_id[c.claim_id].doc_key == c.doc_key for c in p.citations)


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('sample')}/s.db"
    ingest([str(SAMPLE)], Settings(db=url))
    return url


@pytest.fixture(scope="module")
def sample_ladders(sample_db: str) -> list[Ladder]:
    with Store.open(sample_db) as store:
        return ladders(store.reported())


def test_sample_karvenian_military_dead(sample_ladders: list[Ladder]) -> None:
    ladder = one(sample_ladders)
    v, e, c, k = (rung(ladder, n) for n in (VMOD, ESK, CLP, KMOD))
    assert (v.kind, e.kind, c.kind, k.kind) == ("adversary", "third_party", "independent", "self")
    assert (v.latest.low, v.latest.kind, v.latest.as_of) == (13500, "lower_bound", D(2031, 6, 10))
    assert (e.latest.low, e.latest.high, e.latest.kind, e.latest.as_of) == (11000, 14000, "range", D(2031, 6, 4))
    assert (c.latest.low, c.latest.kind, c.latest.as_of) == (2893, "lower_bound", D(2031, 6, 6))
    assert (k.latest.low, k.latest.kind, k.latest.as_of) == (1020, "exact", D(2031, 5, 13))
    # Valdoria's claims rise over time; s09's "the Valdorian defence ministry" and s29's copy are one rung
    assert [p.low for p in v.history if p.low in (1200, 4800, 9000)] == [1200, 4800, 9000]
    copied = next(p for p in v.history if p.low == 4800)
    assert copied.reports == 3 and len(copied.outlets) == 3
    assert [(p.low, p.high) for p in e.history] == [(5000, 7000)]
    assert v.reports > v.independent  # the copies of s08 and s16 are reports, not independent claims
    est = ladder.estimate
    assert (est.low, est.best, est.high) == (2893, 12500, 14000)
    assert (est.low_from, est.best_from, est.high_from) == ((CLP,), (ESK,), (ESK,))
    assert est.flags == ()
    assert "adversary claims not used" in est.method
    assert any({x.higher, x.lower} == {VMOD, KMOD} and x.as_of == D(2031, 5, 13) for x in ladder.contradictions)


def test_sample_other_ladders(sample_ladders: list[Ladder]) -> None:
    valdorian = one(sample_ladders, party="Valdoria")
    assert rung(valdorian, KMOD).kind == "adversary"
    assert rung(valdorian, "President Irena Vasko").kind == "self"
    assert rung(valdorian, "President Irena Vasko").latest.low == 3100
    assert valdorian.estimate.flags == ()
    civilians = one(sample_ladders, party="Valdoria", role="civilian")
    assert rung(civilians, "The UN human rights monitoring mission in Valdoria").kind == "international"
    historical = [x for x in sample_ladders if x.scope != "current"]
    assert {(x.party, x.rungs[0].latest.low) for x in historical} >= {("Karvenia", 4500), ("Valdoria", 3000)}
    assert sample_ladders.index(historical[0]) > max(i for i, x in enumerate(sample_ladders) if x.scope == "current")


def test_store_reported_yields_every_claim_with_its_document(db_url: str) -> None:
    ingest([str(SAMPLE)], Settings(db=db_url))
    with Store.open(db_url) as store:
        reported = list(store.reported())
        claims = store.claims()
        names = store.document_names()
        exported = list(store.export_rows())
    assert [r.claim for r in reported] == [c for c, _ in claims]
    assert len({r.claim_id for r in reported}) == len(reported)
    by_id = {row["claim_id"]: row for row in exported}
    for r in reported:
        row = by_id[r.claim_id]
        assert (r.echo_key, r.doc_key, r.outlet, r.url) == (row["echo_key"], row["doc_id"], row["outlet"], row["url"])
        assert r.published.isoformat() == row["published"]
        assert r.doc_key in names
