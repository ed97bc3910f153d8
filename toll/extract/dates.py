"""When a figure is counted up to (`as_of`), and whether it is about an earlier war (`historical`).

>>> from datetime import date
>>> as_of("the losses as of Monday at 2,000", 30, date(2022, 3, 1), False)
datetime.date(2022, 2, 28)
>>> as_of("Officials said on March 2 that 40 had died", 30, date(2022, 3, 9), False)
datetime.date(2022, 3, 2)
"""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
# Every match starts with a "pre" word, a weekday, a month, a day number or a "rel" phrase, so with one of
# these characters (case aside): the lookahead lets the scan pass every other position at once (1.8x faster).
DATE_LEAD = r"(?=[abdfijlmnostuwy\d])"
_DATE = re.compile(
    DATE_LEAD
    + r"(?P<pre>\b(?:as of|as at|by|up to|through|until|till|since|from|between|on|as of late|at the end of)\s+)?"
    r"(?:"
    r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:,?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+"
    + _MON.replace("mon", "mon1")
    + r"|,?\s+"
    + _MON.replace("mon", "mon2")
    + r"\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?)?"
    r"|" + _MON.replace("mon", "mon3") + r"\s+(?P<d3>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y3>(?:19|20)\d\d))?"
    r"|(?P<d4>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON.replace("mon", "mon4") + r"(?:,?\s+(?P<y4>(?:19|20)\d\d))?"
    r"|(?P<rel>today|yesterday|tonight|this morning|this afternoon|this evening|last night|"
    r"in the (?:past|last) (?:24|twenty-four|48) hours|over the (?:past|last) (?:24 hours|day)|so far|to date)"
    r")\b",
    re.I,
)
_SPEECH_BEFORE = re.compile(
    r"\b(?:said|says|told|announced|stated|reported|added|mentioned|explained|confirmed|acknowledged|"
    r"claimed|estimated|briefings?|statement|interview)\W+(?:\w+\W+){0,4}$",
    re.I,
)

_HISTORICAL = re.compile(
    r"\b(?:for (?:a |the sake of )?comparison|by (?:way of )?comparison|in comparison|compared (?:with|to)|"
    r"world war|first world war|second world war|great war|wwi+|ww[12]|vietnam war|korean war|gulf war|"
    r"iran-iraq war|falklands|napoleonic|crimean war|civil war in (?:spain|america)|american civil war|"
    r"soviet|ussr|chechnya|chechen wars?|the (?:19|20)\d\d (?:war|conflict|invasion|campaign)|"
    r"(?:over|during|in) (?:the )?(?:\w+ )?(?:\d+|ten|twenty|nine|eight) (?:years|decades) of (?:war|fighting|conflict)"
    r"|(?:killed|died|lost) (?:in|over|during) (?:more than )?"
    r"(?:[5-9]|[1-9]\d|five|six|seven|eight|nine|ten|twenty|thirty) (?:years|decades)"
    r"|previous war|earlier war|last war|past wars?)\b",
    re.I,
)
# A year match starts with "since", "from", "after" or the year's 1 or 2: the lookahead skips other positions.
YEAR_LEAD = r"(?=[sfa12])"
_YEAR = re.compile(
    YEAR_LEAD
    + r"(?<![\d,.])(?P<pre>\b(?:since|from|after)\s+)?\b(?P<y>(?:19|20)\d\d)\b(?!\s*(?:-|–|to)\s*(?:19|20)\d\d)"
)


def _resolve(m: re.Match[str], published: date | None) -> date | None:
    g = m.groupdict()
    if g["rel"]:
        if published is None:
            return None
        rel = g["rel"].lower()
        if rel in ("yesterday", "last night"):
            return published - timedelta(days=1)
        return published
    if g["wd"] and not (g["mon1"] or g["mon2"]):
        if published is None:
            return None
        back = (published.weekday() - WEEKDAYS.index(g["wd"].lower())) % 7
        return published - timedelta(days=back)
    mon = g["mon1"] or g["mon2"] or g["mon3"] or g["mon4"]
    day = g["d1"] or g["d2"] or g["d3"] or g["d4"]
    year = g["y3"] or g["y4"]
    if not (mon and day):
        return None
    try:
        if year:
            return date(int(year), MONTHS[mon.lower().rstrip(".")], int(day))
        if published is None:
            return None
        d = date(published.year, MONTHS[mon.lower().rstrip(".")], int(day))
        if d > published + timedelta(days=7):
            d = date(published.year - 1, d.month, d.day)
        return d
    except ValueError:
        return None


_START_CLAUSE = re.compile(r"\b(?:since|began|begun|started|erupted|broke out|launched)\b[^,.;:]{0,60}$", re.I)
_CURRENT = re.compile(
    r"\b(?:has|have) (?:now )?(?:risen|climbed|reached|grown|increased|passed|surpassed|topped|jumped|soared)\b"
    r"|\bnow (?:stands|stood|at)\b",
    re.I,
)
_EXPLICIT = ("as of", "as at", "by", "up to", "through", "until", "till", "as of late", "at the end of")


def as_of(sentence: str, figure_at: int, published: date | None, historical: bool) -> date | None:
    """The date the figure at `figure_at` (offset in `sentence`) counts up to; see module doc."""
    return dated(sentence, figure_at, published, historical)[0]


