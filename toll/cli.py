"""The `toll` command. Errors become one line `toll: <input>: <problem>`; exit 1 if an input failed, 2 on misuse."""

from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from toll.errors import InputError, TollError, UsageError
from toll.model import Claim, Document

if TYPE_CHECKING:
    from toll.settings import Settings

FORMATS = ("jsonl", "table", "csv")
CSV_COLUMNS = (
    "doc_id",
    "figure_low",
    "figure_high",
    "kind",
    "category",
    "victim_party",
    "victim_role",
    "victim_group",
    "victim_party_basis",
    "claimant",
    "via",
    "as_of",
    "historical",
    "char_start",
    "char_end",
    "figure_start",
    "figure_end",
    "text_source",
    "evidence_text",
)


def _fail(message: str) -> None:
    click.echo(f"toll: {' '.join(message.split())}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="toll", prog_name="toll")
def main() -> None:
    """toll: casualty claims from war reporting, each with its evidence."""


@main.command()
@click.argument("files", nargs=-1)
@click.option(
    "--input",
    "inputs",
    multiple=True,
    metavar="DOCS.jsonl",
    help='JSON Lines of documents ({"id", "text" or "html", "published"?}); many documents, one process.',
)
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date of the FILES, for relative dates.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl: the claim records of the spec; csv: flat columns; table: for reading.",
)
def extract(files: tuple[str, ...], inputs: tuple[str, ...], published: str | None, fmt: str) -> None:
    """Print every casualty claim in FILES (text or HTML; - is standard input) or in --input batches."""
    from toll.extract.pipeline import extract_many, parse_published

    try:
        pub = parse_published(published)
    except UsageError as e:
        _fail(str(e))
        sys.exit(2)
    if not files and not inputs:
        _fail("extract: give FILE... or --input DOCS.jsonl (see toll extract --help)")
        sys.exit(2)
    failed = 0

    def docs() -> Iterator[Document]:
        nonlocal failed
        for d in _documents(files, inputs, pub):
            if isinstance(d, InputError):
                failed += 1
                _fail(str(d))
            else:
                yield d

    from toll.pool import tune_gc

    tune_gc()  # this process is toll's own: collect as a worker does
    out = sys.stdout
    writer = _writer(fmt, out)
    try:
        for result in extract_many(docs()):
            if result.error:
                failed += 1
                _fail(result.error)
                continue
            for note in result.notes:
                click.echo(f"toll: {result.doc_id}: warning: {note}", err=True)
            for c in result.claims:
                writer(c)
        writer(None)
        out.flush()
    except BrokenPipeError:  # `toll extract ... | head` is normal use
        sys.stderr.close()
        sys.exit(0)
    sys.exit(1 if failed else 0)


SETTING_OPTIONS = {  # CLI option -> Settings field; each overrides TOLL_<FIELD> and the default
    "--db": "db",
    "--batch": "batch_docs",
    "--timeout": "fetch_timeout",
    "--max-redirects": "fetch_max_redirects",
    "--max-bytes": "fetch_max_bytes",
    "--allow": "fetch_allow",
}


def _settings(**given: object) -> Settings:
    from toll.settings import Settings

    try:
        return Settings.from_env(**given)
    except ValueError as e:
        _fail(str(e))
        sys.exit(2)


def _db_option(f):  # type: ignore[no-untyped-def]
    return click.option(
        "--db", metavar="URL", help="Database: sqlite:///PATH, a bare PATH, or postgresql://... [TOLL_DB; ./toll.db]"
    )(f)


@main.command()
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@_db_option
@click.option("--published", metavar="YYYY-MM-DD", help="Publication date for inputs that carry none.")
@click.option("--batch", type=click.IntRange(1, 100_000), help="Documents per transaction. [64]")
@click.option("--workers", type=click.IntRange(0, 256),
              help="Extraction processes beside the writing one; 0 is one per core, 1 extracts in-process. [0]")
