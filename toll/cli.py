"""The `toll` command. Errors become one line `toll: <input>: <problem>`; exit 1 if an input failed, 2 on misuse."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from datetime import date
from typing import TextIO

import click

from toll.errors import InputError, TollError, UsageError
from toll.model import Claim, Document

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
