"""The same input gives the same claims in any process: no result may depend on Python's hash seed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "toll" / "data" / "sample.jsonl"


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    cmd = [sys.executable, "-m", "toll", "extract", "--input", str(SAMPLE)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, check=True).stdout


def test_output_does_not_depend_on_the_hash_seed() -> None:
    first = _run("1")
    assert first.count("\n") > 50
    assert _run("2") == first
