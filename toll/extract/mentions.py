"""Sentence + figures -> mentions: which figures count people harmed, in what category, whose losses.

Works on a parsed sentence (spaCy tokens with POS and dependencies). Each rule names the construction it
reads; the order of rules is the order of trust: the figure's own noun, then the verb that governs it, then a
short window, then the list the figure stands in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from toll.extract import dates
from toll.extract.lexicon import Lexicon
from toll.model import Figure, Victim

Token = Any  # spacy.tokens.Token; kept loose so this module imports without spaCy

_TEXT = "toll.text"  # a Doc's text, as remembered in its user_data


def doc_text(doc: Any) -> str:
    """doc.text, remembered on the Doc: spaCy joins every token's text again on each call, and the rules ask for
    a sentence's text once for each of its figures."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def parsed_from(doc: Any, text: str) -> Any:
    """The Doc the model made of `text`, told its text: spaCy's tokenizer loses no character, so doc.text is
    `text` and need never be joined from the tokens."""
    doc.user_data[_TEXT] = text
    return doc

MONTHS = frozenset(dates.MONTHS)  # names and abbreviations, one list for the package
WEEKDAYS = frozenset(dates.WEEKDAYS)
QUALIFIER_WORDS = {
    "at",
    "least",
    "more",
    "than",
    "about",
    "around",
    "some",
    "nearly",
    "almost",
    "over",
    "up",
    "to",
    "as",
    "many",
    "an",
    "estimated",
    "roughly",
    "approximately",
    "another",
    "a",
    "further",
    "far",
    "well",
    "fewer",
    "less",
    "no",
    "only",
    "just",
    "the",
    "at least",
    "additional",
    "other",
    "all",
    "his",
    "her",
    "their",
    "its",
    "those",
    "these",
}
# verbs a victim noun may stand behind: "went missing", "were reported killed", "are feared dead"
WINDOW_PASS = {
    "went",
    "gone",
    "go",
    "goes",
    "going",
    "remain",
    "remains",
    "remained",
    "reported",
    "believed",
    "feared",
    "presumed",
    "thought",
    "confirmed",
    "said",
    "known",
    "listed",
    "declared",
    "left",
    "got",
}
CLAUSE_STOPS = {
    ";",
    ":",
    "(",
    ")",
    "—",
    "–",
    "but",
    "while",
    "whereas",
    "although",
    "though",
    "after",
    "before",
    "when",
    "because",
    "since",
    "until",
    "which",
    "who",
    "where",
}
# verbs after which a figure measures a casualty noun named elsewhere in the clause ("the toll rose to 50")
MEASURE_VERBS = {
    "rose",
    "risen",
    "rise",
    "rises",
    "climbed",
    "climb",
    "climbs",
    "reached",
    "reach",
    "reaches",
    "stood",
    "stands",
    "stand",
    "put",
    "puts",
    "placed",
    "places",
    "estimated",
    "estimates",
    "estimate",
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "hit",
    "hits",
    "jumped",
    "increased",
    "surpassed",
    "exceeded",
    "topped",
    "passed",
    "totalled",
    "totaled",
    "total",
    "totals",
    "numbered",
    "number",
    "numbers",
    "grew",
    "soared",
    "mounted",
    "appeared",
    "seemed",
    "remained",
    "amounted",
    "amount",
    "came",
    "tallied",
    "counted",
    "set",
    "revised",
    "raised",
    "lowered",
    "bringing",
    "brought",
    "brings",
    "bring",
    "taking",
    "took",
    "takes",
    "pushing",
    "pushed",
    "raising",
    "lifting",
    "lifted",
    "standing",
}
TAKE_VERBS = {"taken", "took", "take", "takes", "taking", "held", "holding", "hold", "holds", "kept", "keeping"}
INCLUDE_VERBS = {"include", "includes", "included", "including", "comprise", "comprised", "comprises"}
DRIVE_VERBS = {
    "driven",
    "drove",
    "drive",
    "drives",
    "driving",
    "forced",
    "forcing",
    "force",
    "forces",
    "pushed",
    "chased",
    "uprooted",
    "expelled",
}
LOSS_VERBS = {
    "lost",
    "lose",
    "loses",
    "losing",
    "suffered",
    "suffer",
    "suffers",
    "sustained",
    "sustain",
    "incurred",
    "incur",
    "buried",
    "bury",
    "mourned",
    "mourn",
}
# "on each side", "for each of the two armies", "apiece": one figure, one claim per party. Not "on both sides":
# "80,000 soldiers died on both sides" is one total for the two of them.
EACH_SIDE = re.compile(
    r"^\s*(?:(?:on|for|from|among)\s+(?:each|either)(?:\s+and\s+every)?\b|"
    r"each\s+(?:side|sides|army|armies)\b|apiece\b)",
    re.I,
)
NOT_PARTY_SUFFIXES = {
    "based",
    "backed",
    "controlled",
    "held",
    "occupied",
    "allied",
    "aligned",
    "born",
    "trained",
    "made",
    "supplied",
    "funded",
    "brokered",
    "run",
    "led",
}
EACH_SIDE_LATER = re.compile(r"^[^,;.]{0,40}?\b(?:on|for|from)\s+(?:each|either)\s+(?:side|sides)\b", re.I)
SPEAKER_NOUNS = {
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "analysts",
    "analyst",
    "experts",
    "expert",
    "sources",
    "source",
    "diplomats",
    "diplomat",
    "observers",
    "monitors",
    "officers",
    "lawmakers",
    "minister",
    "ministers",
    "commanders",
    "generals",
    "leaders",
    "journalists",
    "reporters",
    "researchers",
    "historians",
}
PASSING_PREPS = {"at", "to", "among", "around", "about", "over", "than", "as", "past", "above", "beyond", "near"}
SUBSET_PREPS = {"including", "among", "incl", "includes", "included"}
DEMONYM_SUFFIX = re.compile(r"^[A-Z][a-z]{2,}(?:ian|ean|ese)s?$")


@dataclass
class Mention:
    figure: Figure
    category: str
    victim: Victim
    agent_party: str | None = None
    notes: list[str] = field(default_factory=list)
    head: Token | None = None
    first_tok: Token | None = None
    last_tok: Token | None = None
    parties_each_side: list[str] = field(default_factory=list)


def match_phrase(tokens: list[Token], i: int, lex: Lexicon) -> tuple[int, str, str] | None:
    """The longest casualty phrase starting at token i: (length, category, part)."""
    if tokens[i].lower_ not in lex.casualty_first:
        return None
    # each word read once: a Token's lower_ is a string-store look-up, and this runs for most tokens of a sentence
    longest = tuple(t.lower_ for t in tokens[i : i + min(lex.max_phrase, len(tokens) - i)])
    for n in range(len(longest), 0, -1):
        hit = lex.casualty.get(longest[:n])
        if hit:
            return n, hit[0], hit[1]
    return None


