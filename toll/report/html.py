"""The HTML rendering: one self-contained page (no external CSS, script or font), a section per ladder with its chart.

The template (templates/ladders.html) is rendered with autoescape on: every claimant name, evidence sentence and
document key is data and reaches the page escaped. The only markup let through unescaped is the SVG of
toll.report.svg, which escapes its own text.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup

from toll.model import Ladder
from toll.report import figures as f
from toll.report.svg import timeline_svg

TEMPLATES = Path(__file__).with_name("templates")


def _clean(value: object) -> object:
    """Text without the control characters HTML forbids (a NUL from a broken input); other values as they are."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return f.printable(value)
    return value


@cache
def _template() -> Template:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_clean,
    )
    env.filters.update(
        number=f.number,
        figure=f.figure,
        day=f.day,
        claimant=f.claimant,
        kind_label=f.kind_label,
        sources=f.sources,
        ratio=f.ratio,
        marked=f.marked,
    )
    env.globals["counts"] = f.counts
    return env.get_template("ladders.html")


def to_html(ladders: Sequence[Ladder], title: str) -> str:
    """The whole page: the current war's ladders, then the historical comparisons under their own heading."""
    current, historical = f.split(ladders)
    numbered = iter(range(1, len(ladders) + 1))
    parts = [
        (name, [_item(ladder, next(numbered)) for ladder in part])
        for name, part in (("Current war", current), ("Historical comparisons", historical))
        if part
    ]
    return _template().render(title=title, parts=parts)


def _item(ladder: Ladder, n: int) -> dict[str, object]:
    return {
        "ladder": ladder,
        "anchor": f"ladder-{n}",
        "heading": f.heading(ladder),
        "svg": Markup(timeline_svg(ladder)),  # noqa: S704 - built by svg.py, which escapes every text it holds
    }