def dated(sentence: str, figure_at: int, published: date | None, historical: bool) -> tuple[date | None, str]:
    """as_of and how it was found: "named" (a day the sentence names), else "published" or "none"."""
    if historical:
        return None, "none"
    found, rolling, current = _days_named(sentence, published)
    explicit, plain, spoken = ([(abs(at - figure_at), d) for at, d in group] for group in found)
    if explicit:
        return min(explicit)[1], "named"
    if rolling or current:  # counted up to the statement, or to now
        if spoken:
            return min(spoken)[1], "named"
        return published, "published" if published else "none"
    for group in (plain, spoken):
        if group:
            return min(group)[1], "named"
    return published, "published" if published else "none"


_EVENT_AFTER = re.compile(
    r"\s+(?:attacks?|massacres?|bombings?|strikes?|raids?|assaults?|offensive|invasion|uprising|coup|killings|"
    r"ambush|siege|incursion|shelling|explosions?|blasts?)\b",
    re.I,
)
_Days = tuple[tuple[int, date], ...]


@functools.lru_cache(maxsize=256)
def _days_named(sentence: str, published: date | None) -> tuple[tuple[_Days, _Days, _Days], bool, bool]:
    """What dated() reads from the sentence whatever the figure: the days it names, as (offset, day), explicit,
    plain and spoken; whether it counts back "in the past 24 hours"; whether it says the count is current.
    Remembered: dated() is asked once for each figure of a sentence, and again for the sentence after it."""
    explicit, plain, spoken = [], [], []
    rolling = False  # "in the past 24 hours" counts back from the statement's day when the sentence gives one
    for m in _DATE.finditer(sentence):
        pre = (m.group("pre") or "").strip().lower()
        rel = (m.group("rel") or "").lower()
        if pre in ("since", "from", "between") or _START_CLAUSE.search(sentence[: m.start()]):
            continue  # a start date: "since clashes erupted on Thursday"
        if sentence[m.end() : m.end() + 2] in ("'s", "’s") or _EVENT_AFTER.match(sentence, m.end()):
            continue  # "Saturday's bombing", "the 7 October attack" name the event, not the day of the count
        d = _resolve(m, published)
        if d is None or (published is not None and d > published):
            continue
        if "hours" in rel or rel == "over the past day":
            rolling = True
        elif pre in _EXPLICIT or rel in ("so far", "to date"):
            explicit.append((m.start(), d))
        elif _SPEECH_BEFORE.search(sentence[: m.start()][-60:]):
            spoken.append((m.start(), d))
        else:
            plain.append((m.start(), d))
    current = bool(_CURRENT.search(sentence)) if not explicit and not rolling else False
    return (tuple(explicit), tuple(plain), tuple(spoken)), rolling, current


def is_historical(sentence: str, published: date | None, own_years: frozenset[int] = frozenset()) -> bool:
    """True when the sentence compares with an earlier war: a comparison cue, a named past war, or an old year
    that is not one of the years the document itself is about (`own_years`)."""
    if _HISTORICAL.search(sentence):
        return True
    if published is None:
        return False
    for m in _YEAR.finditer(sentence):
        if m.group("pre") or _REFERENCE_POINT.search(sentence[: m.start()]):
            # "the deadliest attack since the invasion of 2003", "the insurgency, which began in October 2017":
            # a reference point, not the figure's war
            continue
        y = int(m.group("y"))
        until = _UNTIL_RECENT.match(sentence, m.end())
        if until and int(until.group(1)) > published.year - 4:
            continue  # "between January 2010 and February 2018": a count that runs up to the present
        if y <= published.year - 4 and y not in own_years:
            return True
    return False


_UNTIL_RECENT = re.compile(
    r"\s*(?:and|to|until|till|through|–|-)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2}\s+)?((?:19|20)\d\d)\b"
)
YEAR_IN = re.compile(r"\b(?:19|20)\d\d\b")
_REFERENCE_POINT = re.compile(
    r"(?:\bsince\b[^,.;]{0,40}|\b(?:began|begun|started|erupted|broke out)\s+(?:in\s+)?(?:[A-Z][a-z]+\s+)?)$", re.I
)
_MONTH_NAMES = "|".join(m for m in MONTHS if len(m) > 3 and m != "sept" or m == "may")
# a day named without a year ("on May 13", "13 May", "on Tuesday", "this month") is of the publication's own time
_DAY_WITHOUT_YEAR = re.compile(
    rf"\b(?:(?:{_MONTH_NAMES})\s+\d{{1,2}}\b|\d{{1,2}}\s+(?:{_MONTH_NAMES})\b)(?!,?\s*(?:19|20)\d\d)|"
    r"\b(?:on|last|this) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\bthis (?:week|month|year)\b",
    re.I,
)


def document_years(text: str, spans: list, published: date | None) -> frozenset[int]:  # type: ignore[type-arg]
    """Old years a document is about: when most of its dated sentences name old years, those years are its
    subject (a retrospective), and a figure dated in them is not a comparison."""
    if published is None:
        return frozenset()
    dated, old, old_sentences = 0, [], 0
    for s in spans:
        ys = [int(m.group("y")) for m in _YEAR.finditer(text, s.start, s.end)]
        if not ys:
            dated += bool(_DAY_WITHOUT_YEAR.search(text, s.start, s.end))  # dated, in this year
            continue
        dated += 1
        olds = [y for y in ys if y <= published.year - 4]
        if olds:
            old.extend(olds)
            old_sentences += 1
    # sentences, not years: one comparison naming "between 1998 and 2000" does not make a retrospective
    if dated and old_sentences >= 2 and old_sentences / dated > 0.5:
        lo, hi = min(old), max(old)
        return frozenset(range(lo, hi + 1))
    return frozenset()
