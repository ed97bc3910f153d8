"""Hostile and odd inputs: machine-reworded prose, HTML junk, a 50 MB single line, empty and binary input."""

from __future__ import annotations

from pathlib import Path

import pytest

import toll
from toll.errors import InputError
from toll.ingest.read import from_bytes

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_c4fafce587ac1d14.txt"

# Our own passage in the style of a synonym-swapping rewriter ("navy" for military, "times" for days, 1 for one).
REWORDED = (
    "No 1 can say with certainty how quite a few soldiers have died due to the fact that past Monday. "
    "The ministry explained on Tuesday that at the very least 40 navy staff were killed in the to start with "
    "three times of combating, and 1 senior formal put the wounded at all around 120. "
    "Charred continues to be of 12 tanks lay on the street."
)


def test_reworded_prose_keeps_real_figures_and_drops_digits_for_words() -> None:
    claims = toll.extract(REWORDED, published="2024-03-06")
    lows = {c.value.low for c in claims}
    assert 40 in lows and 120 in lows
    assert 1 not in lows, [c.to_dict() for c in claims]  # "No 1 can say", "1 senior formal"
    assert 12 not in lows  # tanks


@pytest.mark.skipif(not SEED.exists(), reason="shared seed not present")
def test_shared_reworded_seed_is_read_without_error() -> None:
    result = next(toll.extract_many([toll.Document(id="seed", text=SEED.read_text(encoding="utf-8"))]))
    assert result.error is None and len(result.claims) >= 6


def test_html_junk_document_is_an_input_error_or_empty_never_a_crash() -> None:
    junk = ("<html><head><script>var killed = 5000; document.write('<b>'+killed+'</b>')</script>"
            "<style>.x{}</style></head><body>" + "<div><span>&amp;&#x27;&nbsp;</span></div>" * 2000
            + "<p>" + "<i>" * 500 + "</p></body></html>").encode()
    try:
        doc = from_bytes(junk, "junk.html")
    except InputError as e:
        assert str(e).startswith("junk.html: ")
        return
    assert all(c.value.low != 5000 for c in toll.extract(doc.text))


def test_html_given_as_plain_text_does_not_break_extraction() -> None:
    text = '<div class="x">At least 12 people were killed.</div><script>if (a<b) {x="3 dead"}</script>' * 50
    claims = toll.extract(text)
    assert any(c.value.low == 12 for c in claims)


def test_fifty_megabyte_single_line_finishes_within_the_parse_budget() -> None:
    filler = "markets were calm and the weather held as traders waited for the quarterly figures " * 12
    line = ((filler + "The ministry said 12 soldiers were killed on Monday. ") * 60_000)[:50_000_000]
    assert "\n" not in line and len(line) == 50_000_000
    result = next(toll.extract_many([toll.Document(id="big", text=line)]))
    assert result.error is None
    assert result.claims and all(c.value.low == 12 for c in result.claims)
    assert any("parse budget" in n for n in result.notes)
    assert all(c.evidence.end - c.evidence.start <= 1200 for c in result.claims)


@pytest.mark.parametrize("data, problem", [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(b"   \n\n  ", "empty", id="whitespace"),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary", id="png"),
    pytest.param("caf\xe9 d\xe9j\xe0".encode("latin-1"), "not UTF-8", id="latin-1"),
])
def test_unreadable_bytes_give_one_line_errors_naming_the_input(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as e:
        from_bytes(data, "in.txt")
    assert str(e.value).startswith("in.txt: ") and problem in str(e.value) and "\n" not in str(e.value)


def test_empty_text_has_no_claims() -> None:
    assert toll.extract("") == [] and toll.extract("   ") == []
