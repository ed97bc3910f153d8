"""Echoes: documents that repeat one story (wire copy, machine-reworded copy), and claims repeated across them.

Texts become sets of word shingles; MinHash signatures of those sets go into an LSH index that proposes
candidates cheaply, and the exact Jaccard similarity of the shingle sets confirms or refuses each one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import re
import struct
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise, repeat
from typing import Any

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
    # words(), spelled out: the cache maps each word as the text spells it (casefolded) straight to the hash of its
    # normal form, so a known word costs one dict look-up instead of three passes over the list
    found = _WORD.findall(_THOUSANDS.sub(r"\1", story_lines(text)).casefold())
    h = np.fromiter(map(_HASHES.get, found, repeat(-1)), dtype=np.int64, count=len(found))
    if len(found) and h.min() < 0:
        for i in np.flatnonzero(h < 0).tolist():
            h[i] = _word_hash(found[i])
    h = h.view(np.uint64)
    if len(found) >= 2:
        # pairs combined in numpy; the cast to 32 bits keeps the low half, as a mask would
        h = h[:-1] * np.uint64(0x9E3779B1) + h[1:] * np.uint64(0x85EBCA77)
    return _sorted_unique(h.astype(np.uint32))


def _sorted_unique(values: np.ndarray) -> np.ndarray:
    values.sort()
    if len(values) < 2:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


# spelling as found (casefolded) -> hash of the word's normal form. News vocabularies repeat, and a full cache starts
# again rather than grow: about 100 bytes a word (5 MB full), the same however many documents go by
_HASHES: dict[str, int] = {}
HASH_CACHE = 50_000


def _word_hash(found: str) -> int:
    """The hash of one word of words(), from its spelling in the casefolded text; remembered."""
    word = found if found.isascii() else _ACCENTS.sub("", unicodedata.normalize("NFKD", found))
    word = NUMBER_WORDS.get(word, word)
    if len(_HASHES) >= HASH_CACHE:
        _HASHES.clear()
    _HASHES[found] = value = HASH(word.encode("utf-8", "surrogatepass"))
    return value


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Jaccard similarity of two fingerprints; 0.0 when either is empty, as jaccard().

    Both must be fingerprint()s, sorted and unique: each of the shorter one's hashes is looked up in the longer by
    bisection, which costs less than intersect1d's sort of both together."""
    if not len(a) or not len(b):
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    at = np.searchsorted(b, a)
    at[at == len(b)] = 0  # past the end: not there, and index 0 keeps the comparison in bounds
    inter = int(np.count_nonzero(b[at] == a))
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
        self._a, self._b = MinHash(num_perm=num_perm, seed=SEED, scheme="affine32").permutations
        self._header = _header(num_perm)

    def signature(self, text: str) -> bytes:
        """The serialised LeanMinHash of the text's shingles."""
        return self.sign(fingerprint(text))

    def sign(self, fingerprint: np.ndarray) -> bytes:
        """The signature of an already computed fingerprint(): the same bytes as signature() of its text.

        datasketch's affine32 scheme, computed here in one pass: its MinHash and LeanMinHash objects, built and
        serialised for each document, cost more than the arithmetic (tests/reconcile checks the bytes against
        datasketch's own)."""
        if not len(fingerprint):  # no value was ever lower than the largest
            return self._header + np.full(self.num_perm, 0xFFFFFFFF, dtype="<u4").tobytes()
        # the fingerprint's values are hashes already: only mixed (MurmurHash3's finalizer), then permuted
        h = np.asarray(fingerprint, dtype=np.uint32)
        h = h ^ (h >> np.uint32(16))
        h *= np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
        grid = np.multiply.outer(h, self._a)  # wraps modulo 2**32, as the scheme's permutations do
        grid += self._b
        return self._header + grid.min(axis=0).astype("<u4").tobytes()


@functools.cache
def _header(num_perm: int) -> bytes:
    """What every affine32 signature of num_perm values starts with (seed, count, scheme), taken from datasketch's
    own serialisation of an empty MinHash, so that the bytes are its format whatever that is."""
    lean = LeanMinHash(MinHash(num_perm=num_perm, seed=SEED, scheme="affine32"))
    buf = bytearray(lean.bytesize(BYTEORDER))
    lean.serialize(buf, BYTEORDER)
    return bytes(buf[: len(buf) - 4 * num_perm])


def _check_perm(num_perm: int) -> None:
    if not 2 <= num_perm <= 4096:
        raise UsageError(f"must be between 2 and 4096, got {num_perm}", "minhash_perm")


