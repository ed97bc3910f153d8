"""Every tunable of ingest and storage in one table: name, default, meaning. Imports nothing from toll.

`Settings()` holds the defaults; `Settings.from_env()` reads `TOLL_<NAME>` variables over them; the CLI passes
options over those. Code receives a Settings object and never reads these from module globals."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    # storage
    db: str = "sqlite:///toll.db"
    batch_docs: int = 64
    workers: int = 0
    # fetching http(s) URLs and the articles a feed links to
    fetch_timeout: float = 30.0
    fetch_max_redirects: int = 2
    fetch_max_bytes: int = 20 * MB
    fetch_allow: tuple[str, ...] = ()
    fetch_user_agent: str = "toll/0.1 (+casualty-claims research)"
    # reading files: decompressed bytes of one document, line or WARC record; more is refused as an error
    max_record_bytes: int = 20 * MB
    # echoes
    minhash_perm: int = 128
    near_duplicate_threshold: float = 0.25
    # estimates
    claimant_kinds: str = ""
    contradiction_factor: float = 2.0

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Defaults, then TOLL_<NAME> variables, then the given overrides (None means: not given)."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"TOLL_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = _parse(f.name, type(getattr(cls(), f.name)), raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return replace(cls(), **values)


def _parse(name: str, kind: type, raw: str) -> Any:
    try:
        if kind is tuple:
            return tuple(x.strip() for x in raw.split(",") if x.strip())
        if kind is bool:
            return raw.lower() in {"1", "true", "yes", "on"}
        return kind(raw)
    except ValueError:
        raise ValueError(f"TOLL_{name.upper()}: not a valid {kind.__name__}: {raw!r}") from None


# name -> meaning; the README's Settings table lists every one of these (tests/test_docs.py)
HELP: dict[str, str] = {
    "db": "database URL: sqlite:///PATH (default ./toll.db) or postgresql://USER@HOST/DB",
    "batch_docs": "documents per write transaction; the input checkpoint commits with them",
    "workers": "processes that extract while the ingest process writes; 0 is one for every core, 1 is none",
    "fetch_timeout": "seconds before a URL fetch gives up",
    "fetch_max_redirects": "redirects followed; every hop's address is checked again",
    "fetch_max_bytes": "bytes read from one URL before it is refused",
    "fetch_allow": "comma-separated networks (CIDR) exempt from the private-address refusal, e.g. an intranet",
    "fetch_user_agent": "User-Agent header sent when fetching",
    "max_record_bytes": "decompressed bytes of one file, JSON line or WARC record before it is refused",
    "minhash_perm": "MinHash permutations per document signature (more is slower and more exact)",
    "near_duplicate_threshold": "word-shingle similarity at or above which two documents are one story",
    "claimant_kinds": "a TSV of claimant kinds read before the built-in table (same format); empty for none",
    "contradiction_factor": "figures for one date that differ by more than this factor are flagged",
}
