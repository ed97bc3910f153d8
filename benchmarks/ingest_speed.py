"""What storage costs: `toll ingest` into SQLite against the extractor alone, on the same documents.

Generates the deterministic corpus of benchmarks/_corpus.py and measures, in one process and one run:

1. extract only: `toll.extract_many` over the documents held in memory (the model is loaded before timing);
2. text input: `jobs.ingest` of a JSON Lines file of the same documents into a fresh SQLite file (reading,
   hashing, MinHash signatures, story assignment, inserts and one transaction per batch);
3. WARC/HTML input: the same documents as HTML pages in a .warc.gz, ingested into another fresh SQLite file
   (trafilatura turns each page into text first, so this also pays for HTML parsing).

Ingest runs in one process (--workers 1) for these, so storage_overhead is how much more CPU time text ingest
takes than extraction alone, on the same documents; a last run with a worker per core shows what parallel
extraction gives on top.
CPU time, because this shared 2-core machine's wall-clock speed varies by 10-25 % from one run to the next and
the overhead is a difference of two such runs; the wall-clock overhead is printed beside it. Each measurement
is repeated (--repeat, default 3) and the fastest kept. Prints figures, asserts nothing.
The last line is always

    text_docs/s=N warc_docs/s=M extract_only_docs/s=E storage_overhead=P%

Usage:
    python benchmarks/ingest_speed.py                 # 1,000 documents of about 600 words
    python benchmarks/ingest_speed.py --docs 200 --words 300
"""

from __future__ import annotations

import argparse
import html
import io
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import _corpus  # noqa: E402


def _page(d: _corpus.CorpusDoc) -> bytes:
    title, _, body = d.text.partition("\n\n")
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in body.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html><head><title>{html.escape(title)}</title>"
        f'<meta property="article:published_time" content="{d.published.isoformat()}"></head><body>'
        f'<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{html.escape(title)}</h1>\n{paras}</article>"
        f"<footer>Copyright The Example Post. All rights reserved.</footer></body></html>"
    ).encode()


def write_warc(docs: list[_corpus.CorpusDoc], path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as f:
        w = WARCWriter(f, gzip=True)
        for i, d in enumerate(docs):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = w.create_warc_record(f"https://bench.example/{i}", "response", payload=io.BytesIO(_page(d)),
                                       http_headers=http)
            w.write_record(rec)


def write_jsonl(docs: list[_corpus.CorpusDoc], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i, d in enumerate(docs):
            f.write(json.dumps({"id": d.id, "url": f"https://bench.example/{i}", "outlet": "Bench",
                                "published": d.published.isoformat(), "text": d.text}) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--words", type=int, default=600)
    ap.add_argument("--seed", type=int, default=20240301)
    ap.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the fastest is kept")
    args = ap.parse_args(argv)

    import toll
    from toll import jobs
    from toll.settings import Settings

    docs = _corpus.generate(args.docs, args.words, args.seed)
    words = sum(len(d.text.split()) for d in docs)
    print(f"host probe: numpy sgemm 512x512, one thread: {_corpus.host_gflops():.0f} GFLOP/s (see _corpus.host_gflops)")
    print(f"corpus: {len(docs):,} docs, {words:,} words ({words / max(1, len(docs)):.0f}/doc), seed {args.seed}")
    from toll.pool import tuned_gc

    tdocs = [toll.Document(id=d.id, text=d.text, published=d.published) for d in docs]
    list(toll.extract_many(tdocs[:5]))  # loads the model; not timed

    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        write_jsonl(docs, tmpd / "docs.jsonl")
        write_warc(docs, tmpd / "docs.warc.gz")
        ex_rate = 0.0
        ex_cpu = float("inf")
        rates: dict[str, float] = {}
        cpu: dict[str, float] = {}

        def ingest(name: str, inp: Path, attempt: int, workers: int = 1) -> None:
            db = tmpd / f"{name}-{attempt}.db"  # a fresh database each time: nothing is skipped as stored
            t0, c0 = time.perf_counter(), time.process_time()
            s = jobs.ingest([str(inp)], Settings(db=f"sqlite:///{db}", workers=workers))
            secs, cpu_s = time.perf_counter() - t0, time.process_time() - c0
            rates[name] = max(rates.get(name, 0.0), s.read / secs)
            cpu[name] = min(cpu.get(name, float("inf")), cpu_s)
            print(f"ingest {name}: {s.read:,} read, {s.new:,} new ({s.near_duplicates:,} near-duplicates), "
                  f"{s.failed:,} failed, {s.claims:,} claims in {secs:.2f} s ({cpu_s:.2f} s CPU) = "
                  f"{s.read / secs:,.1f} docs/s; "
                  f"database {db.stat().st_size / 1e6:.1f} MB")

        # extraction alone and text ingest take turns, so that a slow spell of the machine hits both alike
        for attempt in range(max(1, args.repeat)):
            t0, c0 = time.perf_counter(), time.process_time()
            with tuned_gc():  # as an ingest runs, so that the overhead is storage's alone
                claims = sum(len(r.claims) for r in toll.extract_many(tdocs))
            ex_s, ex_c = time.perf_counter() - t0, time.process_time() - c0
            ex_rate = max(ex_rate, len(docs) / ex_s)
            ex_cpu = min(ex_cpu, ex_c)
            print(f"extract only: {len(docs):,} docs in {ex_s:.2f} s ({ex_c:.2f} s CPU) = {len(docs) / ex_s:,.1f} "
                  f"docs/s, {claims:,} claims")
            ingest("text", tmpd / "docs.jsonl", attempt)
        for attempt in range(max(1, args.repeat)):
            ingest("warc", tmpd / "docs.warc.gz", attempt)
        # the same text ingest with extraction in worker processes (one per core) while this one writes
        ingest("text, all cores", tmpd / "docs.jsonl", 0, workers=0)
    overhead = 100 * (cpu["text"] / ex_cpu - 1)
    print(f"storage overhead: {overhead:.1f} % in CPU time (best runs: {cpu['text']:.2f} s ingest, {ex_cpu:.2f} s "
          f"extract only); {100 * (ex_rate / rates['text'] - 1):.1f} % in wall-clock time")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")
    print(f"text_docs/s={rates['text']:.1f} warc_docs/s={rates['warc']:.1f} extract_only_docs/s={ex_rate:.1f} "
          f"storage_overhead={overhead:.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
