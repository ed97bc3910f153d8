"""Reports of the estimate ladders: a terminal table, markdown, JSON, and an HTML page with SVG timelines.

Imports only the core: the ladders come in as toll.model types, built by toll.reconcile.ladder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from toll.errors import UsageError
from toll.model import CATEGORIES, Ladder

FORMATS = ("table", "markdown", "html", "json")
TITLE = "Casualty estimates: who says how many, as of when"


def _norm(text: str | None) -> str:
    """A name compared without case, surrounding space or a leading "the"."""
    words = (text or "").casefold().split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def select(ladders: Iterable[Ladder], party: str | None = None, category: str | None = None) -> list[Ladder]:
    """The ladders of one victim party and/or one category, matched without case; None selects all."""
    if category is not None and _norm(category) not in CATEGORIES:
        raise UsageError(f"unknown category {category!r}; one of {', '.join(CATEGORIES)}", "--category")
    return [
        x
        for x in ladders
        if (party is None or _norm(x.party) == _norm(party)) and (category is None or x.category == _norm(category))
    ]


def render(ladders: Sequence[Ladder], fmt: str, title: str = TITLE, width: int | None = None) -> str:
    """The ladders in one of FORMATS, as one string (an HTML page is a whole self-contained document).

    `width` is the terminal table's width in characters (default 170); the other formats ignore it."""
    if fmt == "table" and width is not None:
        from toll.report.text import to_table

        return to_table(list(ladders), title, width=max(60, width))
    return _renderer(fmt)(list(ladders), title)


def _renderer(fmt: str) -> Callable[[Sequence[Ladder], str], str]:
    # imported here so that a JSON report never loads rich or jinja2
    if fmt == "table":
        from toll.report.text import to_table

        return to_table
    if fmt == "markdown":
        from toll.report.text import to_markdown

        return to_markdown
    if fmt == "html":
        from toll.report.html import to_html

        return to_html
    if fmt == "json":
        from toll.report.records import to_json

        return to_json
    raise UsageError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}", "--format")
