"""The keyword gate: which sentences can hold a casualty claim at all (about 7 % of news sentences).

Hyperscan scans at about 1.5 GB/s here; pyahocorasick on lower-cased text is the fallback where the
hyperscan wheel is missing (not x86-64). Both find the same stems; the gate only needs recall.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from toll.model import Span

# Stems that start a casualty word (matched at a word start, case-insensitive). Broad on purpose.
STEMS = (
    "kill", "dead", "death", "died", "die ", "dies ", "dying", "perish", "fatalit", "casualt", "wound", "injur",
    "hurt", "captur", "prisoner", "pow ", "pows", "captive", "hostage", "kidnap", "abduct", "detain", "missing",
    "unaccounted", "disappeared", "surrender", "laid down", "lay down", "put down", "displaced", "fled", "flee",
    "refugee", "homeless", "uprooted", "losses", "lost ", "slain", "slaughter", "massacr", "murder", "executed",
    "execution", "executes", "executing", "from their home", "behead", "eliminat", "liquidat", "neutrali",
    "bodies", "corpses", "toll", "shot dead", "gunned down", "lives", "kia ", "mia ", "idps", "maimed",
    "seized", "taken", "held", "victim", "hanged", "assassinat", "stabbed", "shot ", "lynch", "decapitat",
    "arrest", "taken to hospital", "hospitali", "expelled", "evict", "driven from", "forced from",
    "left their homes", "freed", "released", "swap", "exchange", "repatriat", "handed", "vanish", "themselves",
    "driven out", "evacuat", "returned", "brought home", "bringing home", "received", "maim", "gunning",
    "guns down", "displac", "burned alive", "burnt alive", "crossed into", "crossed the border",
    "registered as refugees", "refuge", "in camps", "supreme price", "ultimate price", "ultimate sacrifice",
    "been found", "accounted for",
)  # fmt: skip
_NUMBERISH = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand|million|dozen|dozens|scores|hundreds|thousands|millions|tens)\b"
    r"|\b(?:an?)\s+(?:[\w-]+\s+){0,4}?(?:was|has been|had been|is)\s+(?:\w+ly\s+|also\s+|later\s+)?"
    r"(?:killed|wounded|injured|hurt|shot|gunned|murdered|executed|beheaded|assassinated|kidnapped|abducted|"
    r"captured|found dead|stabbed|taken|missing|reported)\b"
    r"|\b(?:killed|killing|wounded|wounding|injured|injuring|shot dead|kidnapped|abducted)\s+(?:an?)\b"
    # one named or described person: "his son was injured", "the governor was shot dead", "X died"
    r"|\b(?:was|has been|had been|is)\s+(?:\w+ly\s+|also\s+|later\s+)?(?:killed|wounded|injured|hurt|shot|"
    r"gunned|murdered|executed|beheaded|assassinated)\b|\b(?:died|perished)\b"
    r"|\banother\s+(?:\w+\s+){0,2}?(?:was|were)?\s*(?:killed|wounded|injured|hurt)\b"
    r"|\ban?\s+(?:[\w-]+\s+){0,3}?(?:injured|wounded|killed|dead)\b",
    re.I,
)


class _Scanner:
    def __init__(self) -> None:
        try:
            import hyperscan  # type: ignore[import-not-found]

            db = hyperscan.Database()
            # a stem written with a trailing space is a whole word ("die " must not match "diesel")
            pats = [rb"\b" + re.escape(s.strip()).encode() + (rb"\b" if s.endswith(" ") else b"") for s in STEMS]
            db.compile(
                expressions=pats,
                ids=list(range(len(pats))),
                flags=[hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH * 0] * len(pats),
            )
            self._hs, self._aho, self.engine = db, None, "hyperscan"
        except ImportError:
            import ahocorasick  # type: ignore[import-not-found]

            aho = ahocorasick.Automaton()
            for s in STEMS:
                aho.add_word(s.strip(), (len(s.strip()), s.endswith(" ")))
            aho.make_automaton()
            self._hs, self._aho, self.engine = None, aho, "pyahocorasick"

    def hits(self, text: str) -> list[int]:
        """Start offsets (in characters) of stem matches at word starts."""
        out: list[int] = []
        if self._hs is not None:
            data = text.encode("utf-8")
            ends: list[int] = []

            def on_match(_id: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                ends.append(end)

            self._hs.scan(data, match_event_handler=on_match)
            if not ends:
                return out
            if len(data) == len(text):
                return sorted(ends)
            # map byte offsets back to characters only when the text is not ASCII
            ends.sort()
            return _bytes_to_chars(data, ends)
        low = text.lower()
        for end, (length, whole) in self._aho.iter(low):
            start = end - length + 1
            if (start == 0 or not low[start - 1].isalnum()) and not (
                whole and end + 1 < len(low) and low[end + 1].isalnum()
            ):
                out.append(end + 1)
        out.sort()
        return out


def _bytes_to_chars(data: bytes, offsets: list[int]) -> list[int]:
    out, prev_b, prev_c = [], 0, 0
    for b in offsets:
        prev_c += len(data[prev_b:b].decode("utf-8", "ignore"))
        prev_b = b
        out.append(prev_c)
    return out


@lru_cache(maxsize=1)
def scanner() -> _Scanner:
    return _Scanner()


def candidates(text: str, sentences: list[Span], hits: list[int] | None = None) -> list[int]:
    """Indices of sentences with a casualty stem and something that can be a number."""
    if hits is None:
        hits = scanner().hits(text)
    if not hits:
        return []
    starts = [s.start for s in sentences]
    seen: set[int] = set()
    last = -1
    for h in hits:  # hits are sorted, so one sentence's hits come together
        if last >= 0 and sentences[last].start < h <= sentences[last].end:
            continue
        i = bisect_right(starts, h - 1) - 1
        if i >= 0 and sentences[i].start < h <= sentences[i].end:
            seen.add(i)
            last = i
    return [i for i in sorted(seen) if _NUMBERISH.search(text, sentences[i].start, sentences[i].end)]
