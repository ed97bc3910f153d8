"""extract(text) and extract_many(docs): the whole cascade, in the one place where its order is written.

    sentences -> keyword gate -> parse candidates -> figures -> mentions -> claimant -> dates -> claims

Only the ~7 % of sentences that hold a casualty word and a number reach the parser.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, NamedTuple

from toll.errors import TollError, UsageError
from toll.extract import attribution, dates, gate, mentions, nlp, sentences
from toll.extract.lexicon import Lexicon, load
from toll.extract.mentions import Category, Mention, match_phrase
from toll.extract.numbers import find_figures
from toll.model import Claim, Document, Figure, Result, Span, Victim

EXTRACTOR_VERSION = "toll-extract/0.1.0"
# Sentences per parser batch at most: measured on the benchmark's sentences, 128 parse 11-16 % faster than 32
# (256 no faster), for a peak RSS of 190 MB instead of 161 MB (64: 169 MB and two thirds of the gain).
BATCH = 128
# ... and characters per batch at most (batch x length drives memory): 32 sentences of the longest kind
# (MAX_SENTENCE), the bound the batch of 32 gave, so RSS stays flat; 128 news sentences are ~11,000 characters.
BATCH_CHARS = 32 * sentences.MAX_SENTENCE
# Characters of candidate sentences parsed per document. A news article needs a few thousand; a 50 MB
# single line of junk would need an hour. Past the budget the rest is skipped and the Result says so.
PARSE_BUDGET = 400_000
_SINGULAR = {
    "man",
    "woman",
    "soldier",
    "civilian",
    "child",
    "boy",
    "girl",
    "officer",
    "journalist",
    "policeman",
    "member",
    "worker",
    "resident",
    "farmer",
    "teacher",
    "student",
    "person",
    "fighter",
    "militant",
    "serviceman",
    "guard",
    "doctor",
    "nurse",
    "medic",
    "reporter",
    "photographer",
    "pilot",
    "commander",
    "general",
    "colonel",
    "sergeant",
    "teenager",
    "youth",
    "villager",
    "shepherd",
    "contractor",
    "volunteer",
    "paramedic",
    "militiaman",
    "policewoman",
    "trooper",
    "marine",
    "peacekeeper",
    "baby",
    "infant",
    "official",
    "truck driver",
    "driver",
    "security guard",
    "bystander",
    "passer-by",
    "passerby",
    "pedestrian",
    "motorist",
    "shopkeeper",
    "trader",
}


def parse_published(value: date | str | None, source: str = "--published") -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"not a date (want YYYY-MM-DD): {value!r}", source=source) from None


def extract(text: str, published: date | str | None = None, doc_id: str = "-") -> list[Claim]:
    """Every casualty claim in `text`, in order of appearance."""
    doc = Document(id=doc_id, text=text, published=parse_published(published))
    return extract_document(doc)


DOCS_PER_CHUNK = 64  # documents whose candidate sentences share parser batches


def extract_many(docs: Iterable[Document]) -> Iterator[Result]:
    """One Result per document, in order; a document that fails yields its error and the batch goes on."""
    chunk: list[Document] = []
    for doc in docs:
        chunk.append(doc)
        if len(chunk) >= DOCS_PER_CHUNK:
            yield from _extract_chunk(chunk)
            chunk = []
    if chunk:
        yield from _extract_chunk(chunk)


def _extract_chunk(docs: list[Document]) -> Iterator[Result]:
    """Gate every document, parse all their candidate sentences in shared batches, then the earlier sentences
    that their speakers may point back to (also shared), then read each document."""
    planned: list[tuple[Document, _Plan | None, str | None]] = []
    for doc in docs:
        try:
            planned.append((doc, _plan(doc), None))
        except Exception as e:  # noqa: BLE001 - reported per document below
            planned.append((doc, None, _error(doc, e)))
    try:
        for doc, plan, _ in planned:
            if plan is not None:
                plan.claimless = _claimless(doc, plan)
        _parse_shared(planned, lambda plan: [i for i in plan.cands if i not in plan.claimless])
        for doc, plan, _ in planned:
            if plan is not None:
                _plan_prefetch(doc, plan)
        _parse_shared(planned, lambda plan: plan.prefetch)
    except Exception as e:  # noqa: BLE001 - the model itself failed: every document in the chunk says so
        planned = [(d, None, err or _error(d, e)) for d, _, err in planned]
    for doc, plan, err in planned:
        if err is not None:
            yield Result(doc_id=doc.id, error=err, text_source=doc.text_source)
            continue
        try:
            claims = _read(doc, plan) if plan is not None else []
        except Exception as e:  # noqa: BLE001 - a bug must not take down the batch
            yield Result(doc_id=doc.id, error=_error(doc, e), text_source=doc.text_source)
            continue
        notes = tuple(plan.notes) if plan is not None else ()
        yield Result(doc_id=doc.id, claims=tuple(claims), text_source=doc.text_source, notes=notes)


def _parse_shared(planned: list[tuple[Document, _Plan | None, str | None]], which: Any) -> None:
    """Parse the sentences `which(plan)` names of every planned document in shared parser batches."""
    jobs = [(plan, doc.text, i) for doc, plan, _ in planned if plan is not None for i in which(plan)]
    if not jobs:
        return
    # A sentence that several documents share (wire copy, boilerplate) is parsed once: the rules only read a
    # parse. Within one document each sentence keeps its own, since the rules tell sentences apart by their Doc.
    texts: list[str] = []
    place: dict[tuple[str, int], int] = {}  # (text, its nth use within one document) -> index in texts
    uses: dict[tuple[int, str], int] = {}
    where: list[int] = []
    for plan, text, i in jobs:
        t = _for_parser(text, plan.spans[i])
        nth = uses[id(plan), t] = uses.get((id(plan), t), -1) + 1
        k = place.setdefault((t, nth), len(texts))
        if k == len(texts):
            texts.append(t)
        where.append(k)
    docs = [mentions.parsed_from(doc, text) for doc, text in zip(_parse(nlp.load(), texts), texts, strict=True)]
    for (plan, _, i), k in zip(jobs, where, strict=True):
        plan.parsed[i] = docs[k]


def _parse(model: Any, texts: list[str]) -> Iterator[Any]:
    """Parses of `texts`, in order, in batches of at most BATCH sentences and BATCH_CHARS characters."""
    start = 0
    while start < len(texts):
        end, size = start, 0
        while end < len(texts) and end - start < BATCH and (end == start or size + len(texts[end]) <= BATCH_CHARS):
            size += len(texts[end])
            end += 1
        yield from model.pipe(texts[start:end], batch_size=end - start)
        start = end


def _claimless(doc: Document, plan: _Plan) -> set[int]:
    """Candidates that give no claim whatever their parse, so need none (a tenth of them in news-like text:
    "held its main rate at 9.1 per cent").

    A figure written with digits is never read as one person, so the characters-only refusals of
    mentions.reject_reason settle it; the one-person figures of _singular_figures need an "a"/"an" token or a
    killed/wounded verb, which the tokenizer alone shows. A sentence left unparsed is still one the document has
    read: newest_first() parses it if it needs its speakers."""
    out: set[int] = set()
    try:
        lex = load()  # the casualty phrases: the same in every document's lexicon
        for i in plan.cands:
            text = _for_parser(doc.text, plan.spans[i])
            figures = plan.figures[i] = find_figures(text)  # the reading's figures too (the same text)
            if all(
                any(ch.isdigit() for ch in f.raw) and mentions.text_reject_reason(text, f, f.span.start, f.span.end)
                for f in figures
            ):
                toks = list(nlp.load().make_doc(text))  # the parser's own first step: the same tokens
                if not any(t.lower_ in ("a", "an") or _harm_verb(toks, t.i, lex) for t in toks):
                    out.add(i)
    except Exception:  # noqa: BLE001 - then every candidate is parsed, and the reading reports what fails
        return set()
    return out


def _harm_verb(toks: list[Any], i: int, lex: Lexicon) -> bool:
    """Whether a killed or wounded verb phrase starts at token i (what _singular_figures looks for)."""
    ph = match_phrase(toks, i, lex)
    return bool(ph and ph[1] in ("killed", "wounded") and "verb" in ph[2])


def _plan_prefetch(doc: Document, plan: _Plan) -> None:
    """The earlier sentences to parse in the shared batches: those that a candidate's history will read.

    History is read only for a mention whose speaker is generic ("he", "the ministry"), which the candidate's
    own parse shows, and for a generic noun only the sentences whose text names it (_history_needed): on the
    benchmark that left 25 of 2,778 history sentences to parse (the rest can never hold the antecedent).
    A parse is the same in any batch, so this choice changes only the speed: a sentence left out is parsed when
    the reading asks for it (one by one costs three times as much per sentence), one parsed in vain costs a
    batch slot."""
    try:
        ctx = _new_context(doc, plan)
        prefetch: set[int] = set()
        for i in plan.cands:
            if i not in plan.claimless:  # its mentions and frames are kept for the reading
                # all that its generic speakers may read, though resolve_latest stops at the nearest that fits:
                # measured, a sentence parsed alone when reached costs more than the batch slots of those never
                # reached (prefetching only the nearest one or two was 9 % and 2 % slower)
                prefetch.update(j for j in _history_needed(ctx, i) if j not in ctx.parsed)
    except Exception:  # noqa: BLE001 - the reading meets the same error again and reports it for this document
        plan.ctx, plan.prefetch = None, []
        return
    plan.ctx, plan.prefetch = ctx, sorted(prefetch)


def _error(doc: Document, e: Exception) -> str:
    if isinstance(e, TollError):
        return str(e)
    return f"{doc.id}: internal error: {type(e).__name__}: {e}"


def extract_document(doc: Document) -> list[Claim]:
    results = list(_extract_chunk([doc]))
    if results[0].error:
        raise TollError(results[0].error)
    return list(results[0].claims)


@dataclass
class _Plan:
    spans: list[Span]
    cands: list[int]
    notes: list[str]
    parsed: dict[int, Any] = field(default_factory=dict)
    context: list[int] = field(default_factory=list)  # earlier sentences an antecedent will be read from
    prefetch: list[int] = field(default_factory=list)  # sentences parsed in the shared batches before reading
    claimless: set[int] = field(default_factory=set)  # candidates that cannot give a claim: never parsed for it
    figures: dict[int, list[Figure]] = field(default_factory=dict)  # find_figures of a candidate's parser text
    ctx: _DocContext | None = None  # the reading's state, begun while choosing what to prefetch


_SAY = r"(?:said|says|told|added|estimated|reported|claimed|acknowledged|stated|announced|confirmed|noted|put)"
# A candidate whose speaker is a pronoun or "the ministry": the sentences before it count as read, as the
# candidates do, when a later speaker's antecedent is looked for (see _DocContext.history_sentences).
_ANAPHORIC_SPEAKER = re.compile(
    rf"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t)\s+(?:also\s+)?{_SAY}\b|\b{_SAY}\s+(?:he|she|they|it)\b|"
    rf"\b(?:[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:estimate|figures?|count|tally)\b|"
    r"\b[Tt]he\s+(?:\w+\s+){0,2}(?:ministry|official|spokes\w+|military|army|statement|agency|report|office|"
    r"mission|group|government|authorities|minister|commander|general|officer|service|command|staff|governor|"
    r"mayor|president|council|team|monitors?|intelligence|police|regime|organi[sz]ation|department|sources?)\b"
)


def _plan(doc: Document) -> _Plan | None:
    """Sentences, and the candidates among them within the parse budget."""
    text = doc.text
    if not text.strip():
        return None
    hits = gate.scanner().hits(text)
    if not hits:  # most news has no casualty word at all: no need to split it into sentences
        return None
    spans = sentences.split(text)
    cands = gate.candidates(text, spans, hits)
    if not cands:
        return None
    notes: list[str] = []
    used, kept = 0, []
    for i in cands:
        used += spans[i].end - spans[i].start
        if used > PARSE_BUDGET:
            notes.append(
                f"parse budget reached: read {len(kept)} of {len(cands)} candidate sentences "
                f"(up to character {spans[kept[-1]].end if kept else 0} of {len(text)})"
            )
            break
        kept.append(i)
    context: set[int] = set()
    chosen = set(kept)
    for i in kept:
        sent = spans[i]
        if _ANAPHORIC_SPEAKER.search(text, sent.start, sent.end) and _SPEECH_HINT.search(text, sent.start, sent.end):
            for j in range(max(0, i - 5), i):
                if j not in chosen and (j == i - 1 or _SPEECH_HINT.search(text, spans[j].start, spans[j].end)):
                    context.add(j)
    return _Plan(spans=spans, cands=kept, notes=notes, context=sorted(context))


def _new_context(doc: Document, plan: _Plan) -> _DocContext:
    lex = _with_local_parties(load(), doc.text)
    ctx = _DocContext(doc=doc, spans=plan.spans, lex=lex, model=nlp.load(), parsed=plan.parsed, figures=plan.figures)
    ctx.seen.update(plan.cands + plan.context)
    return ctx


def _read(doc: Document, plan: _Plan) -> list[Claim]:
    ctx = plan.ctx or _new_context(doc, plan)
    out: list[Claim] = []
    for i in plan.cands:
        if i not in plan.claimless:
            out.extend(_sentence_claims(ctx, i))
    out = _fill_context(out, ctx)
    if any(c.claimant is None for c in out) and (issuer := _issuer(doc.text)):
        from dataclasses import replace

        out = [replace(c, claimant=issuer) if c.claimant is None else c for c in out]
    if _ANSWER_LINE.search(doc.text) and (guest := _interviewee(doc.text)):
        out = [_answered(c, doc.text, guest) for c in out]
    return out


# An interview's answers speak in the interviewee's voice ("Q: ... A: We documented 69 incidents ...").
_ANSWER_LINE = re.compile(r"^\s*A:\s", re.M)
_QUESTION_LINE = re.compile(r"^\s*Q:\s", re.M)
_SPOKE_TO = re.compile(
    r"\b(?:[Ww]e|[Tt]he \w+) (?:spoke|talked) (?:to|with) ([^.,;:]{3,80}?)(?: who\b| that\b|[.,;:])|"
    r"\b(?:[Ww]e|[Tt]he \w+) interviewed ([^.,;:]{3,80}?)(?: who\b| that\b|[.,;:])"
)


def _interviewee(text: str) -> str | None:
    """Whom a Q&A's introduction says was interviewed ("We spoke to one of the researchers who ..."), or None."""
    q = _QUESTION_LINE.search(text)
    if q is None:
        return None
    m = _SPOKE_TO.search(text, 0, q.start())
    return (m.group(1) or m.group(2)).strip() if m else None


