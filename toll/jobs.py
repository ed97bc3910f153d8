"""The jobs that join the rooms: ingest (inputs -> documents -> claims -> database) and reextract.

    read_inputs -> skip what is stored -> extract_many -> story (exact, then MinHash + confirmation) -> one
    transaction per batch holding the documents, their claims, the errors and the inputs' checkpoints

A batch is the unit of durability: a crash loses at most the batch in flight, and the next run resumes after
the last committed checkpoint of each input. Documents are unique by (url, content hash) in the database
itself, so two processes, or a rerun, can never store one twice.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from typing import TYPE_CHECKING, Any

from toll.errors import InputError, StoreError
from toll.extract.canonical import canonical_claimant
from toll.extract.pipeline import EXTRACTOR_VERSION, extract_many
from toll.ingest.sources import input_id, read_inputs
from toll.model import Claim, Document, Loaded, Result
from toll.pool import extract_list, tuned_gc
from toll.pool import start as pool_start
from toll.reconcile.echoes import EchoIndex, Signer, assign_story, claim_key, fingerprint
from toll.settings import Settings
from toll.store import Store
from toll.store.keys import url_key
from toll.store.parts import find_parts, finished, read_part, write_part

if TYPE_CHECKING:
    import numpy as np

# recent documents whose fingerprints stay in memory, about 10 MB: on the benchmark corpus's 10,000 documents,
# 1,024 of them left a quarter of the candidates to read back from the database and shingle again, 4,096 2 %
FINGERPRINT_CACHE = 4096


@dataclass
class Summary:
    """What one run did; the same counters are stored on its ingest_runs row."""

    run_id: int
    read: int = 0
    new: int = 0
    skipped: int = 0  # already stored (same URL and text), or before the input's checkpoint
    duplicates: int = 0  # new URL, text identical to a stored document: same story
    near_duplicates: int = 0  # new text, joined to a story by MinHash and confirmed
    failed: int = 0
    claims: int = 0
    claims_before: int = 0
    claims_after: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    totals: dict[str, int] = field(default_factory=dict)  # the database's counts when the run ended

    def add(self, delta: dict[str, int], errors: list[str]) -> None:
        """Count in one committed batch."""
        for k, v in delta.items():
            setattr(self, k, getattr(self, k) + v)
        self.errors.extend(errors)


Progress = Callable[[Summary], None]


class _Stories:
    """Which story a new document belongs to: the in-memory index stays in step with the database."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.threshold = settings.near_duplicate_threshold
        self.signer = Signer(settings.minhash_perm)
        self.index = EchoIndex(settings.near_duplicate_threshold, settings.minhash_perm)
        self.last_id = 0
        self.pending: dict[int, str] = {}  # texts of this batch's documents, not yet visible to other connections
        self.pending_sha: dict[str, tuple[int, int]] = {}
        self.firsts: dict[str, int] = {}  # content hash -> first stored document with it, set by each commit
        # doc id -> story id of stored documents without a signature; the index knows the story of the others
        self.unsigned: dict[int, int] = {}
        # fingerprints of recent documents (about 2.4 KB each): candidates are mostly recent, and reading a
        # candidate's text back from the database to shingle it again cost more than extracting a document
        self.prints: OrderedDict[int, np.ndarray] = OrderedDict()

    def refresh(self) -> None:
        """Index what other runs (or processes) committed since we last looked."""
        for doc_id, story_id, sig in self.store.signatures_after(self.last_id):
            if sig:
                self.index.add(doc_id, story_id, sig)
            else:
                self.unsigned[doc_id] = story_id
            self.last_id = max(self.last_id, doc_id)
        self.pending.clear()
        self.pending_sha.clear()

    def place(self, doc: Document) -> tuple[int | None, int | None, float | None, bytes, str]:
        """(story_id, duplicate_of, similarity, signature, how) for a document about to be stored."""
        mine = fingerprint(doc.text)
        sig = self.signer.sign(mine)
        self._last = mine
        same = self.pending_sha.get(doc.sha256)
        if same is None:
            first = self.firsts.get(doc.sha256)
            if first is not None:
                story = self.index.story(first)
                same = (first, self.unsigned.get(first, first) if story is None else story)
        if same is not None:
            return same[1], same[0], 1.0, sig, "duplicate"
        story, _, sim = assign_story(doc.text, sig, self.index, self._text, self.threshold, self._print, mine)
        return story, None, sim, sig, ("near" if story is not None else "new")

    def added(self, doc: Document, doc_id: int, story_id: int | None, sig: bytes) -> None:
        story = story_id if story_id is not None else doc_id
        self.index.add(doc_id, story, sig)
        self.last_id = max(self.last_id, doc_id)
        self.pending[doc_id] = doc.text
        self.pending_sha.setdefault(doc.sha256, (doc_id, story))
        self._remember(doc_id, self._last)

    def _text(self, doc_id: int) -> str:
        return self.pending[doc_id] if doc_id in self.pending else self.store.document_text(doc_id)

    def _print(self, doc_id: int) -> np.ndarray:
        found = self.prints.get(doc_id)
        if found is None:
            found = fingerprint(self._text(doc_id))
            self._remember(doc_id, found)
        else:
            self.prints.move_to_end(doc_id)
        return found

    def _remember(self, doc_id: int, fp: np.ndarray) -> None:
        self.prints[doc_id] = fp
        while len(self.prints) > FINGERPRINT_CACHE:
            self.prints.popitem(last=False)


