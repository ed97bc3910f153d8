"""Ladders: every claimant's figures for one group of victims, side by side, with an estimate and its rule.

Groups. Claims are grouped by scope, victim party, role and category. The scope is "current" for the war being
reported, "historical" for comparisons with earlier wars, or "historical YEAR" when such a claim carries an as-of
date: that date is part of a claim's echo key, so echoes of one historical claim always share a scope, which a year
guessed from each document's own wording would not.

Rungs. One per claimant (names normalised: "Valdoria's defence ministry" and "the Valdorian defence ministry" are
one claimant). A rung's figures are its distinct (low, high, kind, as-of) values; the latest is the one with the
latest as-of date (the largest figure on a tie, since a same-day smaller one is usually a subset), the others are
its revision history. Echoes (reports sharing an echo key) count once among a rung's independent reports.

The estimate. Each claimant speaking for a state counts once through that state (its latest figure among its
rungs), any other claimant through its own rung; each source gives its latest figure:
- low: the highest floor (the lower figure) of the victims' own side, independent counts and international
  bodies: a self-acknowledged or named-dead count undercounts, so the highest of them is the most credible floor;
- high: the highest figure (the upper end) of a third party: another government, an international body, an
  independent count;
- best: the median of the third parties' central figures (a number, or the middle of a range; floors and
  ceilings have none), rounded to a whole number, kept within low and high.
Where low or high has no such source it falls back, in order, to third parties for low and the victims' own side
for high, then to unclassified claimants, then to the adversary; those two always with a flag. Without a third
party's central figure, best is the low.

Contradictions. Figures of two claimants for the same date (each claimant's largest of that day, its others being
usually subsets) whose values (central figure, else the stated bound) differ by more than `contradiction_factor`
are listed, the higher first.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from toll.errors import UsageError
from toll.model import CATEGORIES, ROLES, Citation, Contradiction, Estimate, Ladder, Point, Reported, Rung
from toll.reconcile.kinds import ARTICLES, Kinds, canonical, demonym_map, key, side

CURRENT = "current"
HISTORICAL = "historical"
# which kinds may feed each number, tier by tier; the first tier with a figure wins
TIERS: dict[str, tuple[tuple[str, ...], ...]] = {
    "low": (("self", "independent", "international"), ("third_party",), ("unknown",), ("adversary",)),
    "high": (("third_party", "international", "independent"), ("self",), ("unknown",), ("adversary",)),
    # a central figure of the victims' own side or an adversary is no estimate of the truth: without a third party's,
    # best is the low, the figure an analyst can defend
    "best": (("third_party", "international", "independent"),),
}
FLAGGED = {"unknown": "unclassified claimant", "adversary": "adversary claim"}


@dataclass(frozen=True, slots=True)
class _Source:
    """One voice in an estimate: a state through all of its claimants' rungs, or a single rung."""

    name: str
    kind: str
    point: Point


def ladders(
    reported: Iterable[Reported], kinds: Kinds | None = None, contradiction_factor: float = 2.0
) -> list[Ladder]:
    """One ladder per group of the reported claims, current scope first, then by party, role and category."""
    if not contradiction_factor > 1.0:
        raise UsageError(f"must be above 1, got {contradiction_factor}", "contradiction_factor")
    items = list(reported)
    current = [r for r in items if not r.claim.historical]
    # only the current war's parties: a historical claim must not change how current claimants are read
    parties = {key(r.claim.victim.party) for r in current} - {""}
    kinds = kinds or Kinds.default()
    forms = demonym_map(parties | kinds.parties)
    kinds = kinds.canonicalised(forms)
    adversaries = _adversaries(current, kinds, forms, parties)
    groups: dict[tuple[str, str, str, str], list[Reported]] = defaultdict(list)
    for r in items:
        c = r.claim
        groups[(scope(r), key(c.victim.party), c.victim.role, c.category)].append(r)
    out = []
    for (where, _, role, category), members in groups.items():
        rungs = _rungs(members, kinds, forms, parties, adversaries)
        out.append(
            Ladder(
                scope=where,
                party=_spelling(r.claim.victim.party for r in members),
                role=role,
                category=category,
                rungs=rungs,
                estimate=estimate(rungs),
                contradictions=contradictions(rungs, contradiction_factor),
            )
        )
    out.sort(key=_ladder_order)
    return out


def scope(r: Reported) -> str:
    """The scope of a claim: the current war, or a historical comparison (by its as-of year when it has one)."""
    if not r.claim.historical:
        return CURRENT
    return f"{HISTORICAL} {r.claim.as_of.year}" if r.claim.as_of else HISTORICAL


def _ladder_order(ladder: Ladder) -> tuple:
    where = (0, "") if ladder.scope == CURRENT else (1, ladder.scope)
    role = ROLES.index(ladder.role) if ladder.role in ROLES else len(ROLES)
    category = CATEGORIES.index(ladder.category) if ladder.category in CATEGORIES else len(CATEGORIES)
    return (where, ladder.party is None, key(ladder.party), role, ladder.role, category, ladder.category)


