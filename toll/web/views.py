"""What the pages and the API show, computed once for both: ladders (cached per database state), text segments to
highlight, a sparkline's coordinates and the filter links between views."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from toll.model import Ladder, Point
from toll.report.figures import points, value
from toll.report.records import ladder_record

SPARK_W, SPARK_H, SPARK_PAD = 160, 36, 3
SPARK_RUNGS = 6  # the rungs with the highest figures: more lines than this is noise at sparkline size


class LadderCache:
    """The ladders of the stored claims, rebuilt only when the claims change (their count or highest id)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[int, int] | None = None
        self._ladders: list[Ladder] = []

    def get(self, key: tuple[int, int], build: Callable[[], list[Ladder]]) -> list[Ladder]:
        with self._lock:
            if key != self._key:
                self._ladders = build()
                self._key = key
            return self._ladders


def ladder_params(ladder: Ladder) -> dict[str, str]:
    """The query parameters that name one ladder: scope, party ("" for none), role and category."""
    return {"scope": ladder.scope, "party": ladder.party or "", "role": ladder.role, "category": ladder.category}


def find_ladder(found: Sequence[Ladder], scope: str, party: str, role: str, category: str) -> Ladder | None:
    for ladder in found:
        if (ladder.scope, ladder.party or "", ladder.role, ladder.category) == (scope, party, role, category):
            return ladder
    return None


def ladder_json(ladder: Ladder) -> dict[str, Any]:
    """A ladder as toll's JSON report writes it, with the address of its timeline."""
    out = ladder_record(ladder)
    out["timeline"] = "/timeline?" + urlencode(ladder_params(ladder))
    return out


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of document text and how it is shown: plain, inside the evidence, or the figure itself."""

    text: str
    mark: str = ""  # "", "evidence" or "figure"
    claim_id: str | None = None


def evidence_segments(text: str, char_start: int, char_end: int, fig_start: int, fig_end: int) -> list[Segment]:
    """The text cut at the evidence and figure offsets; offsets outside the text are clamped to it."""
    n = len(text)
    cs = min(max(char_start, 0), n)
    ce = min(max(char_end, cs), n)
    fs = min(max(fig_start, cs), ce)
    fe = min(max(fig_end, fs), ce)
    parts = [
        Segment(text[:cs]),
        Segment(text[cs:fs], "evidence"),
        Segment(text[fs:fe], "figure"),
        Segment(text[fe:ce], "evidence"),
        Segment(text[ce:]),
    ]
    return [p for p in parts if p.text]


def figure_segments(text: str, marks: Sequence[tuple[int, int, str]]) -> list[Segment]:
    """The text with every claim's figure marked and linked; a figure overlapping an earlier one stays plain."""
    out: list[Segment] = []
    at = 0
    for start, end, claim_id in sorted(marks):
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], "figure", claim_id))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def spark(ladder: Ladder) -> dict[str, Any]:
    """Polylines of the highest rungs' figures over time and the estimate's band, in a SPARK_W x SPARK_H box."""
    rungs = [r for r in ladder.rungs if any(p.as_of for p in points(r))][:SPARK_RUNGS]
    dated = [p for r in rungs for p in points(r) if p.as_of and value(p) is not None]
    e = ladder.estimate
    tops = [value(p) or 0 for p in dated] + [v for v in (e.low, e.high) if v is not None]
    if not dated or max(tops) <= 0:
        return {"lines": [], "band": None, "w": SPARK_W, "h": SPARK_H}
    first = min(p.as_of for p in dated if p.as_of)
    days = max(1, (max(p.as_of for p in dated if p.as_of) - first).days)
    top = max(tops)
    inner_w = SPARK_W - 2 * SPARK_PAD - 8  # the band's column at the right

    def xy(p: Point) -> tuple[str, str]:
        x = SPARK_PAD + inner_w * ((p.as_of or first) - first).days / days
        return f"{x:.1f}", f"{_y(value(p) or 0, top):.1f}"

    lines = []
    for r in rungs:
        pts = [xy(p) for p in sorted(points(r), key=lambda p: p.as_of or date.min) if p.as_of and value(p) is not None]
        lines.append(
            {
                "points": " ".join(f"{x},{y}" for x, y in pts),
                "dot": pts[0] if len(pts) == 1 else None,  # a one-point polyline draws nothing
                "adversary": r.kind == "adversary",
            }
        )
    band = None
    if e.low is not None and e.high is not None:
        y_high, y_low = _y(e.high, top), _y(e.low, top)
        band = {"x": SPARK_W - SPARK_PAD - 6, "y": f"{y_high:.1f}", "h": f"{max(y_low - y_high, 1.5):.1f}"}
    return {"lines": lines, "band": band, "w": SPARK_W, "h": SPARK_H}


def _y(v: float, top: float) -> float:
    return SPARK_H - SPARK_PAD - (SPARK_H - 2 * SPARK_PAD) * min(max(v / top, 0.0), 1.0)


def page_links(path: str, params: dict[str, Any], page: int, pages: int) -> dict[str, str | None]:
    """The addresses of the previous and next pages, the other parameters kept."""
    kept = {k: v for k, v in params.items() if v not in (None, "") and k != "page"}

    def at(n: int) -> str:
        return f"{path}?{urlencode({**kept, 'page': n})}"

    return {"prev": at(page - 1) if page > 1 else None, "next": at(page + 1) if page < pages else None}