def ingest(
    names: Sequence[str],
    settings: Settings,
    published: date | None = None,
    progress: Progress | None = None,
    store: Store | None = None,
) -> Summary:
    """Read every input into the database at settings.db; returns the run's summary."""

    def batches(store: Store) -> Iterator[tuple[Batch, dict[int, Result], None]]:
        marked = _marked(read_inputs(names, settings, published), store, settings.batch_docs)
        for batch, results in _extracted(marked, workers(settings)):
            yield batch, results, None

    return _write_run("ingest", names, settings, batches, progress, store)


def _write_run(
    command: str,
    names: Sequence[str],
    settings: Settings,
    batches: Callable[[Store], Iterable[tuple[Batch, dict[int, Result], dict[int, str] | None]]],
    progress: Progress | None,
    store: Store | None,
) -> Summary:
    """What ingest and load share: a run row, each batch committed with its stories, progress, the closing
    counts. `batches(store)` yields each batch with its results (and their extractor versions, where not ours)."""
    own = store is None
    store = store or Store.open(settings.db)
    try:
        with tuned_gc():
            run = Summary(run_id=store.start_run(command, list(names), EXTRACTOR_VERSION))
            t0 = time.perf_counter()
            run.claims_before = store.counts()["claims"]
            stories = _Stories(store, settings)
            for batch, results, versions in batches(store):
                _commit(store, run, stories, batch, results, versions)
                run.seconds = time.perf_counter() - t0
                if progress:
                    progress(run)
            return _finish(store, run, t0)
    finally:
        if own:
            store.close()


def _finish(store: Store, run: Summary, t0: float) -> Summary:
    """Record the database's claims after the run, and close the run as done."""
    run.totals = store.counts()
    run.claims_after = run.totals["claims"]
    with store.batch() as tx:
        tx.count(run.run_id, claims_before=run.claims_before, claims_after=run.claims_after)
    store.finish_run(run.run_id)
    run.seconds = time.perf_counter() - t0
    return run


def echo_keys(claims: Sequence[Claim]) -> list[str]:
    """Each claim's identity across documents, its claimant spelled one way ("Valdoria's ministry" is "the
    Valdorian ministry"): the stored claimant keeps the text's own words."""
    return [claim_key(replace(c, claimant=canonical_claimant(c.claimant))) for c in claims]


def _marked(items: Iterable[Loaded], store: Store, size: int) -> Iterator[list[tuple[Loaded, bool]]]:
    """Batches of items, each with True where it needs no work: before its input's checkpoint, or stored already.

    Lazy. With worker processes a batch may be looked up before the one ahead of it commits: a document that
    batch stores is then extracted again and refused by the database's key, which counts it as stored all the
    same, so the outcome never depends on how far ahead batches were read."""
    marks: dict[str, int | None] = {}
    it = iter(items)
    while batch := list(islice(it, max(1, size))):
        fresh = []
        for item in batch:
            if item.input_id is not None and item.input_id not in marks:
                marks[item.input_id] = store.checkpoint(item.input_id)
            mark = marks.get(item.input_id) if item.input_id is not None else None
            fresh.append(mark is None or item.position > mark)
        same = store.same_texts([x.doc.sha256 for x, new in zip(batch, fresh, strict=True) if new and x.doc])
        out = []
        for item, new in zip(batch, fresh, strict=True):
            if not new or item.doc is None:
                out.append((item, not new))
                continue
            copies = same.get(item.doc.sha256, [])
            out.append((item, url_key(item.doc.source.url) in {key for _, key in copies}))
        yield out