def _adversaries(
    current: Sequence[Reported], kinds: Kinds, forms: dict[str, str], parties: set[str]
) -> frozenset[frozenset[str]]:
    """Pairs of parties each of which, through some claimant, claims the other's losses: the belligerents."""
    claimed: set[tuple[str, str]] = set()
    speakers: dict[str, str | None] = {}
    for r in current:
        victim = key(r.claim.victim.party)
        who = canonical(key(r.claim.claimant), forms)
        if not victim or not who:
            continue
        if who not in speakers:
            fixed, speaks = kinds.speaker(who, parties)
            speakers[who] = None if fixed else speaks
        speaks = speakers[who]
        if speaks and speaks != victim:
            claimed.add((speaks, victim))
    return frozenset(frozenset(pair) for pair in claimed if (pair[1], pair[0]) in claimed)


def _rungs(
    members: Sequence[Reported],
    kinds: Kinds,
    forms: dict[str, str],
    parties: set[str],
    adversaries: frozenset[frozenset[str]],
) -> tuple[Rung, ...]:
    """The group's rungs, highest latest figure first."""
    by_claimant: dict[str, list[Reported]] = defaultdict(list)
    for r in members:
        by_claimant[canonical(key(r.claim.claimant), forms)].append(r)
    victim = key(members[0].claim.victim.party) or None
    rungs = []
    for who, reports in by_claimant.items():
        fixed, speaks = kinds.speaker(who, parties)
        points = _points(reports)
        latest = max(points, key=_recency)
        spellings = sorted({r.claim.claimant for r in reports if r.claim.claimant})
        rungs.append(
            Rung(
                claimant=_spelling(r.claim.claimant for r in reports),
                kind=side(fixed, speaks, victim, adversaries),
                latest=latest,
                history=tuple(sorted((p for p in points if p is not latest), key=_recency)),
                independent=len({r.echo_key for r in reports}),
                reports=len(reports),
                speaks_for=None if fixed else speaks,
                spellings=tuple(spellings),
            )
        )
    rungs.sort(key=lambda g: (-_number(g.latest, -1), key(g.claimant), g.claimant or ""))
    return tuple(rungs)


def _points(reports: Sequence[Reported]) -> list[Point]:
    """A claimant's distinct figures, each with all of its reports."""
    by_value: dict[tuple, list[Reported]] = defaultdict(list)
    for r in reports:
        v = r.claim.value
        # as in the echo key, "about 14" and "14" are one figure told with or without a hedge
        kind = "point" if v.kind in ("exact", "approx") else v.kind
        by_value[(v.low, v.high, kind, r.claim.as_of)].append(r)
    points = []
    for (low, high, kind, as_of), rs in by_value.items():
        if kind == "point":
            kind = "exact" if any(r.claim.value.kind == "exact" for r in rs) else "approx"
        points.append(Point(low, high, kind, as_of, tuple(sorted(map(_citation, rs), key=_citation_order))))
    return points


def _citation(r: Reported) -> Citation:
    c = r.claim
    return Citation(
        r.claim_id, r.echo_key, r.doc_key, r.outlet, r.url, r.published, c.claimant, c.value.raw, c.evidence_text
    )


def _citation_order(c: Citation) -> tuple:
    return (c.published is None, c.published or date.min, c.doc_key, c.claim_id)


def _recency(p: Point) -> tuple:
    """Later as-of dates last; an undated figure cannot be placed, so it counts as the oldest."""
    low, high = (-1 if v is None else v for v in (p.low, p.high))
    return (p.as_of is not None, p.as_of or date.min, _number(p, -1), low, high, p.kind)


def _spelling(names: Iterable[str | None]) -> str | None:
    """The spelling a name is shown by: one without a leading article, capitalised, alphabetically first."""
    # not the most common spelling: another copy of a report must not rename its claimant
    found = {n for n in names if n and n.strip()}
    return min(found, key=_display_order) if found else None


def _display_order(name: str) -> tuple:
    return (name.split()[0].casefold() in ARTICLES, name[:1].islower(), name.casefold(), name)


def floor(p: Point) -> int | None:
    """The least number of people the figure says: its low, except for a ceiling ("up to 40")."""
    return None if p.kind == "upper_bound" else p.low


def top(p: Point) -> int | None:
    """The greatest number of people the figure states: its high, or its low where it states no high."""
    return p.high if p.high is not None else p.low


def centre(p: Point) -> float | None:
    """The figure's central value: the number itself, the middle of a range; floors and ceilings have none."""
    if p.kind in ("exact", "approx") and p.low is not None:
        return float(p.low)
    if p.kind == "range" and p.low is not None and p.high is not None:
        return (p.low + p.high) / 2
    return None


def _number(p: Point, missing: float) -> float:
    """One value to compare figures by: the central value, else the stated bound."""
    for value in (centre(p), floor(p), top(p)):
        if value is not None:
            return value
    return missing