def party_of(tokens: list[Token], i: int, lex: Lexicon) -> tuple[int, str] | None:
    """A party named at token i ("Russian", "Soviet Union", "Moscow"): (length, party)."""
    if i + 2 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 2].lower_ in NOT_PARTY_SUFFIXES:
        return None  # "a Britain-based monitor", "Russian-controlled territory": a place or a sponsor, not a victim
    t = tokens[i]
    low = t.lower_
    # every key below starts with this token's word (a space inside it, as in a whitespace token, aside)
    if low in lex.party_heads or " " in low:
        longest = [x.lower_ for x in tokens[i : i + min(lex.max_party, len(tokens) - i)]]
        for n in range(len(longest), 0, -1):
            key = " ".join(longest[:n])
            key = key.removesuffix(" 's").removesuffix(" ’s")
            if key in lex.parties:
                if n == 1 and len(key) <= 3 and not t.text[:1].isupper():
                    continue  # "told us", "is": short names are written in capitals ("US", "IS")
                return n, lex.parties[key]
    if low.endswith("s") and low[:-1] in lex.parties:  # "Haitians" where the lexicon has "haitian"
        return 1, lex.parties[low[:-1]]
    if low in lex.persons or low.rstrip("s") in lex.persons:
        return None  # "Civilians" at the head of a sentence is not a demonym
    # a demonym the lexicon does not know ("Valdorian soldiers"): -ian demonyms name the country in -ia
    if (
        t.text[:1].isupper()
        and t.i > 0
        and t.pos_ in ("ADJ", "PROPN", "NOUN")
        and DEMONYM_SUFFIX.match(t.text)
        and t.dep_ in ("amod", "compound", "nsubj", "nsubjpass", "dobj", "poss")
    ):
        w = t.text.removesuffix("s")
        if w.endswith("ian"):
            return 1, w[:-1]
        return 1, w
    return None


def person_role(tokens: list[Token], h: int, lex: Lexicon) -> str | None:
    """Role of the person noun at h (two-word nouns like "aid workers" checked first), or None."""
    if h > 0:
        two = f"{tokens[h - 1].lower_} {tokens[h].lower_}"
        if two in lex.persons:
            return lex.persons[two]
    return lex.persons.get(tokens[h].lower_)


def group_of(tokens: list[Token], h: int, lex: Lexicon) -> str | None:
    if h > 0 and f"{tokens[h - 1].lower_} {tokens[h].lower_}" in lex.persons:
        return f"{tokens[h - 1].lower_} {tokens[h].lower_}"
    w = tokens[h].lower_
    return w if w in lex.persons else None  # the plain noun too ("people"): the spec allows it, roles use it


def is_demonym_noun(tok: Token, lex: Lexicon) -> bool:
    """ "Russians", "Palestinians", "Valdorians": a plural people noun that names its party."""
    w = tok.lower_
    return (w.endswith("s") and w in lex.parties and tok.text[:1].isupper()) or bool(
        tok.text[:1].isupper() and tok.text.endswith("ians") and tok.pos_ in ("PROPN", "NOUN")
    )


# ---------------------------------------------------------------- rejection: numbers that are not head counts
LABEL_BEFORE = {
    "$",
    "€",
    "£",
    "¥",
    "no",
    "no.",
    "number",
    "nos",
    "#",
    "aged",
    "age",
    "ages",
    "resolution",
    "article",
    "chapter",
    "section",
    "page",
    "flight",
    "route",
    "highway",
    "cargo",
    "code",
    "brigade",
    "battalion",
    "regiment",
    "division",
    "squad",
    "platoon",
    "class",
    "grade",
    "level",
    "stage",
    "phase",
    "version",
    "model",
    "type",
    "size",
    "room",
    "building",
    "block",
    "gate",
    "unit",
    "ward",
    "camp",
    "sector",
    "zone",
    "base",
    "hill",
    "point",
    "km",
    "mile",
    "rs",
    "usd",
    "eur",
    "uah",
}
_AFTER_REJECT = re.compile(
    r"^(?:\s*(?:%|percent\b|per\s*cent\b|pc\b|[ap]\.?m\.?\b|o'clock|:\d)|-(?!plus\b|odd\b)[a-z]|"
    r"\s*(?:-\s*)?years?[- ]old\b|\s*(?:st|nd|rd|th)\b|\]|\s*times\b|"
    r"\s+(?:in|out of)\s+(?:every\s+)?(?:ten|10|five|5|four|4|three|3|a hundred|100)\b)",  # "nine in ten": a share
    re.I,
)
_AGED_PEOPLE = re.compile(r"\b(?:child|children|boys?|girls?|babies|baby|infants?|men|women|people)\s+$", re.I)
# an age, not a count: "the youngest confirmed dead were 18", "a child under five", "children aged 12"
_AGE_BEFORE = re.compile(
    r"(?:\b(?:youngest|oldest)\b[^.;]{0,40}\b(?:was|were|is|are)\s+(?:just\s+|only\s+|aged\s+)?|"
    r"\b(?:child|children|boys?|girls?|babies|baby|infants?|men|women|people)\s+(?:under|over|below|above|aged)\s+"
    r"(?:the age of\s+)?)$",
    re.I,
)


def text_reject_reason(text: str, fig: Figure, start: int, end: int) -> str | None:
    """Why the figure at text[start:end] is not a count of people, read from the characters alone (no parse)."""
    raw = fig.raw
    before = text[max(0, start - 2) : start]
    after = text[end : end + 12]
    if before[-1:].isalnum() or (before[-1:] in ("-", ".", "/") and before[:1].isalnum()):
        return "part of a word or code"
    if (before[-1:] == ":" and before[:1].isdigit()) or (after[:1] == ":" and after[1:2].isdigit()):
        return "unit, ordinal, time, age, percentage or footnote"  # "09:40", a liveblog's time stamp
    if after[:1].isalnum() and not raw[-1:].isalpha():
        return "part of a word or code"
    if after[:1] == "." and after[1:2].isalnum():
        return "part of a word or code"
    if before[-1:] == "[" or _AFTER_REJECT.match(text[end : end + 24]):
        return "unit, ordinal, time, age, percentage or footnote"
    if _AGE_BEFORE.search(text[max(0, start - 60) : start]) or (
        raw.lower().startswith(("under ", "over ", "below ", "above "))
        and _AGED_PEOPLE.search(text[max(0, start - 20) : start])
    ):
        return "age"  # "a child under five" (the bound word read as part of the figure)
    if "." in raw and not re.search(r"[a-z]", raw.split(".")[-1]) and not re.search(r"million|billion|thousand", raw):
        digits = re.search(r"\d+\.\d+", raw)
        if digits:
            return "decimal"
    return None