def workers(settings: Settings) -> int:
    """Extraction processes: the setting, or every core when it is 0."""
    return settings.workers if settings.workers > 0 else max(1, os.cpu_count() or 1)


Batch = list[tuple[Loaded, bool]]


def _extracted(batches: Iterable[Batch], n: int) -> Iterator[tuple[Batch, dict[int, Result]]]:
    """Each batch with its documents' results, in order: in this process, or in `n` worker processes that
    extract the next batches while this one writes."""
    if n <= 1:
        for batch in batches:
            docs = _todo(batch)
            yield batch, {id(d): r for d, r in zip(docs, extract_many(docs), strict=True)}
        return
    # spawn, not fork: the parent may hold threads (the progress display) and open database connections
    with multiprocessing.get_context("spawn").Pool(n, initializer=pool_start) as pool:
        ahead: deque[tuple[Batch, list[Document], Any]] = deque()
        for batch in batches:
            docs = _todo(batch)
            ahead.append((batch, docs, pool.apply_async(extract_list, (docs,))))
            if len(ahead) > n:  # enough in flight to keep every worker busy while this process writes
                yield _collect(ahead.popleft())
        while ahead:
            yield _collect(ahead.popleft())


def _todo(batch: Batch) -> list[Document]:
    return [item.doc for item, skip in batch if item.doc is not None and not skip]


def _collect(job: tuple[Batch, list[Document], Any]) -> tuple[Batch, dict[int, Result]]:
    batch, docs, pending = job
    return batch, {id(d): r for d, r in zip(docs, pending.get(), strict=True)}


def _commit(store: Store, run: Summary, stories: _Stories, batch: list[tuple[Loaded, bool]],
            results: dict[int, Result], versions: dict[int, str] | None = None) -> None:
    """One transaction: the batch's documents, claims, errors, counters and checkpoints, or none of them.
    `versions` gives the extractor version of results made elsewhere (loaded parts); the default is this one."""
    delta = dict.fromkeys(("read", "new", "skipped", "duplicates", "near_duplicates", "failed", "claims"), 0)
    errors: list[str] = []
    with store.batch() as tx:
        stories.refresh()
        # the first stored document with each text, read under the write lock: exact copies are found the same
        # way however the batches were extracted
        todo = [item.doc.sha256 for item, skip in batch if item.doc is not None and not skip]
        stories.firsts = {sha: copies[0][0] for sha, copies in store.same_texts(todo).items()}
        marks: dict[str, int] = {}
        found: dict[str, list[tuple[int, tuple[Claim, ...], list[str]]]] = {}
        for item, skip in batch:
            delta["read"] += 1
            if item.input_id is not None:
                marks[item.input_id] = max(marks.get(item.input_id, -1), item.position)
            if skip:
                delta["skipped"] += 1
                continue
            result = results.get(id(item.doc)) if item.doc is not None else None
            problem = item.error or (result.error if result is not None else None)
            if problem is not None or item.doc is None or result is None:
                problem = problem or f"{item.input}: no result"
                tx.add_error(run.run_id, item.input, problem)
                delta["failed"] += 1
                errors.append(problem)
                continue
            doc = item.doc
            story_id, dup_of, sim, sig, how = stories.place(doc)
            try:
                doc_id = tx.add_document(doc, run_id=run.run_id, input_name=item.input, story_id=story_id,
                                         duplicate_of=dup_of, similarity=sim, minhash=sig)
            except StoreError as e:  # text the database cannot hold (a NUL, a lone surrogate): refused, not written
                tx.add_error(run.run_id, item.input, str(e))
                delta["failed"] += 1
                errors.append(str(e))
                continue
            if doc_id is None:  # stored meanwhile by another process, or twice in this batch
                delta["skipped"] += 1
                continue
            stories.added(doc, doc_id, story_id, sig)
            delta["new"] += 1
            delta["duplicates"] += how == "duplicate"
            delta["near_duplicates"] += how == "near"
            version = versions.get(id(doc), EXTRACTOR_VERSION) if versions else EXTRACTOR_VERSION
            found.setdefault(version, []).append((doc_id, result.claims, echo_keys(result.claims)))
        delta["claims"] = sum(tx.add_claims_of(rows, version) for version, rows in found.items())
        for input_id, position in marks.items():
            tx.set_checkpoint(input_id, position, run.run_id)
        tx.count(run.run_id, **delta)
    run.add(delta, errors)  # the summary moves only once the transaction is committed


