"""A separate process for the concurrency tests: `python _worker.py open|write URL TAG N GO_FILE`.

It waits until GO_FILE exists, so that every worker starts at the same moment, then either opens the store
(migrating a new database) or runs N read-then-write batches, each storing one document of its own."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from toll.model import Claim, Document, Figure, Source, Span, Victim
from toll.store import Store


def _wait(go: Path) -> None:
    deadline = time.monotonic() + 60
    while not go.exists():
        if time.monotonic() > deadline:
            raise SystemExit("never told to go")
        time.sleep(0.005)


def _claim(d: Document) -> Claim:
    at = d.text.index("3 people")
    figure = Figure(3, 3, "exact", Span(at, at + 1), "3")
    return Claim(d.id, figure, "killed", Victim(), None, (), None, False, Span(0, len(d.text)), d.text)


def _write(store: Store, tag: str, n: int) -> None:
    run_id = store.start_run("ingest", [tag], "v")
    last: tuple[int, Document] | None = None
    for i in range(n):
        d = Document(
            f"{tag}-{i}",
            f"Report {i} from {tag}: 3 people were killed.",
            source=Source("Wire", f"https://w.example/{tag}/{i}"),
        )
        # the read outside the batch, then the write: the pattern of toll ingest
        if store.known(d.source.url, d.sha256):
            raise SystemExit(f"{d.id} already stored")
        with store.batch() as tx:
            if last is not None:
                # a read then a write on the batch's own connection: the pattern that fails with SQLITE_BUSY
                # when a transaction does not take the write lock when it begins
                tx.add_claims(last[0], [_claim(last[1])], [f"{tag}-{i - 1}"], "v")
            # a read on another connection while this one holds the write lock: WAL lets it through
            previous = store.checkpoint(tag)
            doc_id = tx.add_document(
                d, run_id=run_id, input_name=tag, story_id=None, duplicate_of=None, similarity=None, minhash=None
            )
            shared = Document("shared", f"Shared bulletin {i}.", source=Source("Wire", f"https://w.example/shared/{i}"))
            tx.add_document(
                shared, run_id=run_id, input_name=tag, story_id=None, duplicate_of=None, similarity=None, minhash=None
            )
            tx.set_checkpoint(tag, i, run_id)
            tx.count(run_id, read=2, new=1)
        last = (doc_id, d) if doc_id is not None else None
        if doc_id is None or previous != (i - 1 if i else None):
            raise SystemExit(f"{d.id}: stored {doc_id}, checkpoint was {previous}")
    store.finish_run(run_id)


def main() -> None:
    mode, url, tag, n, go = sys.argv[1:6]
    _wait(Path(go))
    store = Store.open(url)
    try:
        if mode == "write":
            _write(store, tag, int(n))
    finally:
        store.close()


if __name__ == "__main__":
    main()
