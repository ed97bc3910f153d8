"""read.py, as `toll extract` uses it: JSON Lines read with each line capped, the rest of the file still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from toll.errors import InputError
from toll.ingest import read
from toll.ingest.read import read_jsonl

from ._helpers import REPORTS, write


def test_a_line_past_the_cap_is_an_error_and_the_next_lines_are_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(read, "MAX_BYTES", 2 * 1024 * 1024)
    rows = [
        json.dumps({"id": "a", "text": "x" * (3 * 1024 * 1024)}),
        "",
        json.dumps({"id": "b", "text": REPORTS["kessa"][1]}),
    ]
    path = write(tmp_path / "batch.jsonl", "\n".join(rows) + "\n")
    got = [str(x) if isinstance(x, InputError) else x.id for x in read_jsonl(path)]
    assert got == [f"{path}:1: line larger than 2 MB", "b"]