def reject_reason(
    text: str, fig: Figure, start: int, end: int, toks: list[Token], f_first: int, f_last: int, lex: Lexicon
) -> str | None:
    """Why the figure at text[start:end] (sentence-relative) is not a count of people, or None."""
    if (why := text_reject_reason(text, fig, start, end)) is not None:
        return why
    raw = fig.raw
    prev = toks[f_first - 1] if f_first > 0 else None
    nxt = toks[f_last + 1] if f_last + 1 < len(toks) else None
    if prev is not None:
        pw = prev.lower_
        if pw in LABEL_BEFORE or pw in MONTHS:
            return "label, money or date"
        if pw == "." and f_first >= 2 and toks[f_first - 2].lower_ in ("no", "nos"):
            return "label, money or date"  # "School No. 1"
        if (
            prev.text[:1].isupper()
            and prev.i > 0
            and prev.pos_ in ("PROPN", "NOUN")
            and pw not in WEEKDAYS
            and pw not in lex.parties
            and party_of(toks, prev.i, lex) is None
        ):
            return "name or label"
    if nxt is not None and nxt.lower_ in MONTHS:
        return "date"
    if fig.kind == "range" and all(x is not None and 1900 <= x <= 2100 for x in (fig.low, fig.high)) and "," not in raw:
        return "a span of years"
    if fig.kind == "exact" and re.fullmatch(r"(1[89]|20)\d\d", raw):
        following = nxt.lower_ if nxt is not None else ""
        if following not in lex.persons and not any(k[0] == following for k in lex.casualty):
            return "year"
    if prev is not None and prev.lower_ in ("in", "since", "from", "until", "by") and re.fullmatch(r"\d{4}", raw):
        return "year"
    if (
        prev is not None
        and prev.text == ","
        and nxt is not None
        and nxt.text in (",", "—", "–", ")", ".", ";")
        and f_first >= 2
        and toks[f_first - 2].pos_ in ("NOUN", "PROPN")
        and fig.kind == "exact"
        and re.fullmatch(r"\d{1,2}", raw)
    ):
        return "age in apposition"  # "The victim, 34, died"
    if re.search(
        r"\b(?:rescued|saved|evacuated|pulled alive|brought out alive)\s+(?:\w+\s+){0,2}$", text[:start], re.I
    ):
        return "people rescued"  # "troops rescued four hostages": a rescue, not a count of losses
    if (m := _RESCUED_AFTER.match(text, end)) and not (
        m.group(0).lower().endswith("evacuated") and _TO_SHELTER.match(text, m.end())
    ):
        return "people rescued"  # "346 hostages had been rescued in all" (evacuated to shelters: displaced)
    if re.search(r"\bfor (?:every|each)\b", text[:start], re.I):
        return "ratio"  # "for every Ukrainian soldier killed, 7 Russians die"
    return None


# the figure's own few words, then a rescue: no casualty word may stand between ("12 killed and 30 rescued" is 12)
_RESCUED_AFTER = re.compile(
    r"(?:\s+(?!(?:killed|died|dead|wounded|injured|hurt|and|or|but)\b)[A-Za-z-]+){0,4}?\s+"
    r"(?:rescued|saved|evacuated|pulled (?:out )?alive|brought out alive)\b",
    re.I,
)


# ---------------------------------------------------------------- the figure's own noun
def find_head(toks: list[Token], f_last: int, lex: Lexicon) -> tuple[Token | None, list[Token]]:
    """The noun the figure counts, and the modifiers between them ("5,300 Russian troops" -> troops)."""
    n = len(toks)
    j = f_last + 1
    if j < n and toks[j].lower_ == "of":  # partitive: "one of their deaths", "six of the soldiers"
        k = j + 1
        while k < n:
            if k + 1 < n and toks[k + 1].lower_ in ("'s", "’s"):
                k += 2  # "the group's members"
            elif (
                toks[k].pos_ in ("DET", "NUM")
                or toks[k].lower_ in ("their", "its", "our", "his", "her", "those", "these")
                or toks[k].pos_ == "ADJ"
                and not match_phrase(toks, k, lex)
            ):
                k += 1
            else:
                break
        if (
            k < n
            and (toks[k].pos_ in ("NOUN", "PROPN") or match_phrase(toks, k, lex))
            and toks[k].lower_ not in ("them", "us")
        ):
            j = k
        else:
            return None, []
    if j < n and toks[j].text in ('"', "”", "“", "'"):  # 'lost "5k" soldiers'
        j += 1
    run: list[Token] = []
    own_end = None  # after "Russian and 100,000 Ukrainian", only "Russian" belongs to the first figure
    k = j
    while k < n and len(run) < 6:
        t = toks[k]
        w = t.lower_
        if w in WEEKDAYS or w in MONTHS:
            break
        if (
            t.pos_ in ("ADJ", "NOUN", "PROPN")
            or t.text == "-"
            or (t.tag_ in ("VBN", "VBG") and k + 1 < n and toks[k + 1].pos_ in ("NOUN", "PROPN", "ADJ"))
        ):
            run.append(t)
            k += 1
            continue
        if w in ("and", "or") and run and all(r.pos_ == "ADJ" or party_of(toks, r.i, lex) for r in run):
            # "100,000 Russian and 100,000 Ukrainian soldiers": the noun after the next figure is shared
            own_end = own_end if own_end is not None else len(run)
            k += 1
            while k < n and (toks[k].like_num or toks[k].pos_ == "NUM" or toks[k].lower_ in QUALIFIER_WORDS):
                k += 1
            continue
        break
    if not run:
        return None, []
    fig = toks[f_last]
    if fig.dep_ == "nummod" and any(r.i == fig.head.i for r in run):
        h = fig.head  # the parser's own head, when it is a person or casualty noun ("Four ... Police Force personnel")
        if person_role(toks, h.i, lex) or match_phrase(toks, h.i, lex):
            idx = next(k for k, r in enumerate(run) if r.i == h.i)
            if not any(person_role(toks, r.i, lex) for r in run[idx + 1 :]):
                return h, run[: min(idx, own_end if own_end is not None else idx)]
    for idx, t in enumerate(run):
        w = t.lower_
        rest = run[idx + 1 :]
        ph = match_phrase(toks, t.i, lex)
        if ph and "noun" not in ph[2] and any(person_role(toks, r.i, lex) or is_demonym_noun(r, lex) for r in rest):
            continue  # "wounded soldiers": a modifier; the noun comes next
        if is_demonym_noun(t, lex) and any(person_role(toks, r.i, lex) for r in rest):
            continue  # "Hamas fighters": the party names the fighters
        known = ph or w in lex.nonpersons or person_role(toks, t.i, lex) or is_demonym_noun(t, lex)
        if known and t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB"):
            if t.pos_ == "ADJ" and not ph and not is_demonym_noun(t, lex) and rest:
                continue
            h = idx
            while (
                h + 1 < len(run)
                and run[h + 1].pos_ == "NOUN"
                and run[h + 1].tag_ in ("NNS", "NN")
                and (person_role(toks, run[h + 1].i, lex) or match_phrase(toks, run[h + 1].i, lex))
            ):
                h += 1  # "staff members", "battlefield casualties": English compounds end in their head
            return run[h], run[: min(idx, own_end if own_end is not None else idx)]
    nouns = [t for t in run if t.pos_ in ("NOUN", "PROPN") and not party_of(toks, t.i, lex)]
    if nouns:
        return nouns[0] if len(nouns) == 1 else nouns[-1], run
    return None, run


