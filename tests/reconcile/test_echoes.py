"""Echoes: wire copies and machine-reworded copies join their original's story; distinct reports on the same war,
day, names and figures do not; one claim told by many documents has one key."""

from __future__ import annotations

import itertools
import json
import random
import re
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toll.errors import UsageError
from toll.model import Claim, Figure, Span, Victim
from toll.reconcile.echoes import (
    THRESHOLD,
    EchoIndex,
    Signer,
    assign_story,
    claim_key,
    same_story,
    similarity,
    story_lines,
    words,
)

from ._stories import BOILERPLATE, STORIES, Story, reworded, syndicated

ROOT = Path(__file__).resolve().parents[2]
SIGNER = Signer()
COPIES: dict[str, Callable[[Story], str]] = {
    "syndicated": syndicated,
    "reworded": lambda s: reworded(s.text),
    "reworded wire": lambda s: reworded(syndicated(s)),
}
SAME_WAR = [s for s in STORIES if "Kestrania" in s.text]
# what a spinner leaves alone and what says nothing of the story: not counted when measuring how much it changed
FUNCTION_WORDS = frozenset(
    (
        "a", "an", "the", "of", "in", "on", "at", "to", "by", "for", "from", "with", "and", "or", "but", "as", "is",
        "are", "was", "were", "be", "been", "has", "have", "had", "it", "its", "this", "that", "these", "those",
        "their", "his", "her", "he", "she", "they", "we", "who", "which", "when", "where", "there", "than", "into",
        "near", "over", "after", "before",
    )
)


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in FUNCTION_WORDS]


class Newsroom:
    """An EchoIndex with the texts it indexed: what the ingest loop keeps, in miniature."""

    def __init__(self) -> None:
        self.index = EchoIndex(THRESHOLD)
        self.texts: dict[int, str] = {}
        self.story_of: dict[int, int] = {}

    def ingest(self, text: str) -> tuple[int, int | None, float | None]:
        """Assign the text a story (its match's, or a new one numbered by its doc_id), index it, return both."""
        doc_id = len(self.texts) + 1
        signature = SIGNER.signature(text)
        story, matched, sim = assign_story(text, signature, self.index, self.texts.__getitem__, THRESHOLD)
        story = doc_id if story is None else story
        self.index.add(doc_id, story, signature)
        self.texts[doc_id] = text
        self.story_of[doc_id] = story
        return story, matched, sim


# -- the corpus is what it claims to be ------------------------------------------------------------------------


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.key)
def test_originals_are_news_length_and_the_spinner_changes_a_quarter_of_the_content_words(story: Story) -> None:
    assert 150 <= len(story.text.split()) <= 400
    before, after = content_words(story.text), set(content_words(reworded(story.text)))
    changed = sum(w not in after for w in before) / len(before)
    assert changed >= 0.25, f"{story.key}: only {changed:.0%} of content words changed"


def test_same_war_reports_share_names_places_and_the_figure() -> None:
    assert len(SAME_WAR) >= 4
    for name in (r"\bBrennik\b", r"\b14\b", r"\bIlse Varkonen\b", r"\bKestrania"):
        assert all(re.search(name, s.text) for s in SAME_WAR), name


# -- grouping -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("copy", COPIES, ids=str)
def test_every_copy_joins_its_originals_story_and_no_originals_are_joined(copy: str) -> None:
    room = Newsroom()
    for story in STORIES:
        assert room.ingest(story.text) == (len(room.texts), None, None), f"{story.key} joined another story"
    originals = dict(zip((s.key for s in STORIES), room.story_of.values(), strict=True))
    for story in STORIES:
        joined, matched, sim = room.ingest(COPIES[copy](story))
        assert joined == originals[story.key], f"{copy} copy of {story.key} went to story {joined}"
        assert matched is not None and room.story_of[matched] == joined
        assert sim is not None and sim == similarity(room.texts[len(room.texts)], room.texts[matched]) >= THRESHOLD