def _load(signature: bytes, num_perm: int) -> np.ndarray:
    """The hash values of a signature read back, refused when it was made with another number of permutations."""
    header = _header(num_perm)
    if len(signature) == len(header) + 4 * num_perm and signature.startswith(header):
        return np.frombuffer(signature, dtype="<u4", offset=len(header))
    # anything else is datasketch's to read: a refusal then says what the signature is
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
    return lean.hashvalues.astype("<u4")


def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """LSH (bands, rows): the most rows per band that still propose a pair at the threshold 9 times in 10."""
    for rows in range(num_perm, 0, -1):
        b = num_perm // rows
        if b >= 2 and 1 - (1 - threshold**rows) ** b >= 0.9:
            return b, rows
    return num_perm, 1


# Documents just added wait in a dict (band key -> slots) until this many have, then join the sorted arrays as one
# more of them; two arrays of about one size are merged into one, so that there are about log2(documents / this)
# of them to search and each entry is copied as often
RECENT_DOCS = 256
# slots per block of stored hash values: memory grows a block at a time and nothing already stored is copied
BLOCK_SLOTS = 2048


_Level = tuple[np.ndarray, np.ndarray]


class _Block:
    """BLOCK_SLOTS slots: each one add()ed document's hash values, ids and whether it is still indexed."""

    __slots__ = ("alive", "docs", "stories", "values")

    def __init__(self, num_perm: int) -> None:
        self.values = np.empty((BLOCK_SLOTS, num_perm), dtype=np.uint32)
        self.docs = np.empty(BLOCK_SLOTS, dtype=np.int64)
        self.stories = np.empty(BLOCK_SLOTS, dtype=np.int64)
        self.alive = np.zeros(BLOCK_SLOTS, dtype=bool)


