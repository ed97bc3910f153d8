"""The compact parts of near-duplicate detection against plain references: the sorted-array LSH index against a
scan of every document's bands, the one-pass signature against datasketch's MinHash, the cached fingerprint
against words() hashed pair by pair, the bisecting overlap against set Jaccard."""

from __future__ import annotations

import random
import zlib
from itertools import pairwise

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from toll.reconcile import echoes
from toll.reconcile.echoes import BYTEORDER, SEED, EchoIndex, Signer, bands, fingerprint, overlap, story_lines, words

# A small pool of hashes: documents drawn from it overlap a lot, so that they share bands often (thousands of LSH
# hits among a few hundred documents, as on a corpus of look-alike reports).
POOL = np.arange(1, 400, dtype=np.uint32) * np.uint32(2654435761)


def drawn(rng: random.Random) -> np.ndarray:
    """A fingerprint: a sorted subset of the pool, sometimes empty or one value."""
    size = rng.choice((0, 1, rng.randint(2, 12), rng.randint(20, 80)))
    return np.unique(np.array(rng.sample(list(POOL), size), dtype=np.uint32))


class Reference:
    """What an LSH index must answer, by brute force: every document whose hash values agree with the query's on
    every row of at least one band, scored by the share of agreeing values, best first, ties by doc_id."""

    def __init__(self, threshold: float, num_perm: int) -> None:
        self.num_perm = num_perm
        self.n_bands, self.rows = bands(threshold, num_perm)
        self.docs: dict[int, tuple[int, np.ndarray]] = {}

    def add(self, doc_id: int, story_id: int, signature: bytes) -> None:
        self.docs[doc_id] = (story_id, values_of(signature))

    def remove(self, doc_id: int) -> None:
        self.docs.pop(doc_id, None)

    def scored(self, signature: bytes) -> list[tuple[float, int, int]]:
        mine = values_of(signature)
        cut = self.n_bands * self.rows
        hits = []
        for doc_id, (story_id, theirs) in self.docs.items():
            same = (theirs[:cut] == mine[:cut]).reshape(self.n_bands, self.rows).all(axis=1)
            if same.any():
                hits.append((np.count_nonzero(theirs == mine) / self.num_perm, doc_id, story_id))
        return sorted(hits, key=lambda h: (-h[0], h[1]))


def values_of(signature: bytes) -> np.ndarray:
    return LeanMinHash.deserialize(signature, BYTEORDER).hashvalues.astype(np.uint32)


def small_index(monkeypatch: pytest.MonkeyPatch, recent: int, block: int) -> None:
    """Tiny merge and block sizes, so that a few dozen documents cross every boundary many times."""
    monkeypatch.setattr(echoes, "RECENT_DOCS", recent)
    monkeypatch.setattr(echoes, "BLOCK_SLOTS", block)


def check(index: EchoIndex, ref: Reference, queries: list[bytes]) -> None:
    assert len(index) == len(ref.docs)
    for q in queries:
        assert index.scored(q) == ref.scored(q)
    for doc_id, (story_id, _) in ref.docs.items():
        assert index.story(doc_id) == story_id


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.25, 128), (0.5, 64), (0.9, 16)])
def test_the_index_proposes_exactly_the_documents_that_share_a_band(threshold: float, num_perm: int) -> None:
    rng, signer = random.Random(num_perm), Signer(num_perm)
    signatures = [signer.sign(drawn(rng)) for _ in range(700)]
    index, ref = EchoIndex(threshold, num_perm), Reference(threshold, num_perm)
    for doc_id, sig in enumerate(signatures):  # past RECENT_DOCS twice: recent dict, one sorted array, a merge
        index.add(doc_id, doc_id % 37, sig)
        ref.add(doc_id, doc_id % 37, sig)
    queries = signatures[::7] + [signer.sign(drawn(rng)) for _ in range(60)]
    assert sum(len(ref.scored(q)) for q in queries) > 10 * len(queries), "too few hits to test anything"
    check(index, ref, queries)


@pytest.mark.parametrize(("recent", "block"), [(1, 1), (2, 3), (4, 8), (5, 4)])
def test_every_merge_and_block_boundary_keeps_the_answers(monkeypatch: pytest.MonkeyPatch, recent: int,
                                                          block: int) -> None:
    small_index(monkeypatch, recent, block)
    rng, signer = random.Random(recent * 10 + block), Signer(32)
    signatures = [signer.sign(drawn(rng)) for _ in range(60)]
    index, ref = EchoIndex(0.5, 32), Reference(0.5, 32)
    for doc_id, sig in enumerate(signatures):
        index.add(doc_id, 1000 + doc_id, sig)
        ref.add(doc_id, 1000 + doc_id, sig)
        check(index, ref, signatures[: doc_id + 1 : 3] + [signatures[doc_id]])


