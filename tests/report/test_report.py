"""toll.report: selecting ladders by party and category, rendering them in each format, and the formats agreeing on
every number; end to end from the bundled sample war through the database and the ladder builder."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from toll.errors import UsageError
from toll.jobs import ingest
from toll.model import Ladder
from toll.reconcile.ladder import ladders
from toll.report import FORMATS, render, select
from toll.report.figures import estimate_numbers, figure, heading
from toll.report.text import md
from toll.settings import Settings
from toll.store.store import Store

from ._ladders import adversary_only, ceiling, claim_ids, historical, war

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "toll" / "data" / "sample.jsonl"
HAND = [war(), adversary_only(), ceiling(), historical()]


@pytest.mark.parametrize(
    ("party", "category", "headings"),
    [
        (None, None, [heading(x) for x in HAND]),
        ("karvenia", None, ["Karvenia · military · killed", "Karvenia · military · missing",
                            "Karvenia · military · killed (historical 1998)"]),
        ("VALDORIA", None, ["Valdoria · military · casualties"]),
        (None, "Killed", ["Karvenia · military · killed", "Karvenia · military · killed (historical 1998)"]),
        ("Karvenia", "missing", ["Karvenia · military · missing"]),
        ("Eskaria", None, []),
        (None, "wounded", []),
    ],
)
def test_select_matches_party_and_category_without_case(
    party: str | None, category: str | None, headings: list[str]
) -> None:
    assert [heading(x) for x in select(HAND, party=party, category=category)] == headings


@pytest.mark.parametrize(("category", "words"), [("kiled", "unknown category 'kiled'"), ("", "unknown category ''")])
def test_an_unknown_category_is_a_one_line_usage_error(category: str, words: str) -> None:
    with pytest.raises(UsageError) as err:
        select(HAND, category=category)
    assert str(err.value).startswith(f"--category: {words}") and "\n" not in str(err.value)


@pytest.mark.parametrize("fmt", ["csv", "HTML", ""])
def test_an_unknown_format_is_a_one_line_usage_error(fmt: str) -> None:
    with pytest.raises(UsageError) as err:
        render(HAND, fmt)
    assert str(err.value).startswith("--format: unknown format") and all(f in str(err.value) for f in FORMATS)


@pytest.mark.parametrize("width", [80, 120, 240])
def test_the_table_fits_the_width_it_is_given(width: int) -> None:
    lines = render(HAND, "table", width=width).splitlines()
    assert max(len(line) for line in lines) == width


def agree(found: list[Ladder]) -> None:
    """Every format gives every ladder's estimate, every rung's latest figure and every claim id."""
    data = json.loads(render(found, "json"))
    records = data["current"] + data["historical"]
    assert [r["heading"] for r in records] == [heading(x) for x in found if x.scope == "current"] + [
        heading(x) for x in found if x.scope != "current"]
    outputs = {fmt: render(found, fmt, title="Report") for fmt in ("table", "markdown", "html")}
    page_text = " ".join(re.sub(r"<[^>]+>", " ", outputs["html"]).split())
    table_text = " ".join(outputs["table"].split())
    by_heading = {r["heading"]: r for r in records}
    for x in found:
        r = by_heading[heading(x)]
        assert (r["estimate"]["low"], r["estimate"]["best"], r["estimate"]["high"]) == (
            x.estimate.low, x.estimate.best, x.estimate.high)
        line = "Estimate: low {} · best {} · high {}".format(*estimate_numbers(x))
        assert line in outputs["markdown"] and line in page_text and line in table_text
        assert [g["latest"]["text"] for g in r["rungs"]] == [figure(g.latest) for g in x.rungs]
        assert set(r["claim_ids"]) == claim_ids(x)
        for g in x.rungs:
            assert md(figure(g.latest)) in outputs["markdown"]
            assert figure(g.latest) in page_text
        assert all(f"claims/{i}" in outputs["html"] and f"claim {i}" in outputs["markdown"] for i in claim_ids(x))


def test_formats_agree_on_hand_built_ladders() -> None:
    agree(HAND)


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> list[Ladder]:
    """The sample war ingested into a real SQLite file, read back, and made into ladders."""
    url = f"sqlite:///{tmp_path_factory.mktemp('report')}/s.db"
    ingest([str(SAMPLE)], Settings(db=url))
    with Store.open(url) as store:
        return ladders(store.reported())


def test_sample_war_renders_in_every_format_and_the_formats_agree(sample: list[Ladder]) -> None:
    assert any(x.scope != "current" for x in sample) and any(x.contradictions for x in sample)
    agree(sample)


def test_sample_war_charts_parse_with_a_series_per_rung(sample: list[Ladder]) -> None:
    page = render(sample, "html")
    charts = re.findall(r"<svg .*?</svg>", page, flags=re.S)
    in_page_order = [x for x in sample if x.scope == "current"] + [x for x in sample if x.scope != "current"]
    for chart, x in zip(charts, in_page_order, strict=True):
        root = ET.fromstring(chart)
        series = [e for e in root.iter() if e.get("class") == "series"]
        assert len(series) == len(x.rungs)


def test_sample_war_selection_reads_the_ladder_analysts_want(sample: list[Ladder]) -> None:
    (killed,) = [x for x in select(sample, party="karvenia", category="killed") if (x.scope, x.role) == ("current", "military")]
    text = render([killed], "markdown")
    assert "### Karvenia · military · killed" in text
    assert len([line for line in text.splitlines() if line.startswith("| ") and "---" not in line]) == \
        len(killed.rungs) + 1
    assert any(g.kind == "adversary" for g in killed.rungs) and "⚠ ADVERSARY" in text
