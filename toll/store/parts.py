"""Parts: one shard's documents and claims as two Parquet files and a JSON manifest, made where the database is
not reachable (a Dask worker) and loaded into it later (`toll load`).

    <key>.documents.parquet   a row per unit the shard yielded: a document, or the error that took its place
    <key>.claims.parquet      a row per claim, with the row number of its document
    <key>.manifest.json       what the part holds, and each file's size and sha256

Every file is written under a temporary name and renamed into place, the manifest last: a part whose manifest
exists is whole, and a worker killed half way leaves only temporary files, which nothing reads.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from toll.errors import InputError
from toll.model import Claim, Document, Figure, Loaded, Result, Source, Span, Victim

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

FORMAT = "toll-part/1"
ROW_GROUP = 1000  # rows held in memory while a part is written or read
MANIFEST = ".manifest.json"

def documents_schema() -> pa.Schema:
    """The documents file's columns (pyarrow is imported on first use: 30 MB no local ingest needs)."""
    import pyarrow as pa

    return pa.schema([
        ("row", pa.int64()),
        ("input", pa.string()),
        ("position", pa.int64()),
        ("input_id", pa.string()),
        ("problem", pa.string()),  # the input's or the extraction's error; the document is not stored then
        ("name", pa.string()),
        ("text", pa.large_string()),
        ("published", pa.date32()),
        ("published_basis", pa.string()),
        ("outlet", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("text_source", pa.string()),
        ("sha256", pa.string()),
    ])

def claims_schema() -> pa.Schema:
    """The claims file's columns."""
    import pyarrow as pa

    return pa.schema([
        ("row", pa.int64()),  # the document's row in the documents file
        ("doc_id", pa.string()),
        ("figure_low", pa.int64()),
        ("figure_high", pa.int64()),
        ("kind", pa.string()),
        ("figure_raw", pa.string()),
        ("figure_start", pa.int64()),
        ("figure_end", pa.int64()),
        ("category", pa.string()),
        ("victim_party", pa.string()),
        ("victim_role", pa.string()),
        ("victim_group", pa.string()),
        ("victim_party_basis", pa.string()),
        ("claimant", pa.string()),
        ("via", pa.list_(pa.string())),
        ("as_of", pa.date32()),
        ("historical", pa.bool_()),
        ("char_start", pa.int64()),
        ("char_end", pa.int64()),
        ("evidence_text", pa.string()),
        ("text_source", pa.string()),
    ])


def part_key(shard: str) -> str:
    """A part's file stem: the shard's own name for people, a hash of its absolute path against collisions."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(shard))[:60] or "shard"
    digest = hashlib.sha256(os.path.abspath(shard).encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{stem}-{digest}"


@dataclass(frozen=True)
class Part:
    """A finished part: where its manifest is and what it says."""

    manifest_path: Path
    manifest: dict[str, Any]

    @property
    def shard(self) -> str:
        return str(self.manifest["shard"])

    def file(self, what: str) -> Path:
        return self.manifest_path.parent / self.manifest["files"][what]["name"]


def manifest_path(parts_dir: str | Path, shard: str) -> Path:
    return Path(parts_dir) / f"{part_key(shard)}{MANIFEST}"


def finished(parts_dir: str | Path, shard: str, shard_id: str | None, extractor_version: str) -> Part | None:
    """The shard's part if one is whole, made from these bytes of the shard by this extractor; else None."""
    path = manifest_path(parts_dir, shard)
    try:
        part = read_manifest(path)
        verify(part, hashes=False)  # sizes only: rereading every file would cost what skipping saves
    except InputError:
        return None
    same = part.manifest.get("shard_id") == shard_id and part.manifest.get("extractor_version") == extractor_version
    return part if same and shard_id is not None else None


def write_part(
    parts_dir: str | Path,
    shard: str,
    shard_id: str | None,
    extractor_version: str,
    units: Iterable[tuple[Loaded, Result | None]],
    extra: dict[str, Any] | None = None,
) -> Part:
    """Write the shard's units (each Loaded with its Result, or None where the input failed) as one part."""
    parts_dir = Path(parts_dir)
    parts_dir.mkdir(parents=True, exist_ok=True)
    key = part_key(shard)
    t0 = time.perf_counter()
    counts = {"units": 0, "documents": 0, "claims": 0, "errors": 0}
    with _TableWriter(parts_dir / f"{key}.documents.parquet", documents_schema()) as docs, \
            _TableWriter(parts_dir / f"{key}.claims.parquet", claims_schema()) as claims:
        for loaded, result in units:
            row = counts["units"]
            counts["units"] += 1
            doc_row = _document_row(row, loaded, result)
            docs.add(doc_row)
            if doc_row["problem"] is not None:
                counts["errors"] += 1
                continue
            assert result is not None  # a unit without a problem has its result
            counts["documents"] += 1
            counts["claims"] += len(result.claims)
            for c in result.claims:
                claims.add(_claim_row(row, c))
    files = {"documents": docs.info, "claims": claims.info}
    manifest = {
        "format": FORMAT,
        "shard": shard,
        "shard_id": shard_id,
        "extractor_version": extractor_version,
        "counts": counts,
        "files": files,
        "seconds": round(time.perf_counter() - t0, 3),
    } | (extra or {})
    path = parts_dir / f"{key}{MANIFEST}"
    _atomic_write(path, (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))
    return Part(path, manifest)


class _TableWriter:
    """Rows written to a Parquet file a row group at a time (a shard can be larger than memory), under a
    temporary name that becomes the real one only when the file is complete."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path = path
        self.schema = schema
        self.tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
        self.rows: list[dict[str, Any]] = []
        self.count = 0
        self.info: dict[str, Any] = {}
        self._writer: pq.ParquetWriter | None = None

    def __enter__(self) -> _TableWriter:
        import pyarrow.parquet as pq

        self._writer = pq.ParquetWriter(self.tmp, self.schema, compression="zstd")
        return self

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        import pyarrow as pa

        assert self._writer is not None
        if self.rows:
            self._writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.count += len(self.rows)
            self.rows = []

    def __exit__(self, exc_type: object, *_: object) -> None:
        assert self._writer is not None
        try:
            if exc_type is None:
                self._flush()
            self._writer.close()
            if exc_type is None:
                with open(self.tmp, "rb") as f:
                    os.fsync(f.fileno())
                self.info = {"name": self.path.name, "bytes": self.tmp.stat().st_size,
                             "sha256": _sha256(self.tmp), "rows": self.count}
                os.replace(self.tmp, self.path)
        finally:
            self.tmp.unlink(missing_ok=True)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _document_row(row: int, loaded: Loaded, result: Result | None) -> dict[str, Any]:
    doc = loaded.doc
    problem = loaded.error or (result.error if result is not None else None)
    if problem is None and (doc is None or result is None):
        problem = f"{loaded.input}: no result"
    out: dict[str, Any] = {"row": row, "input": loaded.input, "position": loaded.position,
                           "input_id": loaded.input_id, "problem": problem}
    if doc is not None:
        out |= {
            "name": doc.id,
            "text": doc.text,
            "published": doc.published,
            "published_basis": doc.published_basis,
            "outlet": doc.source.outlet,
            "url": doc.source.url,
            "title": doc.source.title,
            "text_source": doc.text_source,
            "sha256": doc.sha256,
        }
    return out


def _claim_row(row: int, c: Claim) -> dict[str, Any]:
    return {
        "row": row,
        "doc_id": c.doc_id,
        "figure_low": c.value.low,
        "figure_high": c.value.high,
        "kind": c.value.kind,
        "figure_raw": c.value.raw,
        "figure_start": c.value.span.start,
        "figure_end": c.value.span.end,
        "category": c.category,
        "victim_party": c.victim.party,
        "victim_role": c.victim.role,
        "victim_group": c.victim.group,
        "victim_party_basis": c.victim.party_basis,
        "claimant": c.claimant,
        "via": list(c.via),
        "as_of": c.as_of,
        "historical": c.historical,
        "char_start": c.evidence.start,
        "char_end": c.evidence.end,
        "evidence_text": c.evidence_text,
        "text_source": c.text_source,
    }


# reading


def find_parts(names: Sequence[str]) -> Iterator[Part | InputError]:
    """The parts named by manifest files, folders of parts or globs, each once, in the order of their shards'
    names; a name that holds no part, or a manifest that cannot be read, is an InputError in the stream."""
    import glob

    paths: list[Path] = []
    for name in names:
        p = Path(name)
        if p.is_dir():
            found = sorted(p.glob(f"*{MANIFEST}"))
        elif not p.exists() and set("*?[") & set(name):
            found = [Path(m) for m in sorted(glob.glob(name, recursive=True))]
            found = [m for f in found for m in (sorted(f.glob(f"*{MANIFEST}")) if f.is_dir() else [f])]
        else:
            found = [p]
        if not found:
            yield InputError("no part (*.manifest.json) is here", source=name)
        paths.extend(found)
    parts: dict[Path, Part] = {}
    for path in paths:
        key = path.resolve()
        if key in parts:
            continue
        try:
            parts[key] = read_manifest(path)
        except InputError as err:
            yield err
    yield from sorted(parts.values(), key=lambda p: (p.shard, str(p.manifest_path)))


def read_manifest(path: str | Path) -> Part:
    path = Path(path)
    if not path.name.endswith(MANIFEST):
        raise InputError(f"not a part manifest (its name does not end in {MANIFEST})", source=str(path))
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        raise InputError("no such file", source=str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=str(path)) from None
    except (ValueError, UnicodeDecodeError) as err:
        raise InputError(f"not a JSON manifest ({err})", source=str(path)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"not a {FORMAT} manifest", source=str(path))
    for what in ("documents", "claims"):
        info = data.get("files", {}).get(what) if isinstance(data.get("files"), dict) else None
        if not isinstance(info, dict) or not {"name", "bytes", "sha256"} <= set(info):
            raise InputError(f"the manifest names no {what} file", source=str(path))
        if Path(info["name"]).name != info["name"]:  # a part's files lie beside its manifest, nowhere else
            raise InputError(f"the {what} file must lie beside the manifest", source=str(path))
    if not isinstance(data.get("shard"), str):
        raise InputError("the manifest names no shard", source=str(path))
    return Part(path, data)


def verify(part: Part, hashes: bool = True) -> None:
    """InputError unless the part's files are there with the sizes (and, with hashes, the sha256) it lists."""
    for what in ("documents", "claims"):
        info = part.manifest["files"][what]
        path = part.file(what)
        try:
            size = path.stat().st_size
        except OSError:
            raise InputError(f"its {what} file {info['name']} is missing", source=str(part.manifest_path)) from None
        if size != info["bytes"] or (hashes and _sha256(path) != info["sha256"]):
            raise InputError(f"its {what} file {info['name']} is not the one the manifest lists (changed or "
                             "truncated)", source=str(part.manifest_path))


def read_part(part: Part) -> Iterator[tuple[Loaded, Result | None]]:
    """The part's units back as ingest read them: each Loaded with its Result (None where its input failed),
    streamed a row group at a time. Claims are written in their documents' order, so both files are read in
    step."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    verify(part)
    where = str(part.manifest_path)
    try:
        claims = _rows(pq.ParquetFile(part.file("claims")))
        pending = next(claims, None)
        for r in _rows(pq.ParquetFile(part.file("documents"))):
            mine = []
            while pending is not None and pending["row"] == r["row"]:
                mine.append(_claim(pending))
                pending = next(claims, None)
            if pending is not None and pending["row"] < r["row"]:
                raise ValueError(f"claim of row {pending['row']} is out of order")
            yield _unit(r, mine)
        if pending is not None:
            raise ValueError(f"claim of row {pending['row']} has no document")
    except (pa.ArrowException, OSError) as err:
        raise InputError(f"cannot read its Parquet files ({err})", source=where) from None
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(f"a row does not fit the part format ({err})", source=where) from None


def _rows(f: pq.ParquetFile) -> Iterator[dict[str, Any]]:
    for batch in f.iter_batches(batch_size=ROW_GROUP):
        yield from batch.to_pylist()


def _unit(r: dict[str, Any], claims: list[Claim]) -> tuple[Loaded, Result | None]:
    doc = None
    if r["text"] is not None:
        doc = Document(
            id=r["name"],
            text=r["text"],
            published=r["published"],
            source=Source(outlet=r["outlet"], url=r["url"], title=r["title"]),
            text_source=r["text_source"],
            published_basis=r["published_basis"],
        )
    if doc is None:
        return Loaded(r["input"], r["position"], error=r["problem"] or f"{r['input']}: no document",
                      input_id=r["input_id"]), None
    loaded = Loaded(r["input"], r["position"], doc=doc, input_id=r["input_id"])
    if r["problem"] is not None:
        return loaded, Result(doc.id, error=r["problem"], text_source=doc.text_source)
    return loaded, Result(doc.id, claims=tuple(claims), text_source=doc.text_source)


def _claim(r: dict[str, Any]) -> Claim:
    as_of: date | None = r["as_of"]
    return Claim(
        doc_id=r["doc_id"],
        value=Figure(r["figure_low"], r["figure_high"], r["kind"], Span(r["figure_start"], r["figure_end"]),
                     r["figure_raw"]),
        category=r["category"],
        victim=Victim(r["victim_party"], r["victim_role"], r["victim_group"], r["victim_party_basis"]),
        claimant=r["claimant"],
        via=tuple(r["via"] or ()),
        as_of=as_of,
        historical=bool(r["historical"]),
        evidence=Span(r["char_start"], r["char_end"]),
        evidence_text=r["evidence_text"],
        text_source=r["text_source"],
    )
