"""Echoes: documents that repeat one story (wire copy, machine-reworded copy), and claims repeated across them.

Texts become sets of word shingles; MinHash signatures of those sets go into an LSH index that proposes
candidates cheaply, and the exact Jaccard similarity of the shingle sets confirms or refuses each one.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from datasketch.hashfunc import sha1_hash32

from toll.errors import UsageError
from toll.model import Claim

# datasketch's permutation seed; changing it changes every stored signature
SEED = 1
# little-endian, so a signature written on one machine reads back the same on any other
BYTEORDER = "<"
# a story's copies are checked this many at a time before moving on, and this many candidates at most in all:
# one much-syndicated story must not crowd out the other stories LSH proposed
PER_STORY_CHECKS = 3
MAX_CHECKS = 24

# Function words carry no story; they are also what spinners insert and drop ("due to the fact that").
STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own s same she should so some such t than that the their theirs
    them themselves then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours yourself yourselves fact due since because till""".split()
)

# Spinners write small numbers as digits ("one" -> "1"); both spellings must make the same shingle.
NUMBER_WORDS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen twenty".split()
    )
} | {w: str(10 * i) for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), start=3)}

_WORD = re.compile(r"[^\W_]+")
_THOUSANDS = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}\b)")


def words(text: str) -> list[str]:
    """The text's content words, normalised: casefolded, accents and punctuation gone, numbers as digits."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    out = []
    for word in _WORD.findall(_THOUSANDS.sub("", text)):
        word = NUMBER_WORDS.get(word, word)
        if word not in STOP_WORDS:
            out.append(word)
    return out


def shingles(text: str, n: int = 2) -> frozenset[str]:
    """Word n-grams of the content words; a text shorter than n words is its one shingle."""
    seq = words(text)
    if len(seq) < n:
        return frozenset([" ".join(seq)]) if seq else frozenset()
    return frozenset(" ".join(seq[i : i + n]) for i in range(len(seq) - n + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|; 0.0 when either set is empty, since an empty text is evidence of nothing."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def similarity(a: str, b: str) -> float:
    """Exact Jaccard similarity of the two texts' shingle sets: what LSH only estimates."""
    return jaccard(shingles(a), shingles(b))


def same_story(a: str, b: str, threshold: float = 0.5) -> bool:
    """Whether two texts are one story: their similarity reaches the threshold."""
    return similarity(a, b) >= threshold
