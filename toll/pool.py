"""What an extraction worker of `toll ingest --workers N` runs, and nothing heavier.

A spawned worker imports the module of every function it is sent. When these lived in toll.jobs, each worker
paid for sqlalchemy, datasketch and scipy (0.6 s of imports it never used) before its first document; this
module costs it toll.extract alone (0.1 s)."""

from __future__ import annotations

import contextlib
import signal

from toll.extract import nlp
from toll.extract.pipeline import extract_many
from toll.model import Document, Result


def start() -> None:
    """Worker start: die with the parent, then load the model while the writer reads the first batch."""
    _die_with_parent()
    # A pool re-forks a worker whose initializer raises, for ever; the first batch meets the same error and
    # reports it on each of its documents instead.
    with contextlib.suppress(Exception):
        nlp.load()


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