def test_a_reworded_copy_finds_the_wire_copy_when_the_original_was_never_seen() -> None:
    room = Newsroom()
    wire = {s.key: room.ingest(syndicated(s))[0] for s in STORIES}
    assert len(set(wire.values())) == len(STORIES), "two wire stories were joined"
    for story in STORIES:
        assert room.ingest(reworded(story.text))[0] == wire[story.key], story.key


def test_copies_arriving_interleaved_still_land_in_their_own_stories() -> None:
    room = Newsroom()
    order = [(s.key, make(s)) for make in (lambda s: s.text, *COPIES.values()) for s in STORIES]
    order = order[::2] + order[1::2]  # copies of a story now often arrive before the original
    for _, text in order:
        room.ingest(text)
    by_story: dict[int, set[str]] = {}
    for (key, _), story in zip(order, room.story_of.values(), strict=True):
        by_story.setdefault(story, set()).add(key)
    assert sorted(map(sorted, by_story.values())) == sorted([s.key] for s in STORIES)


@pytest.mark.parametrize(("a", "b"), itertools.combinations(SAME_WAR, 2), ids=lambda s: s.key)
def test_reports_of_one_war_and_day_are_different_stories(a: Story, b: Story) -> None:
    assert not same_story(a.text, b.text)
    assert not same_story(syndicated(a), syndicated(b))
    assert not same_story(reworded(a.text), reworded(b.text))


def test_lsh_puts_a_copys_own_story_first() -> None:
    index = EchoIndex(THRESHOLD)
    for i, story in enumerate(STORIES):
        index.add(100 + i, i, SIGNER.signature(story.text))
    assert len(index) == len(STORIES)
    for i, story in enumerate(STORIES):
        for copy, make in COPIES.items():
            hits = index.candidates(SIGNER.signature(make(story)))
            assert hits and hits[0] == (100 + i, i), f"{copy} copy of {story.key}: {hits}"


def test_the_threshold_sits_between_copies_and_distinct_reports_with_margin() -> None:
    texts = [(s.key, kind, make(s)) for s in STORIES for kind, make in {"original": lambda s: s.text, **COPIES}.items()]
    true, false = [], []
    for (k1, v1, a), (k2, v2, b) in itertools.combinations(texts, 2):
        (true if k1 == k2 else false).append((similarity(a, b), f"{k1}/{v1} ~ {k2}/{v2}"))
    print()
    for kind in COPIES:
        against = [sim for sim, pair in true if pair.split(" ~ ")[0].endswith("/original") and pair.endswith("/" + kind)]
        print(f"{kind} copy ~ its original: min {min(against):.3f}, max {max(against):.3f}")
    lo, hi = min(true), max(false)
    originals = [sim for sim, pair in false if pair.count("/original") == 2]
    print(f"copies of one story: min {lo[0]:.3f} ({lo[1]}), median {sorted(true)[len(true) // 2][0]:.3f}")
    print(f"distinct stories: max {hi[0]:.3f} ({hi[1]}); originals against originals: max {max(originals):.3f}")
    print(f"threshold {THRESHOLD}: {lo[0] - THRESHOLD:+.3f} below the lowest copy, {THRESHOLD - hi[0]:+.3f} above the highest other")
    assert lo[0] >= THRESHOLD + 0.05 and hi[0] <= THRESHOLD - 0.05


