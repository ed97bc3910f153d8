"""Who claims a figure: the subject of a speech or estimate verb that governs it, "according to X", "X's figures".

A chain ("The AP reports that Ukraine says ...") gives the innermost speaker as claimant and the outer ones as
`via`. Pronouns and bare generic nouns ("he", "the ministry") are resolved to the speaker last named earlier in
the document.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from toll.extract.lexicon import Lexicon

Token = Any

PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that", "his", "her", "their", "its", "our"}
GENERIC = {
    "official",
    "officials",
    "ministry",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "military",
    "army",
    "statement",
    "agency",
    "report",
    "office",
    "mission",
    "organisation",
    "organization",
    "group",
    "department",
    "government",
    "authorities",
    "source",
    "sources",
    "minister",
    "commander",
    "general",
    "officer",
    "officers",
    "service",
    "command",
    "staff",
    "governor",
    "mayor",
    "president",
    "council",
    "team",
    "monitors",
    "monitor",
    "experts",
    "analysts",
    "intelligence",
    "police",
    "regime",
}
NOT_SPEAKERS = {
    "claim",  # a fact-check's "CLAIM: A post ... says", "VERDICT: ..." are headings
    "verdict",
    "there",
    "this",
    "what",
    "all",
    "both",
    "none",
    "some",
    "many",
    "most",
    "figures",
    "figure",  # "nearly ten times the figure previously reported": what was reported, not who
    "tally",
    "numbers",
    "data",
    "toll",
    "number",
    "death",
    "deaths",
    "casualties",
    "losses",
    "images",
    "videos",
    "photos",
    "footage",
    "pictures",
}
VICTIM_HEADS = {
    "children",
    "women",
    "people",
    "civilians",
    "hostages",
    "captives",
    "victims",
    "men",
    "patients",
    "staff",
    "members",
    "soldiers",
    "troops",
    "bodies",
    "dead",
    "girls",
    "boys",
    "infants",
    "babies",
}
THAT_VERBS = {
    "believes",
    "believed",
    "believe",
    "suggested",
    "suggests",
    "showed",
    "show",
    "shows",
    "indicated",
    "indicates",
    "concluded",
    "assessed",
    "assesses",
    "assess",
}
GIVE_VERBS = {
    "gave",
    "give",
    "gives",
    "giving",
    "issued",
    "issues",
    "released",
    "releases",
    "published",
    "publishes",
    "provided",
    "provides",
    "offered",
    "updated",
    "revised",
    "raised",
    "lowered",
}
FIGURE_NOUNS = {
    "toll",
    "figure",
    "figures",
    "estimate",
    "estimates",
    "count",
    "tally",
    "number",
    "numbers",
    "update",
    "data",
    "statistics",
    "assessment",
}
# verbs that only attribute when they introduce a figure "at": "put the losses at 2,000"
AT_VERBS = {"put", "puts", "putting", "placed", "places"}
PLACE_PREPS = {"in", "at", "near", "from"}
_CUT = {",", "who", "which", "(", "—", "–", "whose", ";", ":", "that"}


@dataclass(frozen=True)
class Frame:
    anchor: Token  # the verb, "according", or the attribution noun
    head: Token  # the speaker's head token
    text: str
    tokens: frozenset[int]
    generic: bool
    cited: bool = False  # "citing X": X is the origin, the citing speaker passes it on
    subject_only: bool = False  # the subject of a sentence with no speech verb: an antecedent, not a claimant


def _phrase(head: Token) -> tuple[str, frozenset[int]]:
    """The speaker's noun phrase, cut before commas, relative clauses and appositions."""
    toks = sorted(head.subtree, key=lambda t: t.i)
    left = [t for t in toks if t.i <= head.i]
    right = []
    for t in toks:
        if t.i <= head.i:
            continue
        if t.lower_ in _CUT or t.dep_ in ("relcl", "appos", "acl"):
            break
        right.append(t)
    words = left + right
    # a dateline is not part of the speaker: "MOGADISHU — The ministry said", "MOSCOW/KYIV (Reuters) -"
    for k in range(len(words) - 1, -1, -1):
        if words[k].text in ("—", "–", "--") and words[k].i < head.i:
            words = words[k + 1 :]
            break
    while (
        words
        and words[0].i < head.i
        and words[0].text.isupper()
        and len(words[0].text) > 3
        and words[0].text.isalpha()
        and words[0].pos_ != "PROPN"
    ):
        words = words[1:]
    # drop a leading conjunction or punctuation ("But 1 American official")
    while words and (words[0].pos_ in ("CCONJ", "PUNCT") or words[0].lower_ in ("but", "and", "so")):
        words = words[1:]
    # cut at the first comma on the left too ("Secretary of State, Antony Blinken" keeps the right part)
    for k in range(len(words) - 1, -1, -1):
        if words[k].text in (",", "“", "”", '"') and words[k].i < head.i:
            words = words[k + 1 :]
            break
    if not words:
        return head.text, frozenset({head.i})
    # the text from the first word to the last, as the slice of the sentence's text (a Span's text is exactly
    # that slice, and costs the phrase's tokens rather than the whole sentence's)
    text = head.doc[words[0].i : words[-1].i + 1].text
    return text.strip(" ,\"“”'"), frozenset(t.i for t in words)