class EchoIndex:
    """The signatures of the documents seen so far, and the story each belongs to.

    LSH banding over datasketch's MinHash values: each band of `rows` hash values becomes one 64-bit key, and
    documents sharing any key are candidates. The keys live in sorted numpy arrays, each entry 12 bytes (the key
    and the slot of the document it came from), and one searchsorted looks up every band of a query at once; with
    the 4-byte hash values that rank the hits, a document costs about 1.4 KB (2.1 KB at the peak of a merge).
    Plain dicts of keys had cost 3.9 KB, datasketch's MinHashLSH 20 KB, and memory is what limits a long ingest.

    Each add() takes a new slot. Removing a document only marks its slot dead: the arrays drop dead slots when
    they merge, and when dead slots outnumber live ones everything is rebuilt from the live ones."""

    def __init__(self, threshold: float = THRESHOLD, num_perm: int = 128) -> None:
        _check_perm(num_perm)
        if not 0.0 < threshold <= 1.0:
            raise UsageError(f"must be above 0 and at most 1, got {threshold}", "near_duplicate_threshold")
        self.threshold = threshold
        self.num_perm = num_perm
        self.n_bands, self.rows = bands(threshold, num_perm)
        self._salt = np.arange(self.n_bands, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        self._clear()
        # the last signature looked at, its values and keys: place() queries a signature, then adds the same one
        self._memo: tuple[bytes, np.ndarray, np.ndarray] | None = None

    def _clear(self) -> None:
        self._slot: dict[int, int] = {}  # doc_id -> its live slot
        self._blocks: list[_Block] = []  # slot s is row s % BLOCK_SLOTS of block s // BLOCK_SLOTS
        self._used = 0  # slots handed out
        self._dead = 0  # of those, slots no longer indexed
        self._merged = 0  # slots below this are in the sorted arrays, the others in _recent
        self._recent: dict[int, int | list[int]] = {}  # band key -> slot, or a list once a second one shares it
        self._levels: list[_Level] = []  # (sorted band keys, their slots), largest first

    def _keys(self, values: np.ndarray) -> np.ndarray:
        """One 64-bit key per band of each row of hash values: the band's values folded together, salted with the
        band's number."""
        grid = values[..., : self.n_bands * self.rows].astype(np.uint64)
        grid = grid.reshape(*values.shape[:-1], self.n_bands, self.rows)
        key = self._salt
        with np.errstate(over="ignore"):
            for j in range(self.rows):
                key = (key ^ grid[..., j]) * np.uint64(0x100000001B3)  # FNV-style fold; wraps modulo 2**64
        return key

    def _parsed(self, signature: bytes) -> tuple[np.ndarray, np.ndarray]:
        memo = self._memo
        if memo is not None and memo[0] == signature:
            return memo[1], memo[2]
        values = _load(signature, self.num_perm)
        keys = self._keys(values)
        self._memo = (signature, values, keys)
        return values, keys

    def add(self, doc_id: int, story_id: int, signature: bytes) -> None:
        """Index a document as part of a story; adding a doc_id again moves it."""
        values, keys = self._parsed(signature)
        self.remove(doc_id)
        slot = self._store(values[None, :], [doc_id], [story_id])[0]
        for key in keys.tolist():
            held = self._recent.get(key)
            if held is None:
                self._recent[key] = slot
            elif isinstance(held, list):
                held.append(slot)
            else:
                self._recent[key] = [held, slot]
        if self._used - self._merged >= RECENT_DOCS:
            self._flush()

    def remove(self, doc_id: int) -> None:
        """Forget a document, e.g. one published too long ago to be echoed now; unknown ids are ignored."""
        slot = self._slot.pop(doc_id, None)
        if slot is None:
            return
        self._blocks[slot // BLOCK_SLOTS].alive[slot % BLOCK_SLOTS] = False
        self._dead += 1
        if self._dead > max(len(self._slot), RECENT_DOCS):
            self._rebuild()

    def scored(self, signature: bytes) -> list[tuple[float, int, int]]:
        """(estimated similarity, doc_id, story_id) of the LSH hits, best first."""
        estimates, docs, stories = self.ranked(signature)
        return list(zip(estimates.tolist(), docs.tolist(), stories.tolist(), strict=True))

    def ranked(self, signature: bytes, floor: float = 0.0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """scored() as three arrays (estimates, doc ids, story ids), only the hits estimated at the floor or above:
        on a corpus of look-alike reports LSH proposes thousands, and few are worth a tuple."""
        mine, keys = self._parsed(signature)
        slots = self._lookup(keys)
        values, docs, stories, alive = self._take(slots)
        estimates = _matches(values, mine) / self.num_perm
        keep = estimates >= floor
        if self._dead:
            keep &= alive
        if not keep.all():
            estimates, docs, stories = estimates[keep], docs[keep], stories[keep]
        # ties broken by doc_id, so that the order never depends on where a document was stored
        order = np.lexsort((docs, -estimates))
        return estimates[order], docs[order], stories[order]

    def candidates(self, signature: bytes) -> list[tuple[int, int]]:
        """(doc_id, story_id) of the LSH hits, best estimated similarity first; the caller confirms them."""
        return [(doc_id, story_id) for _, doc_id, story_id in self.scored(signature)]

    def story(self, doc_id: int) -> int | None:
        """The story an indexed document belongs to; None for one not indexed."""
        slot = self._slot.get(doc_id)
        return None if slot is None else int(self._blocks[slot // BLOCK_SLOTS].stories[slot % BLOCK_SLOTS])

    def __len__(self) -> int:
        return len(self._slot)

    def _lookup(self, keys: np.ndarray) -> np.ndarray:
        """The slots, ascending and each once, that share a band key with `keys` (dead ones included)."""
        found: list[np.ndarray] = []
        recent: list[int] = []
        for key in keys.tolist():
            held = self._recent.get(key)
            if held is None:
                continue
            if isinstance(held, list):
                recent.extend(held)
            else:
                recent.append(held)
        if recent:
            found.append(np.array(recent, dtype=np.int64))
        for level_keys, level_slots in self._levels:
            at = np.searchsorted(level_keys, keys)
            hit = level_keys[np.minimum(at, len(level_keys) - 1)] == keys
            if not hit.any():
                continue
            lo = at[hit]
            n = np.searchsorted(level_keys, keys[hit], side="right") - lo
            # every position of every matching run: lo, lo + 1, ... for each run, in one array
            found.append(level_slots[np.repeat(lo - np.cumsum(n) + n, n) + np.arange(n.sum())])
        if not found:
            return np.empty(0, dtype=np.int64)
        # each slot once, ascending: marked in an array as long as the slots handed out, which costs less than
        # sorting the hits (np.unique) once a query hits a few thousand entries
        marks = np.zeros(self._used, dtype=bool)
        for part in found:
            marks[part] = True
        return np.flatnonzero(marks)

    def _store(self, values: np.ndarray, docs: list[int], stories: list[int]) -> list[int]:
        """Give each of the documents the next slot; their slots."""
        slots = []
        for row, doc_id, story_id in zip(values, docs, stories, strict=True):
            slot = self._used
            if slot // BLOCK_SLOTS == len(self._blocks):
                self._blocks.append(_Block(self.num_perm))
            block, i = self._blocks[slot // BLOCK_SLOTS], slot % BLOCK_SLOTS
            block.values[i] = row
            block.docs[i], block.stories[i], block.alive[i] = doc_id, story_id, True
            self._slot[doc_id] = slot
            self._used += 1
            slots.append(slot)
        return slots

    def _flush(self) -> None:
        """The recent documents join the sorted arrays, as one more array merged with those of about its size."""
        slots = np.arange(self._merged, self._used, dtype=np.int64)
        values, _, _, alive = self._take(slots)
        slots = slots[alive]
        self._recent.clear()
        self._merged = self._used
        if len(slots):
            keys = self._keys(values[alive]).ravel()
            order = np.argsort(keys, kind="stable")
            self._levels.append((keys[order], np.repeat(slots.astype(np.int32), self.n_bands)[order]))
        while len(self._levels) >= 2 and len(self._levels[-2][0]) <= len(self._levels[-1][0]):
            newer = self._levels.pop()
            self._levels[-1] = self._merge(self._levels[-1], newer)
            if not len(self._levels[-1][0]):
                self._levels.pop()

    def _merge(self, a: _Level, b: _Level) -> _Level:
        """Two sorted arrays as one, without their dead slots; b's entries are placed into a's by bisection,
        which needs no more memory than the result (a sort of both would need three times that)."""
        if self._dead:
            a, b = self._live(a), self._live(b)
        at = np.searchsorted(a[0], b[0], side="right") + np.arange(len(b[0]))
        from_a = np.ones(len(a[0]) + len(b[0]), dtype=bool)
        from_a[at] = False
        keys = np.empty(len(from_a), dtype=np.uint64)
        slots = np.empty(len(from_a), dtype=np.int32)
        keys[at], slots[at] = b
        keys[from_a], slots[from_a] = a
        return keys, slots

    def _live(self, level: _Level) -> _Level:
        alive = np.concatenate([block.alive for block in self._blocks])[level[1]]
        return level[0][alive], level[1][alive]

    def _rebuild(self) -> None:
        """Everything again from the live slots only, in their order: what dead slots held is given back."""
        live = np.array(sorted(self._slot.values()), dtype=np.int64)
        old = self._blocks
        self._clear()
        for start in range(0, len(live), RECENT_DOCS):
            values, docs, stories, _ = self._take(live[start : start + RECENT_DOCS], old)
            self._store(values, docs.tolist(), stories.tolist())
            self._flush()

    def _take(
        self, slots: np.ndarray, blocks: list[_Block] | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(hash values, doc ids, story ids, alive) of ascending slots, from this index's blocks or those given."""
        blocks = self._blocks if blocks is None else blocks
        values = np.empty((len(slots), self.num_perm), dtype=np.uint32)
        docs = np.empty(len(slots), dtype=np.int64)
        stories = np.empty(len(slots), dtype=np.int64)
        alive = np.empty(len(slots), dtype=bool)
        if not len(slots):
            return values, docs, stories, alive
        first, last = int(slots[0]) // BLOCK_SLOTS, int(slots[-1]) // BLOCK_SLOTS
        # where each block's slots start among the sorted ones
        cuts = np.searchsorted(slots, np.arange(first, last + 2) * BLOCK_SLOTS).tolist()
        for b, lo, hi in zip(range(first, last + 1), cuts[:-1], cuts[1:], strict=True):
            if lo == hi:
                continue
            block, rows = blocks[b], slots[lo:hi] - b * BLOCK_SLOTS
            values[lo:hi] = block.values[rows]
            docs[lo:hi], stories[lo:hi], alive[lo:hi] = block.docs[rows], block.stories[rows], block.alive[rows]
        return values, docs, stories, alive


def _matches(values: np.ndarray, mine: np.ndarray) -> np.ndarray:
    """For each row of values, how many of its hash values equal mine in the same place."""
    same = values == mine
    width = same.shape[-1]
    if width % 8 or width >= 256 or not same.flags.c_contiguous:
        return np.count_nonzero(same, axis=1)
    # count_nonzero along an axis adds the booleans one at a time: a third of ranked()'s time at 10,000 documents.
    # Read 8 to a word, the words' sum holds 8 partial counts in its 8 bytes, each at most width / 8; one product
    # then adds them into the top byte, and no partial sum ever reaches 256 to carry into the next byte.
    lanes = same.view(np.uint64).sum(axis=1, dtype=np.uint64)
    return (lanes * np.uint64(0x0101010101010101)) >> np.uint64(56)


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


def _as_tuples(*columns: np.ndarray, chunk: int = 64) -> Iterator[tuple[Any, ...]]:
    """The rows of equal-length arrays as tuples of Python numbers, converted a chunk at a time: of the
    thousand or more hits a query may get, the shortlist mostly reads a few dozen."""
    for start in range(0, len(columns[0]), chunk):
        yield from zip(*(c[start : start + chunk].tolist() for c in columns), strict=True)


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
    estimates, docs, stories = index.ranked(signature, floor)
    for estimate, doc_id, story_id in _shortlist(_as_tuples(estimates, docs, stories), floor):
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
