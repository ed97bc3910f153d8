"""What every format says the same way: a figure as an analyst writes it, both counts, the ladder's heading, and
the current war kept apart from historical comparisons."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from toll.model import Ladder, Point
from toll.report import figures as f

from ._ladders import D, adversary_only, ceiling, cite, historical, war


@pytest.mark.parametrize(
    ("low", "high", "kind", "text"),
    [
        (1200, 1200, "exact", "1,200"),
        (9000, 9000, "approx", "~9,000"),
        (2000, None, "lower_bound", "≥2,000"),
        (None, 40, "upper_bound", "≤40"),
        (5000, 7000, "range", "5,000–7,000"),
        (24, None, "vague", "≥24 (vague)"),
        (3300000, None, "lower_bound", "≥3,300,000"),
        (None, None, "exact", "?"),
    ],
)
def test_figure_is_written_with_its_kind(low: int | None, high: int | None, kind: str, text: str) -> None:
    assert f.figure(Point(low, high, kind, None, ())) == text


@pytest.mark.parametrize(
    ("reports", "independent", "text"),
    [(1, 1, "1 report, 1 independent"), (11, 8, "11 reports, 8 independent"), (2, 1, "2 reports, 1 independent")],
)
def test_counts_state_both_numbers(reports: int, independent: int, text: str) -> None:
    assert f.counts(reports, independent) == text


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (war, "Karvenia · military · killed"),
        (adversary_only, "Valdoria · military · casualties"),
        (historical, "Karvenia · military · killed (historical 1998)"),
        (ceiling, "Karvenia · military · missing"),
    ],
)
def test_heading_names_party_role_category_and_a_historical_scope(make: Callable[[], Ladder], text: str) -> None:
    assert f.heading(make()) == text


def test_split_keeps_historical_comparisons_apart_in_order() -> None:
    a, h, b = war(), historical(), adversary_only()
    assert f.split([a, h, b]) == ([a, b], [h])


def test_points_are_oldest_first_with_the_latest_last() -> None:
    r = war().rungs[0]
    dates = [p.as_of for p in f.points(r)]
    assert dates == sorted(dates) and f.points(r)[-1] is r.latest and dates[0] == D(2031, 2, 20)


@pytest.mark.parametrize(("text", "limit", "out"), [("a  b\nc", None, "a b c"), ("abcdefgh", 5, "abcd…"), ("ab", 5, "ab")])
def test_one_line_flattens_and_cuts(text: str, limit: int | None, out: str) -> None:
    assert f.one_line(text, limit) == out


def test_unbounded_ratio_is_written_as_infinity() -> None:
    assert (f.ratio(float("inf")), f.ratio(20.83)) == ("∞", "20.8×")


@pytest.mark.parametrize(
    ("evidence", "raw", "parts"),
    [
        ("Officials said 96 were killed.", "96", ("Officials said ", "96", " were killed.")),
        ("About 1,200 died; 1,200 more were hurt.", "1,200", ("About ", "1,200", " died; 1,200 more were hurt.")),
        ("Dozens died.", "scores", ("Dozens died.", "", "")),
        ("No figure given.", "", ("No figure given.", "", "")),
    ],
)
def test_marked_splits_evidence_around_the_figure_as_written(evidence: str, raw: str, parts: tuple) -> None:
    assert f.marked(cite("c", "d", evidence, raw=raw)) == parts