def _answered(c: Claim, text: str, guest: str) -> Claim:
    """A claim inside an answer whose speaker the answer itself does not name is the interviewee's."""
    from dataclasses import replace

    para_start = text.rfind("\n", 0, c.evidence.start) + 1
    para_end = text.find("\n", c.evidence.end)
    answer = text[para_start : para_end if para_end >= 0 else len(text)]
    if not _ANSWER_LINE.match(answer):
        return c
    if c.claimant is not None and c.claimant in answer and c.claimant.lower() not in ("we", "i"):
        return c
    return replace(c, claimant=guest, via=())


# A press release speaks in its issuer's voice: its figures with no speaker are the issuer's claims.
_RELEASE_HEAD = re.compile(
    r"^\s*(?:(?P<org>[A-Z][A-Z .,'&()-]{3,80}?)\s*\n+\s*)?(?:PRESS|NEWS|MEDIA)\s+(?:RELEASE|STATEMENT)\b|"
    r"^\s*(?P<org2>[A-Z][A-Z .,'&()-]{3,80}?)\s*\n+\s*(?:Press|News|Media) (?:[Rr]elease|[Ss]tatement)\b"
)
_WISHES = re.compile(
    r"\b(?P<org>(?:The )?[A-Z][A-Za-z]+(?: (?:of |for |and )?[A-Z][A-Za-z]+){0,6}(?: \([A-Z]{2,8}\))?) "
    r"(?:wishes|wish|would like) to (?:inform|update|notify|brief|assure)\b"
)


def _issuer(text: str) -> str | None:
    """The body that issues a press release ("DEFENCE HEADQUARTERS / PRESS RELEASE", "MINISTRY OF DEFENCE /
    KINGDOM OF THAILAND / ... / PRESS RELEASE No. 27", "The Defence Headquarters (DHQ) wishes to update the general
    public ..."), or None for any other text."""
    head = text[:1500]
    m = _RELEASE_HEAD.match(head) or _RELEASE_LINE.search(head[:400])
    if m is None:
        return None
    first = _FIRST_CAPS_LINE.match(head)  # the letterhead: its first line names the issuer
    org = first.group(1) if first else None
    if org and not _RELEASE_WORDS.match(org):
        return _title(org.strip())
    w = _WISHES.search(head)
    return w.group("org").removeprefix("The ") if w else None


_RELEASE_LINE = re.compile(r"^\s*(?:PRESS|NEWS|MEDIA)\s+(?:RELEASE|STATEMENT|NOTE|BRIEFING)\b", re.M)
_FIRST_CAPS_LINE = re.compile(r"^\s*([A-Z][A-Z .,'&()-]{3,80})\s*$", re.M)
_RELEASE_WORDS = re.compile(r"\s*(?:PRESS|NEWS|MEDIA|FOR IMMEDIATE)\b")


def _title(caps: str) -> str:
    """ "MINISTRY OF DEFENCE" -> "Ministry of Defence" """
    small = {"of", "for", "and", "the", "on", "in"}
    words = caps.lower().split()
    return " ".join(w if (k and w in small) else w.capitalize() for k, w in enumerate(words))


_POSSESSOR = re.compile(r"^[^,;]*?['’]s\s+(?=[A-Z])")
_IAN = re.compile(r"\b([A-Z][a-z]{2,})ians?\b")