@click.option("--timeout", type=click.FloatRange(0.1, 600), help="Seconds per URL fetch. [30]")
@click.option("--max-redirects", type=click.IntRange(0, 20), help="Redirects followed per URL. [2]")
@click.option("--max-bytes", type=click.IntRange(1), help="Bytes read per URL. [20 MB]")
@click.option("--allow", multiple=True, metavar="CIDR", help="A network exempt from the private-address refusal.")
@click.option("--engine", type=click.Choice(("local", "dask")), default="local", show_default=True,
              help="local: worker processes on this machine; dask: one task a shard file on a Dask cluster, "
                   "each writing a part, then loaded here.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="With --engine dask: the cluster's scheduler; without it, a local cluster of --workers.")
@click.option("--parts", "parts_dir", metavar="DIR", default="toll-parts", show_default=True,
              help="With --engine dask: where shards' parts are written (shared by every worker); kept, so a "
                   "rerun skips finished shards.")
@click.option("--table", is_flag=True, help="Print the database's claims as a table after the summary.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary and errors.")
def ingest(inputs: tuple[str, ...], db: str | None, published: str | None, batch: int | None, workers: int | None,
           timeout: float | None, max_redirects: int | None, max_bytes: int | None, allow: tuple[str, ...],
           engine: str, scheduler: str | None, parts_dir: str, table: bool, quiet: bool) -> None:
    """Store the claims of files, directories, globs, JSONL(.gz), WARC(.gz), feeds and URLs in the database."""
    from toll import jobs
    from toll.extract.pipeline import parse_published
    from toll.ui import Reporter

    try:
        pub = parse_published(published)
    except UsageError as e:
        _fail(str(e))
        sys.exit(2)
    if scheduler and engine != "dask":
        _fail("ingest: --scheduler needs --engine dask")
        sys.exit(2)
    settings = _settings(db=_db_url(db), batch_docs=batch, workers=workers, fetch_timeout=timeout,
                         fetch_max_redirects=max_redirects,
                         fetch_max_bytes=max_bytes, fetch_allow=allow or None)
    shard_failed = 0
    if engine == "dask":
        shard_run = _run_shards(inputs, settings, parts_dir, scheduler, pub, quiet)
        shard_failed = shard_run.failed
        inputs = tuple(shard_run.manifests)
    reporter = Reporter(sys.stderr, quiet=quiet, label="ingest")
    with reporter:
        if engine == "dask":
            summary = jobs.load(list(inputs), settings, progress=reporter.update) if inputs else None
        else:
            summary = jobs.ingest(list(inputs), settings, published=pub, progress=reporter.update)
    if summary is not None:
        reporter.summary(summary, sys.stdout, settings.db)
    if table:
        _print_claims(settings)
    sys.exit(1 if shard_failed or (summary is not None and summary.failed) else 0)


def _run_shards(inputs: tuple[str, ...], settings: Settings, parts_dir: str, scheduler: str | None,
                pub: date | None, quiet: bool):  # type: ignore[no-untyped-def]
    """The distributed half of `ingest --engine dask`: every shard's part made on the cluster, a line a shard."""
    from toll import scale

    def shown(run: scale.ShardRun, done: dict | None, problem: str | None) -> None:
        if problem is not None:
            _fail(problem)
        elif not quiet and done is not None:
            how = "made" if done["made"] else "finished before, skipped"
            click.echo(f"toll: shard {done['shard']}: {done['documents']} documents, {done['claims']} claims, "
                       f"{done['errors']} failed ({how})", err=True)

    try:
        run = scale.run_shards(list(inputs), settings, parts_dir, scheduler, pub, on_shard=shown)
    except UsageError as e:
        _fail(str(e))
        sys.exit(2)
    except TollError as e:
        _fail(str(e))
        sys.exit(1)
    click.echo(f"shards: {run.shards} in {run.seconds:.1f} s: {run.made} made, {run.skipped} finished before "
               f"(skipped), {run.failed} failed; parts in {os.path.abspath(parts_dir)}")
    return run


@main.command()
@click.argument("parts", nargs=-1, required=True, metavar="PARTS...")
@_db_option
@click.option("--batch", type=click.IntRange(1, 100_000), help="Documents per transaction. [64]")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary and errors.")
def load(parts: tuple[str, ...], db: str | None, batch: int | None, quiet: bool) -> None:
    """Import parts made by `ingest --engine dask` (manifests, folders of them, globs); loading twice adds nothing."""
    from toll import jobs
    from toll.ui import Reporter

    settings = _settings(db=_db_url(db), batch_docs=batch)
    reporter = Reporter(sys.stderr, quiet=quiet, label="load")
    with reporter:
        summary = jobs.load(list(parts), settings, progress=reporter.update)
    reporter.summary(summary, sys.stdout, settings.db)
    sys.exit(1 if summary.failed else 0)


@main.command()
@_db_option
@click.option("--quiet", "-q", is_flag=True, help="No progress, only the summary and errors.")
def reextract(db: str | None, quiet: bool) -> None:
    """Run this version of the extractor over every stored document and replace its claims."""
    from toll import jobs
    from toll.ui import Reporter

    settings = _settings(db=_db_url(db))
    reporter = Reporter(sys.stderr, quiet=quiet, label="reextract")
    with reporter:
        summary = jobs.reextract(settings, progress=reporter.update)
    reporter.summary(summary, sys.stdout, settings.db)
    sys.exit(1 if summary.failed else 0)


EXPORT_FORMATS = ("csv", "jsonl", "parquet")


@main.command()
@_db_option
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True,
              help="csv (UTF-8), jsonl (one claim a line) or parquet (zstd).")
