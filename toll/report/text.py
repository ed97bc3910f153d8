"""The terminal table and the markdown renderings: the "per source, as of date" table, one per ladder."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from io import StringIO

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from toll.model import Contradiction, Ladder, Point, Rung
from toll.report import figures as f

# characters that would start markdown syntax inside a cell or a list item; < > & become entities instead
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~])")
RUNG_COLUMNS = ("Claimant", "Kind", "Latest", "As of", "Revision history", "Reports", "Claims (latest)")


def md(text: object) -> str:
    """Text that markdown shows as written: on one line, no tags, no emphasis, no links, no cell breaks."""
    flat = " ".join(f.printable(str(text)).split())
    return _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def history(rung: Rung) -> str:
    """A rung's earlier figures, oldest first, each with its date and documents."""
    return " → ".join(f"{f.figure(p)} · {f.day(p.as_of)} · {', '.join(p.doc_keys)}" for p in rung.history) or "—"


def latest_claims(p: Point) -> str:
    return "; ".join(f.cited(c) for c in p.citations)


def rung_cells(rung: Rung) -> tuple[str, ...]:
    """One rung's row, as plain text in the order of RUNG_COLUMNS."""
    kind = f.kind_label(rung.kind)
    if rung.speaks_for:
        kind += f" (for {rung.speaks_for})"
    return (
        f.claimant(rung.claimant),
        kind,
        f.figure(rung.latest),
        f.day(rung.latest.as_of),
        history(rung),
        f.counts(rung.reports, rung.independent),
        latest_claims(rung.latest),
    )


def estimate_lines(ladder: Ladder) -> list[str]:
    """The estimate, where each of its numbers came from, its rule, and its flags, flags marked to be seen."""
    e = ladder.estimate
    low, best, high = f.estimate_numbers(ladder)
    lines = [
        f"Estimate: low {low} · best {best} · high {high}",
        f"low from {f.sources(e.low_from)}; best from {f.sources(e.best_from)}; high from {f.sources(e.high_from)}",
        f"Method: {e.method}",
    ]
    lines.extend(f"⚠ FLAG: {flag}" for flag in e.flags)
    return lines


def contradiction_line(c: Contradiction) -> str:
    return (f"{c.as_of.isoformat()}: {f.claimant(c.higher)} {f.figure(c.higher_point)} vs "
            f"{f.claimant(c.lower)} {f.figure(c.lower_point)} ({f.ratio(c.ratio)})")


def evidence_lines(rung: Rung) -> list[str]:
    """Every figure of a rung with each report's claim id, document key and evidence sentence."""
    out = []
    for p in f.points(rung):
        for c in p.citations:
            out.append(f"{f.claimant(rung.claimant)}, {f.figure_at(p)}: {f.cited(c)}: “{f.one_line(c.evidence_text)}”")
    return out


def to_markdown(ladders: Sequence[Ladder], title: str) -> str:
    """GitHub markdown: a section per ladder, the historical comparisons in a part of their own."""
    current, historical = f.split(ladders)
    out = [f"# {md(title)}", ""]
    for name, part in (("Current war", current), ("Historical comparisons", historical)):
        if part:
            out.extend([f"## {name}", ""])
            for ladder in part:
                out.extend(_md_ladder(ladder))
    if not ladders:
        out.extend(["No ladders: no stored claims match.", ""])
    return "\n".join(out)


def _md_ladder(ladder: Ladder) -> list[str]:
    out = [f"### {md(f.heading(ladder))}", ""]
    for line in estimate_lines(ladder):
        out.append(f"- **{md(line)}**" if line.startswith("⚠") else f"- {md(line)}")
    out.extend(["", _md_row(RUNG_COLUMNS), _md_row(("---",) * len(RUNG_COLUMNS))])
    out.extend(_md_row(rung_cells(r), escape=True) for r in ladder.rungs)
    out.append("")
    if ladder.contradictions:
        out.extend(["**Contradictions** (figures for one date far apart)", ""])
        out.extend(f"- {md(contradiction_line(c))}" for c in ladder.contradictions)
        out.append("")
    out.extend(["<details><summary>Evidence</summary>", ""])
    out.extend(f"- {md(line)}" for rung in ladder.rungs for line in evidence_lines(rung))
    out.extend(["", "</details>", ""])
    return out


def _md_row(cells: Sequence[str], escape: bool = False) -> str:
    return "| " + " | ".join(md(c) if escape else c for c in cells) + " |"


def to_table(ladders: Sequence[Ladder], title: str, width: int = 170) -> str:
    """Rich tables written to a string, without colour codes: the terminal rendering, also fit for a file."""
    buffer = StringIO()
    console = Console(file=buffer, width=width, color_system=None, highlight=False, emoji=False, markup=False)
    console.print(Text(f.printable(title), style="bold"))
    current, historical = f.split(ladders)
    for name, part in (("Current war", current), ("Historical comparisons", historical)):
        if part:
            console.print(Text(f"\n== {name} ==", style="bold"))
            for ladder in part:
                console.print(_rich_ladder(ladder))
    if not ladders:
        console.print(Text("No ladders: no stored claims match."))
    return buffer.getvalue()


def _rich_ladder(ladder: Ladder) -> Group:
    # every cell a Text: claimant names and evidence are data, and a "[bold]" in them must not become markup
    table = Table(title=Text(f.printable(f.heading(ladder)), style="bold"), show_lines=True, title_justify="left")
    for col in RUNG_COLUMNS:
        table.add_column(col, overflow="fold", ratio=2 if col in ("Revision history", "Claims (latest)") else 1)
    table.add_column("Evidence (latest)", overflow="fold", ratio=3)
    for rung in ladder.rungs:
        evidence = f.one_line(rung.latest.citations[0].evidence_text, 240) if rung.latest.citations else ""
        table.add_row(*(Text(f.printable(c)) for c in rung_cells(rung)), Text(evidence))
    lines = [Text(f.printable(line), style="bold" if line.startswith("⚠") else "") for line in estimate_lines(ladder)]
    if ladder.contradictions:
        lines.append(Text("Contradictions:"))
        lines.extend(Text("  " + f.printable(contradiction_line(c))) for c in ladder.contradictions)
    return Group(Text(""), table, *lines)
