"""The mirrored model is used only when its weights match the pinned sha256 values."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toll.errors import ExtractError
from toll.extract import nlp


def _mirror() -> Path:
    path = nlp._model_dir(nlp.MIRROR)
    if path is None:
        pytest.skip("mirror model not installed")
    return path


def test_installed_mirror_matches_the_pinned_hashes() -> None:
    nlp.verify_mirror(_mirror())


def test_a_tampered_weight_file_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(_mirror(), copy)
    weights = copy / "parser" / "model"
    data = bytearray(weights.read_bytes())
    data[100] ^= 0xFF
    weights.write_bytes(bytes(data))
    with pytest.raises(ExtractError, match="parser/model has sha256"):
        nlp.verify_mirror(copy)


def test_a_missing_weight_file_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "model"
    shutil.copytree(_mirror(), copy)
    (copy / "tagger" / "model").unlink()
    with pytest.raises(ExtractError, match="missing"):
        nlp.verify_mirror(copy)