def _with_name(head: Token, text: str, ids: frozenset[int]) -> tuple[str, frozenset[int]]:
    """A title and the name set beside it are one speaker: "Jaish's leader, Masood Azhar, said" is Masood Azhar,
    whom a reader (and a later "he") knows by name, and "the leader" alone would be generic."""
    if head.pos_ == "PROPN" or not ids:
        return text, ids
    for c in head.children:
        if c.dep_ != "appos" or c.i <= head.i:
            continue
        name = sorted(c.subtree, key=lambda x: x.i)
        if len(name) <= 4 and all(x.pos_ == "PROPN" or x.text in ".-'" for x in name):
            start = min(ids)
            return head.doc[start : name[-1].i + 1].text.strip(" ,\"“”'"), ids | {x.i for x in name}
    return text, ids


def _is_generic(head: Token, ids: frozenset[int]) -> bool:
    if head.lower_ in PRONOUNS:
        return True
    if head.lower_ not in GENERIC:
        return False
    if not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
        return False  # "officials said", "a spokesman said": a claimant as written; "the ministry" points back
    doc = head.doc
    # "the ministry" is generic; "Ukraine's defence ministry" or "Pentagon officials" is named
    return not any(
        doc[i].pos_ == "PROPN"
        or doc[i].text[:1].isupper()
        and i != ids
        and doc[i].i > 0
        and doc[i].lower_ not in ("the", "a", "an")
        for i in ids
        if i != head.i
    )


def _subject_before(toks: list[Token], verb: Token) -> list[Token]:
    """The noun phrase just before a speech verb the parser left without a subject (it hung the phrase on a
    fronted clause): its head, climbing "of"/"for" attachments and compounds that stay left of the verb."""
    x = toks[verb.i - 1]
    if x.pos_ not in ("NOUN", "PROPN") or x.like_num:
        return []
    for _ in range(6):
        prep = x.head
        if x.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in ("NOUN", "PROPN") and prep.head.i < verb.i:
            x = prep.head
        elif x.dep_ == "compound" and x.head.i < verb.i:
            x = x.head
        else:
            break
    if x.pos_ != "PROPN" and x.lower_ not in ORG_WORDS:
        return []  # "a post shared thousands of times says": no speaker's name stands before the verb
    return [x]


_SOURCE_NOUNS = {"data", "figures", "statistics", "numbers", "records", "estimates", "tallies", "counts", "reports",
                 "assessments", "assessment", "estimate", "calculations"}


