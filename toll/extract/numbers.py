"""Find stated figures in text: "7,000 to 15,000", "at least six", "dozens" -> Figure(low, high, kind, span).

Pure string work on character offsets; whether a figure counts people is decided later (mentions.py).

>>> [(f.low, f.high, f.kind) for f in find_figures("between 30,000 and 40,000 casualties")]
[(30000, 40000, 'range')]
>>> [(f.low, f.high, f.kind, f.raw) for f in find_figures("far more than 5,300 troops")]
[(5300, None, 'lower_bound', 'far more than 5,300')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from toll.model import Figure, Span

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
SUFFIX_SCALES = {"k": 1000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000}
# vague plurals: the floor of the order of magnitude (spec: "thousands" (1000), "dozens" (12), "scores" (20))
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 1_000_000}

# Qualifiers, longest first. Each maps to the kind it gives a single figure.
LOWER = (
    "far more than",
    "many more than",
    "well over",
    "well above",
    "far over",
    "more than",
    "no fewer than",
    "no less than",
    "not less than",
    "not fewer than",
    "at least",
    "a minimum of",
    "upwards of",
    "in excess of",
    "over",
    "above",
    "exceeding",
    "at minimum",
    "north of",
    "beyond",
    # a toll that "passed", "surpassed" or "topped" a figure is above it
    "passed",
    "surpassed",
    "topped",
    "exceeded",
)
UPPER = (
    "up to",
    "as many as",
    "as high as",
    "as much as",
    "fewer than",
    "less than",
    "no more than",
    "not more than",
    "at most",
    "a maximum of",
    "under",
    "below",
    "just under",
    "almost as many as",
    "not exceeded",
    "not exceed",
)
APPROX = (
    "an estimated",
    "estimated",
    "approaching",
    "nearing",
    "about",
    "around",
    "nearly",
    "almost",
    "some",
    "roughly",
    "approximately",
    "close to",
    "approx.",
    "circa",
    "ca.",
    "just over",
    "just under",
    "more or less",
    "an approximate",
    "a reported",
    "perhaps",
    "possibly",
    "maybe",
    "reportedly",
)
_QUALS = sorted(
    [(q, "lower_bound") for q in LOWER] + [(q, "upper_bound") for q in UPPER] + [(q, "approx") for q in APPROX],
    key=lambda x: -len(x[0]),
)
# "just under" reads as approx; keep one meaning per phrase (first seen after sorting is the longest).
_QUAL_KIND = {}
for _q, _k in _QUALS:
    _QUAL_KIND.setdefault(_q, _k)
_QUAL_KIND["just under"] = "approx"
_QUAL_KIND["just over"] = "approx"

_TOKEN = re.compile(
    r"\d+(?:\.\d+)?(?:k|mn|bn|m)\b|\d[\d,.]*\d(?:'s|’s|s)?|\d(?:'s|’s|s)?|[A-Za-z]+(?:-[A-Za-z]+)*|[–—-]|\S"
)
_DIGITS = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:'s|’s|s)?")
_SUFFIXED = re.compile(r"(\d+(?:\.\d+)?)(k|m|mn|bn)\b", re.I)


@dataclass(slots=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.group(0), m.group(0).lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _word_value(w: str) -> int | None:
    """A single number word or hyphenated compound: "six" 6, "twenty-five" 25."""
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    if "-" in w:
        a, _, b = w.partition("-")
        if a in TENS and b in UNITS and 0 < UNITS[b] < 10:
            return TENS[a] + UNITS[b]
    return None


@dataclass(slots=True)
class _Num:
    value: int
    start: int  # token index
    end: int  # token index, exclusive
    vague: bool = False
    decimal: bool = False  # "2.5" without a scale word: not a head count
    plural_digits: bool = False  # "1000's", "1,000s"


def _read_number(toks: list[_Tok], i: int) -> _Num | None:
    """Read one number starting at token i: digits, words, or mixed ("1.5 million", "two thousand")."""
    t = toks[i]
    n = len(toks)
    if t.text[0].isdigit():
        sm = _SUFFIXED.fullmatch(t.text)
        if sm:
            return _Num(int(round(float(sm.group(1)) * SUFFIX_SCALES[sm.group(2).lower()])), i, i + 1)
        m = _DIGITS.fullmatch(t.text)
        if not m:
            return None
        whole, frac = m.group(1), m.group(2)
        if "," in whole and not re.fullmatch(r"\d{1,3}(?:,\d{3})+", whole):
            return None
        value = float(whole.replace(",", "") + (frac or ""))
        plural = t.low.endswith("s")
        j = i + 1
        if j < n and toks[j].low in SCALES and not plural:
            value *= SCALES[toks[j].low]
            j += 1
            if j < n and toks[j].low in SCALES:  # "1.5 hundred thousand" is rare; "two hundred thousand" is not
                value *= SCALES[toks[j].low]
                j += 1
            return _Num(int(round(value)), i, j)
        return _Num(int(round(value)), i, j, decimal=bool(frac), vague=plural, plural_digits=plural)
    # "5k" is a single token only when the regex kept letters; handle "5k" written as digit+letters
    w = t.low
    if w in VAGUE:
        v = VAGUE[w]
        j = i + 1
        # "tens of thousands", "hundreds of thousands"
        if w in ("hundreds",) and j + 1 < n and toks[j].low == "of" and toks[j + 1].low in ("thousands", "millions"):
            return _Num(v * VAGUE[toks[j + 1].low], i, j + 2, vague=True)
        return _Num(v, i, j, vague=True)
    if w == "tens" and i + 2 < n and toks[i + 1].low == "of" and toks[i + 2].low in ("thousands", "millions"):
        return _Num(10 * VAGUE[toks[i + 2].low], i, i + 3, vague=True)
    if w == "dozen":
        return _Num(12, i, i + 1)
    if w in ("several", "a few", "few") and i + 1 < n and toks[i + 1].low in ("dozen", "hundred", "thousand"):
        unit = 12 if toks[i + 1].low == "dozen" else SCALES[toks[i + 1].low]
        return _Num(2 * unit, i, i + 2, vague=True)
    v = _word_value(w)
    if w == "a" and i + 1 < n and toks[i + 1].low in ("dozen", "hundred", "thousand", "million"):
        v = 1  # "a dozen", "a hundred and fifty"
    if v is None:
        return None
    total, current, j = 0, v, i + 1
    while j < n:
        nw = toks[j].low
        if nw in SCALES:
            current *= SCALES[nw]
            if SCALES[nw] >= 1000:
                total, current = total + current, 0
            j += 1
        elif nw == "and" and j + 1 < n and _word_value(toks[j + 1].low) is not None and current and j > i + 1:
            j += 1  # "one hundred and fifty"
        elif (
            (wv := _word_value(nw)) is not None
            and current % 100 == 0
            and (toks[j - 1].low in SCALES or toks[j - 1].low == "and")
        ):
            current += wv
            j += 1
        elif nw == "dozen" and current < 100:
            current *= 12
            j += 1
        else:
            break
    return _Num(total + current, i, j)


# The qualifiers by their last word, each list in _QUALS order (longest first): only those ending in the word
# before a number can match, and the first of them that does is the one the full list would find.
_QUALS_BY_LAST: dict[str, list[tuple[str, list[str]]]] = {}
for _q, _ in _QUALS:
    _QUALS_BY_LAST.setdefault(_q.split()[-1], []).append((_q, _q.split()))


def _qualifier_before(toks: list[_Tok], i: int) -> tuple[str, int] | None:
    """The qualifier phrase ending right before token i, as (kind, first token index)."""
    if i == 0:
        return None
    for q, words in _QUALS_BY_LAST.get(toks[i - 1].low, ()):
        k = i - len(words)
        if k >= 0 and [t.low for t in toks[k:i]] == words:
            return _QUAL_KIND[q], k
    return None


def find_figures(text: str, offset: int = 0) -> list[Figure]:
    """Every figure in `text`, left to right; spans are shifted by `offset`."""
    toks = _tokens(text)
    out: list[Figure] = []
    i, n = 0, len(toks)
    while i < n:
        num = _read_number(toks, i)
        if num is None:
            i += 1
            continue
        low: int | None = num.value
        high: int | None = num.value
        kind = "vague" if num.vague else "exact"
        first, last = num.start, num.end
        if num.vague:
            high = None
        # ranges: "7,000 to 15,000", "7,000-15,000", "between A and B", "from A to B", "two or three"
        if not num.vague and last < n and toks[last].low in ("to", "-", "–", "—", "and", "or"):
            nxt = _read_number(toks, last + 1) if last + 1 < n else None
            joiner = toks[last].low
            between = first > 0 and toks[first - 1].low in ("between", "from")
            ok = (
                nxt is not None
                and not nxt.vague
                and (
                    joiner in ("to", "-", "–", "—")
                    or (joiner == "and" and between)
                    or (joiner == "or" and num.value < nxt.value and nxt.value <= 20)
                )
            )
            if ok and nxt is not None:
                a, b = num.value, nxt.value
                if b > a and nxt.end - nxt.start == 1 and toks[nxt.start].text[0].isdigit():
                    # "7 to 15 thousand" is rare; "30,000 and 40,000" common. Scale a bare first number
                    # up to the second's magnitude only when the second carried a scale word.
                    pass
                if nxt.end > nxt.start + 1 and toks[nxt.end - 1].low in SCALES and a < 1000 <= b:
                    a *= SCALES[toks[nxt.end - 1].low]
                if b > a:
                    low, high, kind, last = a, b, "range", nxt.end
                    if between:
                        first -= 1
        if kind not in ("range", "vague"):
            q = _qualifier_before(toks, first)
            if q:
                kind, first = q
            if kind == "lower_bound":
                high = None
            elif kind == "upper_bound":
                low = None
            # trailing qualifiers: "500 or so", "500 or more", "500-plus", "500 plus"
            if last + 1 < n and toks[last].low == "or" and toks[last + 1].low in ("so", "more"):
                if toks[last + 1].low == "so":
                    kind = "approx"
                else:
                    kind, high = "lower_bound", None
                    low = num.value
                last += 2
            elif last < n and toks[last].low in ("plus", "-plus"):
                kind, low, high = "lower_bound", num.value, None
                last += 1
        elif kind == "range":
            q = _qualifier_before(toks, first)
            if q and q[0] == "approx":
                first = q[1]  # "some 7,000 to 15,000": still a range, the hedge is kept in raw
        start, end = toks[first].start, toks[last - 1].end
        out.append(Figure(low=low, high=high, kind=kind, span=Span(start + offset, end + offset), raw=text[start:end]))
        # remember decimal-without-scale so that mentions can reject "2.5 km": encoded in raw
        i = last
    return out