def _with_local_parties(lex: Lexicon, text: str) -> Lexicon:
    """Parties the lexicon cannot know (a new state, a fictional one): where a document writes both "Valdorian"
    and "Valdoria", both name the party Valdoria in that document."""
    extra: dict[str, str] = {}
    for m in _IAN.finditer(text):
        stem = m.group(1)
        country = stem + "ia"
        if (stem + "ian").lower() in lex.parties or country.lower() in lex.parties:
            continue
        if re.search(rf"\b{country}\b", text):
            extra.update({country.lower(): country, (stem + "ian").lower(): country, (stem + "ians").lower(): country})
    if not extra:
        return lex
    from dataclasses import replace

    return replace(lex, parties={**lex.parties, **extra})


@functools.lru_cache(maxsize=1)
def _party_regex() -> re.Pattern[str]:
    # capitalised aliases only: "us" and "uk" in lower case are words, not states
    names = sorted((a for a in load().parties if len(a) > 2 or a.isalpha()), key=len, reverse=True)
    forms = {n.title() for n in names} | {n.upper() for n in names if len(n) <= 4}
    # With every form starting with a capital, the lookahead skips each other word start in one step instead of
    # some 540 tries (7x faster over a document); a form that did not would only lose that shortcut.
    lead = r"(?=[A-Z])" if all("A" <= f[:1] <= "Z" for f in forms) else ""
    return re.compile(
        r"\b" + lead + "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b"
    )


_MILITARY_CUE = re.compile(
    # "military" or "army" before an attack noun names the attacker ("an Ethiopian military airstrike hit a
    # market"), not whose losses these are
    r"\b(?:soldiers?|troops?|servicem[ae]n|service members|armed forces|"
    r"(?:military|army)(?!\s+(?:air\s?strikes?|strikes?|attacks?|offensive|operations?|raids?|drones?|shelling|"
    r"bombardment|aircraft|jets?|helicopters?|artillery|fire|statement|spokes\w+|said|says))|"
    r"fighters|combatants|militants|militiamen|paratroopers|marines|conscripts|mercenaries|"
    r"prisoners of war|POWs?|generals?|battlefield|frontline|front line|in action|"
    r"insurgents|rebels|jihadists)\b",
    re.I,
)
_CIVILIAN_CUE = re.compile(
    r"\b(?:civilians?|children|women|residents|villagers|refugees|displaced|homes|"
    r"hospitals?|schools?|shelters?|aid workers|journalists|families|camps?|"
    r"non-combatants|worshippers|patients|pupils|students|hostages|markets?|villages?|churche?s?|mosques?|"
    r"funerals?|weddings?|shoppers|passengers|doctors|nurses|medics|teachers)\b",
    re.I,
)
# Victim words only: "army", "militants" or "forces" in a sentence more often name the attackers.
_VICTIM_MILITARY = re.compile(
    r"\b(?:soldiers?|troops?|servicem[ae]n|service members|combatants|conscripts|prisoners of war|POWs?|"
    r"killed in action|personnel)\b"
    # ... unless they are the ones shooting: "Israeli troops opened fire ..., and 100 people were killed"
    r"(?!\s+(?:\w+\s+)?(?:opened|fired|shot|attacked|stormed|raided|shelled|bombed)\b)",
    re.I,
)
_GENERIC_PEOPLE = {"people", "persons", "person", "others", "individuals", "victims", None}
_ATTACKERS = mentions.ATTACKERS  # their side is the attacking one
_INSURGENTS = mentions.INSURGENTS  # an armed group's men: the armed group the document names
_STATE_FORCES = {"soldiers", "soldier", "troops", "servicemen", "service members", "police", "policemen",
                 "police officers", "officers", "personnel", "security personnel", "marines", "sailors", "airmen"}
# "militants allied with the Islamic State", "fighters from the separatist Baloch Liberation Army"
_GROUP_OF = re.compile(
    r"\b(?:militants|fighters|insurgents|rebels|gunmen|jihadists|extremists|separatists|attackers|members)\s+"
    r"(?:allied with|linked to|loyal to|affiliated with|belonging to|of|from)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.I,
)


def _fill_context(claims: list[Claim], ctx: _DocContext) -> list[Claim]:
    """Roles and parties the sentence leaves open, read from the sentence's other words, then the document.

    Scored gold accepts any role where it says "unknown", so a grounded guess is never worse than none; each
    guess here is grounded in the document's own words, never a global default."""
    from dataclasses import replace

    text = ctx.doc.text
    known = [c.victim.role for c in claims if c.victim.role != "unknown"]
    # the most frequent role; a tie goes to the one seen first (a set's order would vary between processes)
    doc_role = max(dict.fromkeys(known), key=lambda r: (known.count(r), -known.index(r))) if known else None
    out: list[Claim] = []
    grounded: list[tuple[Span, str]] = []
    for k, c in enumerate(claims):
        role = c.victim.role
        if role == "unknown":
            ev = c.evidence_text
            mil, civ = bool(_MILITARY_CUE.search(ev)), bool(_CIVILIAN_CUE.search(ev))
            same = [o.victim.role for o in claims if o.evidence == c.evidence and o.victim.role != "unknown"]
            # the sentence's figures whose role its own words decided just above ("killing 12 people and
            # wounding 43"); one that took the document's usual role does not pass it on
            same += [r for (ev_span, r) in grounded if ev_span == c.evidence]
            if c.category == "displaced":
                role = "civilian"
            elif same:
                role = same[0]
            elif c.victim.group in _GENERIC_PEOPLE - {None}:
                # "killing 17 people": civilians, unless the sentence calls the victims soldiers
                role = "military" if _VICTIM_MILITARY.search(ev) and not civ else "civilian"
                grounded.append((c.evidence, role))
            elif mil != civ:
                role = "military" if mil else "civilian"
            elif (
                c.victim.group in _GENERIC_PEOPLE
                and not mil
                and c.category in ("killed", "wounded", "captured", "missing", "casualties")
            ):
                role = doc_role or "civilian"
            elif doc_role:
                role = doc_role
        elif role == "military" and c.category == "displaced" and not _VICTIM_MILITARY.search(c.victim.group or ""):
            role = "civilian"  # "forced from their homes by fighting between armed groups": the groups fought
        party, basis = c.victim.party, c.victim.party_basis
        group = (c.victim.group or "").lower()
        if party is None and not c.historical and group in _ATTACKERS | _INSURGENTS:
            # "security forces killed three of the gunmen": the attackers' side, never the country attacked
            party = ctx.armed_group() or (ctx.attacker_party() if group in _ATTACKERS else None)
            basis = "document" if party else None
            if party is None and group in _ATTACKERS:
                out.append(c if role == c.victim.role else replace(c, victim=replace(c.victim, role=role)))
                continue
        if party is None and not c.historical:
            # a figure with no party continues the one before it in the same paragraph
            for prev in reversed(out[max(0, k - 3) : k]):
                between = text[prev.evidence.end : c.evidence.start]
                # a party the text gave, or the one of the figure just before in the same sentence ("killed three
                # of the gunmen and captured one"): a document-wide guess elsewhere is not this figure's
                grounded_party = prev.victim.party_basis in ("sentence", "context") or (
                    prev.evidence == c.evidence and c.victim.group is None
                )
                # a state's soldiers are not the armed group's men the figure before counted ("killed 100 al-Shabab
                # fighters ... It said 5 soldiers had lost their lives")
                crossed = prev.victim.party in ctx.lex.armed_groups and group in _STATE_FORCES
                if (
                    prev.victim.party
                    and grounded_party
                    and not crossed
                    and "\n\n" not in between
                    and prev.victim.role == role
                ):
                    party, basis = prev.victim.party, "context"
                    break
        if party is None and not c.historical:
            party = ctx.main_party()  # "More than 2 million people have fled": the country the report is about
            basis = "document" if party else None
        if role == "civilian" and party in ctx.lex.region_states:
            party = ctx.lex.region_states[party]  # "2 million people in Tigray": Ethiopia's people
        if role != c.victim.role or party != c.victim.party:
            c = replace(c, victim=Victim(party, role, c.victim.group, basis))
        out.append(c)
    return out


class _Mentions(NamedTuple):
    toks: list[Any]
    text: str
    found: list[Mention]


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)")
_HYPHENED = re.compile(r"-([A-Za-z]+)")
_INTO = re.compile(r"\b(?:into|fled to)\s+(?:the\s+)?$", re.I)