@click.option("--out", metavar="FILE", help="Write here instead of standard output (parquet needs a file).")
@click.option("--hxl", is_flag=True, help="CSV only: add the HXL hashtag row under the header.")
def export(db: str | None, fmt: str, out: str | None, hxl: bool) -> None:
    """Write every stored claim with its document, outlet, evidence and report count."""
    from toll.store import Store, write_export

    settings = _settings(db=_db_url(db))
    if hxl and fmt != "csv":
        _fail("export: --hxl goes with --format csv")
        sys.exit(2)
    if fmt == "parquet" and not out:
        _fail("export: parquet needs --out FILE")
        sys.exit(2)
    store = Store.open(settings.db)
    try:
        n = write_export(store.export_rows(), fmt, out, hxl=hxl)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    finally:
        store.close()
    if out:
        click.echo(f"toll: wrote {n} claims to {out}", err=True)


REPORT_FORMATS = ("table", "markdown", "html", "json")


@main.command()
@_db_option
@click.option("--party", metavar="P", help="Only the ladders of this party (whose losses).")
@click.option("--category", metavar="C", help="Only this category: killed, wounded, captured, ...")
@click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="table", show_default=True,
              help="table for reading, markdown, json, or html: a self-contained page with timeline charts.")
@click.option("--out", metavar="FILE", help="Write here instead of standard output (html: report.html).")
@click.option("--factor", type=click.FloatRange(1.0, min_open=True),
              help="Figures for one date that differ by more than this factor are contradictions. [2.0]")
def report(db: str | None, party: str | None, category: str | None, fmt: str, out: str | None,
           factor: float | None) -> None:
    """Print the ladders: per victim group, each source's figures over time, and the estimate with its method."""
    settings = _settings(db=_db_url(db), contradiction_factor=factor)
    text = _render_report(settings, party, category, fmt, settings.contradiction_factor)
    if fmt == "html" and not out:
        out = "report.html"
    if out:
        try:
            with open(out, "w", encoding="utf-8") as f:
                f.write(text)
        except OSError as e:
            _fail(f"{out}: cannot write: {e.strerror or e}")
            sys.exit(1)
        click.echo(f"toll: wrote {out}", err=True)
    else:
        click.echo(text, nl=not text.endswith("\n"))


def _render_report(settings: Settings, party: str | None, category: str | None, fmt: str, factor: float) -> str:
    from toll.reconcile.ladder import ladders
    from toll.report import render, select
    from toll.store import Store

    kinds = None
    if settings.claimant_kinds:
        from toll.reconcile.kinds import Kinds

        kinds = Kinds.default().extended(settings.claimant_kinds)
    with Store.open(settings.db) as store:
        found = ladders(list(store.reported()), kinds, contradiction_factor=factor)
    return render(select(found, party=party, category=category), fmt)


@main.command()
@_db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; 0.0.0.0 exposes it to the network.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
def serve(db: str | None, host: str, port: int) -> None:
    """Run the dashboard and its JSON API over the database, read-only."""
    from toll.web import serve as run_server

    settings = _settings(db=_db_url(db))
    click.echo(f"toll: dashboard on http://{host}:{port}/ (API docs at /docs); Ctrl-C stops it", err=True)
    run_server(settings.db, host=host, port=port, settings=settings)


