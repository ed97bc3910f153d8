"""Rooms import only the core; the core imports nothing from toll; importing toll does not load spaCy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "toll"
CORE = {"toll.model", "toll.errors", "toll.settings"}
ROOMS = ("ingest", "extract", "store", "reconcile", "report")


def _imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("toll"):
            out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("toll"))
    return out


@pytest.mark.parametrize("core", sorted(CORE))
def test_core_imports_nothing_from_toll(core: str) -> None:
    assert _imports(PKG / (core.split(".")[1] + ".py")) == set()


@pytest.mark.parametrize("room", ROOMS)
def test_rooms_import_only_the_core_and_themselves(room: str) -> None:
    for path in (PKG / room).rglob("*.py"):
        for mod in _imports(path):
            assert mod in CORE or mod.startswith(f"toll.{room}"), f"{path.name} imports {mod}"


def test_import_toll_does_not_load_spacy_or_click() -> None:
    code = "import sys, toll; print('spacy' in sys.modules, 'click' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# Each heavy library belongs to one place, so a room never drags in another's dependencies.
OWNERS = {
    "sqlalchemy": ("store/",),
    "alembic": ("store/",),
    "fastapi": ("web/",),
    "starlette": ("web/",),
    "uvicorn": ("web/",),
    "click": ("cli.py",),
    "spacy": ("extract/",),
    "datasketch": ("reconcile/",),
    "warcio": ("ingest/",),
    "feedparser": ("ingest/",),
    "httpx": ("ingest/",),
    "dask": ("scale.py",),
    "distributed": ("scale.py",),
}


def _third_party(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
    return out


@pytest.mark.parametrize("library", sorted(OWNERS))
def test_a_library_is_imported_only_where_it_belongs(library: str) -> None:
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).as_posix()
        if library in _third_party(path):
            assert rel.startswith(OWNERS[library]), f"{rel} imports {library}"


def test_the_local_engine_never_loads_dask() -> None:
    # dask is an optional extra: ingest, load and the CLI must run where it is not installed
    code = ("import sys, toll.cli, toll.jobs; from click.testing import CliRunner; "
            "CliRunner().invoke(toll.cli.main, ['ingest', '--help']); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_extraction_worker_imports_only_the_extractor() -> None:
    # A spawned worker imports the module of each function it runs: toll.pool must stay off the store's and the
    # echo index's libraries, which once cost every worker 0.6 s before its first document.
    code = (
        "import sys, toll.pool; "
        "print(*[m in sys.modules for m in ('sqlalchemy', 'datasketch', 'scipy', 'toll.jobs', 'toll.store')])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False"] * 5


def test_an_ingest_puts_the_collector_back_as_it_found_it(tmp_path) -> None:
    import gc

    from toll import jobs
    from toll.settings import Settings

    src = tmp_path / "one.txt"
    src.write_text("Twelve soldiers were killed in the attack, the army said.", encoding="utf-8")
    before = gc.get_threshold()
    jobs.ingest([str(src)], Settings(db=f"sqlite:///{tmp_path / 'x.db'}", workers=1))
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