@dataclass
class _DocContext:
    doc: Document
    spans: list[Span]
    lex: Lexicon
    model: Any
    parsed: dict[int, Any] = field(default_factory=dict)
    # Sentences read so far, with the candidates and the planned context: a history takes the speakers of every
    # one of these, whether or not it has a speech verb. It is kept apart from `parsed`, which may hold more
    # (prefetched) or less (not parsed yet), so that what is prefetched never changes a claim.
    seen: set[int] = field(default_factory=set)
    frames: dict[int, list[attribution.Frame]] = field(default_factory=dict)
    subjects: dict[tuple[int, bool], list[attribution.Frame]] = field(default_factory=dict)  # per sentence, clauses
    sentence_mentions: dict[int, _Mentions] = field(default_factory=dict)
    figures: dict[int, list[Figure]] = field(default_factory=dict)  # find_figures of a sentence, where known
    lowered: dict[int, str] = field(default_factory=dict)  # a sentence's text, lowered (see holding)
    _years: frozenset[int] | None = None
    claimed: set[int] = field(default_factory=set)  # sentences that gave claims with a named speaker
    _main: str | None = None
    _attacker: str | None = None
    _group: str | None = None
    _named: list[tuple[int, int, str | None, str]] | None = None
    _headings: list[tuple[int, date | None]] | None = None  # a liveblog's day headings: (offset, day)

    def named(self) -> list[tuple[int, int, str | None, str]]:
        """Each party name the document writes: (start, end, party, the next word lowered or ""), read once for
        main_party, attacker_party and armed_group."""
        if self._named is None:
            text = self.doc.text
            self._named = []
            for m in _party_regex().finditer(text):
                after = _NEXT_WORD.match(text, m.end())
                word = after.group(1).lower() if after else ""
                self._named.append((m.start(), m.end(), self.lex.parties.get(m.group(0).lower()), word))
        return self._named

    def main_party(self) -> str | None:
        """The party a document names most often (two mentions at least), for figures that name none."""
        if self._main is None:
            counts: dict[str, int] = {}
            lead = self.doc.text.find("\n\n", 200)  # the opening paragraph names what the report is about
            lead = lead if lead > 0 else 600
            text = self.doc.text
            for start, end, p, after in self.named():
                if after in mentions.ATTACK_NOUNS:
                    continue  # "Israeli airstrikes on Lebanon": the attacker is not whom the report counts
                if after in _MEDIA_NOUNS:
                    continue  # "the French daily Le Monde": an outlet's country is not whose dead it reports
                if _INTO.search(text, max(0, start - 12), start):
                    continue  # "crossed into Chad": where people fled to is not whose people they are
                suffix = _HYPHENED.match(text, end)
                if suffix and suffix.group(1).lower() in mentions.NOT_PARTY_SUFFIXES:
                    continue  # "the Saudi-led coalition", "Russian-backed forces": who leads, not who is counted
                if p:
                    counts[p] = counts.get(p, 0) + (3 if start < lead else 1)
            for m in _IAN.finditer(self.doc.text):  # demonyms the lexicon does not know: "Valdorian" -> Valdoria
                known = (m.group(1) + "ian").lower() in self.lex.parties
                if known or not re.search(rf"\b{m.group(1)}ia\b", self.doc.text):
                    continue  # "Civilians" names no Civilia; count a derived name only where the text writes it
                p = m.group(1) + "ia"
                counts[p] = counts.get(p, 0) + 1
            # the side the document names as attacking is not whose unnamed dead it counts ("Fighters from the
            # BLA stormed the train ... 21 passengers had been killed")
            counts.pop(self.armed_group() or "", None)
            best = max(counts.items(), key=lambda kv: kv[1]) if counts else ("", 0)
            # twice at least, or the only party the report names ("the war in Yemen" after a Saudi-led strike)
            self._main = best[0] if best[1] >= 2 or len(counts) == 1 else ""
        return self._main or None

    def attacker_party(self) -> str | None:
        """The party the document names as attacking most often ("ADF attacks", "al-Shabab gunmen"), for
        attackers who were killed or captured; None when it names none."""
        if self._attacker is None:
            counts: dict[str, int] = {}
            for _, _, p, after in self.named():
                if p and after in mentions.ATTACK_NOUNS | _ATTACKERS:
                    counts[p] = counts.get(p, 0) + 1
            self._attacker = max(counts.items(), key=lambda kv: kv[1])[0] if counts else ""
        return self._attacker or None

    def armed_group(self) -> str | None:
        """The armed group the document names most ("al-Shabab gunmen", "militants allied with the Islamic
        State"), whose men are the militants a figure counts without naming them; None when it names none."""
        if self._group is None:
            counts: dict[str, int] = {}
            text = self.doc.text
            for start, _, p, after in self.named():
                if p and (after in _ATTACKERS | _INSURGENTS or _GROUP_OF.search(text, max(0, start - 60), start)):
                    counts[p] = counts.get(p, 0) + 1
            if not counts:  # no group named as the attackers: the armed group the document names most
                for _, _, p, _ in self.named():
                    if p in self.lex.armed_groups:
                        counts[p] = counts.get(p, 0) + 1
            self._group = max(counts.items(), key=lambda kv: kv[1])[0] if counts else ""
        return self._group or None

    def paragraph_date(self, i: int) -> date | None:
        """The day the previous sentence of the same paragraph names ("said on Monday ... It said 5 ...")."""
        if i == 0:
            return None
        gap = self.doc.text[self.spans[i - 1].end : self.spans[i].start]
        opens_list = self.doc.text[self.spans[i - 1].start : self.spans[i - 1].end].rstrip().endswith(":")
        if "\n" in gap and not opens_list:  # a list's lines are dated by the line that opens it ("... up to 14 Sept:")
            return None
        prev = self.spans[i - 1]
        d, how = dates.dated(self.doc.text[prev.start : prev.end], 0, self.doc.published, False)
        return d if how == "named" else None

    def day_heading(self, i: int) -> date | None:
        """The day a liveblog's heading line above sentence i names ("FRIDAY 22 MARCH"), or None."""
        if self._headings is None:
            self._headings = _day_headings(self.doc.text, self.doc.published)
        k = bisect_right(self._headings, (self.spans[i].start, date.max)) - 1
        return self._headings[k][1] if k >= 0 else None

    def past_years(self) -> frozenset[int]:
        """Years this document is about: an old year that most dated sentences name is its own war, not a
        comparison (a retrospective on Iraq 2003-2011 is not "historical" against itself)."""
        if self._years is None:
            self._years = dates.document_years(self.doc.text, self.spans, self.doc.published)
        return self._years

    def sentence(self, i: int) -> Any:
        self.seen.add(i)
        if i not in self.parsed:
            text = _for_parser(self.doc.text, self.spans[i])
            self.parsed[i] = mentions.parsed_from(self.model(text), text)
        return self.parsed[i]

    def mentions_of(self, i: int) -> _Mentions:
        if i not in self.sentence_mentions:  # read by the prefetch plan, then by the claims (which may edit them)
            self.sentence_mentions[i] = _sentence_mentions(self, i)
        return self.sentence_mentions[i]

    def frames_of(self, i: int) -> list[attribution.Frame]:
        if i not in self.frames:
            self.frames[i] = attribution.frames(self.sentence(i), self.lex)
        return self.frames[i]

    def subject_frames_of(self, i: int, clauses: bool = False) -> list[attribution.Frame]:
        if (i, clauses) not in self.subjects:  # asked for again by each figure of the sentence, and by histories
            self.subjects[i, clauses] = attribution.subject_frames(self.sentence(i), clauses=clauses)
        return self.subjects[i, clauses]

    def history_sentences(self, i: int, back: int = 5) -> list[int]:
        """The sentences before i whose speakers a generic one in i may point back to: those read already, the
        one just before, and those with a speech verb (only these can name an antecedent)."""
        text, spans = self.doc.text, self.spans
        return [
            j
            for j in range(max(0, i - back), i)
            if j in self.seen or j == i - 1 or _SPEECH_HINT.search(text, spans[j].start, spans[j].end)
        ]

    def holding(self, js: list[int], word: str) -> list[int]:
        """The sentences of `js` whose text, lowered, holds `word`: only these can hold a frame whose text does."""
        text, spans, low = self.doc.text, self.spans, self.lowered
        for j in js:
            if j not in low:
                low[j] = text[spans[j].start : spans[j].end].lower()
        return [j for j in js if word in low[j]]

    def newest_first(
        self, js: list[int], here: list[attribution.Frame], frame: attribution.Frame
    ) -> Iterator[attribution.Frame]:
        """The speakers that `frame` may point back to: those of the sentences `js` (history_sentences), then
        `here`, newest first: each sentence's frames, or its named subjects when it has none. An earlier
        sentence is parsed only when reached ("The Council condemned ..., where it said ..." needs none of them),
        and only when it can hold the antecedent: for a generic noun, a sentence whose text lacks the word its
        antecedent must hold (attribution.antecedent_word) is passed over, as resolve_latest would pass over its
        frames."""
        yield from reversed(here)
        word = attribution.antecedent_word(frame)
        for j in reversed(js if word is None else self.holding(js, word)):
            fs = self.frames_of(j)
            yield from reversed(fs if fs else self.subject_frames_of(j))


# Citation marks ("killed 17 others.[29]") glue onto words in spaCy's tokenizer. The parser sees them blanked
# with spaces of the same length, so every offset into the parsed text is still an offset into the original.
# Markup left in text given as plain text ("killed.</div><script") is blanked the same way.
_FOOTNOTE = re.compile(r"\[(?:\d{1,4}|[a-z]|note \d+|citation needed|clarification needed|edit)\]", re.I)
_MARKUP = re.compile(r"</?[A-Za-z][^<>]{0,300}>|<!--.{0,300}?-->")