# ---------------------------------------------------------------- category
MILITARY_WORDS = {
    "military",
    "army",
    "troop",
    "troops",
    "navy",
    "naval",
    "soldier",
    "soldiers",
    "combat",
    "battlefield",
    "servicemen",
    "personnel",
    "frontline",
    "front-line",
    "armed",
    "forces",
}
CIVILIAN_WORDS = {"civilian", "civilians", "non-combatant", "noncombatant"}
_COPULAS = {
    "is",
    "was",
    "are",
    "were",
    "be",
    "been",
    "being",
    "remain",
    "remained",
    "remains",
    "stood",
    "stands",
    "left",
    "leaving",
    "leaves",
    "leave",
    "appeared",
    "seemed",
    "became",
}
_GOVERNED = {"nsubj", "nsubjpass", "dobj", "obj", "attr", "pobj", "oprd", "npadvmod", "dep", "appos", "conj"}


@dataclass
class Category:
    name: str
    rule: str
    np: Token | None = None  # the noun phrase that carried the casualty word, when not the figure's own
    verb: Token | None = None  # the verb that governs the victim, when one does


def _casualty_in_subtree(tok: Token, toks: list[Token], lex: Lexicon) -> str | None:
    """The category a noun phrase names; "losses, including the wounded" names both, so casualties."""
    found: list[str] = []
    for t in tok.subtree:
        ph = match_phrase(toks, t.i, lex)
        if ph and any(x in ph[2] for x in ("noun", "verb")):
            found.append(ph[1])
    if "killed" in found and "wounded" in found:
        return "casualties"
    return found[0] if found else None


CAPTIVITY = re.compile(
    r"\b(?:prisoners?|POWs?|PoWs?|captiv\w*|hostages?|detainees?|swap\w*|exchange\w*|"
    r"held|abduct\w*|kidnap\w*)\b",
    re.I,
)
AMONG = re.compile(
    r"\bamong (?:the |them |those )?(?:[\d,]+ |\w+ )?(dead|killed|victims|wounded|injured|casualties|missing|"
    r"fatalities|those killed|those who died|those who surrendered|those who gave themselves up|those captured|"
    r"the prisoners|the hostages)\b",
    re.I,
)
AMONG_CATEGORY = {
    "those who surrendered": "surrendered",
    "those who gave themselves up": "surrendered",
    "those captured": "captured",
    "the prisoners": "captured",
    "the hostages": "captured",
    "dead": "killed",
    "killed": "killed",
    "victims": "killed",
    "wounded": "wounded",
    "injured": "wounded",
    "casualties": "casualties",
    "missing": "missing",
    "fatalities": "killed",
    "those killed": "killed",
    "those who died": "killed",
}


def categorize(
    toks: list[Token], f_first: int, f_last: int, head: Token | None, mods: list[Token], lex: Lexicon
) -> Category | None:
    got = _categorize(toks, f_first, f_last, head, mods, lex)
    if (
        got is not None
        and got.rule == "subset"
        and f_last + 2 < len(toks)
        and toks[f_last + 1].lower_ in ("who", "that")
    ):
        k = f_last + 2  # "including 80 who were wounded": the subset says its own category
        while k < len(toks) and toks[k].pos_ in ("AUX", "ADV", "PART"):
            k += 1
        ph = match_phrase(toks, k, lex) if k < len(toks) else None
        if ph:
            return Category(ph[1], "subset-own")
    if got is not None and got.name == "captured" and "release" in got.rule:
        return got if CAPTIVITY.search(doc_text(toks[0].doc)) else None
    if got is not None and got.name == "captured" and head is not None and head.dep_ in ("nsubj", "nsubjpass"):
        ph = match_phrase(toks, head.head.i, lex) if head.head.i < len(toks) else None
        if ph and ph[1] == "killed" and "verb" in ph[2]:
            return Category("killed", "captive-died")  # "40 prisoners had died in custody": dead, once held
    if got is None and head is not None and (person_role(toks, head.i, lex) or is_demonym_noun(head, lex)):
        doc = toks[0].doc
        m = AMONG.search(doc_text(doc))  # "counted 444 aid workers and 72 journalists among the dead"
        if m and _same_clause(head, doc.char_span(m.start(), m.start() + 5, alignment_mode="expand")):
            return Category(AMONG_CATEGORY[m.group(1).lower()], "among-list")
    if got is None:
        got = _colon_list(toks, f_first, head, lex) or _subjectless_passive(toks, f_last, head, lex)
    return got


def _same_clause(head: Token, among: Any) -> bool:
    """Whether the "among ..." phrase and the figure's noun hang on the same verb (not a coordinated clause)."""
    if among is None:
        return False
    verb = among[0].head
    if verb.pos_ in ("NOUN", "PROPN") and verb.i != head.i and verb in head.conjuncts:
        return True  # "444 aid workers and 72 journalists among the dead": the list's last noun carries it
    t = head
    for _ in range(8):
        if t.i == verb.i:
            return True
        if t.dep_ == "conj" and t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _colon_list(toks: list[Token], f_first: int, head: Token | None, lex: Lexicon) -> Category | None:
    """ "The toll on Afghans was far greater: an estimated 66,000 members of the army, 47,245 civilians ...",
    "the bodies had been found in two places: 38 along the road ..., and 15 in or near the river" """
    if head is not None and not (person_role(toks, head.i, lex) or is_demonym_noun(head, lex)):
        return None
    colon = next((t.i for t in reversed(toks[:f_first]) if t.text == ":"), None)
    if colon is None:
        return None
    for t in toks[:colon]:
        ph = match_phrase(toks, t.i, lex)
        if ph and "noun" in ph[2]:
            return Category(ph[1], "colon-list", np=t)  # "The toll on Afghans ...:" also says whose
    return None


