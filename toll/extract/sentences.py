"""Split a document into sentence spans, and find the few that can hold a casualty claim."""

from __future__ import annotations

import ctypes
import re
from collections.abc import Iterator

import blingfire

from toll.model import Span

# blingfire splits 1.3 M words/s with offsets. Past this many characters a "sentence" is not prose
# (a 50 MB single line, a table dump): we cut it into windows so the parser never sees a giant input.
MAX_SENTENCE = 1200
_PARA = re.compile(r"\n\s*\n")
_CONTINUATION = bytes(range(0x80, 0xC0))  # UTF-8 bytes that continue a character


def _sentence_offsets(text: str) -> list[tuple[int, int]]:
    """blingfire's sentence offsets, as character offsets. Its own wrapper maps bytes to characters with a
    Python loop over every byte (15 % of our run time); here ASCII text needs no mapping and other text
    maps only the sentence boundaries."""
    data = text.encode("utf-8")
    size = len(data) * 2 + 16
    out = ctypes.create_string_buffer(size)
    starts = (ctypes.c_int32 * size)()
    ends = (ctypes.c_int32 * size)()
    n = blingfire.blingfire.TextToSentencesWithOffsets(  # the loaded C library
        ctypes.c_char_p(data),
        ctypes.c_int(len(data)),
        ctypes.byref(out),
        ctypes.byref(starts),
        ctypes.byref(ends),
        ctypes.c_int(size),
    )
    if n == -1 or n > size:
        return [(0, len(text))] if text else []
    count = out.value.count(b"\n") + 1
    pairs = [(a, b + 1) for a, b in zip(starts[:count], ends[:count], strict=True)]  # blingfire's ends are inclusive
    if len(data) == len(text):
        return pairs
    # non-ASCII: a byte offset's character offset is the number of non-continuation bytes before it
    cuts = sorted({b for pair in pairs for b in pair})
    index, chars, prev = {}, 0, 0
    for b in cuts:
        chars += len(data[prev:b].translate(None, _CONTINUATION))  # the bytes left are the characters
        index[b] = chars
        prev = b
    return [(index[a], index[b]) for a, b in pairs]


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
    return _rejoin(text, _split_whole(text))


# blingfire ends a sentence after "U.N." or "Gen." when a capital follows; those are initials and titles
_ABBREV_END = re.compile(
    r"(?:\b[A-Z]\.|\b(?:Gen|Lt|Col|Sgt|Capt|Maj|Adm|Cmdr|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Pres|Prof|Rev|No|Jan|Feb|"
    r"Aug|Sept|Sep|Oct|Nov|Dec|Jr|Sr|Co|Corp|Inc|Ltd|Mt|Ft|Brig|Gens|v|vs)\.)$"
)


# _ABBREV_END matches at most 5 characters ("Sept."), maybe before a final newline, and its \b looks at one
# more: the last 8 characters of a sentence decide as the whole would, without a scan of the whole.
_ABBREV_TAIL = 8


def _rejoin(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for sp in spans:
        joinable = out and _ABBREV_END.search(text[max(out[-1].start, out[-1].end - _ABBREV_TAIL) : out[-1].end])
        if joinable and "\n" not in text[out[-1].end : sp.start] and sp.end - out[-1].start <= MAX_SENTENCE:
            out[-1] = Span(out[-1].start, sp.end)
            continue
        out.append(sp)
    return out


def _split_whole(text: str) -> list[Span]:
    spans = []
    for a, b in _sentence_offsets(text):
        # most sentences: no line break (so no blank line) inside, short, not blank; kept as they are
        if b - a <= MAX_SENTENCE and text.find("\n", a, b) < 0 and text[a:b].strip():
            spans.append(Span(a, b))
            continue
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
