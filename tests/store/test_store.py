"""Store: opening (and refusing) databases, runs, lookups, and reading documents and claims back."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from toll.errors import StoreError
from toll.model import Source
from toll.store import Store
from toll.store.engine import BUSY_TIMEOUT_S, create_engine

from ._build import CAMP, CROSSING, SHELLING, add, camp_claims, crossing_claims, doc, shelling_claims, stored_form


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    s = Store.open(db_url)
    yield s
    s.close()


# --- opening -------------------------------------------------------------------------------------------------


def _text_file(tmp: Path) -> str:
    (tmp / "notes.db").write_text("casualty notes, not a database\n" * 200, encoding="utf-8")
    return f"sqlite:///{tmp}/notes.db"


@pytest.mark.parametrize(
    ("make_url", "problem"),
    [
        (lambda tmp: f"sqlite:///{tmp}/no/such/dir/toll.db", "no such directory"),
        (_text_file, "not a database"),
        (lambda tmp: f"sqlite:///{tmp}", "unable to open database file"),
        (lambda tmp: "mysql://someone@127.0.0.1/toll", "unsupported database"),
        (lambda tmp: "toll.db", "not a database URL"),
        (lambda tmp: "postgresql://postgres@127.0.0.1:1/toll", "127.0.0.1"),
        (lambda tmp: "sqlite://", "in-memory database keeps nothing"),
        (lambda tmp: "sqlite:///:memory:", "in-memory database keeps nothing"),
    ],
    ids=[
        "missing-directory",
        "text-file",
        "a-directory",
        "other-backend",
        "bare-path",
        "no-server",
        "memory",
        "named-memory",
    ],
)
def test_a_database_that_cannot_be_opened_is_a_one_line_store_error(
    tmp_path: Path, make_url: Callable[[Path], str], problem: str
) -> None:
    url = make_url(tmp_path)
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    err = caught.value
    assert err.source == url and problem in err.message
    assert "\n" not in str(err) and str(err).startswith(f"{url}: ")


@pytest.mark.parametrize("url", ["postgresql://postgres:hunter2@127.0.0.1:1/toll", "mysql://u:hunter2@127.0.0.1/x"])
def test_errors_never_show_the_password(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert "hunter2" not in str(caught.value) and "***" in str(caught.value)


def test_an_up_to_date_database_opens_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "toll.db"
    Store.open(f"sqlite:///{path}").close()
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        began = time.monotonic()
        with Store.open(f"sqlite:///{path}") as store:
            assert store.counts()["documents"] == 0
        # no wait for the writer's lock: nothing needed migrating
        assert time.monotonic() - began < BUSY_TIMEOUT_S / 3
    finally:
        writer.close()


def test_a_missing_postgresql_database_is_named(pg_admin_url: str) -> None:
    url = pg_admin_url.rsplit("/", 1)[0] + "/toll_absent_db"
    with pytest.raises(StoreError, match='database "toll_absent_db" does not exist'):
        Store.open(url)


def test_a_schema_from_a_newer_toll_is_refused(db_url: str) -> None:
    Store.open(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match="revision 0099, unknown to this toll"):
        Store.open(db_url)


def test_opening_again_keeps_what_is_stored(db_url: str) -> None:
    with Store.open(db_url) as s:
        add(s, doc(SHELLING), shelling_claims(doc(SHELLING)), ["e1", "e2"], s.start_run("ingest", [], "v"))
        before = s.counts()
    with Store.open(db_url) as s:
        assert s.counts() == before and before["documents"] == 1 and before["claims"] == 2


# --- runs ----------------------------------------------------------------------------------------------------


def test_a_run_records_its_inputs_counters_errors_and_times(store: Store) -> None:
    inputs = ["feeds/été.xml", "https://wire.example/a?b=1", "odd\x00name"]
    run_id = store.start_run("ingest", inputs, "toll-extract/9.9")
    started = store.run(run_id)
    assert (started["status"], started["finished_at"], started["errors"]) == ("running", None, [])
    assert all(started[c] == 0 for c in ("read", "new", "failed", "claims_after"))
    with store.batch() as tx:
        tx.count(run_id, read=5, new=3, failed=2)
        tx.add_error(run_id, "feeds/été.xml", "not a feed: no <rss> or <feed> element")
        tx.add_error(run_id, "broken.jsonl", "line 4: invalid JSON")
    with store.batch() as tx:
        tx.count(run_id, read=1, claims=7, claims_before=0, claims_after=7)
    store.finish_run(run_id, "interrupted")
    run = store.run(run_id)
    assert run["inputs"] == ["feeds/été.xml", "https://wire.example/a?b=1", "odd\\x00name"]
    assert (run["read"], run["new"], run["failed"], run["claims"], run["claims_after"]) == (6, 3, 2, 7, 7)
    assert run["errors"] == [
        {"input": "feeds/été.xml", "problem": "not a feed: no <rss> or <feed> element"},
        {"input": "broken.jsonl", "problem": "line 4: invalid JSON"},
    ]
    assert run["status"] == "interrupted" and run["command"] == "ingest"
    begun, ended = (datetime.fromisoformat(run[k]) for k in ("started_at", "finished_at"))
    assert begun.tzinfo == UTC and begun <= ended <= datetime.now(UTC)


def test_runs_are_numbered_in_order(store: Store) -> None:
    ids = [store.start_run("ingest", [f"in-{i}"], "v") for i in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert [store.run(i)["inputs"] for i in ids] == [["in-0"], ["in-1"], ["in-2"]]


@pytest.mark.parametrize("call", ["run", "finish_run", "count"])
def test_an_unknown_run_is_a_store_error(store: Store, call: str) -> None:
    with pytest.raises(StoreError, match="no run has id 4242"):
        if call == "count":
            with store.batch() as tx:
                tx.count(4242, read=1)
        else:
            getattr(store, call)(4242)


def test_an_unknown_counter_is_refused(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    with pytest.raises(ValueError, match="unknown run counters"), store.batch() as tx:
        tx.count(run_id, read=1, fetched=2)
    assert store.run(run_id)["read"] == 0


# --- lookups -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored_url", "asked_url", "same_text", "known"),
    [
        ("https://wire.example/vastra", "https://wire.example/vastra", True, True),
        ("https://wire.example/vastra", "HTTPS://Wire.Example/vastra#comments", True, True),
        ("https://wire.example/vastra", "https://wire.example/Vastra", True, False),
        ("https://wire.example/vastra", "https://wire.example/vastra?page=2", True, False),
        ("https://wire.example/vastra", "https://wire.example/vastra", False, False),
        ("https://wire.example/vastra", None, True, False),
        (None, None, True, True),
        (None, "https://wire.example/vastra", True, False),
    ],
)
def test_known_is_the_same_url_and_the_same_text(
    store: Store, stored_url: str | None, asked_url: str | None, same_text: bool, known: bool
) -> None:
    d = doc(SHELLING, url=stored_url)
    add(store, d, [], [], store.start_run("ingest", [], "v"))
    sha = d.sha256 if same_text else doc(SHELLING + " Updated.").sha256
    assert store.known(asked_url, sha) is known


def test_by_sha256_finds_the_first_document_with_that_text(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    first = add(store, doc(SHELLING, url="https://wire.example/1"), [], [], run_id)
    add(store, doc(CROSSING, url="https://wire.example/2"), [], [], run_id)
    copy = add(store, doc(SHELLING, url="https://paper.example/3"), [], [], run_id, story_id=first)
    assert copy > first
    assert store.by_sha256(doc(SHELLING).sha256) == first
    assert store.by_sha256(doc(CAMP).sha256) is None


def test_signatures_after_lists_newer_documents_with_their_stories_and_signatures(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    ids = []
    with store.batch() as tx:
        for i, (text, sig) in enumerate([(SHELLING, b"\x01\x02"), (CROSSING, None), (CAMP, b"\x00" * 512)]):
            story = ids[0] if i == 2 else None
            ids.append(
                tx.add_document(
                    doc(text, url=f"https://w.example/{i}"),
                    run_id=run_id,
                    input_name="x",
                    story_id=story,
                    duplicate_of=None,
                    similarity=0.7 if story else None,
                    minhash=sig,
                )
            )
    # every document, so that a reader learns the story of each; b"" where none was signed
    assert store.signatures_after(0) == [
        (ids[0], ids[0], b"\x01\x02"),
        (ids[1], ids[1], b""),
        (ids[2], ids[0], b"\x00" * 512),
    ]
    assert store.signatures_after(ids[0]) == [(ids[1], ids[1], b""), (ids[2], ids[0], b"\x00" * 512)]
    assert store.signatures_after(ids[2]) == []


def test_document_text_is_the_stored_text(store: Store) -> None:
    text = "Überall: 3 killed in Łódź — “quoted” \u200b and a tab\there."
    doc_id = add(store, doc(text), [], [], store.start_run("ingest", [], "v"))
    assert store.document_text(doc_id) == text
    with pytest.raises(StoreError, match=f"no stored document has id {doc_id + 1}"):
        store.document_text(doc_id + 1)


def test_checkpoint_of_an_input_never_seen_is_none(store: Store) -> None:
    assert store.checkpoint("/data/feeds.jsonl:1024:1700000000") is None


# --- documents, counts, claims -------------------------------------------------------------------------------


def test_documents_come_back_as_they_went_in_in_chunks(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    given = [
        doc(SHELLING),
        doc(CROSSING, url=None, outlet=None, title=None, published=None, doc_id="in-2"),
        replace(doc(CAMP, doc_id="in-3"), text_source="html:trafilatura", published_basis="page"),
        doc(SHELLING, url="https://paper.example/copy", outlet="Daily Paper", doc_id="in-4"),
        doc(CAMP + " More later.", url="https://wire.example/luro", published=date(2031, 1, 9), basis="feed"),
    ]
    ids = [add(store, d, [], [], run_id) for d in given]
    back = list(store.documents(chunk=2))
    assert [i for i, _ in back] == ids
    for d, (_, got) in zip(given, back, strict=True):
        assert replace(got, id=d.id) == d
        assert got.id.startswith("d") and len(got.id) == 17
    assert len({got.id for _, got in back}) == len(given)


def test_counts_tell_documents_stories_reports_and_independent_claims(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    wire = doc(SHELLING)
    original = add(store, wire, shelling_claims(wire), ["vastra-killed-12", "vastra-wounded-40"], run_id)
    copy = doc(SHELLING, url="https://paper.example/copy", outlet="Daily Paper")
    add(store, copy, shelling_claims(copy), ["vastra-killed-12", "vastra-wounded-40"], run_id, story_id=original)
    other = doc(CROSSING, outlet=None, url="https://wire.example/ostrel")
    add(store, other, crossing_claims(other), ["ostrel-captured-200", "ostrel-missing-30-45"], run_id)
    with store.batch() as tx:
        tx.add_error(run_id, "x.jsonl", "line 1: invalid JSON")
    assert store.counts() == {
        "documents": 3,
        "stories": 2,
        "claims": 6,
        "independent_claims": 4,
        "outlets": 2,
        "runs": 1,
        "errors": 1,
    }


def test_claims_come_back_whole_ordered_by_date_document_and_place(store: Store) -> None:
    run_id = store.start_run("ingest", [], "v")
    undated = doc(CAMP, url="https://aid.example/luro", published=None)
    late = doc(CROSSING, url="https://wire.example/ostrel", published=date(2031, 3, 5))
    early = doc(SHELLING, published=date(2031, 3, 2))
    copy = doc(SHELLING, url="https://paper.example/copy", published=date(2031, 3, 2))
    stored = {}  # in the order stored: undated first, so that insertion order is not what sorts them
    for d, made, echo in [
        (undated, camp_claims(undated), ["luro"]),
        (late, crossing_claims(late), ["ostrel-a", "ostrel-b"]),
        (early, shelling_claims(early)[::-1], ["vastra-b", "vastra-a"]),
        (copy, shelling_claims(copy), ["vastra-a", "vastra-b"]),
    ]:
        stored[add(store, d, made, echo, run_id)] = (made, echo)
    keys = {doc_id: d.id for doc_id, d in store.documents()}
    undated_id, late_id, early_id, copy_id = stored
    want = []
    for doc_id in (early_id, copy_id, late_id, undated_id):
        pairs = sorted(zip(*stored[doc_id], strict=True), key=lambda p: p[0].value.span.start)
        want += [(stored_form(c, keys[doc_id]), 2 if e.startswith("vastra") else 1) for c, e in pairs]
    assert store.claims() == want
    assert store.claims(limit=3) == want[:3]
    assert store.claims(limit=0) == []


def test_a_document_without_an_outlet_or_url_still_lists_its_claims(store: Store) -> None:
    bare = doc(CAMP, url=None, outlet=None, title=None, published=None)
    assert bare.source == Source()
    add(store, bare, camp_claims(bare), ["luro"], store.start_run("ingest", [], "v"))
    ((got, reports),) = store.claims()
    ((_, back),) = store.documents()
    assert reports == 1 and got == stored_form(camp_claims(bare)[0], back.id)
    assert back.source == Source() and back.published is None
