"""A ladder's timeline as one self-contained SVG: each claimant's figures over time, ranges drawn as bands.

x is the as-of date; figures without one sit in an "undated" lane at the left, since they cannot be placed in time.
y is linear from zero, or logarithmic when the positive figures span more than two orders of magnitude: a ladder
that holds a named-dead floor of 212 and a displacement count of 3.3 million would otherwise flatten every small
figure onto the axis. The chart says which scale it uses.

Marks: an exact figure is a filled dot, an approximate one a hollow dot, a range a band from its low to its high,
a floor ("at least", "more than", "dozens") a dot with an upward marker, a ceiling ("up to") a dot with a downward
one. Each mark has a tooltip (<title>) with figure, claimant, date and counts, and links to its first claim
(`claims/<claim_id>`, relative, for the dashboard to serve).

The output holds no script, no event handler, no style attribute and no external reference: colours and fonts are
presentation attributes, so it renders under a Content-Security-Policy of default-src 'self'.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from datetime import date, timedelta

from toll.model import Ladder, Point, Rung
from toll.report.figures import ADVERSARY, claimant, counts, figure, heading, kind_label, points, printable

# fixed, so a claimant's colour does not change between runs; distinguishable for the common colour blindnesses
PALETTE = (
    "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
    "#7a5195", "#8c564b", "#333333", "#b8a400", "#2f6f4f", "#e0529c",
)
LOG_SPAN = 100.0  # more than two orders of magnitude between the smallest and largest positive figure
LEGEND_LINE = 28  # a name, and under it the claimant's kind
LEGEND_NAME = 34  # characters of a claimant's name in the legend; the tooltip holds the whole name
UNDATED_LANE = 48
MARGIN = {"left": 64, "top": 34, "right": 12, "bottom": 40}


def esc(text: object) -> str:
    """Text safe in XML content and attribute values, without the characters XML 1.0 cannot hold at all."""
    return html.escape(printable(str(text)), quote=True)


@dataclass(frozen=True, slots=True)
class _Frame:
    """Where the plot lies and how dates and figures map onto it."""

    left: float
    right: float
    top: float
    bottom: float
    start: int  # date ordinals at the plot's left and right edges
    end: int
    low: float  # figures at the bottom and top
    high: float
    log: bool
    lane: float  # width of the undated lane at the left, 0 when every figure is dated
    dated: bool  # whether any figure has an as-of date: without one there is no time axis to label
    step: float  # between linear gridlines; 0 on a log scale, whose gridlines are the powers of ten

    def x(self, d: date | None, offset: int = 0) -> float:
        """Where a date lies across; an undated figure in the middle of its lane."""
        if d is None:
            return self.left + self.lane / 2 + offset
        span = self.right - self.left - self.lane
        return self.left + self.lane + span * (d.toordinal() - self.start) / (self.end - self.start)

    def y(self, v: float) -> float:
        """Where a figure lies up; on a log scale a zero sits on the bottom line."""
        if self.log:
            lo, hi = math.log10(self.low), math.log10(self.high)
            share = (math.log10(max(v, self.low)) - lo) / (hi - lo)
        else:
            share = (v - self.low) / (self.high - self.low)
        return self.bottom - (self.bottom - self.top) * min(max(share, 0.0), 1.0)


def timeline_svg(ladder: Ladder, width: int = 760, height: int = 320, links: bool = True) -> str:
    """One SVG chart of a ladder: a series per rung with a legend; grows taller when the legend needs it."""
    width = max(width, 360)  # narrower leaves no room for a plot beside the legend
    legend_w = min(260, width // 3)
    height = max(height, MARGIN["top"] + LEGEND_LINE * len(ladder.rungs) + MARGIN["bottom"])
    all_points = [p for rung in ladder.rungs for p in points(rung)]
    frame = _frame(all_points, width - legend_w, height)
    title = f"{heading(ladder)}: each claimant's figures over time"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{esc(title)}" font-family="sans-serif" '
        f'font-size="11">',
        f"<title>{esc(title)}</title>",
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{MARGIN["left"]}" y="18" font-size="13" font-weight="bold">{esc(heading(ladder))}</text>',
    ]
    if frame is None:
        out.append(f'<text x="{MARGIN["left"]}" y="{height // 2}" fill="#555555">no figures to draw</text>')
    else:
        out.extend(_axes(frame, ladder.category))
        for i, rung in enumerate(ladder.rungs):
            out.extend(_series(rung, i, frame, ladder.category, links))
    out.extend(_legend(ladder.rungs, width - legend_w + 8))
    out.append("</svg>")
    return "\n".join(out)


def _frame(found: list[Point], plot_right: int, height: int) -> _Frame | None:
    """The scales for these figures, or None when there is nothing with a number to place."""
    values = [v for p in found for v in (p.low, p.high) if v is not None]
    if not values:
        return None
    days = [p.as_of.toordinal() for p in found if p.as_of is not None]
    start, end = (min(days), max(days)) if days else (date.max.toordinal() // 2, date.max.toordinal() // 2)
    pad = max(1, round((end - start) * 0.04))
    start, end = max(1, start - pad), end + pad
    lane = UNDATED_LANE if any(p.as_of is None for p in found) else 0
    positive = [v for v in values if v > 0]
    log = bool(positive) and max(positive) / min(positive) > LOG_SPAN
    if log:
        low = 10.0 ** math.floor(math.log10(min(positive)))
        high = 10.0 ** math.ceil(math.log10(max(positive)))
        high, step = (high * 10 if high <= low else high), 0.0
    else:
        step = _nice_step(max(values))
        low, high = 0.0, step * max(1, math.ceil(max(values) / step))
    left, top = MARGIN["left"], MARGIN["top"]
    return _Frame(left, plot_right - MARGIN["right"], top, height - MARGIN["bottom"], start, end, low, high, log, lane,
                  bool(days), step)


def _nice_step(v: float) -> float:
    """A gridline step of 1, 2 or 5 times a power of ten, giving four or fewer gridlines up to v."""
    if v <= 0:
        return 1.0
    raw = v / 4
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _y_ticks(frame: _Frame) -> list[float]:
    if frame.log:
        lo, hi = round(math.log10(frame.low)), round(math.log10(frame.high))
        return [10.0**e for e in range(lo, hi + 1)]
    return [frame.low + frame.step * i for i in range(round((frame.high - frame.low) / frame.step) + 1)]


def _x_ticks(frame: _Frame) -> list[date]:
    """Five dates evenly across the dated part of the plot."""
    if not frame.dated:
        return []
    span = frame.end - frame.start
    return [date.fromordinal(frame.start) + timedelta(days=round(span * i / 4)) for i in range(5)]


def _axes(frame: _Frame, category: str) -> list[str]:
    out = []
    for v in _y_ticks(frame):
        y = frame.y(v)
        out.append(f'<line x1="{frame.left:.1f}" y1="{y:.1f}" x2="{frame.right:.1f}" y2="{y:.1f}" stroke="#dddddd"/>')
        out.append(f'<text x="{frame.left - 6:.1f}" y="{y + 4:.1f}" text-anchor="end">{_short(v)}</text>')
    dated_left = frame.left + frame.lane
    for d in _x_ticks(frame):
        x = frame.x(d)
        out.append(f'<line x1="{x:.1f}" y1="{frame.bottom:.1f}" x2="{x:.1f}" y2="{frame.bottom + 4:.1f}" '
                   f'stroke="#555555"/>')
        out.append(f'<text x="{x:.1f}" y="{frame.bottom + 16:.1f}" text-anchor="middle">{d.isoformat()}</text>')
    out.append(f'<line x1="{dated_left:.1f}" y1="{frame.bottom:.1f}" x2="{frame.right:.1f}" y2="{frame.bottom:.1f}" '
               f'stroke="#555555"/>')
    out.append(f'<line x1="{frame.left:.1f}" y1="{frame.top:.1f}" x2="{frame.left:.1f}" y2="{frame.bottom:.1f}" '
               f'stroke="#555555"/>')
    if frame.lane:
        x = frame.left + frame.lane / 2
        out.append(f'<text x="{x:.1f}" y="{frame.bottom + 16:.1f}" text-anchor="middle" fill="#555555">undated</text>')
    scale = "log scale" if frame.log else "linear scale"
    out.append(f'<text x="{frame.right:.1f}" y="{frame.top - 8:.1f}" text-anchor="end" fill="#555555">'
               f"{esc(category)}, {scale}; x: as-of date</text>")
    return out


def _short(v: float) -> str:
    """A gridline label: 1,500 / 20k / 3.5M."""
    if v >= 1_000_000:
        return f"{v / 1_000_000:g}M"
    if v >= 10_000:
        return f"{v / 1000:g}k"
    return f"{v:,.0f}" if v >= 1 or v == 0 else f"{v:g}"


def _series(rung: Rung, index: int, frame: _Frame, category: str, links: bool) -> list[str]:
    """One rung: a line through its dated figures and a mark per figure."""
    colour = PALETTE[index % len(PALETTE)]
    out = [f'<g class="series" data-claimant="{esc(claimant(rung.claimant))}" data-kind="{esc(rung.kind)}">']
    dated = _daily(rung)
    if len(dated) > 1:
        path = " ".join(f"{frame.x(d):.1f},{frame.y(v):.1f}" for d, v in dated)
        dash = ' stroke-dasharray="4 3"' if rung.kind == ADVERSARY else ""
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="1.5"{dash}/>')
    offset = (index % 5 - 2) * 4  # undated figures of different claimants side by side, not on top of each other
    for p in points(rung):
        out.extend(_mark(p, rung, frame, colour, category, links, offset))
    out.append("</g>")
    return out


def _daily(rung: Rung) -> list[tuple[date, float]]:
    """Where a rung's line passes: its largest figure of each day, the others of a day being usually its subsets."""
    days: dict[date, float] = {}
    for p in points(rung):
        if p.as_of is not None:
            days[p.as_of] = max(days.get(p.as_of, 0.0), _placed(p))
    return sorted(days.items())


