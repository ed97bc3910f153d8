"""What every rendering says the same way: a figure's text, a claimant kind's label, a ladder's heading, its counts.

Every format builds its cells from these functions, so a table, a markdown file, a JSON record and an HTML page
cannot disagree on a number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date

from toll.model import Citation, Ladder, Point, Rung

# the scope ladder.py gives the war being reported; every other scope is a comparison with an earlier war
CURRENT = "current"
# who a claimant is relative to the victims it counts (toll.reconcile.kinds), in words an analyst reads
KIND_LABELS = {
    "self": "victims' own side",
    "adversary": "ADVERSARY",
    "third_party": "third party",
    "international": "international body",
    "independent": "independent count",
    "unknown": "unclassified",
}
ADVERSARY = "adversary"
# control characters (a terminal would obey an ESC sequence in evidence; XML cannot hold a NUL at all), and lone
# surrogates, which no UTF-8 output can encode
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def printable(text: str) -> str:
    """Text with every control character and lone surrogate replaced by U+FFFD: data must not act on the reader."""
    return _UNPRINTABLE.sub("\ufffd", text)


def number(n: int | None) -> str:
    """A count with thousands separators; "?" where the figure states none."""
    return "?" if n is None else f"{n:,}"


def figure(p: Point) -> str:
    """A figure as an analyst writes it: 1,200 / ~9,000 / ≥2,000 / ≤40 / 5,000–7,000."""
    if p.kind == "range":
        return f"{number(p.low)}–{number(p.high)}"
    if p.kind == "lower_bound":
        return f"≥{number(p.low)}"
    if p.kind == "upper_bound":
        return f"≤{number(p.high if p.high is not None else p.low)}"
    if p.kind == "vague":
        # "dozens", "hundreds": the floor the words imply, not a count
        return f"≥{number(p.low)} (vague)"
    if p.kind == "approx":
        return f"~{number(p.low)}"
    if p.low is not None and p.high is not None and p.high != p.low:
        return f"{number(p.low)}–{number(p.high)}"
    return number(p.low if p.low is not None else p.high)


def day(d: date | None) -> str:
    """An as-of date in ISO form; "undated" where the claim carries none."""
    return d.isoformat() if d else "undated"


def figure_at(p: Point) -> str:
    """A figure with its date: "≥2,000 as of 2031-02-24"."""
    return f"{figure(p)} as of {day(p.as_of)}" if p.as_of else f"{figure(p)} (undated)"


def kind_label(kind: str) -> str:
    """A claimant kind in words; an adversary's is marked, since its figures about its enemy are claims of success."""
    label = KIND_LABELS.get(kind, kind)
    return f"⚠ {label}" if kind == ADVERSARY else label


def claimant(name: str | None) -> str:
    """A claimant's name; a figure nobody was credited with is the reporting outlet's own."""
    return name or "unattributed (the outlet)"


def counts(reports: int, independent: int) -> str:
    """Both numbers, always: echoes of one claim inflate the first and not the second."""
    word = "report" if reports == 1 else "reports"
    return f"{reports} {word}, {independent} independent"


def heading(ladder: Ladder) -> str:
    """Who the victims are and what happened to them: "Karvenia · military · killed"."""
    party = ladder.party or "party not stated"
    role = "role not stated" if ladder.role == "unknown" else ladder.role
    text = f"{party} · {role} · {ladder.category}"
    return text if is_current(ladder) else f"{text} ({ladder.scope})"


def is_current(ladder: Ladder) -> bool:
    return ladder.scope == CURRENT


def split(ladders: Iterable[Ladder]) -> tuple[list[Ladder], list[Ladder]]:
    """The current war's ladders, and the historical comparisons, which must never mix with them."""
    current: list[Ladder] = []
    historical: list[Ladder] = []
    for ladder in ladders:
        (current if is_current(ladder) else historical).append(ladder)
    return current, historical


def points(rung: Rung) -> tuple[Point, ...]:
    """A rung's figures, oldest first, the latest last."""
    return (*rung.history, rung.latest)


def value(p: Point) -> int | None:
    """One number to place a figure by: the figure, a range's middle, or its one stated bound."""
    if p.low is not None and p.high is not None:
        return (p.low + p.high) // 2 if p.kind == "range" else p.low
    return p.low if p.low is not None else p.high


def estimate_numbers(ladder: Ladder) -> tuple[str, str, str]:
    e = ladder.estimate
    return number(e.low), number(e.best), number(e.high)


def sources(names: Sequence[str]) -> str:
    return ", ".join(names) if names else "none"


def ratio(r: float) -> str:
    """How many times the higher figure is the lower; a lower figure of zero makes it unbounded."""
    return "∞" if r == float("inf") else f"{r:.1f}×"


def cited(c: Citation) -> str:
    """One report in a line: its claim id and document key, the two handles to its evidence."""
    return f"claim {c.claim_id} · doc {c.doc_key}"


def one_line(text: str, limit: int | None = None) -> str:
    """Evidence on one line (table cells hold no line breaks), cut to `limit` characters with an ellipsis."""
    flat = " ".join(printable(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(0, limit - 1)].rstrip() + "…"
    return flat


def marked(c: Citation) -> tuple[str, str, str]:
    """The evidence split around the figure as written (its first occurrence), for a page to highlight it."""
    text = printable(c.evidence_text)
    at = text.find(c.raw) if c.raw else -1
    if at < 0:
        return text, "", ""
    return text[:at], c.raw, text[at + len(c.raw) :]
