"""The timeline chart: one well-formed, self-contained SVG per ladder, a series per rung with a legend, ranges as
bands, floors and ceilings marked, a tooltip and a claim link per figure, every text escaped."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from toll.model import Ladder
from toll.report.figures import figure, points
from toll.report.svg import PALETTE, timeline_svg

from ._ladders import IMG, LADDERS, SCRIPT, D, cite, hostile, ladder, point, rung, war

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def with_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_one_series_and_one_legend_entry_per_rung_in_order(name: str) -> None:
    x = LADDERS[name]()
    root = parse(timeline_svg(x))
    assert root.tag == f"{NS}svg"
    series = with_class(root, "series")
    assert [s.get("data-claimant") for s in series] == [r.claimant or "unattributed (the outlet)" for r in x.rungs]
    assert [s.get("data-kind") for s in series] == [r.kind for r in x.rungs]
    assert len(with_class(root, "legend-entry")) == len(x.rungs)


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_every_figure_is_a_mark_with_its_claim_ids_and_a_tooltip(name: str) -> None:
    x = LADDERS[name]()
    root = parse(timeline_svg(x))
    marks = with_class(root, "point")
    expected = [(r, p) for r in x.rungs for p in points(r)]
    assert [m.get("data-claim-ids").split() for m in marks] == [list(p.claim_ids) for _, p in expected]
    for mark, (r, p) in zip(marks, expected, strict=True):
        tip = mark.find(f"{NS}title").text
        assert figure(p) in tip and (r.claimant or "unattributed") in tip
        assert (p.as_of.isoformat() if p.as_of else "undated") in tip


def test_ranges_are_bands_from_low_to_high_and_bounds_have_markers() -> None:
    x = war()
    root = parse(timeline_svg(x))
    every = [p for r in x.rungs for p in points(r)]
    bands = with_class(root, "band")
    assert len(bands) == sum(p.kind == "range" for p in every) == 2
    assert all(float(b.get("height")) > 5 for b in bands)  # 5,000–7,000 and 11,000–14,000 are visibly tall
    assert len(with_class(root, "floor")) == sum(p.kind == "lower_bound" for p in every)
    assert with_class(root, "ceiling") == []


def test_a_ceiling_points_down_and_a_vague_count_up() -> None:
    root = parse(timeline_svg(LADDERS["ceiling"]()))
    assert (len(with_class(root, "ceiling")), len(with_class(root, "floor"))) == (1, 1)


def test_series_take_the_palette_in_order() -> None:
    x = war()
    root = parse(timeline_svg(x))
    for i, s in enumerate(with_class(root, "series")):
        strokes = {e.get("stroke") for e in s.iter() if e.get("stroke")}
        assert strokes == {PALETTE[i]}


def _three(values: tuple[int, int, int]) -> Ladder:
    figs = [point(v, None, "exact", D(2031, 3, 1 + 10 * i), cite(f"c{i}", f"d{i}", f"{v} were killed."))
            for i, v in enumerate(values)]
    return ladder(rung("Officials", "self", *figs), estimate=war().estimate)


@pytest.mark.parametrize(
    ("values", "scale"),
    [((10, 1000, 100000), "log"), ((96, 2500, 14000), "log"), ((100, 1000, 10000), "linear"), ((100, 1000, 2000), "linear"),
     ((0, 40, 80), "linear")],
)
def test_log_scale_only_beyond_two_orders_of_magnitude(values: tuple[int, int, int], scale: str) -> None:
    root = parse(timeline_svg(_three(values)))
    text = " ".join(t.text or "" for t in root.iter(f"{NS}text"))
    assert f"{scale} scale" in text
    ys = [float(c.get("cy")) for c in root.iter(f"{NS}circle") if c.get("r") == "4"]
    assert ys[0] > ys[1] > ys[2] or values[0] == values[1]  # larger figures higher up
    if values == (10, 1000, 100000):
        assert ys[0] - ys[1] == pytest.approx(ys[1] - ys[2], abs=0.2)  # each hundredfold one step
    if values == (100, 1000, 2000):
        assert ys[0] - ys[1] == pytest.approx(0.9 * (ys[1] - ys[2]), rel=0.02)  # distances are differences


def test_undated_figures_sit_in_their_own_lane() -> None:
    root = parse(timeline_svg(LADDERS["historical"]()))
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "undated" in texts
    assert not any(t and t.startswith("20") for t in texts)  # no time axis without a date


def test_links_go_to_the_first_claim_relatively_or_not_at_all() -> None:
    x = war()
    linked = parse(timeline_svg(x))
    hrefs = [a.get("href") for a in linked.iter(f"{NS}a")]
    assert hrefs == [f"claims/{p.claim_ids[0]}" for r in x.rungs for p in points(r)]
    assert list(parse(timeline_svg(x, links=False)).iter(f"{NS}a")) == []


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_no_script_handler_style_or_external_reference(name: str) -> None:
    root = parse(timeline_svg(LADDERS[name]()))
    tags = {e.tag.removeprefix(NS) for e in root.iter()}
    assert not tags & {"script", "foreignObject", "image", "use", "style", "iframe"}
    for e in root.iter():
        assert not [k for k in e.attrib if k.lower().startswith("on") or k == "style"], e.attrib
        assert (e.get("href") or "claims/").startswith("claims/")


def test_hostile_text_is_escaped_and_stays_text() -> None:
    svg = timeline_svg(hostile())
    assert SCRIPT not in svg and IMG not in svg and "&lt;b&gt;" in svg
    root = parse(svg)  # an unescaped <, & or NUL would not parse
    assert not [e for e in root.iter() if e.tag.removeprefix(NS) in ("script", "img", "b")]
    titles = " ".join(t.text or "" for t in root.iter(f"{NS}title"))
    assert 'The <b>"Ministry"</b> & [bold red]Co[/] | x' in titles and f"Ostrel {IMG}" in titles


def test_the_chart_grows_to_hold_a_long_legend() -> None:
    many = [rung(f"Claimant {i}", "unknown", point(i + 1, None, "exact", D(2031, 3, 1), cite(f"c{i}", "d", "x")))
            for i in range(40)]
    root = parse(timeline_svg(ladder(*many, estimate=war().estimate), height=300))
    height = float(root.get("height"))
    legend_ys = [float(t.get("y")) for e in with_class(root, "legend-entry") for t in e.iter(f"{NS}text")]
    assert height > 300 and max(legend_ys) < height and root.get("viewBox") == f"0 0 760 {root.get('height')}"