def shard_part(shard: str, parts_dir: str, settings: Settings, published: date | None = None) -> dict[str, Any]:
    """Shard work for a distributed run, a pure function of its input: one file in, its part out (Parquet
    documents and claims plus a manifest, see toll.store.parts), or the finished part left as it is when this
    extractor already made one from these bytes. Reads no database, so it runs anywhere the files are."""
    ident = input_id(shard)
    done = finished(parts_dir, shard, ident, EXTRACTOR_VERSION)
    if done is None:
        with tuned_gc():
            units = _with_results(read_inputs([shard], settings, published), settings.batch_docs)
            done = write_part(parts_dir, shard, ident, EXTRACTOR_VERSION, units)
        made = True
    else:
        made = False
    return {"shard": shard, "manifest": str(done.manifest_path), "made": made, **done.manifest["counts"]}


def _with_results(items: Iterable[Loaded], size: int) -> Iterator[tuple[Loaded, Result | None]]:
    """Each item with its extraction result (None for an input error), extracted `size` documents at a time."""
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        docs = [x.doc for x in chunk if x.doc is not None]
        results = iter(extract_many(docs))
        for x in chunk:
            yield x, (next(results) if x.doc is not None else None)


def load(names: Sequence[str], settings: Settings, progress: Progress | None = None,
         store: Store | None = None) -> Summary:
    """Import parts (manifests, folders of them, globs) into the database at settings.db: the documents,
    stories, claims, errors and checkpoints that ingesting their shards here would have stored. Loading a part
    twice adds nothing; neither does loading one whose shard was ingested already."""
    results: dict[int, tuple[Result, str]] = {}

    def units() -> Iterator[Loaded]:
        for part in find_parts(names):
            if isinstance(part, InputError):
                yield Loaded(part.source or "?", 0, error=str(part))
                continue
            version = str(part.manifest.get("extractor_version") or EXTRACTOR_VERSION)
            try:
                for loaded, result in read_part(part):
                    if loaded.doc is not None and result is not None:
                        results[id(loaded.doc)] = (result, version)
                    yield loaded
            except InputError as err:  # the rest of this part is refused; the next part goes on
                yield Loaded(str(part.manifest_path), 0, error=str(err))

    def batches(store: Store) -> Iterator[tuple[Batch, dict[int, Result], dict[int, str]]]:
        for batch in _marked(units(), store, settings.batch_docs):
            mine = {id(x.doc): results.pop(id(x.doc)) for x, _ in batch if x.doc is not None and id(x.doc) in results}
            yield batch, {k: r for k, (r, _) in mine.items()}, {k: v for k, (_, v) in mine.items()}

    return _write_run("load", names, settings, batches, progress, store)


def reextract(settings: Settings, progress: Progress | None = None, store: Store | None = None) -> Summary:
    """Run this extractor over every stored document and replace its claims; the run records before and after."""
    own = store is None
    store = store or Store.open(settings.db)
    try:
        run = Summary(run_id=store.start_run("reextract", [], EXTRACTOR_VERSION))
        t0 = time.perf_counter()
        run.claims_before = store.counts()["claims"]
        stored = store.documents()
        while chunk := list(islice(stored, max(1, settings.batch_docs))):
            results = list(extract_many([doc for _, doc in chunk]))
            delta = dict.fromkeys(("read", "failed", "claims"), 0)
            errors = []
            with store.batch() as tx:
                for (doc_id, doc), result in zip(chunk, results, strict=True):
                    delta["read"] += 1
                    if result.error:  # the old claims stay: a failed re-run must not erase evidence
                        tx.add_error(run.run_id, doc.id, result.error)
                        delta["failed"] += 1
                        errors.append(result.error)
                        continue
                    _, added = tx.replace_claims(doc_id, result.claims, echo_keys(result.claims), EXTRACTOR_VERSION)
                    delta["claims"] += added
                tx.count(run.run_id, **delta)
            run.add(delta, errors)
            run.seconds = time.perf_counter() - t0
            if progress:
                progress(run)
        return _finish(store, run, t0)
    finally:
        if own:
            store.close()