def _subjectless_passive(toks: list[Token], f_last: int, head: Token | None, lex: Lexicon) -> Category | None:
    """ "nine of its staff, among them doctors and drivers, were killed": the parser hung the figure elsewhere
    and left the passive without a subject; the figure's noun phrase, with only an aside between, is it."""
    start = (head.i if head is not None else f_last) + 1
    inside = False
    for k in range(start, min(len(toks), start + 24)):
        t = toks[k]
        if t.text == ",":
            inside = not inside
            continue
        ph = match_phrase(toks, k, lex)
        if ph and "verb" in ph[2] and t.tag_ == "VBN" and not inside:
            has_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            aux = any(c.dep_ in ("auxpass", "aux") for c in t.children)
            return Category(ph[1], "subjectless", verb=t) if aux and not has_subject else None
        if (not inside and t.tag_ in ("VBD", "VBZ", "VBP") and t.pos_ == "VERB") or t.text in (";", ":", "."):
            return None
        if not inside and (t.like_num or t.pos_ == "VERB"):
            return None
    return None


def _categorize(
    toks: list[Token], f_first: int, f_last: int, head: Token | None, mods: list[Token], lex: Lexicon
) -> Category | None:
    n = len(toks)
    # 0. a casualty word right after the figure: "60,000 killed and wounded", "12 dead", "three missing"
    if head is None and f_last + 1 < n:
        k = f_last + 1
        if toks[k].lower_ in ("other", "others", "more", "additional", "further") and k + 1 < n:
            k += 1  # "around fifty other injured", "12 more wounded"
        while k + 1 < n and toks[k].pos_ == "ADV" and toks[k].lower_.endswith("ly"):
            k += 1  # "and another seriously wounded"
        ph = match_phrase(toks, k, lex)
        if ph and toks[k].pos_ in ("VERB", "ADJ", "NOUN") and toks[k].tag_ not in ("VBD", "VBZ", "VBP"):
            return Category(ph[1], "after")
    # 1. the figure counts a casualty noun: "49 deaths", "30,000 casualties", "3,000 dead and wounded"
    if head is not None:
        ph = match_phrase(toks, head.i, lex)
        if ph and ("noun" in ph[2] or person_role(toks, head.i, lex) is None):
            return Category(ph[1], "noun")
        # 2. a modifier: "12 wounded soldiers"; or a participle after: "400 troops killed", "Russians killed in action"
        for m in mods:
            ph = match_phrase(toks, m.i, lex)
            if ph:
                verb = _governing(head, toks, lex, bare=False, figure=toks[f_last])
                if verb is not None and verb.rule == "verb" and verb.name not in (ph[1], "casualties"):
                    return verb  # "captured two wounded soldiers", "12 wounded soldiers later died": what befell them
                return Category(ph[1], "modifier")
        k = head.i + 1
        if k < n:
            ph = match_phrase(toks, k, lex)
            if ph and (toks[k].tag_ == "VBN" or toks[k].dep_ in ("acl", "amod") or "pred" in ph[2]):
                return Category(ph[1], "participle")
    # 2b. the figure's own passive or copular predicate: "and 11 others were wounded", "another 3 were injured"
    k = (head.i if head is not None else f_last) + 1
    if k < n and toks[k].pos_ == "AUX":
        while k < n and toks[k].lower_ not in ("not", "never", "n't") and (
            toks[k].pos_ in ("AUX", "PART")
            or toks[k].pos_ == "ADV"
            or (toks[k].lower_ in WINDOW_PASS and not match_phrase(toks, k, lex))
        ):
            k += 1  # a negation stops here: "were not killed" is no count, "had not been found" is missing
        ph = match_phrase(toks, k, lex) if k < n else None
        if ph and any(x in ph[2] for x in ("verb", "pred")):
            return Category(ph[1], "own-predicate", verb=toks[k])
    # 2c. a casualty verb right before the figure: "killing at least 38", "injures 12" (adjacency beats a
    # garden-path parse of coordinated clauses)
    got = _verb_before(toks, f_first, lex)
    if got:
        return got
    # 2d. a relative clause on the counted people says what befell them: "25,000 women, children and elderly
    # people who had sought refuge at the base"
    if head is not None:
        for h in (head, *head.conjuncts):
            for c in h.children:
                if c.dep_ == "relcl" and c.i > h.i and (ph := match_phrase(toks, c.i, lex)) and "verb" in ph[2]:
                    return Category(ph[1], "relcl", verb=c)
    # 3. the governing verb
    node = head if head is not None else toks[f_last]
    bare = head is None or person_role(toks, head.i, lex) is not None
    got = _governing(node, toks, lex, bare=bare, figure=toks[f_last])
    if got:
        return got
    if head is None:  # a range parses oddly ("at 7,000-15,000": "15,000" hangs off "-"); try its first number
        for k in range(f_first, f_last):
            if toks[k].like_num or toks[k].pos_ == "NUM":
                got = _governing(toks[k], toks, lex, bare=True, figure=toks[f_last])
                if got:
                    return got
                break
    # 5. the first casualty word after it in the same clause: "12 soldiers and three civilians died"
    if head is None or person_role(toks, head.i, lex) or is_demonym_noun(head, lex):
        k = (head.i if head is not None else f_last) + 1
        steps = 0
        if k < n and toks[k].lower_ in ("who", "that"):
            k += 1  # "80 who were wounded": the relative clause is the figure's own predicate
        while k < n and steps < 9:
            t = toks[k]
            if t.lower_ in CLAUSE_STOPS or (t.like_num and t.lower_ not in ("one",)) or t.pos_ == "NUM":
                break
            ph = match_phrase(toks, k, lex)
            if ph and any(x in ph[2] for x in ("verb", "pred")):
                if head is not None and ph[1] in _DONE_TO and _doer(head, t, ph[0]):
                    return None  # the subject of an active verb with an object did it
                return Category(ph[1], "window", verb=t)
            # the window stays inside the figure's own predicate: another verb, a comma or "to"-clause ends it
            if (
                (t.pos_ == "VERB" and t.lower_ not in WINDOW_PASS)
                or t.text == ","
                or (t.lower_ == "to" and k + 1 < n and toks[k + 1].pos_ == "VERB")
            ):
                break
            k += 1
            steps += 1
    return None


_TO_SHELTER = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:to|into)\s+(?:some\s+|about\s+|around\s+|more than\s+)?(?:[\d,]+\s+)?(?:\w+\s+){0,2}?"
    r"(?:shelters?|camps?|evacuation cent(?:re|er)s?|displacement sites?|temporary housing)\b",
    re.I,
)
_DONE_TO = {"killed", "wounded", "captured", "casualties"}  # "fled the town", "surrendered" befall the subject