def test_the_sample_corpus_has_exactly_its_two_documented_echoes() -> None:
    lines = (ROOT / "toll" / "data" / "sample.jsonl").read_text(encoding="utf-8").splitlines()
    docs = {d["id"]: d["text"] for d in map(json.loads, lines)}
    room, ids = Newsroom(), {}
    for doc_id, text in docs.items():
        ids[doc_id] = room.ingest(text)[0]
    joined = {(a, b) for a, b in itertools.combinations(docs, 2) if ids[a] == ids[b]}
    assert joined == {("sample-08", "sample-29"), ("sample-16", "sample-30")}
    others = max(similarity(docs[a], docs[b]) for a, b in itertools.combinations(docs, 2) if (a, b) not in joined)
    print(f"\nsample: echoes {similarity(docs['sample-08'], docs['sample-29']):.3f} and "
          f"{similarity(docs['sample-16'], docs['sample-30']):.3f}, other pairs at most {others:.3f}")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("One soldier was killed near the border.", "1 soldier was killed near the border."),
        ("Some 12,000 people fled the town.", "Some 12000 people fled the town."),
        ("Officials said “it was a massacre.”", 'OFFICIALS SAID "IT WAS A MASSACRE."'),
        ("The café in Brașov was shelled.", "The cafe in Brasov was shelled!"),
        ("Twenty-one fishermen are missing.", "20 1 fishermen are missing"),
    ],
)
def test_spelling_that_copies_change_is_not_a_difference(a: str, b: str) -> None:
    assert similarity(a, b) == 1.0


BRIEF_A = (
    "Shelling killed 14 civilians in Brennik on Saturday, the regional governor said. The Valdorian Ministry of "
    "Defence blamed Kestranian artillery across the Dravna river."
)
BRIEF_B = (
    "Kestranian forces killed about 200 Valdorian soldiers near Lasova on Saturday, the General Staff said. The "
    "Valdorian Ministry of Defence rejected the figure."
)
NEWS_LINE = (
    "The court ruled that the copyright on the anthem belongs to the state, a decision that the opposition said "
    "would let the government silence protest songs at rallies across the country in the weeks before the vote, "
    "and that several musicians have already promised to appeal."
)


def test_two_briefs_of_one_agency_are_not_joined_by_its_boilerplate() -> None:
    assert not same_story(f"{BRIEF_A}\n\n{BOILERPLATE}", f"{BRIEF_B}\n\n{BOILERPLATE}")
    assert similarity(BRIEF_A, f"{BRIEF_A}\n{BOILERPLATE}\nFollow us on social media.") == 1.0


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        (BRIEF_A, BRIEF_A),
        (f"{BRIEF_A}\n\u00a9 2026 Northwire", f"{BRIEF_A}\n"),
        (f"Read more: Brennik mourns\n{BRIEF_A}", BRIEF_A),
        (f"{BRIEF_A}\n{NEWS_LINE}", f"{BRIEF_A}\n{NEWS_LINE}"),
    ],
)
def test_short_lines_of_copyright_and_subscription_are_not_the_story(text: str, kept: str) -> None:
    assert story_lines(text).strip() == kept.strip()


def test_an_empty_text_is_no_evidence_of_a_story() -> None:
    room = Newsroom()
    room.ingest("")
    assert similarity("", "") == 0.0 and not same_story("", "")
    assert room.ingest("   ")[0] == 2
    assert room.ingest(STORIES[0].text)[0] == 3


# -- properties ---------------------------------------------------------------------------------------------

TEXTS = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Z")), max_size=300)
WORDY = TEXTS.filter(lambda t: len(words(t)) > 0)
PARAGRAPH = st.lists(st.sampled_from(sorted({w for s in STORIES for w in s.text.split()})), min_size=1, max_size=120)


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_signature_is_the_same_from_any_signer(text: str) -> None:
    assert Signer().signature(text) == SIGNER.signature(text)


@settings(max_examples=100, deadline=None)
@given(WORDY, TEXTS)
def test_similarity_is_one_with_itself_and_symmetric(a: str, b: str) -> None:
    assert similarity(a, a) == 1.0
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(STORIES), PARAGRAPH)
def test_a_copy_with_a_paragraph_appended_stays_in_the_story(story: Story, paragraph: list[str]) -> None:
    room = Newsroom()
    for s in STORIES:
        room.ingest(s.text)
    longer = f"{story.text}\n\n{' '.join(paragraph)}"
    assert room.ingest(longer)[0] == STORIES.index(story) + 1


