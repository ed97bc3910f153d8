"""toll at scale: the shards of a large crawl extracted on a Dask cluster, then stored by one writer.

    shards (WARC / JSONL files) --Dask, one task a shard--> parts (toll.jobs.shard_part: Parquet + manifest)
                                                         --toll load, in shard order--> the database

A shard's task is a pure function of the shard's bytes, and its part appears by atomic rename, manifest last:
a worker killed mid-task leaves only temporary files, Dask runs the task again elsewhere, and a rerun of the
whole job skips the shards whose parts are finished. Loading happens once every shard is done, in the order
of the shards' names, so the database is the same whichever worker finished first.
"""

from __future__ import annotations

import glob
import logging
import os
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from toll import jobs
from toll.errors import InputError, UsageError
from toll.ingest.sources import EXTENSIONS, walk
from toll.settings import Settings
from toll.store.parts import part_key

SHARD_RETRIES = 2  # a task that raised (a full disk, a lost mount) is tried again; bad input never raises
CONNECT_TIMEOUT = "10s"


@dataclass
class ShardRun:
    """What the distributed half of a run did, shard by shard."""

    shards: int = 0
    made: int = 0
    skipped: int = 0  # their parts were finished by an earlier run
    failed: int = 0
    documents: int = 0
    claims: int = 0
    manifests: list[str] = field(default_factory=list)  # in shard order, ready for load()
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    done: list[dict[str, Any]] = field(default_factory=list)


def shards_of(names: Sequence[str]) -> tuple[list[str], list[str]]:
    """(shard files as absolute paths, sorted and unique; one-line errors for names that give none). Each file
    toll reads is one shard; URLs and standard input cannot be shards, since workers elsewhere cannot read them."""
    found: list[str] = []
    errors: list[str] = []
    for name in names:
        if name == "-" or name.lower().startswith(("http://", "https://")):
            errors.append(str(InputError("the dask engine reads shard files; fetch URLs with the local engine",
                                         source=name)))
        elif os.path.isdir(name):
            files = walk(name)
            found.extend(files)
            if not files:
                errors.append(str(InputError("no file toll reads is in this folder", source=name)))
        elif not os.path.lexists(name) and set("*?[") & set(name):
            files = sorted(m for m in glob.glob(name, recursive=True) if os.path.isfile(m))
            files += [f for m in sorted(glob.glob(name, recursive=True)) if os.path.isdir(m) for f in walk(m)]
            found.extend(files)
            if not files:
                errors.append(str(InputError("no file matches this pattern", source=name)))
        elif not os.path.isfile(name):
            errors.append(str(InputError("no such file", source=name)))
        elif not name.lower().endswith(EXTENSIONS):
            errors.append(str(InputError(f"not a shard: toll reads {', '.join(EXTENSIONS)}", source=name)))
        else:
            found.append(name)
    return sorted({os.path.abspath(f) for f in found}), errors


def run_shards(
    names: Sequence[str],
    settings: Settings,
    parts_dir: str,
    scheduler: str | None = None,
    published: date | None = None,
    on_shard: Callable[[ShardRun, dict[str, Any] | None, str | None], None] | None = None,
) -> ShardRun:
    """Make (or find finished) the part of every shard on the cluster at `scheduler`, or on a local cluster of
    workers(settings) processes; a shard that fails is an error in the result and the others go on."""
    try:
        from dask.distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise UsageError("the dask engine needs Dask: pip install 'toll[dask]'", "--engine") from None
    t0 = time.perf_counter()
    shards, errors = shards_of(names)
    run = ShardRun(shards=len(shards), errors=errors, failed=len(errors))
    for problem in errors:
        if on_shard:
            on_shard(run, None, problem)
    parts_dir = os.path.abspath(parts_dir)
    os.makedirs(parts_dir, exist_ok=True)
    cluster = None
    # the client's own notes ("rescheduling", a lost worker) would break the one-line-per-problem output; the
    # outcome of each shard is reported below
    logging.getLogger("distributed").setLevel(logging.ERROR)
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as err:
                raise InputError(f"cannot reach the Dask scheduler ({' '.join(str(err).split())})",
                                 source=scheduler) from None
        else:
            cluster = LocalCluster(n_workers=jobs.workers(settings), threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=logging.ERROR)
            client = Client(cluster)
        with client:
            token = uuid.uuid4().hex[:8]  # a long-lived cluster must not hand back another run's results
            futures = {
                client.submit(jobs.shard_part, shard, parts_dir, settings, published,
                              key=f"toll-shard-{part_key(shard)}-{token}", retries=SHARD_RETRIES, pure=False): shard
                for shard in shards
            }
            by_shard: dict[str, str] = {}
            for future in as_completed(futures):
                shard = futures[future]
                try:
                    done = future.result()
                except Exception as err:  # noqa: BLE001 -- one shard's failure (even a KilledWorker) is its own
                    problem = str(InputError(f"shard failed: {type(err).__name__}: {' '.join(str(err).split())}"
                                             [:300], source=shard))
                    run.failed += 1
                    run.errors.append(problem)
                    if on_shard:
                        on_shard(run, None, problem)
                    continue
                by_shard[shard] = done["manifest"]
                run.made += bool(done["made"])
                run.skipped += not done["made"]
                run.documents += done["documents"]
                run.claims += done["claims"]
                run.done.append(done)
                if on_shard:
                    on_shard(run, done, None)
            run.manifests = [by_shard[s] for s in shards if s in by_shard]
    finally:
        if cluster is not None:
            cluster.close()
    run.seconds = time.perf_counter() - t0
    return run
