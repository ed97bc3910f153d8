"""Load the reviewed word lists in data/*.tsv once. Everything here is lower-cased."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[list[str]]:
    """Rows of a TSV file, without comment lines and without the header (the first other line)."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return rows[1:]


@dataclass(frozen=True)
class Lexicon:
    # phrase (tuple of lower-case words) -> (category, part)
    casualty: dict[tuple[str, ...], tuple[str, str]]
    max_phrase: int
    casualty_first: frozenset[str]  # first words of casualty phrases: most tokens are rejected on this alone
    persons: dict[str, str]  # noun -> role (multi-word nouns joined by a space)
    nonpersons: frozenset[str]
    speech_verbs: frozenset[str]
    speech_nouns: frozenset[str]
    parties: dict[str, str]  # alias -> party
    max_party: int
    armed_groups: frozenset[str] = frozenset()  # parties that are armed groups, not states
    region_states: dict[str, str] = field(default_factory=dict)  # a region's party -> its state, for its civilians

    @cached_property
    def party_heads(self) -> frozenset[str]:
        """First words of the party aliases: a token that starts none starts no alias (a lexicon made by
        dataclasses.replace with other parties computes its own)."""
        return frozenset(a.split(" ")[0] for a in self.parties)


@lru_cache(maxsize=1)
def load() -> Lexicon:
    casualty: dict[tuple[str, ...], tuple[str, str]] = {}
    for r in _rows("categories.tsv"):
        key = tuple(r[0].lower().replace(",", " ,").split())
        old = casualty.get(key)
        # one phrase may serve as several parts ("killed": verb and noun); its category must not differ
        casualty[key] = (r[1], f"{old[1]}|{r[2]}" if old else r[2])
    speech = _rows("speech.tsv")
    parties = {r[0].lower(): r[1] for r in _rows("parties.tsv")}
    return Lexicon(
        casualty=casualty,
        max_phrase=max(len(k) for k in casualty),
        casualty_first=frozenset(k[0] for k in casualty),
        persons={r[0].lower(): r[1] for r in _rows("persons.tsv")},
        nonpersons=frozenset(r[0].lower() for r in _rows("nonpersons.tsv")),
        speech_verbs=frozenset(r[0] for r in speech if r[1] == "verb"),
        speech_nouns=frozenset(r[0] for r in speech if r[1] == "noun"),
        parties=parties,
        max_party=max(len(k.split()) for k in parties),
        armed_groups=frozenset(r[0] for r in _rows("armed_groups.tsv")),
        region_states={r[0]: r[1] for r in _rows("regions.tsv")},
    )