def _placed(p: Point) -> float:
    """Where a figure's line passes: its number, a range's middle, or its one stated bound."""
    if p.kind == "range" and p.low is not None and p.high is not None:
        return (p.low + p.high) / 2
    return float(p.low if p.low is not None else p.high or 0)


def _mark(p: Point, rung: Rung, frame: _Frame, colour: str, category: str, links: bool, offset: int) -> list[str]:
    x = frame.x(p.as_of, offset)
    when = p.as_of.isoformat() if p.as_of else "undated"
    tip = (f"{figure(p)} {category}, {claimant(rung.claimant)} ({kind_label(rung.kind)}), as of {when}; "
           f"{counts(p.reports, p.independent)}; claims {', '.join(p.claim_ids)}")
    out = [f'<g class="point {esc(p.kind)}" data-claim-ids="{esc(" ".join(p.claim_ids))}"><title>{esc(tip)}</title>']
    if p.kind == "range" and p.low is not None and p.high is not None:
        top, bottom = frame.y(p.high), frame.y(p.low)
        out.append(f'<rect class="band" x="{x - 5:.1f}" y="{top:.1f}" width="10" height="{max(bottom - top, 1.5):.1f}" '
                   f'fill="{colour}" fill-opacity="0.3" stroke="{colour}"/>')
    else:
        y = frame.y(_placed(p))
        fill = "#ffffff" if p.kind == "approx" else colour
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{fill}" stroke="{colour}" stroke-width="2"/>')
        if p.kind in ("lower_bound", "vague"):
            out.append(_arrow("floor", x, y, -1, colour))
        elif p.kind == "upper_bound":
            out.append(_arrow("ceiling", x, y, 1, colour))
    out.append("</g>")
    if links and p.claim_ids:
        return [f'<a href="claims/{esc(p.claim_ids[0])}">', *out, "</a>"]
    return out


