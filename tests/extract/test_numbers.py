"""Figure parsing round trips: any count written with separators, or in words, reads back as itself."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from toll.extract.numbers import find_figures

ONES = ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n: int) -> str:
    """English words for 1..999,999 ("twenty-five thousand three hundred")."""
    def under_1000(k: int) -> str:
        parts = []
        if k >= 100:
            parts.append(ONES[k // 100] + " hundred")
            k %= 100
            if k:
                parts.append("and")
        if 10 <= k < 20:
            parts.append(TEENS[k - 10])
        elif k >= 20:
            parts.append(TENS[k // 10] + ("-" + ONES[k % 10] if k % 10 else ""))
        elif k:
            parts.append(ONES[k])
        return " ".join(parts)
    if n >= 1000:
        rest = n % 1000
        return under_1000(n // 1000) + " thousand" + (" " + under_1000(rest) if rest else "")
    return under_1000(n)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=99_999_999))
def test_digits_with_separators_round_trip(n: int) -> None:
    text = f"Officials said {n:,} soldiers were killed."
    figs = find_figures(text)
    assert [(f.low, f.high, f.kind) for f in figs] == [(n, n, "exact")]
    assert text[figs[0].span.start : figs[0].span.end] == f"{n:,}"


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=999_999))
def test_numbers_in_words_round_trip(n: int) -> None:
    text = f"The agency said {words(n)} people had died."
    figs = find_figures(text)
    assert [(f.low, f.kind) for f in figs] == [(n, "exact")], words(n)


@settings(max_examples=100, deadline=None)
@given(st.integers(min_value=1, max_value=9_999), st.integers(min_value=1, max_value=9_999))
def test_ranges_keep_both_ends_and_spans_stay_inside_the_text(a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b) + 1
    text = f"Between {lo:,} and {hi:,} fighters were killed."
    figs = find_figures(text)
    assert [(f.low, f.high, f.kind) for f in figs] == [(lo, hi, "range")]
    assert 0 <= figs[0].span.start < figs[0].span.end <= len(text)
