"""Echoes: documents that repeat one story (wire copy, machine-reworded copy), and claims repeated across them.

Texts become sets of word shingles; MinHash signatures of those sets go into an LSH index that proposes
candidates cheaply, and the exact Jaccard similarity of the shingle sets confirms or refuses each one.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterable
from itertools import pairwise

import numpy as np
from datasketch import LeanMinHash, MinHash

from toll.errors import UsageError
from toll.model import Claim

# Jaccard of word-pair shingles at or above which two texts are one story, where the worst margin on both sides is
# widest. Copies of one story score 0.33 (an original against a reworded wire copy, tests/reconcile/_stories.py) to
# 0.89; distinct reports 0.15 at most (two monthly updates of one UN mission in toll/data/sample.jsonl), 0.07 in the
# tests' same-war, same-day reports.
THRESHOLD = 0.25
# datasketch's permutation seed and the shingle hash: changing either changes every stored signature. CRC-32 is
# ten times faster than datasketch's SHA-1 default, and datasketch mixes it (MurmurHash3 finalizer) before permuting.
SEED = 1
HASH = zlib.crc32
# little-endian, so a signature written on one machine reads back the same on any other
BYTEORDER = "<"
# a story's copies are checked this many at a time before moving on, and this many candidates at most in all:
# one much-syndicated story must not crowd out the other stories LSH proposed
PER_STORY_CHECKS = 3
MAX_CHECKS = 24

# Spinners write small numbers as digits ("one" -> "1"); both spellings must make the same shingle.
_UNITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_TEENS = ("thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS = (
    {w: str(i) for i, w in enumerate(_UNITS)}
    | {w: str(i) for i, w in enumerate(_TEENS, start=13)}
    | {w: str(10 * i) for i, w in enumerate(_TENS, start=2)}
)

_WORD = re.compile(r"\w+")
# the combining diacritics block: "Café" and "Cafe" are one word once NFKD has split off the accent
_ACCENTS = re.compile("[\u0300-\u036f]")
# "12,000" and "12000" are one number; a plain substitution scans faster than a lookbehind
_THOUSANDS = re.compile(r"(\d)[,\u202f\u00a0](?=\d{3}\b)")


# Lines that say who owns the copy or how to subscribe are the same under every story of an outlet: kept, they
# made two different 24-word briefs of one agency 0.55 similar. A longer line that matches is news, and stays.
BOILERPLATE_MARKS = (
    "all rights reserved", "\u00a9", "copyright", "may not be published", "may not be reproduced", "sign up",
    "newsletter", "subscribe", "follow us", "read more",
)
BOILERPLATE_WORDS = 40


def words(text: str) -> list[str]:
    """The text's words, normalised: casefolded, accents and punctuation gone, small numbers as digits."""
    text = _THOUSANDS.sub(r"\1", text).casefold()
    found = _WORD.findall(text)
    if not text.isascii():  # news is full of dashes and curly quotes: decompose only the words that need it
        found = [w if w.isascii() else _ACCENTS.sub("", unicodedata.normalize("NFKD", w)) for w in found]
    return [NUMBER_WORDS.get(w, w) for w in found]


def story_lines(text: str) -> str:
    """The text without the short lines every outlet or agency appends to every story (copyright, newsletter)."""
    # substring tests, not one regular expression: a case-blind alternation took longer than the whole signature
    if not _boilerplate(text.lower()):
        return text
    return "\n".join(
        line for line in text.splitlines() if len(line.split()) > BOILERPLATE_WORDS or not _boilerplate(line.lower())
    )


def _boilerplate(lowered: str) -> bool:
    return any(mark in lowered for mark in BOILERPLATE_MARKS)