# A dateline ("MOGADISHU —", "MOSCOW/KYIV (Reuters) -") parses as the subject of the first verb.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'/,-]{2,40}(?:,\s*[A-Z][A-Za-z0-9 .]{2,30})?\s*(?:\([A-Za-z .]+\)\s*)?[—–-]{1,2}\s"
)  # "MOGADISHU —", "PORT MORESBY, Feb 20 —", "BAMAKO, Sept 18 (wire) —"


def _for_parser(text: str, span: Span) -> str:
    s = text[span.start : span.end]
    if (d := _DATELINE.match(s)) is not None:
        s = " " * d.end() + s[d.end() :]
    if "[" in s:
        s = _FOOTNOTE.sub(lambda m: " " * len(m.group(0)), s)
    if "<" in s:
        s = _MARKUP.sub(lambda m: " " * len(m.group(0)), s)
    return s


_SPEECH_HINT = re.compile(
    r"\b(?:said|says|told|according|reported|stated|announced|estimated|confirmed|"
    r"added|claimed|acknowledged|wrote|briefed|spoke)\b"
)


def _token_range(toks: list[Any], start: int, end: int) -> tuple[int, int] | None:
    first = last = None
    for t in toks:
        if t.idx + len(t.text) <= start:
            continue
        if t.idx >= end:
            break
        if first is None:
            first = t.i
        last = t.i
    return (first, last) if first is not None and last is not None else None


def _singular_figures(toks: list[Any], lex: Lexicon) -> list[tuple[Figure, int, int]]:
    """One person harmed, without a numeral: "a man was killed", "killed a soldier" (the article counts one);
    "his son was injured", "another was wounded", "Ahmed Saleh was shot dead" (the singular subject does)."""
    out = []
    used: set[int] = set()
    for t in toks:
        if t.lower_ in ("a", "an") and t.dep_ == "det":
            noun = t.head
            if not (0 < noun.i - t.i <= 7) or noun.dep_ in ("appos", "attr"):
                continue
            speaking = noun.dep_ == "nsubj" and noun.head.lower_ in lex.speech_verbs
            if not speaking and (noun.lower_ in _SINGULAR or _harmed(noun, toks, lex)):
                out.append((Figure(1, 1, "exact", Span(t.idx, t.idx + len(t.text)), t.text), t.i, t.i))
                used.add(noun.i)
    for t in toks:  # "one officer was killed and another wounded": the elided verb, one more person
        if t.lower_ == "another" and t.i not in used and t.i > 0 and toks[t.i - 1].lower_ in ("and", ","):
            k = t.i + 1
            while k < len(toks) and toks[k].pos_ == "ADV":
                k += 1  # "and another seriously wounded"
            ph = match_phrase(toks, k, lex) if k < len(toks) else None
            if ph and ph[1] in ("killed", "wounded") and toks[k].tag_ in ("VBN", "JJ"):
                out.append((Figure(1, 1, "exact", Span(t.idx, t.idx + len(t.text)), t.text), t.i, t.i))
                used.add(t.i)
    for t in toks:
        if t.dep_ not in ("nsubjpass", "nsubj", "dobj") or t.i in used:
            continue
        verb = t.head
        ph = match_phrase(toks, verb.i, lex)
        if not ph or ph[1] not in ("killed", "wounded") or "verb" not in ph[2]:
            continue
        if t.dep_ == "nsubj" and verb.lower_ not in ("died", "dies", "perished", "succumbed"):
            continue  # an active "killed" has the killer as subject
        if t.dep_ == "dobj" and not (t.tag_ == "NNP" and any(c.dep_ == "compound" for c in t.children)):
            continue  # an object counts alone only as a full name: "wounded Mayor Marion Barry"
        if any(
            c.dep_ in ("nummod", "det") and c.lower_ not in ("the", "his", "her", "their", "its") for c in t.children
        ):
            continue  # "12 soldiers", "a man": counted elsewhere
        singular = t.tag_ in ("NN",) and (t.lower_ in _SINGULAR or t.lower_ in _KIN or f"{t.lower_}s" in lex.persons)
        name = (
            t.tag_ == "NNP"
            and t.ent_type_ in ("", "PERSON")
            and mentions.party_of(toks, t.i, lex) is None
            and t.text[:1].isupper()
            and t.dep_ in ("nsubjpass", "dobj")
        )
        if not (singular or name or t.lower_ == "another"):
            continue
        kids = list(t.children)
        if any(c.lower_ == "the" for c in kids) and not any(
            c.dep_ in ("poss", "prep", "compound", "amod") for c in kids
        ):
            continue  # "after the soldier was killed": the soldier was introduced (and counted) before
        out.append((Figure(1, 1, "exact", Span(t.idx, t.idx + len(t.text)), t.text), t.i, t.i))
        used.add(t.i)
        listed = list(t.conjuncts)
        for a in t.children:  # the parser often hangs such lists as appositions
            if a.dep_ == "appos" and a.tag_ == "NN":
                listed += [a, *a.conjuncts]
        for c in listed:  # "His daughter, another bodyguard and his driver were injured": one each
            if c.i in used or c.i < t.i or c.tag_ != "NN" or c.lower_ in lex.nonpersons or c.lower_ in _THINGS:
                continue
            if any(g.dep_ == "nummod" for g in c.children):
                continue
            first = min([g for g in c.children if g.dep_ in ("det", "poss")] + [c], key=lambda x: x.i)
            if first.lower_ in ("a", "an") or first.i == c.i:
                continue  # the article rule counts "a driver"; a bare noun may be a description, not a person
            out.append((Figure(1, 1, "exact", Span(c.idx, c.idx + len(c.text)), c.text), c.i, c.i))
            used.add(c.i)
    return out


def _harmed(noun: Any, toks: list[Any], lex: Lexicon) -> bool:
    """A singular common noun that a killed/wounded verb takes as its victim ("An Indian chief was shot dead",
    "killed a road construction supervisor"): a person, whatever the noun, unless the lexicon knows it as a thing."""
    if noun.tag_ != "NN" or noun.lower_ in lex.nonpersons or noun.lower_ in _THINGS:
        return False
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "of":  # "causing injury of a civilian", "the death of a soldier"
        ph = match_phrase(toks, verb.head.i, lex)
        return bool(ph and "noun" in ph[2] and ph[1] in ("killed", "wounded"))
    ph = match_phrase(toks, verb.i, lex)
    if not ph or ph[1] not in ("killed", "wounded", "captured") or "verb" not in ph[2]:
        return False
    return noun.dep_ == "nsubjpass" or (noun.dep_ in ("dobj", "obj") and verb.tag_ != "VBN")


_THINGS = {
    "attack",
    "bomb",
    "blast",
    "explosion",
    "car",
    "vehicle",
    "building",
    "house",
    "village",
    "town",
    "city",
    "area",
    "district",
    "region",
    "province",
    "shop",
    "market",
    "mosque",
    "church",
    "school",
    "hospital",
    "convoy",
    "bus",
    "truck",
    "plane",
    "ship",
    "boat",
    "checkpoint",
    "base",
    "post",
    "camp",
    "station",
    "office",
    "road",
    "bridge",
    "time",
    "day",
    "week",
    "year",
    "month",
    "series",
    "number",
    "total",
    "majority",
    "minority",
    "lot",
    "third",
    "half",
    "quarter",
    "portion",
    "percentage",
}
_KIN = {
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "father",
    "mother",
    "nephew",
    "niece",
    "cousin",
    "uncle",
    "aunt",
    "grandson",
    "granddaughter",
    "bystander",
    "passenger",
    "spokesman",
    "spokeswoman",
    "head",
    "chief",
    "leader",
    "mayor",
    "governor",
    "deputy",
    "judge",
    "lawyer",
    "activist",
    "cleric",
    "imam",
    "priest",
    "bodyguard",
    "driver",
    "employee",
    "principal",
    "engineer",
    "editor",
    "photographer",
    "guard",
}


def _sentence_mentions(ctx: _DocContext, i: int) -> _Mentions:
    """The casualty mentions of sentence i; they depend on its parse alone."""
    sent = ctx.sentence(i)
    lex = ctx.lex
    toks = list(sent)
    s_text = mentions.doc_text(sent)
    figs: list[tuple[Figure, int, int]] = []
    for f in ctx.figures[i] if i in ctx.figures else find_figures(s_text):
        rng = _token_range(toks, f.span.start, f.span.end)
        if rng:
            figs.append((f, rng[0], rng[1]))
    figs.extend(_singular_figures(toks, lex))
    figs.sort(key=lambda x: x[0].span.start)

    found: list[Mention] = []
    for fig, f_first, f_last in figs:
        m = _mention(toks, fig, f_first, f_last, lex, s_text, found)
        if m is not None:
            found.append(m)
    return _Mentions(toks, s_text, found)


def _target(toks: list[Any], m: Mention) -> tuple[Any, set[int]]:
    """The token a speaker must govern for mention m, and the mention's own tokens (never its speaker)."""
    target = m.head if m.head is not None else m.last_tok
    own = {t.i for t in toks[m.first_tok.i : (m.head.i if m.head is not None else m.last_tok.i) + 1]}
    return target, own


