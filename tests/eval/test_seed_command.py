"""The shared scorer, run exactly as the brief gives it, over the CLI: core F1 >= 0.95 and full F1 >= 0.85."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from tests.eval.gate import ROOT, SCORER


@pytest.mark.skipif(not SCORER.exists() or shutil.which("toll") is None, reason="shared scorer or toll command missing")
def test_seed_score_through_the_cli_meets_the_floors() -> None:
    cmd = [sys.executable, str(SCORER), "--gold-dir", str(SCORER.parent / "gold"),
           "--run", "toll extract --format jsonl {published_opt} {doc}", "--min-core-f1", "0.95", "--min-full-f1", "0.85"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
