"""Every casualty phrase in the lexicon gets past the keyword gate (the gate must never be the reason for a miss)."""

from __future__ import annotations

from toll.extract import gate, lexicon
from toll.model import Span


def test_every_lexicon_phrase_passes_the_gate() -> None:
    missed = []
    for phrase in lexicon.load().casualty:
        text = f"Officials said 12 people were {' '.join(phrase)} on Monday."
        if not gate.candidates(text, [Span(0, len(text))]):
            missed.append(" ".join(phrase))
    assert not missed, missed


def test_sentences_without_casualty_words_or_numbers_are_dropped() -> None:
    texts = ["The central bank raised rates by 25 basis points on Monday.", "Officials said the talks were killed."]
    assert [bool(gate.candidates(t, [Span(0, len(t))])) for t in texts] == [False, False]
