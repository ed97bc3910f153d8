"""Split a document into sentence spans, and find the few that can hold a casualty claim."""

from __future__ import annotations

import re
from collections.abc import Iterator

import blingfire

from toll.model import Span

# blingfire splits 1.3 M words/s with offsets. Past this many characters a "sentence" is not prose
# (a 50 MB single line, a table dump): we cut it into windows so the parser never sees a giant input.
MAX_SENTENCE = 1200
_PARA = re.compile(r"\n\s*\n")
_SOFT_BREAK = re.compile(r"(?<=[.!?;”\"])\s+|\s{2,}|\n")


def split(text: str) -> list[Span]:
    """Sentence spans covering the prose of `text`; paragraph breaks always end a sentence."""
    if len(text) > 200_000:  # one blingfire call per paragraph keeps huge inputs in bounded pieces
        spans: list[Span] = []
        for para in _paragraphs(text):
            if text[para.start : para.end].strip():
                for s in _split_paragraph(text, para):
                    spans.extend(_cap(text, s))
        return spans
    # one call for the whole document (per-paragraph calls cost more than the splitting itself)
    spans = []
    for a, b in blingfire.text_to_sentences_and_offsets(text)[1]:
        start = a
        for m in _PARA.finditer(text, a, b):  # blingfire may run a sentence over a blank line
            if text[start : m.start()].strip():
                spans.extend(_cap(text, Span(start, m.start())))
            start = m.end()
        if text[start:b].strip():
            spans.extend(_cap(text, Span(start, b)))
    return spans


def _paragraphs(text: str) -> Iterator[Span]:
    start = 0
    for m in _PARA.finditer(text):
        yield Span(start, m.start())
        start = m.end()
    yield Span(start, len(text))


def _split_paragraph(text: str, para: Span) -> Iterator[Span]:
    chunk = text[para.start : para.end]
    if len(chunk) > 200_000:
        # blingfire copes, but its offset output is O(n) Python objects; windows keep memory flat
        for s in _windows(chunk, 0, len(chunk)):
            yield Span(para.start + s.start, para.start + s.end)
        return
    _, offsets = blingfire.text_to_sentences_and_offsets(chunk)
    for a, b in offsets:  # character offsets (checked on curly quotes and accents)
        yield Span(para.start + a, para.start + b)


def _cap(text: str, s: Span) -> Iterator[Span]:
    if s.end - s.start <= MAX_SENTENCE:
        yield s
        return
    yield from _windows(text, s.start, s.end)


def _windows(text: str, start: int, end: int) -> Iterator[Span]:
    """Cut [start, end) into pieces of at most MAX_SENTENCE characters, at whitespace where possible."""
    while start < end:
        stop = min(end, start + MAX_SENTENCE)
        if stop < end:
            cut = text.rfind(" ", start + MAX_SENTENCE // 2, stop)
            stop = cut if cut > start else stop
        yield Span(start, stop)
        start = stop