def _history_needed(ctx: _DocContext, i: int) -> set[int]:
    """The history sentences that the generic speakers of sentence i's mentions (its own, as the parse shows)
    may read: all of them for a pronoun, those whose text holds the word a generic noun's antecedent must
    hold otherwise (see _DocContext.newest_first)."""
    toks, _, found = ctx.mentions_of(i)
    frames = ctx.frames_of(i) if found else []
    out: set[int] = set()
    js: list[int] | None = None
    for m in found:
        frame, outer = attribution.choose(frames, *_target(toks, m))
        for f in [frame, *outer] if frame is not None else []:
            if f.generic:
                js = ctx.history_sentences(i) if js is None else js
                out.update(js if (word := attribution.antecedent_word(f)) is None else ctx.holding(js, word))
    return out  # a speaker found by _quoted_speaker or _continued_speaker is parsed when asked for


def _sentence_claims(ctx: _DocContext, i: int) -> list[Claim]:
    toks, s_text, found = ctx.mentions_of(i)
    if not found:
        return []
    sent = ctx.sentence(i)
    lex = ctx.lex
    span = ctx.spans[i]
    frames = ctx.frames_of(i)
    agents = mentions.agent_tokens(toks, lex)
    attackers = mentions.attack_clause_subjects(toks)  # excluded for the figures that are not soldiers
    historical_sentence = dates.is_historical(s_text, ctx.doc.published, ctx.past_years()) or _that_war(ctx, i)
    claims: list[Claim] = []
    seen: set[tuple[int, int, str, str | None]] = set()
    for m in found:
        target, own = _target(toks, m)
        frame, outer = attribution.choose(frames, target, own)
        if frame is None:
            frame, outer = _quoted_speaker(ctx, i, m), []
        if frame is None and not historical_sentence:  # "..., the agency said. The violence revived memories of
            # 2003-2005, when 200,000 people died": a comparison is the writer's, not the last speaker's
            frame = _continued_speaker(ctx, i)
        claimant = via = None
        if frame is not None:
            # earlier sentences are parsed only when a pronoun or "the ministry" needs its antecedent
            needs = frame.generic or any(f.generic for f in outer)
            here = [f for f in frames + ctx.subject_frames_of(i, clauses=True) if f.anchor.i < frame.anchor.i]
            js = ctx.history_sentences(i) if needs else []
            ctx.seen.update(js)  # read, for later histories, whether or not a parse of it is ever needed
            claimant = attribution.resolve_latest(frame, ctx.newest_first(js, here, frame))
            via = tuple(attribution.resolve_latest(f, ctx.newest_first(js, here, f)) for f in outer)
        exclude = set(own) | agents | (set(frame.tokens) if frame is not None and frame.anchor.doc == sent else set())
        # the other speakers of the sentence are not whose losses these are: "1,200 members of the security
        # forces were killed, while American officials estimated ..."
        # (the speakers on the claim's own chain, "X said it had recorded ...", are the claimant's and stay)
        chain = [frame, *outer] if frame is not None else []
        above = {a.i for a in target.ancestors}
        exclude |= {
            t
            for f in frames
            if not f.subject_only and all(f is not g for g in chain) and f.anchor.i not in above
            for t in f.tokens
        }
        # an outlet passing the claim on is nobody's side: "The French daily Le Monde, quoting officials, ..."
        exclude |= {t for f in outer if _is_outlet(f) for t in f.tokens}
        if m.victim.role != "military":
            exclude |= attackers
        for other in found:  # "66,000 soldiers, 47,245 civilians and 51,191 Taliban": that name is the last one's
            if other is not m and other.head is not None:
                exclude |= set(range(other.first_tok.i, other.head.i + 1))
        parties = _parties(m, toks, lex, exclude, found, frame)
        if "pronoun" in m.notes and m.victim.role == "unknown":
            prev = [f for f in found if f is not m and f.figure.span.start < m.figure.span.start]
            if prev:  # "at least six Russian generals ... one of their deaths": their = the generals
                m.victim = Victim(m.victim.party, prev[-1].victim.role, m.victim.group)
        historical = historical_sentence or any(p == "Soviet Union" for p in parties)
        fig = m.figure
        as_of, how = dates.dated(s_text, fig.span.start, ctx.doc.published, historical)
        if how == "published":  # no day named here: the sentence before it in the paragraph may name one, or a
            # liveblog's day heading above it ("FRIDAY 22 MARCH")
            as_of = ctx.paragraph_date(i) or ctx.day_heading(i) or as_of
        if "previous" in m.notes:  # "up from 44 a day earlier": that day, or no day the text gives
            as_of = _earlier(s_text, fig.span.end, claims[-1].as_of if claims else as_of)
        for party in parties:
            key = (fig.span.start, fig.span.end, m.category, party)
            if key in seen:
                continue
            seen.add(key)
            ev_start, ev_end = _trim(ctx.doc.text, span)
            victim = Victim(
                party=party, role=m.victim.role, group=m.victim.group, party_basis="sentence" if party else None
            )
            own = party if claimant is None and party and _OWN_COUNT.search(s_text) else None
            if claimant:
                ctx.claimed.add(i)
            claims.append(
                Claim(
                    doc_id=ctx.doc.id,
                    value=Figure(
                        fig.low,
                        fig.high,
                        fig.kind,
                        Span(span.start + fig.span.start, span.start + fig.span.end),
                        fig.raw,
                    ),
                    category=m.category,
                    victim=victim,
                    claimant=claimant or own,  # "By the two governments' own counts, Georgia lost 170 ..."
                    via=via or (),
                    as_of=as_of,
                    historical=historical,
                    evidence=Span(ev_start, ev_end),
                    evidence_text=ctx.doc.text[ev_start:ev_end],
                    text_source=ctx.doc.text_source,
                )
            )
    return claims


_EARLIER = re.compile(
    r"\s*(?:(a|one|two|three|four|five|six|seven|\d+)\s+(days?|weeks?)\s+(?:earlier|before)|"
    r"(the previous day|the day before|a day earlier))",
    re.I,
)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}


def _earlier(s_text: str, end: int, later: date | None) -> date | None:
    """The day of an earlier figure ("up from 44 a day earlier") counted back from the later figure's day;
    None when the text gives no interval (the earlier count's day is not known)."""
    m = _EARLIER.match(s_text, end)
    if m is None or later is None:
        return None
    if m.group(3):
        return later - timedelta(days=1)
    n = int(m.group(1)) if m.group(1).isdigit() else _SMALL[m.group(1).lower()]
    return later - timedelta(days=n * (7 if m.group(2).lower().startswith("week") else 1))


# a count the losing side gave of its own dead: the party is its own claimant
_OWN_COUNT = re.compile(
    r"\bby (?:its|their|the (?:\w+ )?(?:two |both )?(?:governments?|sides?|armies)['’]?s?) own "
    r"(?:counts?|tall(?:y|ies)|figures|estimates?|admission)\b|"
    r"\baccording to (?:its|their) own (?:counts?|figures|tally)\b",
    re.I,
)


