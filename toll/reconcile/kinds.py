"""Claimant kinds: who a claimant is relative to the victims it counts (their own side, the adversary, a third party).

A curated table (data/claimant_kinds.tsv, editable; Kinds.extended() puts a user's rows before it) names
international bodies, independent counters and names that stand for a state. A claimant no row matches is placed by
the state it names, read by a demonym rule ("Valdorian" and "Valdoria's" name Valdoria). Whether a state is the
victims' adversary is read from the claims themselves: two parties are adversaries when each claims the other's
losses, which is what belligerents do and a neutral observer does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from toll.errors import InputError
from toll.reconcile.echoes import words

KINDS = ("self", "adversary", "third_party", "international", "independent", "unknown")
# what a table row may say: the side-dependent kinds are decided per victim party from "state" rows
TABLE_KINDS = ("state", "third_party", "international", "independent", "unknown")
DEFAULT_TABLE = Path(__file__).with_name("data") / "claimant_kinds.tsv"
# endings that turn a state's name (or its stem) into a demonym: Valdoria+n, Sudan+ese, Israel+i, Ukrain+ian
DEMONYM_ENDINGS = ("", "n", "ns", "an", "ans", "ian", "ians", "i", "is", "ese", "ish")
# shorter stems would make demonyms of common words ("Chad" -> "chadian" is fine, "Oman" -> "om" is not)
MIN_STEM = 4
ARTICLES = frozenset({"the", "a", "an"})


@dataclass(frozen=True, slots=True)
class Row:
    """One table row: a normalised pattern, its kind, and for a "state" row the party it stands for."""

    pattern: str
    kind: str
    party: str | None = None


@lru_cache(maxsize=65536)
def key(text: str | None) -> str:
    """A name normalised for matching: casefolded words without punctuation, a leading article or a possessive s."""
    if not text:
        return ""
    tokens = _initials(words(text))
    if tokens and tokens[0] in ARTICLES:
        tokens = tokens[1:]
    # "Valdoria's" reads as "valdoria s": the lone s is the possessive, not a word
    return " ".join(t for t in tokens if t != "s")


def _initials(tokens: list[str]) -> list[str]:
    """Runs of single letters joined into one word, so that "U.S." and "U.N." read as "us" and "un"."""
    out: list[str] = []
    run = ""
    for t in tokens:
        if len(t) == 1 and t.isalpha():
            run += t
            continue
        if run:
            out.append(run)
            run = ""
        out.append(t)
    if run:
        out.append(run)
    return out


@lru_cache(maxsize=4096)
def demonyms(party: str) -> frozenset[str]:
    """The words that name a one-word party: its name, its possessive stem and its regular demonyms."""
    name = key(party)
    if not name or " " in name:
        return frozenset({name}) if name else frozenset()
    stems = {name}
    if name[-1] in "aeiouy":
        stems.add(name[:-1])
    if name.endswith("ia"):
        stems.add(name[:-2])
    forms = {name}
    for stem in stems:
        if len(stem) >= MIN_STEM:
            forms.update(stem + ending for ending in DEMONYM_ENDINGS)
    return frozenset(forms)


def _contains(text: str, pattern: str) -> bool:
    """Whether the pattern occurs in the text as whole words."""
    return f" {pattern} " in f" {text} "


class Kinds:
    """The table of claimant kinds, and the rules that place a claimant relative to a victim party."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self.rows = tuple(rows)
        self.parties = frozenset(r.party for r in self.rows if r.party)

    @classmethod
    def default(cls) -> Kinds:
        """The bundled table, read once per process."""
        return _default()

    @classmethod
    def load(cls, path: str | Path) -> Kinds:
        """A table read from a TSV file of pattern, kind and (for state rows) party; InputError names a bad line."""
        return cls(read_rows(path))

    def extended(self, path: str | Path) -> Kinds:
        """This table with a user's rows read from `path` in front, so that they override it."""
        return Kinds(read_rows(path) + self.rows)

    def canonicalised(self, forms: dict[str, str]) -> Kinds:
        """This table with its patterns written as canonical() writes claimants, for matching canonical keys."""
        return Kinds([Row(canonical(r.pattern, forms), r.kind, r.party) for r in self.rows])

    def speaker(self, claimant: str, parties: Iterable[str] = ()) -> tuple[str | None, str | None]:
        """(fixed kind, party spoken for) of a claimant key; at most one is set, neither when nothing matches."""
        if not claimant:
            return None, None
        for row in self.rows:
            if _contains(claimant, row.pattern):
                return (None, row.party) if row.kind == "state" else (row.kind, None)
        return None, named_party(claimant, self.parties | {key(p) for p in parties})

    def kind(self, claimant: str, victim: str | None, adversaries: frozenset[frozenset[str]] = frozenset()) -> str:
        """The claimant's kind for these victims; `adversaries` holds the pairs of parties at war (see module)."""
        fixed, speaks = self.speaker(claimant, [victim] if victim else [])
        return side(fixed, speaks, victim, adversaries)


