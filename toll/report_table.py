"""A readable terminal table of claims, with the figure highlighted inside its evidence."""

from __future__ import annotations

from typing import TextIO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from toll.model import Claim


def _figure(c: Claim) -> str:
    v = c.value
    if v.kind == "range":
        return f"{v.low:,}–{v.high:,}"
    if v.kind == "lower_bound" or v.kind == "vague":
        return f"≥{v.low:,}" if v.kind == "lower_bound" else f"{v.low:,}s"
    if v.kind == "upper_bound":
        return f"≤{v.high:,}"
    return f"~{v.low:,}" if v.kind == "approx" else f"{v.low:,}"


def evidence(c: Claim, width: int = 160) -> Text:
    """The evidence sentence with the figure in bold; long sentences are cut around the figure."""
    s, e = c.value.span.start - c.evidence.start, c.value.span.end - c.evidence.start
    text = c.evidence_text
    a, b = max(0, s - width // 2), min(len(text), e + width // 2)
    out = Text("…" if a > 0 else "")
    out.append(text[a:s])
    out.append(text[s:e], style="bold reverse")
    out.append(text[e:b])
    if b < len(text):
        out.append("…")
    return out


class TableWriter:
    def __init__(self, out: TextIO, reports: dict[int, int] | None = None, title: str | None = None) -> None:
        self.out = out
        self.rows: list[Claim] = []
        self.reports = reports  # id(claim) -> documents reporting the same claim, when read from the database
        self.title = title

    def __call__(self, c: Claim | None) -> None:
        if c is not None:
            self.rows.append(c)
            return
        # a terminal's own width; in a file or a pipe, wide enough that the evidence stays readable
        tty = hasattr(self.out, "isatty") and self.out.isatty()
        console = Console(file=self.out, width=max(100, Console().width) if tty else 170, highlight=False)
        table = Table(show_lines=True, title=self.title or f"{len(self.rows)} casualty claims")
        cols = ["doc", "figure", "category", "party", "claimant", "as of", "evidence"]
        if self.reports is not None:
            cols.insert(6, "reports")
        for col in cols:
            if col == "evidence":
                table.add_column(col, overflow="fold", min_width=48, ratio=1)
            else:
                table.add_column(col, overflow="fold", max_width=24)
        for c in self.rows:
            party = c.victim.party or "?"
            if c.victim.role != "unknown":
                party += f" ({c.victim.role})"
            claimant = c.claimant or "(outlet)"
            if c.via:
                claimant += " via " + ", ".join(c.via)
            cells: list[str | Text] = [
                c.doc_id,
                _figure(c),
                c.category + (" [hist]" if c.historical else ""),
                party,
                claimant,
                c.as_of.isoformat() if c.as_of else "",
                evidence(c),
            ]
            if self.reports is not None:
                cells.insert(6, str(self.reports.get(id(c), 1)))
            table.add_row(*cells)
        console.print(table)