@pytest.mark.parametrize(("recent", "block"), [(2, 3), (4, 8), (256, 2048)])
def test_removing_and_moving_documents_keeps_the_answers(monkeypatch: pytest.MonkeyPatch, recent: int,
                                                         block: int) -> None:
    small_index(monkeypatch, recent, block)
    rng, signer = random.Random(block), Signer(32)
    signatures = [signer.sign(drawn(rng)) for _ in range(80)]
    index, ref = EchoIndex(0.5, 32), Reference(0.5, 32)
    for step in range(900):
        doc_id = rng.randrange(120)
        if rng.random() < 0.6:  # a new document, or a known one moved to another story and signature
            sig, story = rng.choice(signatures), rng.randrange(9)
            index.add(doc_id, story, sig)
            ref.add(doc_id, story, sig)
        else:
            index.remove(doc_id)
            ref.remove(doc_id)
        if step % 50 == 0:
            check(index, ref, signatures[::5])
    check(index, ref, signatures)


def test_removing_most_documents_gives_their_memory_back(monkeypatch: pytest.MonkeyPatch) -> None:
    small_index(monkeypatch, 4, 8)
    rng, signer = random.Random(3), Signer(32)
    signatures = [signer.sign(drawn(rng)) for _ in range(50)]
    index, ref = EchoIndex(0.5, 32), Reference(0.5, 32)
    for doc_id in range(400):
        index.add(doc_id, doc_id, signatures[doc_id % 50])
        ref.add(doc_id, doc_id, signatures[doc_id % 50])
    for doc_id in range(400):
        if doc_id % 20:
            index.remove(doc_id)
            ref.remove(doc_id)
    check(index, ref, signatures)
    # what stays held is proportional to the documents still indexed, not to the 400 ever added
    slots = index._used  # noqa: SLF001 (the point of the test)
    keys = sum(len(k) for k, _ in index._levels)  # noqa: SLF001
    assert slots <= 2 * len(index) + 4 and keys <= slots * index.n_bands
    index.remove(99999)
    for doc_id in range(400):
        index.remove(doc_id)
    assert len(index) == 0 and all(index.scored(s) == [] for s in signatures)


def test_a_story_is_known_only_for_indexed_documents() -> None:
    index, sig = EchoIndex(), Signer().signature("shelling hit the market on monday")
    index.add(5, 2, sig)
    index.add(6, 2, sig)
    index.add(5, 9, sig)
    index.remove(6)
    assert (index.story(5), index.story(6), index.story(7)) == (9, None, None)


def reference_signature(fp: np.ndarray, num_perm: int) -> bytes:
    """datasketch's own way, one object per document: what stored signatures were made with."""
    minhash = MinHash(num_perm=num_perm, seed=SEED, scheme="affine32", hashfunc=int)
    minhash.update_batch(fp.tolist())
    lean = LeanMinHash(minhash)
    buf = bytearray(lean.bytesize(BYTEORDER))
    lean.serialize(buf, BYTEORDER)
    return bytes(buf)


@pytest.mark.parametrize("num_perm", [2, 7, 128, 256])
def test_signatures_are_datasketchs_bytes(num_perm: int) -> None:
    rng, signer = random.Random(num_perm), Signer(num_perm)
    fps = [drawn(rng) for _ in range(40)] + [np.array([0, 2**32 - 1], dtype=np.uint32)]
    fps += [np.unique(np.random.default_rng(i).integers(0, 2**32, 700, dtype=np.uint64).astype(np.uint32))
            for i in range(5)]
    for fp in fps:
        assert signer.sign(fp) == reference_signature(fp, num_perm)


def pairs_by_hand(text: str) -> np.ndarray:
    """fingerprint() spelled out: words(), each hashed, adjacent pairs combined modulo 2**32."""
    seq = [zlib.crc32(w.encode("utf-8", "surrogatepass")) for w in words(story_lines(text))]
    if len(seq) < 2:
        return np.array(sorted(set(seq)), dtype=np.uint32)
    return np.array(sorted({(a * 0x9E3779B1 + b * 0x85EBCA77) % 2**32 for a, b in pairwise(seq)}), dtype=np.uint32)


PIECES = [*"aAeé\u0301ßﬁ½²İ 1203,.\u202f\u00a0\n—’\ud800", "one ", "Twelve ", "©", "sign up"]
SPELLINGS = st.lists(st.sampled_from(PIECES), max_size=80).map("".join)


@settings(max_examples=200, deadline=None)
@given(SPELLINGS)
def test_the_fingerprint_is_words_hashed_in_pairs(text: str) -> None:
    fp = fingerprint(text)
    assert fp.dtype == np.uint32 and np.array_equal(fp, pairs_by_hand(text))


def test_a_full_word_cache_starting_again_changes_no_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["Twelve café owners said 12,000 people had fled.", "ONE one 1 Café CAFE cafe", "a", "", "x y"]
    expected = [pairs_by_hand(t) for t in texts]
    monkeypatch.setattr(echoes, "_HASHES", {})
    monkeypatch.setattr(echoes, "HASH_CACHE", 3)  # cleared several times within each text
    for _ in range(2):
        assert all(np.array_equal(fingerprint(t), e) for t, e in zip(texts, expected, strict=True))
        assert len(echoes._HASHES) <= 3  # noqa: SLF001


@settings(max_examples=300, deadline=None)
@given(st.sets(st.integers(0, 60)), st.sets(st.integers(0, 60)))
def test_overlap_is_the_jaccard_of_the_sets(a: set[int], b: set[int]) -> None:
    fa, fb = (np.array(sorted(x), dtype=np.uint32) for x in (a, b))
    expected = len(a & b) / len(a | b) if a and b else 0.0
    assert overlap(fa, fb) == overlap(fb, fa) == expected
