"""Specification: resolving "he", "they", "it" or "the ministry" from the history read newest first, stopping at
the first frame that decides it (attribution.resolve_latest), gives exactly what the rule says of the whole
history at once (`whole_history` below, the definition the extractor used before it learned to stop early).
The reading relies on it to skip older sentences' frames."""

from __future__ import annotations

import pytest

from toll.extract import attribution, nlp
from toll.extract.lexicon import load
from toll.extract.sentences import split

PARAGRAPHS = [
    "Defence Minister Olena Kovac said the brigade had held the line. The army's spokesmen told reporters that "
    "dozens of soldiers were missing. He said 40 had been killed. They added that 12 were wounded. It said "
    "nothing more.",
    "The Karvenian foreign ministry issued a statement on Monday. President Irena Vasko visited the front. The "
    "ministry said 300 soldiers had died. She said the figure was lower. The officials said 20 were captured.",
    "Rescue workers pulled survivors from the rubble. The regional governor, Oleh Syniehubov, said 12 people had "
    "died. The emergency service said 43 were hurt. It said the search went on. They said they were exhausted. "
    "His office said 16 were missing.",
    "Local officials said the road had been cut. Governor Ana Petrova said five villagers were killed. They said "
    "three more were missing.",
    "Monitors counted the dead. The commander said 9 fighters were killed. Its figures were disputed. The "
    "agency said 14. The group said its fighters held the town.",
]


def whole_history(frame: attribution.Frame, history: list[attribution.Frame]) -> str:
    """The rule on the whole history, oldest first: the last named speaker that fits."""
    if not frame.generic:
        return frame.text
    head = frame.head.lower_
    named = [f for f in history if not f.generic]
    if not named:
        return frame.text
    if head in attribution.PRONOUNS:
        if head in ("he", "she", "his", "her"):
            people = [f for f in named if attribution._person(f)]
            return (people or named)[-1].text
        if head == "they":
            plural = [f for f in named if f.head.tag_ in ("NNS", "NNPS")]
            return (plural or named)[-1].text
        return named[-1].text
    same = [f for f in named if head.rstrip("s") in f.text.lower()]
    return same[-1].text if same else frame.text


def _frames(text: str) -> list[list[attribution.Frame]]:
    model, lex = nlp.load(), load()
    out = []
    for span in split(text):
        doc = model(text[span.start : span.end])
        fs = attribution.frames(doc, lex)
        out.append(fs if fs else attribution.subject_frames(doc))
    return out


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_resolve_latest_equals_resolve_on_the_whole_history(text: str) -> None:
    per_sentence = _frames(text)
    checked = 0
    for k, frames in enumerate(per_sentence):
        history = [f for fs in per_sentence[:k] for f in fs]
        for frame in frames:
            for cut in range(len(history) + 1):  # every depth of history, the empty one included
                older = history[len(history) - cut :]
                assert attribution.resolve_latest(frame, reversed(older)) == whole_history(frame, older)
                checked += frame.generic
    assert checked > 0  # the paragraphs do hold generic speakers to resolve


def test_sentences_lacking_the_antecedent_word_decide_nothing() -> None:
    """The reading parses no history sentence whose text lacks the word a generic noun's antecedent must hold
    (attribution.antecedent_word, see _DocContext.newest_first): resolving without those sentences' frames gives
    what the rule says of the whole history, at every depth."""
    passed_over = 0
    for text in PARAGRAPHS:
        spans = split(text)
        per_sentence = _frames(text)
        for k, frames in enumerate(per_sentence):
            for frame in frames:
                if not frame.generic:
                    continue
                word = attribution.antecedent_word(frame)
                for cut in range(k + 1):
                    older = range(k - cut, k)
                    kept = [j for j in older if word is None or word in text[spans[j].start : spans[j].end].lower()]
                    whole = [f for j in older for f in per_sentence[j]]
                    some = [f for j in kept for f in per_sentence[j]]
                    assert attribution.resolve_latest(frame, reversed(some)) == whole_history(frame, whole), cut
                    passed_over += len(kept) < cut
    assert passed_over > 0  # the paragraphs do hold history sentences that are passed over