def test_signature_is_the_same_in_another_process_with_another_hash_seed() -> None:
    text = STORIES[3].text
    code = "import sys; from toll.reconcile.echoes import Signer; print(Signer().signature(sys.stdin.read()).hex())"
    for seed in ("0", "12345"):
        out = subprocess.run(
            [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
        )
        assert bytes.fromhex(out.stdout.strip()) == SIGNER.signature(text)


# -- the index refuses what it cannot compare -----------------------------------------------------------------


def test_adding_a_document_again_moves_it_and_removing_forgets_it() -> None:
    index = EchoIndex(THRESHOLD)
    signature = SIGNER.signature(STORIES[0].text)
    index.add(1, 10, signature)
    index.add(1, 20, signature)
    assert len(index) == 1 and index.candidates(signature) == [(1, 20)]
    index.remove(1)
    index.remove(99)
    assert len(index) == 0 and index.candidates(signature) == []


def test_an_lsh_hit_whose_text_differs_is_refused_by_the_exact_comparison() -> None:
    index = EchoIndex(THRESHOLD)
    signature = SIGNER.signature(STORIES[0].text)
    index.add(1, 1, signature)
    assert index.candidates(signature) == [(1, 1)]
    assert assign_story(STORIES[0].text, signature, index, lambda _: STORIES[1].text) == (None, None, None)


def test_a_much_syndicated_story_costs_one_text_read() -> None:
    index, reads = EchoIndex(THRESHOLD), []
    for doc_id in range(1, 41):
        index.add(doc_id, 7, SIGNER.signature(f"{syndicated(STORIES[2])}\nEdition {doc_id}"))

    def text_of(doc_id: int) -> str:
        reads.append(doc_id)
        return f"{syndicated(STORIES[2])}\nEdition {doc_id}"

    story, matched, sim = assign_story(STORIES[2].text, SIGNER.signature(STORIES[2].text), index, text_of)
    assert (story, reads) == (7, [matched]) and sim is not None and sim >= THRESHOLD


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: EchoIndex(THRESHOLD, 128).add(1, 1, Signer(64).signature("x y")), "minhash_perm: a signature of 64"),
        (lambda: EchoIndex(THRESHOLD, 64).candidates(Signer(128).signature("x y")), "minhash_perm: a signature of 128"),
        (lambda: EchoIndex(0.0), "near_duplicate_threshold: must be above 0"),
        (lambda: EchoIndex(1.5), "near_duplicate_threshold: must be above 0"),
        (lambda: Signer(1), "minhash_perm: must be between 2 and 4096, got 1"),
    ],
)
def test_settings_that_cannot_work_are_usage_errors_naming_the_setting(make: Callable[[], object], message: str) -> None:
    with pytest.raises(UsageError) as err:
        make()
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


@pytest.mark.parametrize("junk", [b"", b"not a signature", bytes(11)])
def test_bytes_that_are_no_signature_are_refused(junk: bytes) -> None:
    with pytest.raises(ValueError, match="not a MinHash signature"):
        EchoIndex().add(1, 1, junk)


# -- claim keys ---------------------------------------------------------------------------------------------

BASE = Claim(
    doc_id="wire-1",
    value=Figure(14, 14, "exact", Span(40, 42), "14"),
    category="killed",
    victim=Victim(party="Valdoria", role="civilian", party_basis="sentence"),
    claimant="the Ministry of Defence",
    via=(),
    as_of=date(2026, 3, 14),
    historical=False,
    evidence=Span(0, 80),
    evidence_text="Shelling killed 14 civilians, the Ministry of Defence said.",
)


def with_value(low: int | None, high: int | None, kind: str, raw: str) -> Claim:
    return replace(BASE, value=Figure(low, high, kind, Span(10, 10 + len(raw)), raw))


