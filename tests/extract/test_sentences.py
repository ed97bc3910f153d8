"""Sentence spans: our direct call into blingfire gives exactly its wrapper's character offsets."""

from __future__ import annotations

import blingfire
import pytest

from toll.extract import sentences

TEXTS = [
    "Plain ASCII. Two sentences here.",
    "Café owners fled. “Yes,” he said — naïve Ωmega! Done.",
    "A 🙂 smile. Next one 🙂",
    "中文。 Second sentence é.",
    "Ends with é",
    "é",
]


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_match_blingfire(text: str) -> None:
    assert sentences._sentence_offsets(text) == blingfire.text_to_sentences_and_offsets(text)[1]


def test_paragraph_breaks_end_sentences_and_spans_cover_text() -> None:
    text = "The ministry said 12 were killed\n\nIn the north 30 were wounded. Officials said so."
    spans = sentences.split(text)
    assert [text[s.start : s.end] for s in spans] == [
        "The ministry said 12 were killed", "In the north 30 were wounded.", "Officials said so."]


def test_long_runs_are_cut_into_windows() -> None:
    text = "word " * 2000
    spans = sentences.split(text)
    assert all(s.end - s.start <= sentences.MAX_SENTENCE for s in spans)
    assert spans[0].start == 0 and spans[-1].end >= len(text.rstrip())


def test_a_case_name_with_v_is_one_sentence() -> None:
    text = "The case, Tagayeva and Others v. Russia, was brought by 409 people. It said 5 died."
    parts = [text[s.start : s.end].strip() for s in sentences.split(text)]
    assert parts == ["The case, Tagayeva and Others v. Russia, was brought by 409 people.", "It said 5 died."]
