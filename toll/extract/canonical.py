"""One spelling for the claimants that name a party: what lets one claim reported by two outlets count once.

    >>> canonical_claimant("Valdoria's defence ministry") == canonical_claimant("the Valdorian defence ministry")
    True
    >>> canonical_claimant("Ukraine's General Staff")
    'ukraine general staff'
    >>> canonical_claimant("The Ukrainian General Staff")
    'ukraine general staff'

The claimant stored with a claim stays as the text wrote it; only the claim's echo key uses this form.
"""

from __future__ import annotations

import functools
import re

from toll.extract.lexicon import load

_WORD = re.compile(r"[\w'’-]+")
_POSSESSIVE = re.compile(r"['’]s?$")
# "Valdorian" for "Valdoria", "Karvenian" for "Karvenia": the -ian demonym of a state the lexicon does not know
_IAN = re.compile(r"^([a-z]{3,}i)an$")


@functools.cache
def _aliases() -> dict[str, str]:
    """Single-word aliases of a party (demonyms, state names) -> the party's name in lower case."""
    return {alias: party.lower() for alias, party in load().parties.items() if " " not in alias}


def canonical_claimant(claimant: str | None) -> str | None:
    """Lower case, without a leading article or possessives, with a party's demonym written as the party."""
    if claimant is None:
        return None
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(claimant.casefold())]
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    aliases = _aliases()
    out = []
    for w in words:
        if w in aliases:
            out.append(aliases[w])
        elif m := _IAN.match(w):
            out.append(m.group(1) + "a")
        else:
            out.append(w)
    return " ".join(out) or None