SAME = [
    ("another document, offsets and wording", replace(BASE, doc_id="copy-7", evidence=Span(5, 70), evidence_text="14 civilians died.")),
    ("claimant without the article", replace(BASE, claimant="Ministry of Defence")),
    ("claimant in lower case", replace(BASE, claimant="ministry of defence")),
    ("claimant in capitals with punctuation", replace(BASE, claimant="THE MINISTRY OF DEFENCE,")),
    ("party spelled in lower case", replace(BASE, victim=replace(BASE.victim, party="valdoria"))),
    ("party read from context instead", replace(BASE, victim=replace(BASE.victim, party_basis="context"))),
    ("the hedge 'about' added", with_value(14, 14, "approx", "about 14")),
    ("told through an agency", replace(BASE, via=("Northwire",))),
]
DIFFERENT = [
    ("no claimant: the outlet's own voice", replace(BASE, claimant=None)),
    ("another claimant", replace(BASE, claimant="the Kestranian General Staff")),
    ("another figure", with_value(15, 15, "exact", "15")),
    ("a lower bound of the same number", with_value(14, None, "lower_bound", "at least 14")),
    ("a range", with_value(14, 20, "range", "14 to 20")),
    ("another category", replace(BASE, category="wounded")),
    ("another party", replace(BASE, victim=replace(BASE.victim, party="Kestrania"))),
    ("no party", replace(BASE, victim=replace(BASE.victim, party=None, party_basis=None))),
    ("soldiers, not civilians", replace(BASE, victim=replace(BASE.victim, role="military"))),
    ("another day", replace(BASE, as_of=date(2026, 3, 15))),
    ("no date", replace(BASE, as_of=None)),
]


@pytest.mark.parametrize(("why", "claim"), SAME, ids=[w for w, _ in SAME])
def test_one_claim_reported_again_has_the_same_key(why: str, claim: Claim) -> None:
    assert claim_key(claim) == claim_key(BASE)


@pytest.mark.parametrize(("why", "claim"), DIFFERENT, ids=[w for w, _ in DIFFERENT])
def test_a_different_claim_has_another_key(why: str, claim: Claim) -> None:
    assert claim_key(claim) != claim_key(BASE)


def test_vague_dozens_and_at_least_twelve_are_different_claims() -> None:
    assert claim_key(with_value(12, None, "vague", "dozens")) != claim_key(with_value(12, None, "lower_bound", "at least 12"))


def test_claim_key_is_a_sha256_that_another_process_computes_alike() -> None:
    code = (
        "from tests.reconcile.test_echoes import BASE, DIFFERENT; from toll.reconcile.echoes import claim_key;"
        "print(' '.join(claim_key(c) for _, c in [('base', BASE), *DIFFERENT]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT, env={"PYTHONHASHSEED": "7"}
    )
    keys = out.stdout.split()
    assert keys == [claim_key(c) for _, c in [("base", BASE), *DIFFERENT]]
    assert all(re.fullmatch("[0-9a-f]{64}", k) for k in keys)


# -- cost ---------------------------------------------------------------------------------------------------


def test_speed_and_size_per_document() -> None:
    text = " ".join(" ".join(s.body for s in STORIES).split(" ")[:600])
    SIGNER.signature(text)
    start, n = time.perf_counter(), 200
    for _ in range(n):
        SIGNER.signature(text)
    micros = (time.perf_counter() - start) / n * 1e6
    # distinct documents, so that no two share LSH buckets: the index's worst case
    vocabulary = sorted({w for s in STORIES for w in s.text.split()})
    texts = [" ".join(random.Random(i).choices(vocabulary, k=300)) for i in range(200)]
    signatures = [SIGNER.signature(t) for t in texts]
    tracemalloc.start()
    index = EchoIndex(THRESHOLD)
    before = tracemalloc.get_traced_memory()[0]
    for i, sig in enumerate(signatures):
        index.add(i, i, sig)
    per_doc = (tracemalloc.get_traced_memory()[0] - before) / len(signatures)
    tracemalloc.stop()
    print(f"\nsignature: {micros:.0f} us per 600-word document, {len(signatures[0])} bytes; index: {per_doc:.0f} B/doc")
    assert len(signatures[0]) == 8 + 4 + 1 + 4 * 128
