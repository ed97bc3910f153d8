"""The markdown and terminal renderings: a row per rung with its latest figure, date, history, both counts and
claim ids; the estimate with its flags marked; contradictions; historical comparisons in a part of their own; data
that looks like markup shown as written."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from toll.model import Ladder
from toll.report.figures import counts, estimate_numbers, figure, points
from toll.report.text import RUNG_COLUMNS, md, to_markdown, to_table

from ._ladders import IMG, LADDERS, SCRIPT, adversary_only, historical, hostile, war


def rows(markdown: str) -> list[list[str]]:
    """The body rows of every markdown table, split on unescaped pipes."""
    out = []
    for line in markdown.splitlines():
        if line.startswith("| ") and not line.startswith(("| Claimant", "| ---")):
            out.append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return out


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_markdown_has_one_row_per_rung_with_its_latest_figure(name: str) -> None:
    x = LADDERS[name]()
    found = rows(to_markdown([x], "Report"))
    assert len(found) == len(x.rungs)
    for row, rung in zip(found, x.rungs, strict=True):
        assert len(row) == len(RUNG_COLUMNS)
        assert row[2] == md(figure(rung.latest)) and row[5] == counts(rung.reports, rung.independent)
        assert all(c in row[6] for c in rung.latest.claim_ids)


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_markdown_gives_every_figure_its_claim_id_document_and_evidence(name: str) -> None:
    x = LADDERS[name]()
    text = to_markdown([x], "Report")
    for rung in x.rungs:
        for p in points(rung):
            for c in p.citations:
                assert f"claim {c.claim_id} · doc {md(c.doc_key)}" in text
                assert md(c.evidence_text) in text


def test_markdown_history_is_oldest_first_with_documents() -> None:
    x = war()
    row = rows(to_markdown([x], "Report"))[0]
    assert row[4] == "1,200 · 2031-02-20 · s03, s04 → ≥2,000 · 2031-02-24 · s05"


def test_markdown_estimate_flags_and_contradictions_are_shown() -> None:
    text = to_markdown([war(), adversary_only()], "Report")
    low, best, high = estimate_numbers(war())
    assert f"- Estimate: low {low} · best {best} · high {high}" in text
    for flag in adversary_only().estimate.flags:
        assert f"- **⚠ FLAG: {md(flag)}**" in text
    assert "2031-02-24: Valdoria's defence ministry ≥2,000 vs Karvenia's defence ministry 96 (20.8×)" in text


def test_historical_comparisons_come_after_the_current_war_under_their_own_heading() -> None:
    text = to_markdown([historical(), war()], "Report")
    current, past = text.index("## Current war"), text.index("## Historical comparisons")
    assert current < text.index("### Karvenia · military · killed\n") < past
    assert text.index("(historical 1998)") > past


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (SCRIPT, "&lt;script&gt;alert(1)&lt;/script&gt;"),
        (IMG, "&lt;img src=x onerror=alert(1)&gt;"),
        ("a | b", "a \\| b"),
        ("[link](https://evil.example)", "\\[link\\](https://evil.example)"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("two\nlines", "two lines"),
        ("nul\x00here", "nul\ufffdhere"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
    ],
)
def test_markdown_shows_markup_as_written(raw: str, shown: str) -> None:
    assert md(raw) == shown


def test_markdown_of_hostile_data_has_no_tags_and_intact_tables() -> None:
    text = to_markdown([hostile()], "Report")
    assert "<script" not in text and "<img" not in text and "<b>" not in text and "\x00" not in text
    assert [len(r) for r in rows(text)] == [len(RUNG_COLUMNS)]


def _table(*ladders: Ladder) -> str:
    return to_table(list(ladders), "Report", width=200)


def test_table_shows_every_rung_with_figure_counts_and_claims() -> None:
    x = war()
    text = _table(x)
    flat = " ".join(text.split())
    for rung in x.rungs:
        assert rung.claimant in flat and figure(rung.latest) in flat
        assert all(f"claim {c.claim_id}" in flat for c in rung.latest.citations)
    low, best, high = estimate_numbers(x)
    assert f"Estimate: low {low} · best {best} · high {high}" in text
    assert "Contradictions:" in text


def test_table_marks_flags_and_keeps_history_apart() -> None:
    text = _table(historical(), adversary_only())
    assert all(f"⚠ FLAG: {flag}" in text for flag in adversary_only().estimate.flags)
    assert text.index("== Current war ==") < text.index("== Historical comparisons ==") < text.index("historical 1998")


def test_table_prints_markup_literally_and_no_control_codes() -> None:
    x = hostile()
    cited = x.rungs[0].latest.citations[0]
    # an ESC sequence in evidence would clear the analyst's terminal
    latest = replace(x.rungs[0].latest, citations=(replace(cited, evidence_text="\x1b[2J" + cited.evidence_text),))
    out = to_table([replace(x, rungs=(replace(x.rungs[0], latest=latest),))], "Report", width=600)
    assert "[bold red]Co[/]" in out and SCRIPT in out and IMG in out
    assert "\x1b" not in out and "\x00" not in out