def _source_of(noun: Token) -> Token | None:
    """Who compiled the data a speaker cites: "data compiled by X" (by-agent of a participle) or "figures from X"."""
    for c in noun.children:
        if c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    for g in a.children:
                        if g.dep_ == "pobj":
                            return g
        if c.dep_ == "prep" and c.lower_ in ("from", "by", "of"):
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ in ("PROPN", "NOUN") and g.lower_ not in _SOURCE_NOUNS:
                    return g
    return None


def frames(sent: Any, lex: Lexicon) -> list[Frame]:
    out: list[Frame] = []
    toks = list(sent)
    for t in toks:
        w = t.lower_
        speaker = None
        if w == "according" and t.i + 1 < len(toks) and toks[t.i + 1].lower_ == "to":
            for c in toks[t.i + 1].children:
                if c.dep_ == "pobj":
                    # "according to assessments by the Second Army Area": whose assessments
                    speaker = (_source_of(c) if c.lower_ in _SOURCE_NOUNS else None) or c
        elif w in lex.speech_verbs and t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            if w in AT_VERBS and not any(x.lower_ == "at" for x in toks[t.i + 1 :]):
                continue
            if w in THAT_VERBS and not any(c.dep_ in ("ccomp", "parataxis") for c in t.children):
                continue  # "civilians believed to oppose the government": no claim is attributed
            if w in ("citing", "cited", "quoting") and not any(
                c.dep_ in ("nsubj", "nsubjpass", "agent") for c in t.children
            ):
                # "The Times, citing American officials, reported ...": the cited are the origin
                objs = [c for c in t.children if c.dep_ in ("dobj", "obj", "pobj")]
                if objs and objs[0].lower_ in _SOURCE_NOUNS:
                    # "citing data compiled by ACLED", "citing figures from the ministry": whose data it is
                    src = _source_of(objs[0])
                    objs = [src] if src is not None else objs
                if objs and objs[0].lower_ not in NOT_SPEAKERS:
                    text, ids = _phrase(objs[0])
                    out.append(
                        Frame(
                            anchor=t, head=objs[0], text=text, tokens=ids, generic=_is_generic(objs[0], ids), cited=True
                        )
                    )
                continue
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if not agent and t.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in t.children):
                # "are still listed as unaccounted for by the agency": the parser hangs "by" on the predicate
                agent = [
                    g
                    for c in t.subtree
                    if c.dep_ == "agent" and c.head.pos_ in ("ADJ", "ADP")
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            if t.tag_ == "VBN" and (agent or any(c.dep_ == "auxpass" for c in t.children)):
                subj = agent  # "was reported by the ministry", "cited by the prime minister"; a bare passive: none
            elif not subj and t.dep_ in ("advcl", "conj", "xcomp") and t.head.i != t.i and t.tag_ != "VBN":
                # (a bare participle, "heavy losses, estimated at 100", is nobody's statement)
                # "Zelensky gave a figure, saying 31,000 ...", "The military described ... and said ...":
                # the speech verb shares the subject of the verb it hangs on
                subj = [c for c in t.head.children if c.dep_ == "nsubj"]
            if not subj and t.dep_ == "ROOT" and t.i > 0 and t.tag_ in ("VBZ", "VBD", "VBP"):
                subj = _subject_before(toks, t)  # "..., the Assistance Association for Political Prisoners says"
            if subj:  # of two subjects ("..., 15 of them children, governor Artiukh said") the one with no count,
                # and of those the nearest: a reported-speech inversion puts the speaker next to its verb, while
                # the parser may hang a clause's subject on it too ("... when X overran Zamzam, ..., the UN said")
                speaker = min(subj, key=lambda c: (any(x.like_num for x in c.subtree), abs(c.i - t.i)))
        elif (
            w in GIVE_VERBS
            and t.pos_ == "VERB"
            and any(c.dep_ == "dobj" and c.lower_ in FIGURE_NOUNS for c in t.children)
        ):  # "The committee gave a similar toll of more than 100 dead"
            subj = [c for c in t.children if c.dep_ == "nsubj"]
            if subj:
                speaker = subj[0]
        elif w in lex.speech_nouns and t.pos_ == "NOUN":
            for c in t.children:
                if c.dep_ == "poss" or (c.dep_ == "compound" and c.pos_ == "PROPN"):
                    speaker = c
        if speaker is not None and speaker.lower_ in ("who", "which", "that") and t.dep_ == "relcl":
            speaker = t.head  # "American officials, who told reporters ...": the relative's antecedent
            while speaker.dep_ == "pobj" and speaker.head.lower_ in PLACE_PREPS and speaker.head.head.pos_ in (
                "NOUN",
                "PROPN",
            ):  # "Nasser Hospital in Khan Younis, which said": the hospital speaks, not the town
                speaker = speaker.head.head
        if speaker is None or speaker.lower_ in NOT_SPEAKERS or speaker.like_num:
            continue
        text, ids = _phrase(speaker)
        text, ids = _with_name(speaker, text, ids)
        doc = speaker.doc
        words = [doc[i].lower_ for i in sorted(ids)]
        counted = (any(doc[i].like_num for i in ids) or words[:1] in (["most"], ["many"], ["some"], ["half"])) and (
            speaker.lower_ in VICTIM_HEADS or "them" in words
        )  # "..., most of them women and children, health officials said": the parser's subject is the count
        if counted:  # "... rose to 52, five of them children, the governor said": a count, not a speaker;
            appos = [c for c in speaker.children if c.dep_ == "appos" and not any(x.like_num for x in c.subtree)]
            # or the list's last member after a comma: "most of them women and children, health officials said"
            appos += [
                c
                for c in speaker.children
                if c.dep_ == "conj"
                and c.i > speaker.i
                and c.lower_ not in VICTIM_HEADS
                and doc[c.left_edge.i - 1].text == ","
                and not any(x.like_num for x in c.subtree)
            ][-1:]
            if not appos:  # the parser may hang the real speaker on it as an apposition
                continue
            speaker = appos[0]
            text, ids = _phrase(speaker)
        out.append(Frame(anchor=t, head=speaker, text=text, tokens=ids, generic=_is_generic(speaker, ids)))
    return out


def choose(fs: list[Frame], target: Token, exclude: set[int]) -> tuple[Frame | None, list[Frame]]:
    """The frame that governs `target` (innermost first) and the outer ones, as (claimant, via)."""
    fs = [f for f in fs if not (f.tokens & exclude)]
    if not fs:
        return None, []
    chain = [target, *target.ancestors]
    depth = {tok.i: d for d, tok in enumerate(chain)}
    governing = []
    for f in fs:
        a = f.anchor
        rank = 0.0
        if a.lower_ == "according" or a.pos_ == "NOUN":
            a = a.head  # "according to X" and "X's figures" attach to the clause they qualify
            rank = 0.5  # ... and at the same verb they are the outer link: "According to Reuters, X said"
        if f.cited:
            a = a.head
            rank = -0.5  # "citing X" is the inner link of the verb it hangs on
            if a.dep_ in ("nsubj", "nsubjpass") and a.pos_ in ("NOUN", "PROPN"):
                a = a.head  # "Le Monde, quoting officials, put ...": hung on the speaker, it is that verb's link
        if a.i in depth:
            governing.append((depth[a.i] + rank, f))
    if governing:
        governing.sort(key=lambda x: x[0])
        inner = governing[0][1]
        outer = [f for _, f in governing[1:] if f.text != inner.text and _reports(f, inner)]
        return inner, list(reversed(outer))
    # no speech verb governs the figure (often a parse error): the nearest attribution in the sentence. Measured:
    # restricting this to root-level verbs lowered claimant accuracy on both the dev and held-out sets.
    near = min(fs, key=lambda f: abs(f.anchor.i - target.i))
    return near, []


def subject_frames(sent: Any, clauses: bool = False) -> list[Frame]:
    """Named subjects of a sentence ("Gaza's health ministry released figures"), as antecedents for "it"; with
    `clauses`, of its reported and joined clauses too, for a pronoun later in the same sentence ("Hezbollah has
    not disclosed its losses; by August it had announced ...", where the parser makes the first clause a ccomp)."""
    out = []
    heads = ("ROOT", "ccomp", "conj", "parataxis") if clauses else ("ROOT",)
    for t in sent:
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ in heads and t.lower_ not in PRONOUNS:
            text, ids = _phrase(t)
            if any(sent[i].pos_ == "PROPN" for i in ids) or t.lower_ in GENERIC:
                out.append(Frame(anchor=t.head, head=t, text=text, tokens=ids, generic=False, subject_only=True))
    return out


ORG_WORDS = {
    "federation",
    "ministry",
    "government",
    "army",
    "agency",
    "committee",
    "council",
    "office",
    "mission",
    "nations",
    "union",
    "press",
    "service",
    "forces",
    "command",
    "project",
    "institute",
    "group",
    "brigade",
    "staff",
    "military",
    "authorities",
    "department",
    "organisation",
    "organization",
    "bureau",
    "centre",
    "center",
    "observatory",
    "court",
    "parliament",
    "police",
    "kremlin",
    "pentagon",
    "nato",
    "un",
}


def _person(f: Frame) -> bool:
    """A named person ("President Irena Vasko", "Stavridis"), not an institution ("The Karvenian Federation")."""
    words = {f.head.doc[i].lower_ for i in f.tokens}
    return f.head.pos_ == "PROPN" and not (words & ORG_WORDS)


def _reports(outer: Frame, inner: Frame) -> bool:
    """Whether `outer` reports `inner` ("The AP reports that Ukraine says"), not merely sits above it in the
    tree through an adverbial or coordinated clause ("Ukraine says ..., while Russia acknowledges ...")."""
    if inner.cited:
        return True
    t = inner.anchor
    while t.i != outer.anchor.i and t.head.i != t.i:
        if t.dep_ in ("advcl", "conj", "relcl", "parataxis"):
            return False
        t = t.head
    return True


def antecedent_word(frame: Frame) -> str | None:
    """The word that a generic noun's antecedent must hold in its text ("ministry" for "the ministry"), or None
    where any named speaker may be one (a pronoun). A frame's text is a slice of its sentence's text, so a
    sentence whose text (lowered) lacks the word has no antecedent for it: resolve_latest needs no parse of it."""
    head = frame.head.lower_
    return None if head in PRONOUNS else head.rstrip("s")


def resolve_latest(frame: Frame, newest_first: Iterable[Frame]) -> str:
    """A pronoun or a bare generic noun takes the latest named speaker that fits it: "he" a person, "they" a
    plural, "it" any, "the ministry" one whose name holds "ministry" ("the army" is not the foreign ministry
    named before it). The history is read newest first and the search stops at the frame that decides it, so
    older sentences need no parse once one is found; with no person (or plural) at all, a pronoun takes the
    latest named speaker, and a generic noun with no match keeps its own words."""
    if not frame.generic:
        return frame.text
    head = frame.head.lower_
    word = antecedent_word(frame)
    first_named = None
    for f in newest_first:
        if f.generic:
            continue
        if first_named is None:
            first_named = f
        if head in PRONOUNS:
            if head in ("he", "she", "his", "her"):
                if _person(f):
                    return f.text
            elif head == "they":
                if f.head.tag_ in ("NNS", "NNPS"):
                    return f.text
            else:
                return f.text
        elif word is not None and word in f.text.lower():
            return f.text
    if first_named is not None and head in PRONOUNS:
        return first_named.text
    return frame.text