def side(fixed: str | None, speaks: str | None, victim: str | None, adversaries: frozenset[frozenset[str]]) -> str:
    """A kind from what speaker() found: a fixed kind as it is, a state's voice relative to the victim party."""
    if fixed:
        return fixed
    victim_key = key(victim)
    # with no victim party a state's voice is neither self nor adversary, and calling it a third party would be a guess
    if speaks is None or not victim_key:
        return "unknown"
    if speaks == victim_key:
        return "self"
    if frozenset((speaks, victim_key)) in adversaries:
        return "adversary"
    return "third_party"


def named_party(claimant: str, parties: Iterable[str]) -> str | None:
    """The party whose name or demonym comes first in the claimant key, or None."""
    tokens = claimant.split()
    best: tuple[int, str] | None = None
    for party in parties:
        party = key(party)
        if not party:
            continue
        if " " in party:
            padded = f" {claimant} "
            at = padded.find(f" {party} ")
            place = padded[:at].count(" ") if at >= 0 else -1  # words before the match
        else:
            forms = demonyms(party)
            place = next((i for i, t in enumerate(tokens) if t in forms), -1)
        # ties (two parties at one place) go to the longer, then the alphabetically first name: never to set order
        if place >= 0 and (best is None or (place, -len(party), party) < (best[0], -len(best[1]), best[1])):
            best = (place, party)
    return best[1] if best else None


def demonym_map(parties: Iterable[str]) -> dict[str, str]:
    """Demonym and possessive form -> the one-word party it names."""
    by_form: dict[str, str] = {}
    # a form two parties share goes to the longer name ("nigerian" is Nigeria's, not Niger's): longest first, and
    # setdefault keeps the first
    for party in sorted({key(p) for p in parties if p}, key=lambda n: (-len(n), n)):
        for form in demonyms(party) if " " not in party else ():
            by_form.setdefault(form, party)
    return by_form


def canonical(claimant: str, forms: dict[str, str]) -> str:
    """A claimant key with demonyms written as their party's name, so that its spellings are one claimant."""
    # "valdorian defence ministry" and "valdoria defence ministry"; `forms` comes from demonym_map()
    return " ".join(forms.get(t, t) for t in claimant.split())


def read_rows(path: str | Path) -> tuple[Row, ...]:
    """The rows of a claimant-kinds TSV; blank lines, # comments and the header are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the claimant kinds table: {err.__class__.__name__}", str(path)) from None
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("#") or line.split("\t")[0].strip() == "pattern":
            continue
        rows.append(_row(line, number, str(path)))
    return tuple(rows)


def _row(line: str, number: int, source: str) -> Row:
    """One TSV line as a Row, or InputError naming the line and what is wrong with it."""
    cells = [c.strip() for c in line.split("\t")]
    if len(cells) < 2 or len(cells) > 3:
        raise InputError(f"line {number}: expected pattern, kind and for a state its party, tab-separated", source)
    pattern, kind = key(cells[0]), cells[1]
    party = key(cells[2]) if len(cells) == 3 and cells[2] else None
    if not pattern:
        raise InputError(f"line {number}: the pattern is empty", source)
    if kind not in TABLE_KINDS:
        raise InputError(f"line {number}: unknown kind {kind!r} (one of {', '.join(TABLE_KINDS)})", source)
    if (kind == "state") != (party is not None):
        raise InputError(f"line {number}: a party is given exactly for the kind 'state'", source)
    return Row(pattern, kind, party)


@cache
def _default() -> Kinds:
    return Kinds(read_rows(DEFAULT_TABLE))