def _sources(rungs: Sequence[Rung]) -> list[_Source]:
    """One source per state spoken for (its latest figure among its rungs) and per other rung."""
    by_source: dict[tuple[str, str], list[Rung]] = defaultdict(list)
    for rung in rungs:
        if rung.speaks_for:
            by_source[(rung.kind, "state:" + rung.speaks_for)].append(rung)
        else:
            by_source[(rung.kind, "rung:" + key(rung.claimant))].append(rung)
    out = []
    for (kind, _), members in sorted(by_source.items()):
        latest = max(members, key=lambda g: (_recency(g.latest), key(g.claimant)))
        out.append(_Source(latest.claimant or "unattributed", kind, latest.latest))
    return out


def _pick(
    sources: Sequence[_Source], number: str, value: Callable[[Point], float | None]
) -> tuple[list[tuple[_Source, float]], str | None]:
    """The first tier of sources that gives this number a value, and the kind of that tier."""
    for tier in TIERS[number]:
        found = [(s, v) for s in sources if s.kind in tier and (v := value(s.point)) is not None]
        if found:
            return found, next(k for k in tier if any(s.kind == k for s, _ in found))
    return [], None


def estimate(rungs: Sequence[Rung]) -> Estimate:
    """low, best and high of a group's rungs by the rule of the module docstring, with its method and flags."""
    sources = _sources(rungs)
    lows, low_kind = _pick(sources, "low", floor)
    highs, high_kind = _pick(sources, "high", top)
    bests, best_kind = _pick(sources, "best", centre)
    low = max((int(v) for _, v in lows), default=None)
    high = max((int(v) for _, v in highs), default=None)
    low_from, high_from = _names(lows, low), _names(highs, high)
    parts = [
        _said("low", low, "highest floor of the victims' own side, independent counts and international bodies",
              low_from, low_kind),
        _said("high", high, "highest figure of a third party", high_from, high_kind),
    ]
    if bests:
        best = round(statistics.median(v for _, v in bests))
        best_from = tuple(sorted(s.name for s, _ in bests))
        parts.append(_said("best", best, "median of the third parties' latest central figures", best_from, best_kind))
    else:
        # the low then stands for best too, and so does any flag it carries
        best, best_from, best_kind = low, low_from, low_kind
        parts.append(f"best {low:,}: no third party's central figure, so the low" if low is not None else "best: none")
    if low is not None and high is not None and high < low:
        high, high_from = low, low_from
        parts.append("high raised to the low, which it was below")
    if best is not None and low is not None and high is not None and not low <= best <= high:
        clamped = min(max(best, low), high)
        parts.append(f"best {best:,} kept within low and high: {clamped:,}")
        best = clamped
    if any(g.kind == "adversary" for g in rungs) and "adversary" not in (low_kind, high_kind, best_kind):
        parts.append("adversary claims not used")
    chosen = (("low", low_kind, low_from), ("best", best_kind, best_from), ("high", high_kind, high_from))
    flags = tuple(f"{FLAGGED[k]} used for {n}: {', '.join(names)}" for n, k, names in chosen if k in FLAGGED)
    return Estimate(low, best, high, "; ".join(parts), flags, low_from, best_from, high_from)


def _names(found: Sequence[tuple[_Source, float]], value: int | None) -> tuple[str, ...]:
    """The sources that gave the chosen value."""
    return tuple(sorted(s.name for s, v in found if value is not None and int(v) == value))


def _said(number: str, value: int | None, rule: str, names: Sequence[str], kind: str | None) -> str:
    """One number of the method: its value, the rule, and the tier it fell back to when not the first."""
    if value is None:
        return f"{number}: none ({rule}: no such figure)"
    fallback = "" if kind in TIERS[number][0] else f", falling back to {kind}"
    return f"{number} {value:,}: {rule}{fallback} ({', '.join(names)})"


def contradictions(rungs: Sequence[Rung], factor: float) -> tuple[Contradiction, ...]:
    """Pairs of figures of two claimants for one date whose values differ by more than `factor`."""
    by_date: dict[date, list[tuple[float, str, Rung, Point]]] = defaultdict(list)
    for rung in rungs:
        name = key(rung.claimant)
        for day, p in _by_day(rung).items():
            by_date[day].append((_number(p, -1), name, rung, p))
    found: list[tuple[date, float, str, str, Contradiction]] = []
    for day, figures in by_date.items():
        ranked = sorted(figures, key=lambda f: (-f[0], f[1]))
        for i, (hi, high_name, rh, ph) in enumerate(ranked):
            if hi <= 0:
                break
            for lo, low_name, rl, pl in ranked[i + 1 :]:
                ratio = hi / lo if lo > 0 else float("inf")
                if ratio > factor:
                    c = Contradiction(day, rh.claimant, ph, rl.claimant, pl, ratio)
                    found.append((day, -ratio, high_name, low_name, c))
    # by date, widest gap first; a claimant has one figure a day, so a date and two names never tie
    found.sort(key=lambda f: f[:4])
    return tuple(f[4] for f in found)


def _by_day(rung: Rung) -> dict[date, Point]:
    """A rung's largest figure of each dated day: the others of that day are usually subsets of it."""
    days: dict[date, Point] = {}
    for p in sorted((rung.latest, *rung.history), key=_recency):
        if p.as_of is not None and _number(p, -1) >= 0:
            days[p.as_of] = p  # sorted by recency, so the day's largest comes last and stays
    return days