def _doer(node: Token, verb: Token, length: int) -> bool:
    """Whether `node` is the active subject of `verb`, which has an object outside its own phrase: the one who
    did it ("Twelve gunmen killed 40 people"), not one it befell ("12 soldiers died", "one lost his life")."""
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.i != node.head.i:
        node = node.head.head  # "a group of 32 armed men ... seized the school"
    return (
        node.dep_ == "nsubj"
        and node.head.i == verb.i
        and not any(c.dep_ == "auxpass" for c in verb.children)
        and any(c.dep_ in ("dobj", "obj") and not verb.i <= c.i < verb.i + length for c in verb.children)
    )


_PERFECT = {"has", "have", "had", "'s", "'ve"}  # "has detained 30": active, unlike "were killed 12"


def _verb_before(toks: list[Token], f_first: int, lex: Lexicon) -> Category | None:
    k = f_first - 1
    while k >= 0 and toks[k].lower_ in QUALIFIER_WORDS:
        k -= 1
    if k < 0:
        return None
    for back in range(0, min(4, k + 1)):  # the phrase must end right at k ("claimed the lives of 12")
        ph = match_phrase(toks, k - back, lex)
        if ph and ph[0] == back + 1 and ("verb" in ph[2] or "release" in ph[2]):
            if toks[k - back].tag_ == "VBN" and any(
                t.pos_ == "AUX" and t.lower_ not in _PERFECT for t in toks[max(0, k - back - 2) : k - back]
            ):
                return None  # "were killed 12 ..." : a passive's participle does not take the next number
            rule = "verb-before-release" if "release" in ph[2] else "verb-before"
            return Category(ph[1], rule, verb=toks[k - back])
    return None


def _governing(
    node: Token, toks: list[Token], lex: Lexicon, bare: bool, figure: Token | None = None
) -> Category | None:
    hops = 0
    while node.dep_ in ("conj", "appos") and node.head.i != node.i and hops < 4:
        if node.dep_ == "conj" and node.pos_ in ("NOUN", "PROPN") and node.head.pos_ == "VERB":
            # "had killed 920 militants, up from 847, as well as 165 soldiers": the parser joins the last noun
            # to the verb itself; it is the verb's object all the same
            ph = match_phrase(toks, node.head.i, lex)
            if ph and "verb" in ph[2] and node.i > node.head.i:
                return Category(ph[1], "verb", verb=node.head)
        node = node.head
        hops += 1
    if node.dep_ in ("nummod", "quantmod") and node.head.i != node.i:
        node = node.head
    if node.dep_ == "compound" and (ph := match_phrase(toks, node.head.i, lex)) and "noun" in ph[2]:
        return Category(ph[1], "compound")  # "had taken 64 soldiers prisoner": parsed as a compound of "prisoner"
    dep = node.dep_
    v = node.head
    if dep == "pobj" and node.head.lower_ == "of" and figure is not None and node.head.head.i == figure.i:
        node = figure  # "lost 1000's of men": the verb governs the figure, not the noun after "of"
        dep = node.dep_
        v = node.head
    if dep == "pobj":
        prep = node.head
        if prep.lower_ in SUBSET_PREPS:
            return Category("", "subset", verb=prep)
        if (
            prep.lower_ == "of"
            and prep.head.lower_ == "fate"
            and re.search(r"\b(?:unknown|unclear|not known|uncertain)\b", doc_text(node.doc)[prep.idx :])
        ):
            return Category("missing", "fate-unknown")  # "the fate of around thirty residents was still unknown"
        ph = match_phrase(toks, prep.head.i, lex)
        if prep.lower_ == "of" and ph and prep.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return Category(ph[1], "of-noun", np=prep.head)  # "the deaths of 12 soldiers", "a toll of 50"
        if prep.lower_ not in PASSING_PREPS:
            return None  # "Of the 1,100 soldiers in the battalion, dozens were killed": a total, not the victims
        v = prep.head
        if v.dep_ == "prep":  # "as of Monday at 2,000": climb prepositions
            v = v.head
    elif dep not in _GOVERNED:
        return None
    for _ in range(3):
        ph = match_phrase(toks, v.i, lex)
        if ph and v.i > 0 and toks[v.i - 1].lower_ in ("fatally", "mortally") and ph[1] == "wounded":
            return Category("killed", "verb", verb=v)  # "was fatally wounded": the adverb decides
        if (
            ph
            and any(x in ph[2] for x in ("verb", "pred", "adj", "release"))
            and v.pos_ in ("VERB", "AUX", "ADJ", "NOUN")
        ):
            name = ph[1]
            if ph[1] in _DONE_TO and _doer(node, v, ph[0]):
                return None  # "Twelve gunmen killed 40 people", "32 armed men seized the school": the doers
            if "release" in ph[2]:
                return Category(name, "verb-release", verb=v)
            for c in v.children:  # "killed or wounded 300": coordinated casualty verbs sharing the victim
                if c.dep_ == "conj":
                    cph = match_phrase(toks, c.i, lex)
                    if cph and cph[1] != name and any(x.lower_ == "or" for x in v.children):
                        name = "casualties"
            return Category(name, "verb", verb=v)
        w = v.lower_
        if w in WINDOW_PASS:  # "had been reported missing", "are feared dead", "were believed killed"
            for c in v.children:
                if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp", "advmod", "dobj", "attr") and c.i > v.i:
                    cph = match_phrase(toks, c.i, lex)
                    if cph:
                        return Category(cph[1], "predicate", verb=v)
        if (
            w in TAKE_VERBS
            and dep in ("dobj", "obj")
            and re.search(r"^[^.;,]{0,60}?\b(?:prisoners?|captives?|hostages?)\b", doc_text(v.doc)[node.idx :])
        ):  # "had taken 64 Karvenian soldiers prisoner"
            return Category("captured", "verb", verb=v)
        if (
            w in TAKE_VERBS
            and dep == "nsubjpass"
            and re.search(r"^[^.;,]{0,50}?\bas (?:prisoners?|captives?|hostages?)\b", doc_text(v.doc)[v.idx :])
        ):  # "240 people were taken into Gaza as hostages", "were held as hostages"
            return Category("captured", "verb", verb=v)
        if (
            w in ("held", "holding", "hold", "holds", "kept", "keeping")
            and dep in ("dobj", "obj")
            and any(c.dep_ == "nsubj" and c.lower_ in _CAPTOR_NOUNS for c in v.children)
        ):  # "the attackers had held more than 1,100 people in the gymnasium": captives
            return Category("captured", "verb", verb=v)
        if w in INCLUDE_VERBS and dep in ("dobj", "obj"):  # "The dead include 151 children"
            for c in v.children:
                if c.dep_ == "nsubj" and (name := _casualty_in_subtree(c, toks, lex)):
                    return Category(name, "include", np=c, verb=v)
        if w in DRIVE_VERBS and re.search(r"\bfrom (?:their|his|her) homes?\b|\bto flee\b", doc_text(v.doc)[v.idx :]):
            return Category("displaced", "verb", verb=v)
        sheltered = w in ("evacuated", "relocated") and _TO_SHELTER.match(doc_text(v.doc), v.idx + len(w))
        if sheltered and dep == "nsubjpass":
            # "138,000 residents were evacuated to some 300 temporary shelters": people living displaced, unlike
            # "600 civilians were evacuated from the besieged city" (a rescue)
            return Category("displaced", "verb", verb=v)
        if w in LOSS_VERBS and dep in ("dobj", "obj"):
            return Category("killed", "loss-verb", verb=v)
        if w in _COPULAS or w in MEASURE_VERBS:
            for c in v.children:
                if c.i == node.i:
                    continue
                if c.dep_ in ("acomp", "attr", "oprd", "ccomp", "xcomp", "advmod", "amod") and c.i > node.i:
                    cph = match_phrase(toks, c.i, lex)
                    if cph:
                        return Category(cph[1], "predicate", verb=v)
                if c.dep_ == "prep" and c.lower_ == "among":
                    for g in c.children:
                        cph = match_phrase(toks, g.i, lex)
                        if cph:
                            return Category(cph[1], "among", verb=v)
            if bare and dep not in ("nsubj", "nsubjpass"):  # "1 senior official put the wounded at 120": a speaker
                for c in v.children:
                    if c.dep_ in ("nsubj", "nsubjpass", "dobj") and c.i != node.i:
                        name = _casualty_in_subtree(c, toks, lex)
                        if name:
                            return Category(name, "measure", np=c, verb=v)
        if v.dep_ in ("xcomp", "ccomp", "auxpass", "aux") and v.head.i != v.i and v.lower_ in _COPULAS | {"to"}:
            v = v.head  # "deaths appeared to be ... 1,500": the subject belongs to the raising verb
            continue
        break
    return None