def _trim(text: str, span: Span) -> tuple[int, int]:
    s, e = span.start, span.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _mention(
    toks: list[Any], fig: Figure, f_first: int, f_last: int, lex: Lexicon, s_text: str, found: list[Mention]
) -> Mention | None:
    unknown_noun = False
    singular = (
        fig.raw == toks[f_first].text
        and not any(ch.isdigit() for ch in fig.raw)
        and (fig.raw.lower() in ("a", "an") or toks[f_first].pos_ in ("NOUN", "PROPN", "PRON", "DET"))
    )
    if not singular:
        if mentions.reject_reason(s_text, fig, fig.span.start, fig.span.end, toks, f_first, f_last, lex):
            return None
        label = _LINE_LABEL.search(s_text, 0, fig.span.start)
        if label is not None and _LINE_END.match(s_text, fig.span.end):
            # "- Persons killed: 175", "Houses burnt: 4,786": the line's label says what it counts
            return _labelled(toks, fig, f_first, f_last, label, lex)
        if found and [t.lower_ for t in toks[max(0, f_first - 2) : f_first]] in (["up", "from"], ["down", "from"]):
            # "raised the toll to 53, up from 44 a day earlier": the earlier figure of the same count
            prev = found[-1]
            m = Mention(figure=fig, category=prev.category, victim=prev.victim, first_tok=toks[f_first],
                        last_tok=toks[f_last])
            m.notes.append("previous")
            return m
        head, mods = mentions.find_head(toks, f_last, lex)
        if head is not None and head.lower_ == "names" and head.i + 2 < len(toks) and toks[head.i + 1].lower_ == "of":
            # "8,372 names of men and boys killed in July 1995": the named are the count
            named = next((c for c in toks[head.i + 1].children if c.dep_ == "pobj"), None)
            if named is not None and mentions.person_role(toks, named.i, lex):
                head = named
    elif fig.raw.lower() in ("a", "an"):
        head, mods = toks[f_first].head, [t for t in toks[f_first + 1 : toks[f_first].head.i]]
    else:  # the subject itself stands for one person; a person noun ("the train's driver") is its own head
        head = toks[f_first] if mentions.person_role(toks, f_first, lex) else None
        mods = []
    if head is not None:
        known = (
            match_phrase(toks, head.i, lex)
            or mentions.person_role(toks, head.i, lex)
            or mentions.is_demonym_noun(head, lex)
            or head.lower_ in _SINGULAR
            or head.lower_ in _KIN
            or fig.raw.lower() in ("a", "an")
        )  # _singular_figures admitted it by its relation to the verb
        if head.lower_ in lex.nonpersons and not match_phrase(toks, head.i, lex):
            return None
        plural = head.tag_ == "NNS" or (head.tag_ == "NNPS" and mentions.party_of(toks, head.i, lex) is None)
        if not known and not (plural and head.lower_ not in _THINGS):
            return None
        unknown_noun = not known
        if (
            head.lower_ in mentions.SPEAKER_NOUNS
            and head.dep_ in ("nsubj", "nsubjpass")
            and head.head.lower_ in lex.speech_verbs
        ):
            return None  # "two European officials concurred": speakers, not victims
    cat = mentions.categorize(toks, f_first, f_last, head, mods, lex)
    if head is not None and unknown_noun and (cat is None or cat.rule not in _DIRECT):
        return None  # "killed two saleswomen": an unlisted plural noun counts only when a verb takes it directly
    if cat is not None and cat.rule == "subset":
        cat = _subset_category(cat, found)
    before = [t.lower_ for t in toks[max(0, f_first - 2) : f_first]]
    if cat is None and found and before[-2:] in (["among", "them"], ["among", "whom"], ["of", "whom"]):
        cat = Category(found[-1].category, "subset")  # "274 Palestinians, among them 64 children"
    if (
        cat is None
        and found
        and f_last + 2 < len(toks)
        and toks[f_last + 1].lower_ == "of"
        and toks[f_last + 2].lower_ in ("them", "whom", "those")
    ):
        cat = Category(found[-1].category, "subset")  # "another 2,700 people, 1,500 of them children"
    if cat is None:
        cat = _continued_list(toks, f_first, head, found)
    if cat is None and head is None:
        cat = _fronted_partitive(toks, f_first, lex)
    if cat is None and (head is None or mentions.person_role(toks, head.i, lex)):
        cat = _toll_to(toks, f_first, lex)
    if cat is None or not cat.name:
        return None
    if (
        cat.verb is not None
        and cat.name != "missing"
        and cat.verb.lower_ not in mentions.MEASURE_VERBS  # "had not exceeded 40" is a bound
        and any(c.dep_ == "neg" for c in cat.verb.children)
    ):
        return None  # "40 soldiers were not killed": denied, not counted ("had not been found" is missing)
    if fig.kind == "vague" and head is None and cat.rule not in ("noun", "verb", "verb-before", "predicate"):
        return None
    victim, each, pronoun = mentions.victim_of(toks, f_last, head, mods, cat, lex)
    if cat.rule == "fronted-partitive" and cat.np is not None:  # "Of the terrorists neutralised, 41 ...": those
        victim = Victim(victim.party, mentions.person_role(toks, cat.np.i, lex) or victim.role, cat.np.lower_)
    elif cat.rule == "list-gapped" and cat.np is not None:  # "South Africa lost 14 soldiers, Malawi three"
        gp = mentions.party_of(toks, cat.np.i, lex)
        prev = found[-1]
        victim = Victim(gp[1] if gp else None, prev.victim.role, prev.victim.group)
    elif cat.rule in ("subset", "list") and found:
        prev = found[-1]
        if victim.party is None:
            victim = Victim(
                prev.victim.party,
                victim.role if victim.role != "unknown" else prev.victim.role,
                victim.group or (prev.victim.group if cat.rule == "list" else None),
            )
    m = Mention(
        figure=fig,
        category=cat.name,
        victim=victim,
        head=head,
        first_tok=toks[f_first],
        last_tok=toks[f_last],
        parties_each_side=each,
    )
    if pronoun:
        m.notes.append("pronoun")
    return m


_DIRECT = {"verb", "verb-before", "own-predicate", "participle", "modifier", "subjectless"}


def _subset_category(cat: Category, found: list[Mention]) -> Category | None:
    prep = cat.verb
    ph_owner = prep.head if prep is not None else None
    for m in reversed(found):
        if ph_owner is not None and ((m.head is not None and m.head.i == ph_owner.i) or m.last_tok.i == ph_owner.i):
            return Category(m.category, "subset")
    if found:
        return Category(found[-1].category, "subset")
    if ph_owner is not None:
        got = mentions._governing(ph_owner, ph_owner.doc, load(), bare=True)
        if got:
            return Category(got.name, "subset")
        ph = match_phrase(ph_owner.doc, ph_owner.i, load())
        if ph:
            return Category(ph[1], "subset")
    return None


_MEDIA_NOUNS = {"daily", "newspaper", "paper", "agency", "broadcaster", "outlet", "network", "channel", "television",
                "radio", "magazine", "weekly", "website", "tabloid", "reporters", "journalists", "correspondent",
                "Monde", "Times", "Post", "Guardian", "Reuters", "AP", "AFP", "BBC", "CNN"}
def _is_outlet(f: attribution.Frame) -> bool:
    """Whether a speaker is a news outlet ("the French daily Le Monde", "Reuters"): it takes no side."""
    return f.head.lower_ in _MEDIA_NOUNS or f.head.text in _MEDIA_NOUNS


# a list line's label right before the figure: "   - Persons killed: 175", "2. Injured: 40"
_LINE_END = re.compile(r"[ \t.;,]*(?:\n|$)")  # the figure ends the list line
_LINE_LABEL = re.compile(r"(?:^|\n)[ \t]*(?:[-•*–]|\d{1,2}[.)])?[ \t]*([A-Za-z][A-Za-z ,()/'-]{1,60}):[ \t]*$")


def _labelled(toks: list[Any], fig: Figure, f_first: int, f_last: int, label: Any, lex: Lexicon) -> Mention | None:
    """The mention a labelled list line gives, or None when its label names no casualty."""
    start, end = label.span(1)
    words = [t for t in toks if start <= t.idx < end]
    for t in words:
        ph = match_phrase(toks, t.i, lex)
        if ph and "release" not in ph[2]:
            people = next((w for w in words if mentions.person_role(toks, w.i, lex)), None)
            role = mentions.person_role(toks, people.i, lex) if people is not None else "unknown"
            group = people.lower_ if people is not None else None
            return Mention(figure=fig, category=ph[1], victim=Victim(None, role or "unknown", group),
                           first_tok=toks[f_first], last_tok=toks[f_last])
    return None


_RAISE_VERBS = {"raising", "raised", "raise", "raises", "bringing", "brought", "bring", "brings", "revised",
                "revising", "revise", "pushing", "pushed", "lifting", "lifted", "increasing", "increased", "putting"}


def _toll_to(toks: list[Any], f_first: int, lex: Lexicon) -> Category | None:
    """ "raising the death toll from Saturday's missile strike to forty": the parser may hang "to" on the
    strike; the toll a raising verb took is what the figure after "to" counts."""
    k = f_first - 1
    while k >= 0 and toks[k].lower_ in mentions.QUALIFIER_WORDS and toks[k].lower_ != "to":
        k -= 1  # "to at least 40", "to about 1,200"
    if k < 1 or toks[k].lower_ != "to":
        return None
    for t in reversed(toks[max(0, k - 12) : k]):
        if t.text in (".", ";", ":") or (t.pos_ == "VERB" and t.lower_ not in _RAISE_VERBS):
            return None
        ph = match_phrase(toks, t.i, lex)
        if ph and "noun" in ph[2] and t.dep_ in ("dobj", "obj") and t.head.lower_ in _RAISE_VERBS:
            return Category(ph[1], "toll-to", np=t)
    return None


def _fronted_partitive(toks: list[Any], f_first: int, lex: Lexicon) -> Category | None:
    """ "Of the terrorists neutralised, 41 were in the North East": a bare figure after a fronted "Of the ..."
    that names a casualty counts those casualties. A figure inside the fronted phrase is a total, not this."""
    if len(toks) < 4 or toks[0].lower_ != "of" or toks[1].lower_ not in ("the", "those", "these", "all"):
        return None
    comma = next((t.i for t in toks[: min(len(toks), 14)] if t.text == ","), None)
    if comma is None or f_first <= comma:
        return None
    for t in toks[2:comma]:
        if t.like_num or t.pos_ == "NUM":
            return None
        ph = match_phrase(toks, t.i, lex)
        if ph:
            people = next((x for x in toks[2:comma] if mentions.person_role(toks, x.i, lex)), None)
            return Category(ph[1], "fronted-partitive", np=people)
    return None


