"""The HTML page: self-contained (no script, no external reference), autoescaped, a section per ladder with its
estimate and flags, the rungs table, contradictions and its chart; every figure links to its claims."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest

from toll.model import Ladder
from toll.report.figures import counts, estimate_numbers, figure, points
from toll.report.html import to_html

from ._ladders import IMG, LADDERS, SCRIPT, adversary_only, claim_ids, historical, hostile, war


class Page(HTMLParser):
    """Every start tag with its attributes, and the page's text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.texts: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def text(self) -> str:
        return " ".join("".join(self.texts).split())

    def having(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and (cls is None or cls in (a.get("class") or "").split())]


def page(*ladders: Ladder) -> Page:
    return Page(to_html(list(ladders), "Sample war"))


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_self_contained_no_script_handler_or_external_reference(name: str) -> None:
    p = page(LADDERS[name]())
    tags = {t for t, _ in p.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "foreignobject"}
    for _, attrs in p.tags:
        assert not [k for k in attrs if k.startswith("on") or k == "style"], attrs
        href = attrs.get("href") or "#"
        assert href.startswith(("#", "claims/")), href
        assert "src" not in attrs


def test_hostile_data_is_escaped_in_text_attributes_and_chart() -> None:
    x = hostile()
    out = to_html([x], f"Title {SCRIPT}")
    assert SCRIPT not in out and IMG not in out and "<b>" not in out and "\x00" not in out
    assert html.escape(SCRIPT, quote=False) in out
    p = Page(out)
    assert SCRIPT in p.text() and IMG in p.text()  # shown to the reader as the text it is
    assert not p.having("b") and not p.having("script")


@pytest.mark.parametrize("name", sorted(LADDERS))
def test_every_claim_is_linked_beside_its_figure_with_its_evidence(name: str) -> None:
    x = LADDERS[name]()
    p = page(x)
    links = [a["href"] for a in p.having("a") if (a.get("href") or "").startswith("claims/")]
    assert {h.removeprefix("claims/") for h in links} == claim_ids(x)
    text = p.text()
    for rung in x.rungs:
        for pt in points(rung):
            for c in pt.citations:
                assert f"{c.claim_id} · doc {c.doc_key}" in text
                assert " ".join(c.evidence_text.replace("\x00", "\ufffd").split()) in text


def test_a_section_per_ladder_with_its_estimate_rungs_and_chart() -> None:
    ladders = [war(), adversary_only(), historical()]
    p = page(*ladders)
    assert len(p.having("section", "ladder")) == len(ladders) == len(p.having("svg", "timeline"))
    text = p.text()
    for x in ladders:
        low, best, high = estimate_numbers(x)
        assert f"Estimate: low {low} · best {best} · high {high}" in text
        for rung in x.rungs:
            assert figure(rung.latest) in text and counts(rung.reports, rung.independent) in text
    assert len(p.having("tr", "rung")) == sum(len(x.rungs) for x in ladders)


def test_the_figure_is_highlighted_in_its_evidence() -> None:
    out = to_html([war()], "Sample war")
    assert "acknowledged <mark>96</mark> of its soldiers" in out
    assert "now says <mark>more than 13,500</mark> Karvenian" in out


def test_adversary_rungs_and_flags_are_marked() -> None:
    p = page(adversary_only())
    assert len(p.having("tr", "kind-adversary")) == 1 and len(p.having("ul", "flags")) == 1
    assert all(f"⚠ {flag}" in p.text() for flag in adversary_only().estimate.flags)


def test_contradictions_are_a_table_of_their_own() -> None:
    p = page(war())
    assert len(p.having("table", "contradictions")) == 1
    assert "Valdoria's defence ministry: ≥2,000" in p.text() and "20.8×" in p.text()


def test_historical_comparisons_follow_under_their_own_heading() -> None:
    p = page(historical(), war())
    scopes = [a["data-scope"] for a in p.having("section", "ladder")]
    assert scopes == ["current", "historical 1998"]
    text = p.text()
    assert text.index("Current war") < text.index("Historical comparisons") < text.index("historical 1998 ")


def test_no_ladders_says_so() -> None:
    assert "No ladders" in page().text()