# ---------------------------------------------------------------- whose losses
LOCATIVE = {
    "in",
    "at",
    "near",
    "across",
    "inside",
    "outside",
    "into",
    "throughout",
    "around",
    "on",
    "toward",
    "towards",
    "from",
    "along",
    "within",
    "over",
    "off",
    "between",
    "behind",
    "against",
}
POSSESSIVE_PRONOUNS = {"their", "its", "our", "his", "her"}


def _parties_in(tokens: list[Token], toks: list[Token], lex: Lexicon) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    skip_until = -1
    for t in sorted(tokens, key=lambda x: x.i):
        if t.i < skip_until:
            continue
        p = party_of(toks, t.i, lex)
        if p:
            out.append((t.i, p[1]))
            skip_until = t.i + p[0]
    return out


def victim_of(
    toks: list[Token], f_last: int, head: Token | None, mods: list[Token], cat: Category, lex: Lexicon
) -> tuple[Victim, list[str], bool]:
    """Victim (party, role, group), the parties when the text says "on each side", and whether a possessive
    pronoun ("their deaths") left the party to be resolved from context."""
    np_tokens: list[Token] = list(mods)
    pronoun = False
    if head is not None:
        np_tokens.append(head)
        for c in head.children:
            if c.dep_ in ("amod", "compound", "poss", "nmod", "nummod") or (c.dep_ == "prep" and c.lower_ == "of"):
                np_tokens.extend(c.subtree)
        pronoun = any(t.lower_ in POSSESSIVE_PRONOUNS for t in head.children if t.dep_ == "poss")
        # the partitive's possessive: "one of their deaths"
        pronoun = pronoun or any(t.lower_ in POSSESSIVE_PRONOUNS for t in toks[f_last + 1 : head.i])
    if cat.np is not None:
        np_tokens.extend(cat.np.subtree)
        pronoun = pronoun or any(t.lower_ in POSSESSIVE_PRONOUNS for t in cat.np.subtree)
    own = _dedupe([p for _, p in _parties_in(list(mods) + ([head] if head is not None else []), toks, lex)])
    # "100,000 Russian and 100,000 Ukrainian soldiers": each figure's own adjective, not the shared noun's
    parties = own or _dedupe([p for _, p in _parties_in(np_tokens, toks, lex)])
    each_subject = False
    loss_verb = cat.verb if cat.verb is not None and cat.verb.lower_ in LOSS_VERBS else None
    if loss_verb is None and head is not None and head.head.lower_ in LOSS_VERBS and head.dep_ in ("dobj", "obj"):
        loss_verb = head.head
    if not parties and loss_verb is not None:
        for c in loss_verb.children:  # "Moscow lost 15,000 soldiers", "Russia has suffered ... casualties"
            if c.dep_ in ("nsubj", "nsubjpass"):
                parties = _dedupe([p for _, p in _parties_in(list(c.subtree), toks, lex)])
            if c.lower_ == "each":
                each_subject = True  # "Armenia and Azerbaijan each lost about 100 soldiers"
    role = "unknown"
    group = None
    if head is not None:
        r = person_role(toks, head.i, lex)
        if r:
            role = r
            group = group_of(toks, head.i, lex)
    words = {t.lower_ for t in np_tokens}
    if role == "unknown":
        if words & MILITARY_WORDS:
            role = "military"
        elif words & CIVILIAN_WORDS:
            role = "civilian"
    if role == "unknown":
        rest = " ".join(t.lower_ for t in toks[f_last + 1 : f_last + 14])
        if re.search(r"\b(?:killed|missing) in action\b|\bin combat\b|\bon the battlefield\b", rest):
            role = "military"
    if role == "unknown" and parties and words & {"losses", "loss"}:
        role = "military"  # a state's "losses" in war reporting are its forces' losses
    each = []
    text_after = doc_text(toks[f_last].doc)[toks[f_last].idx + len(toks[f_last].text) :]
    if head is not None:
        text_after = doc_text(toks[f_last].doc)[head.idx + len(head.text) :]
    if EACH_SIDE.match(text_after) or EACH_SIDE_LATER.match(text_after) or each_subject:
        each = parties if len(parties) >= 2 else []
        if not each:
            each = ["*"]  # resolved by the caller from the whole sentence
    party = parties[0] if len(parties) == 1 else None
    return Victim(party=party, role=role, group=group), each, pronoun and not parties


def _dedupe(xs: list[str]) -> list[str]:
    out: list[str] = []
    for x in xs:
        if x not in out:
            out.append(x)
    return out