def _continued_list(toks: list[Any], f_first: int, head: Any, found: list[Mention]) -> Category | None:
    """ "49 deaths in Tartous, 25 in Latakia and 84 in Hama": a bare figure in a list takes the first's category."""
    if not found or (
        head is not None
        and head.lower_ != (found[-1].head.lower_ if found[-1].head else "")
        and not mentions.person_role(toks, head.i, load())
    ):
        return None
    prev = found[-1]
    if (
        head is not None
        and head.dep_ in ("nsubj", "nsubjpass")
        and head.head.pos_ == "VERB"
        and not match_phrase(toks, head.head.i, load())
    ):
        return None  # "..., and 58 women were subjected to violence": its own verb says what happened to it
    before = f_first - 1
    gapped = before >= 0 and mentions.party_of(toks, before, load()) is not None  # "Malawi three and Uruguay one"
    if gapped:
        before -= 1
    if before < 0:
        return None
    # "60,000 households, or up to 400,000 people": the same count restated
    restated = toks[before].lower_ == "or" and before > 0 and toks[before - 1].text == ","
    if toks[before].lower_ not in (",", "and", "with", "while", "plus", "another", "alongside") and not restated:
        return None
    if gapped:
        return Category(prev.category, "list-gapped", np=toks[f_first - 1])
    between = toks[prev.last_tok.i + 1 : f_first]
    if any(t.pos_ == "VERB" for t in between if not match_phrase(toks, t.i, load())):
        return None
    return Category(prev.category, "list")


def _parties(
    m: Mention, toks: list[Any], lex: Lexicon, exclude: set[int], found: list[Mention], frame: attribution.Frame | None
) -> list[str | None]:
    if m.parties_each_side:
        if m.parties_each_side != ["*"]:
            return list(m.parties_each_side)
        claimant_ids = set(frame.tokens) if frame is not None and frame.anchor.doc == toks[0].doc else set()
        ps: list[str | None] = []
        for _, p in mentions._parties_in([t for t in toks if t.i not in claimant_ids], toks, lex):
            if p not in ps:
                ps.append(p)
        if len(ps) >= 2:
            return ps
    if m.victim.party is not None:
        return [m.victim.party]
    claimant_party = None
    if frame is not None:  # "Russia's defence ministry acknowledged that 1,351 of its servicemen ..."
        ftoks = frame.head.doc
        found_p = mentions._parties_in([ftoks[i] for i in frame.tokens], ftoks, lex)
        claimant_party = found_p[0][1] if found_p else None
    if "pronoun" in m.notes:
        if claimant_party:
            return [claimant_party]
        for prev in reversed(found):
            if prev is not m and prev.victim.party:
                return [prev.victim.party]
        if frame is not None and frame.head.pos_ == "PROPN" and not frame.generic:
            # "The Free Ostrel Brigade said nine of its fighters ...": an organisation speaking of its own, by its
            # own name ("NATO's International Security Assistance Force" is the force, not NATO's possession)
            return [re.sub(r"^(?:the|The)\s+", "", _POSSESSOR.sub("", frame.text))]
    bare_count = m.head is None or mentions.person_role(toks, m.head.i, lex) is None
    if bare_count:  # "the combined Russian toll was approaching 300,000, with as many as 120,000 killed"
        for prev in reversed(found):
            if prev is not m and prev.figure.span.start < m.figure.span.start and prev.victim.party:
                return [prev.victim.party]
        owners = []
        for t in toks:  # a casualty noun in the sentence that names whose it is: "Russian toll", "Ukraine's losses"
            ph = match_phrase(toks, t.i, lex)
            if ph and "noun" in ph[2]:
                kids = [c for c in t.children if c.dep_ in ("amod", "poss", "compound", "nmod")]
                owners += [p for _, p in mentions._parties_in(kids, toks, lex)]
        if len(set(owners)) == 1:
            return [owners[0]]
    displaced = m.category == "displaced"
    if (
        m.category == "captured"
        and m.head is not None
        and m.head.dep_ == "dobj"
        and any(c.dep_ == "nsubj" and c.i in exclude for c in m.head.head.children)
    ):
        claimant_party = None  # "The BLA said it was holding 214 hostages": the speaker holds them, they are others'
    if frame is not None and _is_outlet(frame):
        claimant_party = None  # "The French daily Le Monde put the dead at 70": an outlet's country lost no one
    if claimant_party and bare_count and not displaced and frame is not None and frame.anchor.doc == toks[0].doc:
        return [claimant_party]  # "Azerbaijan reported 50 dead": a party's unqualified count is of its own
    places = m.victim.role != "military" and m.category != "captured"  # captives are held where they are not from
    cands = mentions.sentence_parties(toks, lex, exclude, places=places)
    if displaced:  # "3.1 million have crossed into neighbouring states such as Chad": Chad is where they went
        cands = [c for c in cands if not _destination(toks[c[0]])]
    if not cands:
        if displaced:
            return [None]  # a host country reporting arrivals speaks of others' people: the context decides
        if claimant_party and m.victim.role != "military" and frame is not None and frame.anchor.doc == toks[0].doc:
            return [claimant_party]  # "Valdoria's interior ministry said 37 civilians were killed": its own
        return [None]
    anchor = m.head.i if m.head is not None else m.last_tok.i
    return [min(cands, key=lambda c: abs(c[0] - anchor))[1]]


_TOWARDS = {"into", "to", "towards", "toward"}


def _destination(t: Any) -> bool:
    """Whether a name stands where displaced people went ("fled into Sudan", "crossed the border into
    Venezuela", "neighbouring countries such as Chad and Egypt"): an "into"/"to" on its way up the tree before
    the clause's verb."""
    node = t
    for _ in range(6):
        if node.head is node or node.pos_ in ("VERB", "AUX"):
            return False
        node = node.head
        if node.lower_ in _TOWARDS and node.dep_ in ("prep", "dative"):
            return True
    return False


_THAT_WAR = re.compile(
    r"\b(?:in|during|of|from|throughout) (?:that|the whole|that same) (?:war|conflict|campaign)\b", re.I
)


def _that_war(ctx: _DocContext, i: int, depth: int = 0) -> bool:
    """ "Of the 58,000 U.S. service members killed in that war": the war one of the two sentences before named,
    when that sentence was a comparison with an earlier war. "India lost 527 soldiers there", "officials at the
    time put ...": the same, within the paragraph, in a sentence that names no year of its own."""
    text, spans = ctx.doc.text, ctx.spans
    s, e = spans[i].start, spans[i].end
    if _THAT_WAR.search(text, s, e):
        back = list(range(max(0, i - 2), i))
    elif _BACK_THERE.search(text, s, e) and not dates.YEAR_IN.search(text, s, e):
        back = [j for j in range(max(0, i - 2), i) if "\n" not in text[spans[j].end : s]]
    else:
        return False
    return any(
        dates.is_historical(text[spans[j].start : spans[j].end], ctx.doc.published, ctx.past_years())
        or (depth < 2 and _that_war(ctx, j, depth + 1))
        for j in back
    )


# a line that is only a day: a liveblog's heading for the entries under it
_DAY_HEADING = re.compile(
    r"^[ \t]*(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?(?P<d>\d{1,2})[ \t]+(?P<mon>[A-Za-z]+)"
    r"(?:,?[ \t]+(?P<y>(?:19|20)\d\d))?[ \t]*$",
    re.M | re.I,
)
def _day_headings(text: str, published: date | None) -> list[tuple[int, date | None]]:
    """Each line of the text that is only a day, with the day it names (None where it names none this report
    can have: a bad date, or one after publication), in order."""
    out: list[tuple[int, date | None]] = []
    if published is None or "\n" not in text:
        return out
    for m in _DAY_HEADING.finditer(text):
        year = int(m.group("y")) if m.group("y") else published.year
        try:
            d: date | None = date(year, dates.MONTHS[m.group("mon").lower()], int(m.group("d")))
        except (ValueError, KeyError):
            d = None
        out.append((m.start(), d if d is not None and d <= published else None))
    return out


# a back-reference to the place or time the sentence before named ("there" as an existential subject is not one)
_BACK_THERE = re.compile(
    r"\b(?:there\b(?!\s+(?:is|are|was|were|have|has|had|will|would|may|might|could|appear|appears|seem|seems|"
    r"remain|remains)\b)|at the time\b|back then\b)",
    re.I,
)


def _continued_speaker(ctx: _DocContext, i: int) -> attribution.Frame | None:
    """A sentence with no attribution that goes on from an attributed claim in the same paragraph ("... the
    governor said. At least 32 others were injured.") keeps that speaker."""
    if i == 0 or (i - 1) not in ctx.claimed:
        return None  # only a continuing casualty account: the sentence before gave figures from that speaker
    text = ctx.doc.text
    if "\n" in text[ctx.spans[i - 1].end : ctx.spans[i].start]:
        return None  # a new paragraph speaks for itself
    fs = [f for f in ctx.frames_of(i - 1) if not f.subject_only]
    return fs[-1] if len(fs) == 1 else None


def _quoted_speaker(ctx: _DocContext, i: int, m: Mention) -> attribution.Frame | None:
    """A figure inside a quotation whose attribution comes in a later sentence ("..." he said)."""
    text = ctx.doc.text
    span = ctx.spans[i]
    para_start = text.rfind("\n", 0, span.start) + 1
    before = text[para_start : span.start + m.figure.span.start]
    opened = before.count("“") - before.count("”") + (before.count('"') % 2)
    if opened <= 0:
        return None
    for j in range(i + 1, min(i + 4, len(ctx.spans))):
        fs = ctx.frames_of(j)
        if fs:
            return fs[0]
        if "\n" in text[span.end : ctx.spans[j].start]:
            break
    return None
