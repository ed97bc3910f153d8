"""End-to-end throughput of `toll ingest` into SQLite: per core, against a naive baseline, across workers.

Generates the deterministic corpus of benchmarks/_corpus.py and measures, in one run:

1. text (JSON Lines) and WARC/HTML (.warc.gz) ingest of --docs documents (10,000) with a worker per core:
   docs/s and words/s per core, and how long the processes took to start (the first committed batch);
2. the same text ingest of only the first --small-docs (1,000), where that start-up is a third of the run;
3. the naive baseline: spaCy's full small pipeline over every sentence of the first --baseline-docs documents,
   scaled to words/s, and the ratio of text ingest to it (per core against one core);
4. the speed-up of text ingest from 1 to 2 workers;
5. peak RSS of a one-process ingest (--workers 1) of 1,000 and of 10,000 documents, each in a fresh process
   (its own VmHWM), which should be flat.

The rates are measured on 10,000 documents because a day of news is 390,000: a run of 1,000 spends a third of
its time starting two worker processes and their models (~1.2 s here), which a real day pays once. Both are
printed. Prints figures, asserts nothing. The last line is always

    text_docs/s/core=N warc_docs/s/core=M speedup_2w=S rss_1k_mb=A rss_10k_mb=B

Usage:
    python benchmarks/throughput.py                      # 10,000 documents; RSS at 1,000 and 10,000
    python benchmarks/throughput.py --docs 300 --small-docs 100 --rss-large 3000 --baseline-docs 50
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import _corpus  # noqa: E402
import extract_speed  # noqa: E402
import ingest_speed  # noqa: E402

RSS_CHILD = """
import sys
from toll import jobs
from toll.settings import Settings
jobs.ingest([sys.argv[1]], Settings(db="sqlite:///" + sys.argv[2], workers=1))
with open("/proc/self/status") as f:
    print(next(int(line.split()[1]) for line in f if line.startswith("VmHWM:")))
"""


def _ingest(path: Path, db: Path, workers: int) -> tuple[float, int, float, float]:
    """(seconds, documents read, docs/s after the first committed batch: the rate once the processes are up,
    seconds to that first committed batch)."""
    from toll import jobs
    from toll.settings import Settings

    first: list[tuple[float, int]] = []

    def seen(s: jobs.Summary) -> None:
        if not first:
            first.append((time.perf_counter(), s.read))

    t0 = time.perf_counter()
    s = jobs.ingest([str(path)], Settings(db=f"sqlite:///{db}", workers=workers), progress=seen)
    end = time.perf_counter()
    steady = (s.read - first[0][1]) / (end - first[0][0]) if first and end > first[0][0] else 0.0
    return end - t0, s.read, steady, (first[0][0] - t0 if first else 0.0)


def _rss_mb(path: Path, db: Path) -> float:
    """Peak resident memory of a fresh one-process ingest of `path` (the child's own VmHWM, not ru_maxrss,
    which Linux carries over from the parent)."""
    out = subprocess.run([sys.executable, "-c", RSS_CHILD, str(path), str(db)], capture_output=True, text=True,
                         check=True, cwd=HERE.parent)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--small-docs", type=int, default=1000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20240301)
    ap.add_argument("--baseline-docs", type=int, default=100)
    ap.add_argument("--rss-small", type=int, default=1000)
    ap.add_argument("--rss-large", type=int, default=10000)
    args = ap.parse_args(argv)
    cores = os.cpu_count() or 1

    print(f"host probe: numpy sgemm 512x512, one thread: {_corpus.host_gflops():.0f} GFLOP/s (see _corpus.host_gflops)")
    docs = _corpus.generate(args.docs, args.words, args.seed)
    words = sum(len(d.text.split()) for d in docs)
    print(f"corpus: {len(docs):,} docs, {words:,} words; {cores} cores")
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        ingest_speed.write_jsonl(docs, tmpd / "docs.jsonl")
        ingest_speed.write_warc(docs, tmpd / "docs.warc.gz")
        ingest_speed.write_jsonl(docs[: args.small_docs], tmpd / "small.jsonl")
        runs = [("text, 1 worker", "docs.jsonl", 1), ("text, 2 workers", "docs.jsonl", 2)]
        if cores != 2:  # on two cores "all cores" is the 2-worker run
            runs.append(("text, all cores", "docs.jsonl", 0))
        runs += [("warc, all cores", "docs.warc.gz", 0), ("text small, all cores", "small.jsonl", 0)]
        secs, steady = {}, {}
        for label, path, workers in runs:
            s, n, rate, start = _ingest(tmpd / path, tmpd / f"{label.replace(' ', '_').replace(',', '')}.db", workers)
            secs[label], steady[label] = s, rate
            print(
                f"ingest {label}: {n:,} docs in {s:.2f} s = {n / s:,.1f} docs/s, "
                f"{sum(len(d.text.split()) for d in docs[:n]) / s:,.0f} words/s; first batch committed after "
                f"{start:.2f} s, {rate:,.1f} docs/s after it"
            )
        if cores == 2:
            secs["text, all cores"] = secs["text, 2 workers"]
        small = min(args.small_docs, len(docs))
        print(
            f"per core on the first {small:,} docs only: text {small / secs['text small, all cores'] / cores:,.1f} "
            "docs/s (the start-up is a larger share of a short run)"
        )
        text_rate = len(docs) / secs["text, all cores"]
        warc_rate = len(docs) / secs["warc, all cores"]
        speedup = secs["text, 1 worker"] / secs["text, 2 workers"]
        if steady["text, 1 worker"]:
            print(f"speed-up 1 -> 2 workers once started (after the first committed batch): "
                  f"{steady['text, 2 workers'] / steady['text, 1 worker']:.2f}x")
        print(f"per core: text {text_rate / cores:,.1f} docs/s ({words / secs['text, all cores'] / cores:,.0f} "
              f"words/s), WARC {warc_rate / cores:,.1f} docs/s; speed-up 1 -> 2 workers {speedup:.2f}x")

        n_base = min(args.baseline_docs, len(docs))
        if n_base:
            b = extract_speed.run_baseline(docs[:n_base])
            base_ws = b["words"] / b["run_s"]
            print(f"baseline: spaCy full pipeline on every sentence: {base_ws:,.0f} words/s (first {n_base} docs); "
                  f"text ingest per core is {words / secs['text, all cores'] / cores / base_ws:.1f}x that")

        rss = {}
        for n in (args.rss_small, args.rss_large):
            big = _corpus.generate(n, args.words, args.seed + 1)
            ingest_speed.write_jsonl(big, tmpd / f"rss{n}.jsonl")
            rss[n] = _rss_mb(tmpd / f"rss{n}.jsonl", tmpd / f"rss{n}.db")
            print(f"peak RSS, one-process ingest of {n:,} docs: {rss[n]:.0f} MB")
    print(f"RSS ratio {args.rss_large:,} / {args.rss_small:,} docs: {rss[args.rss_large] / rss[args.rss_small]:.2f}")
    print(f"text_docs/s/core={text_rate / cores:.1f} warc_docs/s/core={warc_rate / cores:.1f} "
          f"speedup_2w={speedup:.2f} rss_1k_mb={rss[args.rss_small]:.0f} rss_10k_mb={rss[args.rss_large]:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