def shingles(text: str) -> frozenset[str]:
    """Pairs of adjacent words of the story's lines; a one-word text is its own shingle."""
    # Every word counts, function words too: a spinner swaps content words, so pairs such as "killed in" survive it.
    # Measured on the tests' reworded copies: content-word pairs kept 0.22 Jaccard, word triples 0.25, word pairs 0.38.
    seq = words(story_lines(text))
    if len(seq) < 2:
        return frozenset(seq)
    return frozenset(f"{a} {b}" for a, b in pairwise(seq))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|A ∩ B| / |A ∪ B|; 0.0 when either set is empty, since an empty text is evidence of nothing."""
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def fingerprint(text: str) -> np.ndarray:
    """The text's word pairs as sorted, unique 32-bit hashes: what signatures are made of and what the exact
    comparison counts (4 bytes a pair; two of a text's ~600 pairs collide about once in 10,000 texts)."""
    seq = words(story_lines(text))
    if len(seq) < 2:
        return np.unique(np.array([_word_hash(w) for w in seq], dtype=np.uint32))
    # each word hashed once (and remembered: news vocabularies repeat), pairs combined in numpy
    h = np.fromiter(map(_word_hash, seq), dtype=np.uint64, count=len(seq))
    pairs = (h[:-1] * np.uint64(0x9E3779B1) + h[1:] * np.uint64(0x85EBCA77)) & np.uint64(0xFFFFFFFF)
    return np.unique(pairs.astype(np.uint32))


_HASHES: dict[str, int] = {}
HASH_CACHE = 300_000  # distinct words remembered, about 30 MB; past it the cache starts again


def _word_hash(word: str) -> int:
    found = _HASHES.get(word)
    if found is None:
        if len(_HASHES) >= HASH_CACHE:
            _HASHES.clear()
        found = _HASHES[word] = HASH(word.encode("utf-8", "surrogatepass"))
    return found


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two fingerprints; 0.0 when either is empty, as jaccard()."""
    if not len(a) or not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


def similarity(a: str, b: str) -> float:
    """Exact Jaccard similarity of the two texts' shingle sets: what LSH only estimates."""
    return jaccard(shingles(a), shingles(b))


def same_story(a: str, b: str, threshold: float = THRESHOLD) -> bool:
    """Whether two texts are one story: their similarity reaches the threshold."""
    return similarity(a, b) >= threshold


class Signer:
    """Makes MinHash signatures of texts; every Signer with the same num_perm makes the same bytes."""

    def __init__(self, num_perm: int = 128) -> None:
        _check_perm(num_perm)
        self.num_perm = num_perm
        # drawing the permutations is the slow part of a new MinHash: done once, shared by every signature
        self._permutations = MinHash(num_perm=num_perm, seed=SEED).permutations

    def signature(self, text: str) -> bytes:
        """The serialised LeanMinHash of the text's shingles."""
        return self.sign(fingerprint(text))

    def sign(self, fingerprint: np.ndarray) -> bytes:
        """The signature of an already computed fingerprint(): the same bytes as signature() of its text."""
        minhash = MinHash(
            num_perm=self.num_perm, seed=SEED, permutations=self._permutations, scheme="affine32", hashfunc=int
        )
        # the fingerprint's values are hashes already: passed through as they are
        minhash.update_batch(fingerprint.tolist())
        lean = LeanMinHash(minhash)
        buf = bytearray(lean.bytesize(BYTEORDER))
        lean.serialize(buf, BYTEORDER)
        return bytes(buf)


def _check_perm(num_perm: int) -> None:
    if not 2 <= num_perm <= 4096:
        raise UsageError(f"must be between 2 and 4096, got {num_perm}", "minhash_perm")


def _load(signature: bytes, num_perm: int) -> LeanMinHash:
    """A signature read back, refused when it was made with another number of permutations."""
    try:
        lean = LeanMinHash.deserialize(signature, BYTEORDER)
    except (struct.error, ValueError, TypeError) as err:
        raise ValueError(f"not a MinHash signature ({err})") from None
    if len(lean) != num_perm or lean.seed != SEED or lean.scheme != "affine32":
        raise UsageError(
            f"a signature of {len(lean)} permutations (seed {lean.seed}, {lean.scheme}) cannot be compared with "
            f"this index of {num_perm}: sign and index with the same minhash_perm",
            "minhash_perm",
        )
    return lean


def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH (bands, rows): the most rows per band that still propose a pair at the threshold 9 times in 10."""
    for rows in range(num_perm, 0, -1):
        b = num_perm // rows
        if b >= 2 and 1 - (1 - threshold**rows) ** b >= 0.9:
            return b, rows
    return num_perm, 1


class EchoIndex:
    """The signatures of the documents seen so far, and the story each belongs to.

    LSH banding over datasketch's MinHash values, kept in plain dicts: each band of `rows` hash values becomes one
    64-bit key, and documents sharing any key are candidates. datasketch's MinHashLSH did the same with a set per
    bucket and bytes keys, at about 20 KB of memory per document and 3 times the time to insert and query."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = 128) -> None:
        _check_perm(num_perm)
        if not 0.0 < threshold <= 1.0:
            raise UsageError(f"must be above 0 and at most 1, got {threshold}", "near_duplicate_threshold")
        self.threshold = threshold
        self.num_perm = num_perm
        self.n_bands, self.rows = bands(threshold, num_perm)
        # band key -> one doc id, or a list of them once a second document shares it (most buckets hold one)
        self._buckets: dict[int, int | list[int]] = {}
        # doc_id -> (story_id, hash values as bytes): the smallest form that still ranks candidates
        self._docs: dict[int, tuple[int, bytes]] = {}
        self._salt = np.arange(self.n_bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)

    def _keys(self, values: np.ndarray) -> list[int]:
        """One 64-bit key per band: the band's hash values folded together, salted with the band's number."""
        grid = values[: self.n_bands * self.rows].astype(np.uint64).reshape(self.n_bands, self.rows)
        key = self._salt.copy()
        with np.errstate(over="ignore"):
            for j in range(self.rows):
                key = (key ^ grid[:, j]) * np.uint64(0x100000001B3)  # FNV-style fold; wraps modulo 2**64
        return key.tolist()

    def add(self, doc_id: int, story_id: int, signature: bytes) -> None:
        """Index a document as part of a story; adding a doc_id again moves it."""
        values = _load(signature, self.num_perm).hashvalues.astype("<u4")
        self.remove(doc_id)
        for key in self._keys(values):
            held = self._buckets.get(key)
            if held is None:
                self._buckets[key] = doc_id
            elif isinstance(held, list):
                held.append(doc_id)
            else:
                self._buckets[key] = [held, doc_id]
        self._docs[doc_id] = (story_id, values.tobytes())

    def remove(self, doc_id: int) -> None:
        """Forget a document, e.g. one published too long ago to be echoed now; unknown ids are ignored."""
        found = self._docs.pop(doc_id, None)
        if found is None:
            return
        for key in self._keys(np.frombuffer(found[1], dtype="<u4")):
            held = self._buckets.get(key)
            if held == doc_id:
                del self._buckets[key]
            elif isinstance(held, list) and doc_id in held:
                held.remove(doc_id)
                if len(held) == 1:
                    self._buckets[key] = held[0]

    def scored(self, signature: bytes) -> list[tuple[float, int, int]]:
        """(estimated similarity, doc_id, story_id) of the LSH hits, best first."""
        mine = _load(signature, self.num_perm).hashvalues.astype("<u4")
        found: set[int] = set()
        for key in self._keys(mine):
            held = self._buckets.get(key)
            if held is None:
                continue
            if isinstance(held, list):
                found.update(held)
            else:
                found.add(held)
        if not found:
            return []
        ids = sorted(found)
        grid = np.frombuffer(b"".join(self._docs[i][1] for i in ids), dtype="<u4").reshape(len(ids), -1)
        estimates = np.count_nonzero(grid == mine, axis=1) / self.num_perm
        hits = [(float(e), i, self._docs[i][0]) for e, i in zip(estimates.tolist(), ids, strict=True)]
        # ties broken by doc_id, so that the order never depends on the order of a set
        hits.sort(key=lambda h: (-h[0], h[1]))
        return hits

    def candidates(self, signature: bytes) -> list[tuple[int, int]]:
        """(doc_id, story_id) of the LSH hits, best estimated similarity first; the caller confirms them."""
        return [(doc_id, story_id) for _, doc_id, story_id in self.scored(signature)]

    def __len__(self) -> int:
        return len(self._docs)


def _noise(sim: float, num_perm: int) -> float:
    """Four standard deviations of a MinHash estimate of this similarity: what an estimate may be off by."""
    return 4 * math.sqrt(sim * (1 - sim) / num_perm)


def _shortlist(hits: Iterable[tuple[float, int, int]], floor: float) -> Iterable[tuple[float, int, int]]:
    """The hits worth an exact comparison: above the floor, a few per story, a bounded number in all."""
    per_story: dict[int, int] = {}
    taken = 0
    for estimate, doc_id, story_id in hits:
        if estimate < floor or taken >= MAX_CHECKS:
            return
        if per_story.get(story_id, 0) >= PER_STORY_CHECKS:
            continue
        per_story[story_id] = per_story.get(story_id, 0) + 1
        taken += 1
        yield estimate, doc_id, story_id


def assign_story(
    text: str,
    signature: bytes,
    index: EchoIndex,
    text_of: Callable[[int], str],
    threshold: float = THRESHOLD,
    fingerprint_of: Callable[[int], np.ndarray] | None = None,
    mine: np.ndarray | None = None,
) -> tuple[int | None, int | None, float | None]:
    """(story_id, matched doc_id, similarity) of the best CONFIRMED candidate, or (None, None, None): the document
    starts a new story. `fingerprint_of` may serve candidates' fingerprints from a cache instead of their texts."""
    # the index's LSH bands are cut for its own threshold: a lower one here finds no more than that one would
    mine = fingerprint(text) if mine is None else mine
    theirs = fingerprint_of or (lambda doc_id: fingerprint(text_of(doc_id)))
    # a hit estimated below the floor is, 4 standard deviations sure, not at the threshold: not worth reading
    floor = threshold - _noise(threshold, index.num_perm)
    widest = _noise(0.5, index.num_perm)
    best: tuple[int | None, int | None, float | None] = (None, None, None)
    best_sim = 0.0
    confirmed: set[int] = set()
    for estimate, doc_id, story_id in _shortlist(index.scored(signature), floor):
        if best_sim and estimate < best_sim - widest:
            break  # nothing further down can beat the best one confirmed
        if story_id in confirmed:
            continue
        sim = overlap(mine, theirs(doc_id))
        if sim >= threshold:
            confirmed.add(story_id)
            if sim > best_sim:
                best, best_sim = (story_id, doc_id, sim), sim
    return best


def _name(value: str | None) -> str | None:
    """A name as a key: casefolded, punctuation and a leading article gone; blank is no name."""
    if value is None:
        return None
    text = " ".join(words(value))
    for article in ("the ", "a ", "an "):
        if text.startswith(article):
            text = text[len(article) :]
            break
    return text or None


def claim_key(claim: Claim) -> str:
    """The identity of a claim across documents: who says how many of whom were what, as of when (sha256 hex)."""
    value = claim.value
    # "about 14" and "14" are one figure told with or without a hedge; bounds, ranges and vague plurals differ
    kind = "point" if value.kind in ("exact", "approx") else value.kind
    canon = [
        _name(claim.claimant),
        value.low,
        value.high,
        kind,
        claim.category,
        _name(claim.victim.party),
        claim.victim.role,
        claim.as_of.isoformat() if claim.as_of else None,
    ]
    return hashlib.sha256(json.dumps(canon, ensure_ascii=True, separators=(",", ":")).encode("ascii")).hexdigest()