def _arrow(name: str, x: float, y: float, way: int, colour: str) -> str:
    """A small triangle beside a dot, pointing up (way -1: the truth may be higher) or down (way 1)."""
    base, tip = y + 6 * way, y + 13 * way
    d = f"M{x - 4:.1f},{base:.1f} L{x:.1f},{tip:.1f} L{x + 4:.1f},{base:.1f} Z"
    return f'<path class="{name}" d="{d}" fill="{colour}"/>'


def _legend(rungs: tuple[Rung, ...], x: int) -> list[str]:
    out = ['<g class="legend">']
    for i, rung in enumerate(rungs):
        colour = PALETTE[i % len(PALETTE)]
        y = MARGIN["top"] + i * LEGEND_LINE
        name = claimant(rung.claimant)
        short = name if len(name) <= LEGEND_NAME else name[: LEGEND_NAME - 1] + "…"
        out.append(f'<g class="legend-entry"><title>{esc(name)}: {esc(kind_label(rung.kind))}, '
                   f"{esc(counts(rung.reports, rung.independent))}</title>")
        out.append(f'<line x1="{x}" y1="{y}" x2="{x + 16}" y2="{y}" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<circle cx="{x + 8}" cy="{y}" r="3.5" fill="{colour}"/>')
        out.append(f'<text x="{x + 22}" y="{y + 4}">{esc(short)}</text>')
        out.append(f'<text x="{x + 22}" y="{y + 15}" font-size="9" fill="#555555">{esc(kind_label(rung.kind))}</text>')
        out.append("</g>")
    out.append("</g>")
    return out