def sentence_parties(toks: list[Token], lex: Lexicon, exclude: set[int], places: bool = False) -> list[tuple[int, str]]:
    """Parties named in the sentence outside the excluded tokens; place phrases ("in Kharkiv") count only with
    `places` (civilians killed in Lebanon are Lebanon's losses; soldiers killed in Ukraine need not be)."""
    out = []
    for i, p in _parties_in([t for t in toks if t.i not in exclude], toks, lex):
        t = toks[i]
        if _in_facility_name(t):
            continue  # "the Saudi Teaching Hospital in El Fasher" is a Sudanese hospital
        if places:
            out.append((i, p))
            continue
        if t.dep_ == "pobj" and t.head.lower_ in LOCATIVE and t.pos_ == "PROPN" and not _toll_on(t):
            continue
        if t.dep_ == "compound" and t.head.dep_ == "pobj" and t.head.head.lower_ in LOCATIVE and t.pos_ == "PROPN":
            continue
        out.append((i, p))
    return out


# the last word of a building's or an institution's proper name: a party word inside the name is the name's
FACILITY_NOUNS = {
    "hospital",
    "clinic",
    "university",
    "college",
    "school",
    "embassy",
    "church",
    "cathedral",
    "mosque",
    "airport",
    "hotel",
    "bank",
    "street",
    "square",
    "bridge",
    "market",
    "stadium",
    "institute",
    "centre",
    "center",
}


def _in_facility_name(t: Token) -> bool:
    head = t
    while head.dep_ == "compound" and head.head.i != head.i:
        head = head.head
    return head is not t and head.pos_ == "PROPN" and head.lower_ in FACILITY_NOUNS


_TOLL_NOUNS = {"toll", "tolls", "losses", "casualties", "deaths", "cost", "costs"}


def _toll_on(t: Token) -> bool:
    """"The toll on Afghans", "heavy losses on Russia": whose losses, not a place."""
    return t.head.lower_ == "on" and t.head.head.lower_ in _TOLL_NOUNS


ATTACK_NOUNS = {
    "bombardment",
    "bombardments",
    "artillery",
    "shelling",
    "shells",
    "shell",
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "missile",
    "missiles",
    "rocket",
    "rockets",
    "drone",
    "drones",
    "bomb",
    "bombs",
    "bombing",
    "bombings",
    "attack",
    "attacks",
    "offensive",
    "raid",
    "raids",
    "fire",
    "forces",
    "troops",
    "army",
    "jets",
    "aircraft",
    "warplanes",
    "tanks",
    "gunmen",
    "militants",
    "units",
    "assault",
    "barrage",
    "mortar",
    "mortars",
    "gunfire",
    "snipers",
    "sniper",
    "air",
    "navy",
    "military",
    "occupation",
    "invasion",
}


def _agent_phrase(subject: Token) -> set[int]:
    """The attacker's noun phrase without the places inside it ("Israeli airstrikes [across ... Lebanon]")."""
    out = set()
    for t in subject.subtree:
        x, inside_place = t, False
        while x.i != subject.i:
            if x.dep_ == "prep" and x.lower_ in LOCATIVE:
                inside_place = True
                break
            x = x.head
        if not inside_place:
            out.add(t.i)
    return out


# the preposition that names who is blamed, after the verbs that blame ("blamed on" is not here: the party it
# names reaches the victim by another road, so excluding it changed nothing measured)
BLAME_VERBS = {
    "to": {"attributed", "attributes", "attribute", "attributing", "ascribed", "ascribes"},
}


def agent_tokens(toks: list[Token], lex: Lexicon) -> set[int]:
    """Tokens naming who did the harm: "by Russian shelling", the subject of an active "killed", and a party
    word on a weapon or attack noun ("when Karvenian artillery struck")."""
    out: set[int] = set()
    for t in toks:
        if (
            t.dep_ in ("amod", "compound", "poss", "nmod")
            and t.head.lower_ in ATTACK_NOUNS
            and party_of(toks, t.i, lex)
        ):
            out.add(t.i)
        if t.lower_ == "by" and t.dep_ == "agent" or (t.lower_ == "by" and t.dep_ == "prep"):
            out.update(x.i for x in t.subtree)
        if t.dep_ == "prep" and any(v.lower_ in BLAME_VERBS.get(t.lower_, ()) and v.i < t.i for v in toks):
            # "attributed 2,080 of the deaths to the Taliban and 440 to ...": the parser often hangs the
            # preposition on the figure, so it is paired with the verb before it rather than by the tree
            out.update(x.i for x in t.subtree)
        ph = match_phrase(toks, t.i, lex)
        if ph and "verb" in ph[2] and t.pos_ == "VERB" and t.tag_ != "VBN":
            for c in t.children:
                if c.dep_ == "nsubj":
                    out.update(_agent_phrase(c))
        if (
            ph
            and "verb" in ph[2]
            and t.pos_ == "VERB"
            and t.tag_ == "VBN"
            and any(c.dep_ == "dobj" for c in t.children)
        ):
            for c in t.children:
                if c.dep_ == "nsubj":
                    out.update(_agent_phrase(c))
        if t.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in _CAPTIVES for c in t.children):
            # "it was holding 214 hostages", "the group seized 30 captives": the captors, not whose people
            for c in t.children:
                if c.dep_ == "nsubj":
                    out.update(_agent_phrase(c))
    return out


# written out in their forms: the pipeline has no lemmatizer
_ATTACK_VERBS = {
    f"{stem}{end}"
    for stem in ("launch", "invad", "attack", "bomb", "shell", "storm", "raid", "seiz", "ambush", "bombard",
                 "target", "fir", "open")
    for end in ("", "e", "ed", "es", "s", "ing", "d")
} | {"struck", "strike", "strikes", "striking", "hit", "hits", "hitting", "overran", "overrun", "overruns"}
def attack_clause_subjects(toks: list[Token]) -> set[int]:
    """Who attacked, in a clause beside the count: "627 people had been killed since Israel launched its strikes".
    Not whose soldiers: "the 15,000 troops killed when the Soviet Union invaded" were the invader's own."""
    out: set[int] = set()
    for t in toks:
        if t.lower_ in _ATTACK_VERBS and t.pos_ == "VERB" and t.dep_ in ("advcl", "relcl", "conj"):
            for c in t.children:
                if c.dep_ == "nsubj":
                    out.update(_agent_phrase(c))
    return out


# victims named by their part in an attack: their side is the attacking one
ATTACKERS = {"assailants", "assailant", "attackers", "attacker", "gunmen", "gunman", "terrorists", "terrorist",
             "bombers", "raiders", "hostage-takers", "kidnappers", "captors", "hijackers", "abductors"}
# armed groups' men, counted by the side that fought them: "the fighting had killed 920 militants"
INSURGENTS = {"militants", "militant", "insurgents", "insurgent", "rebels", "rebel", "jihadists", "jihadist",
              "extremists", "separatists", "fighters"}
_CAPTOR_NOUNS = ATTACKERS | INSURGENTS  # "the attackers had held 1,100 people": captors
_CAPTIVES = {"hostages", "hostage", "captives", "captive", "prisoners", "prisoner"}
