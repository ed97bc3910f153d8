"""What an extraction worker of `toll ingest --workers N` runs, and nothing heavier.

A spawned worker imports the module of every function it is sent. When these lived in toll.jobs, each worker
paid for sqlalchemy, datasketch and scipy (0.6 s of imports it never used) before its first document; this
module costs it toll.extract alone (0.1 s)."""

from __future__ import annotations

import contextlib
import gc
import signal
from collections.abc import Iterator

from toll.extract import nlp
from toll.extract.pipeline import extract_many
from toll.model import Document, Result


def start() -> None:
    """Worker start: die with the parent, then load the model while the writer reads the first batch."""
    _die_with_parent()
    # A pool re-forks a worker whose initializer raises, for ever; the first batch meets the same error and
    # reports it on each of its documents instead.
    tune_gc()


# The cyclic collector's youngest generation runs every 700 allocations by default, and each run also walks the
# model's and the store's long-lived objects as they age. Measured on the extractor: about 8-10 % of its CPU
# time. A worker (and an ingest while it runs) collects far less often and never scans what was loaded before.
GC_THRESHOLD = (50_000, 20, 100)


def tune_gc(load: bool = True) -> None:
    """For a process that is toll's own (a worker, the command line): the model is loaded first, so that the
    freeze keeps the collector off its objects."""
    if load:
        with contextlib.suppress(Exception):  # a broken model is reported by the first document that needs it
            nlp.load()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


@contextlib.contextmanager
def tuned_gc() -> Iterator[None]:
    """The collector tuned for a long extraction run in this process, and put back afterwards (toll may be a
    library inside someone else's program)."""
    before = gc.get_threshold()
    tune_gc(load=False)  # a writer whose workers extract never needs the model
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def extract_list(docs: list[Document]) -> list[Result]:
    """A worker's job: one batch's results (a failing document is a Result with its error, as in-process)."""
    return list(extract_many(docs))


def _die_with_parent() -> None:
    """On Linux, ask the kernel to kill this worker when the ingest process dies (a SIGKILLed ingest must not
    leave workers behind that hold memory and the model)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the pool's own shutdown still ends them on a normal exit
        pass
