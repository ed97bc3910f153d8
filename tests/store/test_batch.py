"""Batch: documents once, claims idempotent, checkpoints upserted, and all of a batch or none of it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from toll.errors import StoreError
from toll.model import Document
from toll.store import Batch, Store
from toll.store.engine import create_engine

from ._build import CAMP, CROSSING, SHELLING, add, camp_claims, crossing_claims, doc, shelling_claims, stored_form


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


def _rows(url: str, query: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(r) for r in conn.execute(sa.text(query))]
    finally:
        engine.dispose()


def _add(
    tx: Batch,
    d: Document,
    run_id: int,
    story_id: int | None = None,
    duplicate_of: int | None = None,
    similarity: float | None = None,
    minhash: bytes | None = None,
) -> int | None:
    return tx.add_document(
        d,
        run_id=run_id,
        input_name="in.jsonl",
        story_id=story_id,
        duplicate_of=duplicate_of,
        similarity=similarity,
        minhash=minhash,
    )


# --- documents -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("second_url", "second_text", "stored_again"),
    [
        ("https://wire.example/vastra", SHELLING, False),
        ("https://WIRE.example/vastra#top", SHELLING, False),
        ("https://paper.example/vastra", SHELLING, True),
        ("https://wire.example/vastra", SHELLING + " Updated at noon.", True),
        (None, SHELLING, True),
    ],
    ids=["same", "same-url-other-spelling", "other-url", "edited-text", "no-url"],
)
def test_a_document_is_stored_once_per_url_and_text(
    store: Store, second_url: str | None, second_text: str, stored_again: bool
) -> None:
    run_id = store.start_run("ingest", [], "v")
    with store.batch() as tx:
        first = _add(tx, doc(SHELLING), run_id)
        second = _add(tx, doc(second_text, url=second_url), run_id)
    assert first is not None and (second is not None) is stored_again
    assert store.counts()["documents"] == 1 + stored_again
    # and across transactions too
    with store.batch() as tx:
        assert _add(tx, doc(second_text, url=second_url), run_id) is None


def test_a_document_starts_its_own_story_or_joins_the_given_one(store: Store, db_url: str) -> None:
    run_id = store.start_run("ingest", [], "v")
    with store.batch() as tx:
        first = _add(tx, doc(SHELLING), run_id, minhash=b"sig-1")
        copy = _add(
            tx, doc(SHELLING, url="https://paper.example/c"), run_id, story_id=first, duplicate_of=first, similarity=1.0
        )
        near = _add(tx, doc(SHELLING + " Updated.", url="https://b.example/n"), run_id, story_id=first, similarity=0.81)
        other = _add(tx, doc(CROSSING, url="https://wire.example/o"), run_id)
    rows = _rows(
        db_url, "SELECT id, story_id, duplicate_of, similarity, minhash IS NOT NULL FROM documents ORDER BY id"
    )
    assert [tuple(r) for r in rows] == [
        (first, first, None, None, True),
        (copy, first, first, 1.0, False),
        (near, first, None, 0.81, False),
        (other, other, None, None, False),
    ]
    assert store.counts()["stories"] == 2


def test_the_stored_row_keeps_every_field_of_the_document(store: Store, db_url: str) -> None:
    run_id = store.start_run("ingest", [], "v")
    d = doc(SHELLING, url="https://Wire.Example/vastra?id=7#x", title="Depot shelled in Vastra")
    with store.batch() as tx:
        _add(tx, d, run_id)
    (row,) = _rows(
        db_url,
        "SELECT d.url, d.url_key, d.sha256, o.name, o.host, d.title, d.published, "
        "d.published_basis, d.text_source, d.input_name, d.n_chars, d.run_id FROM documents d "
        "JOIN outlets o ON o.id = d.outlet_id",
    )
    assert row[:6] == (
        "https://Wire.Example/vastra?id=7#x",
        "https://wire.example/vastra?id=7",
        d.sha256,
        "Harbor Wire",
        "wire.example",
        "Depot shelled in Vastra",
    )
    assert str(row[6]) == "2031-03-02" and row[7:] == ("input", "text", "in.jsonl", len(SHELLING), run_id)


def test_an_outlet_is_created_once_by_name(store: Store, db_url: str) -> None:
    run_id = store.start_run("ingest", [], "v")
    with store.batch() as tx:
        _add(tx, doc(SHELLING, outlet="Harbor Wire", url="https://wire.example/1"), run_id)
        _add(tx, doc(CAMP, outlet="Daily Paper", url="https://paper.example/2"), run_id)
    with store.batch() as tx:
        _add(tx, doc(CROSSING, outlet="Harbor Wire", url="https://mirror.example/3"), run_id)
        _add(tx, doc(CROSSING, outlet=None, url="https://anon.example/4"), run_id)
    assert _rows(db_url, "SELECT name, host FROM outlets ORDER BY id") == [
        ("Harbor Wire", "wire.example"),
        ("Daily Paper", "paper.example"),
    ]
    assert [d.source.outlet for _, d in store.documents()] == ["Harbor Wire", "Daily Paper", "Harbor Wire", None]


@pytest.mark.parametrize(
    ("text", "title", "problem"),
    [
        ("Five killed.\x00 More later.", None, "text contains a NUL character"),
        ("Five killed \ud83d in the raid.", None, "text is not valid Unicode"),
        ("Five killed.", "Raid\x00", "title contains a NUL character"),
    ],
)
def test_text_no_database_can_hold_is_refused_before_the_write(
    store: Store, text: str, title: str | None, problem: str
) -> None:
    run_id = store.start_run("ingest", [], "v")
    with store.batch() as tx:
        with pytest.raises(StoreError) as caught:
            _add(tx, doc(text, title=title, url="https://wire.example/odd"), run_id)
        # the transaction is still usable: the refusal happened before any statement
        assert _add(tx, doc(CAMP), run_id) is not None
    assert problem in caught.value.message and caught.value.source == "https://wire.example/odd"
    assert store.counts()["documents"] == 1


def test_a_document_of_an_unknown_run_breaks_the_foreign_key(store: Store) -> None:
    with pytest.raises(StoreError) as caught, store.batch() as tx:
        _add(tx, doc(SHELLING), run_id=999)
    assert "\n" not in str(caught.value) and "foreign key" in str(caught.value).lower()
    assert store.counts()["documents"] == 0


# --- claims --------------------------------------------------------------------------------------------------


def test_claims_are_stored_once_whatever_the_reruns(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    d = doc(SHELLING)
    doc_id = add(store, d, shelling_claims(d), ["a", "b"], run_id)
    with store.batch() as tx:
        assert tx.add_claims(doc_id, shelling_claims(d), ["a", "b"], "toll-extract/9.9") == 0
        assert tx.add_claims(doc_id, shelling_claims(d)[:1], ["a"], "toll-extract/10.0") == 1
    assert store.counts()["claims"] == 3


def test_every_field_of_a_claim_survives(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    made = {}
    for d, claims in [
        (doc(SHELLING), shelling_claims),
        (doc(CROSSING, url="https://w.example/2"), crossing_claims),
        (doc(CAMP, url="https://w.example/3"), camp_claims),
    ]:
        made[add(store, d, claims(d), [f"k{i}" for i in range(len(claims(d)))], run_id)] = claims(d)
    keys = {i: d.id for i, d in store.documents()}
    want = sorted(
        (stored_form(c, keys[i]) for i, cs in made.items() for c in cs),
        key=lambda c: (list(keys.values()).index(c.doc_id), c.value.span.start),
    )
    assert [c for c, _ in store.claims()] == want


def test_claims_need_one_echo_key_each_and_a_stored_document(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    d = doc(SHELLING)
    doc_id = add(store, d, [], [], run_id)
    with store.batch() as tx:
        with pytest.raises(ValueError, match="2 claims but 1 echo keys"):
            tx.add_claims(doc_id, shelling_claims(d), ["a"], "v")
        with pytest.raises(StoreError, match=f"no stored document has id {doc_id + 7}"):
            tx.add_claims(doc_id + 7, shelling_claims(d), ["a", "b"], "v")
        assert tx.add_claims(doc_id, [], [], "v") == 0
    assert store.counts()["claims"] == 0


def test_replacing_claims_removes_the_old_ones_and_reports_both_counts(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    d, other = doc(CROSSING), doc(CAMP, url="https://aid.example/luro")
    doc_id = add(store, d, crossing_claims(d), ["x", "y"], run_id, version="toll-extract/1")
    add(store, other, camp_claims(other), ["z"], run_id, version="toll-extract/1")
    with store.batch() as tx:
        assert tx.replace_claims(doc_id, crossing_claims(d)[1:], ["y"], "toll-extract/2") == (2, 1)
    with store.batch() as tx:
        assert tx.replace_claims(doc_id, [], [], "toll-extract/3") == (1, 0)
    rows = store.claims()
    assert [c.category for c, _ in rows] == ["displaced"]


# --- checkpoints, errors, atomicity --------------------------------------------------------------------------


def test_a_checkpoint_is_upserted_per_input(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    later = store.start_run("ingest", [], "v")
    with store.batch() as tx:
        tx.set_checkpoint("a.jsonl:100:1", 9, run_id)
        tx.set_checkpoint("b.warc.gz:5:2", 0, run_id)
    with store.batch() as tx:
        tx.set_checkpoint("a.jsonl:100:1", 19, later)
    assert (store.checkpoint("a.jsonl:100:1"), store.checkpoint("b.warc.gz:5:2")) == (19, 0)


def test_a_batch_that_raises_leaves_nothing_behind(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    with store.batch() as tx:
        tx.set_checkpoint("a.jsonl", 4, run_id)

    class Interrupted(Exception):
        pass

    d = doc(SHELLING)
    with pytest.raises(Interrupted), store.batch() as tx:
        doc_id = _add(tx, d, run_id)
        tx.add_claims(doc_id, shelling_claims(d), ["a", "b"], "v")
        tx.add_error(run_id, "a.jsonl", "line 6: invalid JSON")
        tx.set_checkpoint("a.jsonl", 9, run_id)
        tx.count(run_id, read=5, new=1)
        raise Interrupted
    assert store.checkpoint("a.jsonl") == 4 and store.run(run_id)["read"] == 0
    assert store.counts() | {"runs": 0} == dict.fromkeys(store.counts(), 0)
    assert not store.known(d.source.url, d.sha256)


def test_odd_error_texts_are_kept_escaped(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    with store.batch() as tx:
        tx.add_error(run_id, "bad\udcffname.txt", "byte \x00 at 12")
    assert store.run(run_id)["errors"] == [{"input": "bad\\udcffname.txt", "problem": "byte \\x00 at 12"}]
