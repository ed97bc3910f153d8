"""Document text is cut at the claim's offsets into plain, evidence and figure runs that join back to the text."""

from __future__ import annotations

import pytest

from toll.web.views import Segment, evidence_segments, figure_segments

TEXT = "Officials met on Monday. The ministry said 1,200 soldiers were killed near Tolvar. Talks resume soon."
SENTENCE = TEXT.index("The ministry")
FIGURE = TEXT.index("1,200")


@pytest.mark.parametrize(
    ("offsets", "marked"),
    [
        ((SENTENCE, TEXT.index(" Talks"), FIGURE, FIGURE + 5), [("evidence", "The ministry said "), ("figure", "1,200"),
                                                               ("evidence", " soldiers were killed near Tolvar.")]),
        ((0, 24, 0, 8), [("figure", "Officials"[:8]), ("evidence", "s met on Monday.")]),
        ((SENTENCE, len(TEXT) + 50, FIGURE, FIGURE + 5), [("evidence", "The ministry said "), ("figure", "1,200"),
                                                         ("evidence", TEXT[FIGURE + 5 :])]),
        ((-3, 5, 2, 99), [("evidence", "Of"), ("figure", "fic")]),
    ],
)
def test_evidence_segments_join_back_to_the_text(offsets: tuple[int, int, int, int], marked: list) -> None:
    parts = evidence_segments(TEXT, *offsets)
    assert "".join(p.text for p in parts) == TEXT
    assert [(p.mark, p.text) for p in parts if p.mark] == marked
    assert all(p.text for p in parts)


@pytest.mark.parametrize(
    ("marks", "linked"),
    [
        ([(FIGURE, FIGURE + 5, "c1")], [("1,200", "c1")]),
        ([(FIGURE, FIGURE + 5, "c1"), (FIGURE + 2, FIGURE + 9, "c2")], [("1,200", "c1")]),  # overlap: first kept
        ([(30, 20, "bad"), (0, len(TEXT) + 1, "past-end"), (0, 9, "c0")], [("Officials", "c0")]),
        ([], []),
    ],
)
def test_figure_segments_mark_each_claim_once(marks: list, linked: list) -> None:
    parts = figure_segments(TEXT, marks)
    assert "".join(p.text for p in parts) == TEXT
    assert [(p.text, p.claim_id) for p in parts if p.mark == "figure"] == linked


def test_markup_in_the_text_stays_text() -> None:
    text = 'He said <script>alert(1)</script> 12 were killed <img src=x onerror="alert(1)">.'
    at = text.index("12")
    parts = evidence_segments(text, 0, len(text), at, at + 2)
    assert parts[0] == Segment("He said <script>alert(1)</script> ", "evidence")
    assert isinstance(parts[0].text, str) and not hasattr(parts[0].text, "__html__")
