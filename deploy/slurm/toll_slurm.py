"""`toll ingest --engine dask` on a Slurm cluster, through dask-jobqueue: each Slurm job is one Dask worker.

    pip install 'toll[dask]' dask-jobqueue
    python deploy/slurm/toll_slurm.py --jobs 32 --partition compute --parts /shared/toll-parts \\
        --db postgresql://toll@db.example.org/toll '/shared/cc-news/2026-11/*.warc.gz'

Run it on a login node whose file system the compute nodes share: the shards, the parts folder and this
script's working directory must be visible from every node at the same paths. Rerunning after a failure
skips every shard whose part is finished.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shards", nargs="+", help="shard files, folders or globs (WARC or JSONL)")
    ap.add_argument("--db", required=True, help="the database the parts are loaded into")
    ap.add_argument("--parts", required=True, help="a folder on the shared file system")
    ap.add_argument("--jobs", type=int, default=16, help="Slurm jobs, one Dask worker each")
    ap.add_argument("--partition", help="the Slurm partition (queue)")
    ap.add_argument("--account", help="the Slurm account to charge")
    ap.add_argument("--memory", default="3GB", help="memory per job (a worker holds about 1 GB at most)")
    ap.add_argument("--walltime", default="04:00:00")
    args = ap.parse_args(argv)

    from dask_jobqueue import SLURMCluster

    from toll import jobs, scale
    from toll.settings import Settings

    extra = [f"--account={args.account}"] if args.account else []
    with SLURMCluster(cores=1, processes=1, memory=args.memory, walltime=args.walltime, queue=args.partition,
                      job_extra_directives=extra) as cluster:
        cluster.scale(jobs=args.jobs)
        settings = Settings.from_env(db=args.db)
        run = scale.run_shards(args.shards, settings, args.parts, scheduler=cluster.scheduler_address,
                               on_shard=lambda _run, _done, problem: problem and print(f"toll: {problem}"))
    print(f"shards: {run.shards}: {run.made} made, {run.skipped} finished before, {run.failed} failed")
    summary = jobs.load(run.manifests, settings)
    print(f"loaded: {summary.read} read, {summary.new} new, {summary.claims} claims, {summary.failed} failed")
    return 1 if run.failed or summary.failed else 0


if __name__ == "__main__":
    sys.exit(main())