DEMO_DB = "toll-demo.db"


@main.command()
@click.option("--db", "db_path", default=DEMO_DB, show_default=True, metavar="PATH",
              help="The SQLite file to create afresh for the demo.")
@click.option("--serve", "then_serve", is_flag=True, help="Start the dashboard afterwards.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="The dashboard's port.")
def demo(db_path: str, then_serve: bool, port: int) -> None:
    """Ingest the bundled sample corpus into a fresh database, print the ladders, write report.html."""
    from importlib.resources import as_file, files

    from toll import jobs
    from toll.ui import Reporter

    for suffix in ("", "-wal", "-shm"):
        Path(db_path + suffix).unlink(missing_ok=True)
    settings = _settings(db=f"sqlite:///{db_path}")
    with as_file(files("toll") / "data" / "sample.jsonl") as sample:
        reporter = Reporter(sys.stderr, quiet=True)
        summary = jobs.ingest([str(sample)], settings)
    reporter.summary(summary, sys.stdout, settings.db)
    click.echo("")
    click.echo(_render_report(settings, None, None, "table", settings.contradiction_factor))
    Path("report.html").write_text(
        _render_report(settings, None, None, "html", settings.contradiction_factor), encoding="utf-8"
    )
    click.echo(f"\nWrote report.html (open it in a browser). The dashboard: toll serve --db {db_path}, then "
               f"http://127.0.0.1:{port}/")
    if then_serve:
        from toll.web import serve as run_server

        click.echo(f"toll: dashboard on http://127.0.0.1:{port}/ ; Ctrl-C stops it", err=True)
        run_server(settings.db, host="127.0.0.1", port=port, settings=settings)


def _db_url(db: str | None) -> str | None:
    """A bare path is taken as a SQLite file; None leaves the choice to TOLL_DB and the default."""
    if db is None or "://" in db:
        return db
    return f"sqlite:///{db}"


def _print_claims(settings: Settings) -> None:
    from toll.report_table import TableWriter
    from toll.store import Store

    store = Store.open(settings.db)
    try:
        rows = store.claims()
        counts = store.counts()
        names = store.document_names()
    finally:
        store.close()
    named = [(replace(c, doc_id=names.get(c.doc_id, c.doc_id)), n) for c, n in rows]
    writer = TableWriter(sys.stdout, reports={id(c): n for c, n in named},
                         title=f"{counts['claims']} claims reported, {counts['independent_claims']} independent, "
                               f"in {counts['documents']} documents ({counts['stories']} stories)")
    for c, _ in named:
        writer(c)
    writer(None)


def _documents(files: tuple[str, ...], inputs: tuple[str, ...], pub: date | None) -> Iterator[Document | InputError]:
    from toll.ingest.read import read_jsonl, read_path

    for name in files:
        try:
            yield read_path(name, pub)
        except InputError as e:
            yield e
    for name in inputs:
        yield from read_jsonl(name, pub)


def _writer(fmt: str, out: TextIO):  # type: ignore[no-untyped-def]
    if fmt == "jsonl":

        def write_jsonl(c: Claim | None) -> None:
            if c is not None:
                out.write(json.dumps(c.to_dict(), ensure_ascii=False) + "\n")

        return write_jsonl
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(CSV_COLUMNS)

        def write_csv(c: Claim | None) -> None:
            if c is not None:
                w.writerow(csv_row(c))

        return write_csv
    from toll.report_table import TableWriter

    return TableWriter(out)


def csv_row(c: Claim) -> list[object]:
    return [
        c.doc_id,
        c.value.low,
        c.value.high,
        c.value.kind,
        c.category,
        c.victim.party,
        c.victim.role,
        c.victim.group,
        c.victim.party_basis,
        c.claimant,
        "; ".join(c.via),
        c.as_of.isoformat() if c.as_of else "",
        str(c.historical).lower(),
        c.evidence.start,
        c.evidence.end,
        c.value.span.start,
        c.value.span.end,
        c.text_source,
        c.evidence_text,
    ]


def run() -> None:
    """Entry point: no traceback ever reaches the user."""
    try:
        main(standalone_mode=True)
    except TollError as e:
        _fail(str(e))
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as e:  # pragma: no cover - a bug; say so in one line
        _fail(f"internal error: {type(e).__name__}: {e}")
        sys.exit(1)
