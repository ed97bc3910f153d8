"""Specification: as of when, and whether the figure is about an earlier war.

Each row is a text, the publication date passed to `toll.extract`, the low of the figure, and the fields the
claim must have: `as_of` (a date the figure is counted up to) and/or `historical`.
- A day the text names wins, read against the publication date ("as of Monday" in an article published on
  Tuesday 2022-03-01 is 2022-02-28).
- A figure presented as current ("the toll rose to", "so far", "in the past 24 hours") is as of the
  publication date; with no publication date and no named day, as_of is None.
- `historical` is true for figures about an earlier war used for comparison, false for the conflict reported
  on.
"""

from __future__ import annotations

from datetime import date

import pytest

from ._helpers import extract, require

TUE = date(2022, 3, 1)  # a Tuesday


def row(id: str, text: str, published: date | str | None, low: int, **want):
    return pytest.param(text, published, low, want, id=id)


# fmt: off
CASES = [
    # --- a day the text names -------------------------------------------------------------------------------
    row("as-of-monday-published-tuesday",
        "As of Monday, Ukraine said 352 civilians had been killed, including 14 children.",
        TUE, 352, as_of=date(2022, 2, 28)),
    row("on-month-day",
        "The UN said on March 2 that 227 civilians had been killed in Ukraine.",
        date(2022, 3, 4), 227, as_of=date(2022, 3, 2)),
    row("by-weekday-day-month",
        "By Friday, 24 January, the death toll from the shelling had reached 87.",
        date(2025, 1, 27), 87, as_of=date(2025, 1, 24)),
    row("as-of-weekday-and-date",
        "As of Sunday, March 20, the UN had recorded 902 civilian deaths.",
        date(2022, 3, 23), 902, as_of=date(2022, 3, 20)),
    row("as-of-day-month",
        "As of 15 October, 1,400 people had been killed in Israel, officials said.",
        date(2023, 10, 17), 1400, as_of=date(2023, 10, 15)),
    row("on-monday-published-monday",
        "On Monday the defence ministry said 10 soldiers had been killed in the assault.",
        date(2022, 3, 7), 10, as_of=date(2022, 3, 7)),
    row("yesterday",
        "Yesterday, 12 soldiers were killed when their position came under artillery fire, the brigade said.",
        TUE, 12, as_of=date(2022, 2, 28)),
    row("date-in-previous-year",
        "As of December 31, the ministry had counted 6,884 civilian deaths.",
        date(2023, 1, 2), 6884, as_of=date(2022, 12, 31)),
    # --- a figure presented as current ----------------------------------------------------------------------
    row("past-24-hours",
        "In the past 24 hours, 45 Russian soldiers were killed, Ukraine's general staff said.",
        date(2022, 3, 10), 45, as_of=date(2022, 3, 10)),
    row("toll-rose-to",
        "The toll rose to 38, officials said, as rescuers searched the rubble for survivors.",
        date(2023, 10, 10), 38, as_of=date(2023, 10, 10)),
    row("so-far",
        "So far 400 civilians have been killed in the city, the mayor said.",
        TUE, 400, as_of=TUE),
    row("published-as-iso-string",
        "The death toll has risen to 54, the regional governor said.",
        "2024-05-06", 54, as_of=date(2024, 5, 6)),
    row("current-figure-without-publication-date",
        "So far 400 civilians have been killed in the city, the mayor said.",
        None, 400, as_of=None),
    # --- historical: earlier wars used for comparison -------------------------------------------------------
    row("historical-soviet-afghanistan",
        "Soviet losses in Afghanistan came to about 15,000 dead over nearly a decade.",
        TUE, 15000, historical=True),
    row("historical-second-world-war",
        "During the Second World War, the Soviet Union lost some 27 million people.",
        TUE, 27000000, historical=True),
    row("historical-2008-war",
        "Russia lost 67 soldiers in the 2008 war with Georgia.",
        TUE, 67, historical=True),
    row("one-comparison-naming-two-years-is-not-a-retrospective",
        "The rebels have killed more people this year than in the whole 1998-2000 border war, when an estimated "
        "70,000 soldiers died. Officials said 300 civilians had been killed since March.",
        TUE, 70000, historical=True),
    row("historical-that-war-points-back",
        "The Korean War cost the United States about 36,000 dead. Of the 7,500 American servicemen still missing "
        "from that war, most were lost in the north.",
        TUE, 7500, historical=True),
    row("that-war-alone-is-not-historical",
        "Fighting in the east has gone on for months. Of the 900 soldiers killed in that war so far, most died "
        "near the river, the ministry said.",
        TUE, 900, historical=False),
    row("historical-chechnya",
        "More than 5,500 Russian troops died in the first Chechen war in the 1990s.",
        date(2022, 3, 20), 5500, historical=True),
    row("historical-1973",
        "In the 1973 war, Israel lost more than 2,600 soldiers in under three weeks.",
        date(2023, 10, 20), 2600, historical=True),
    row("historical-crimea-2014",
        "Two Ukrainian servicemen were killed during Russia's seizure of Crimea in 2014.",
        TUE, 2, historical=True),
    row("comparison-sentence-is-historical",
        "Russia has lost at least 7,000 troops in three weeks, US officials say. "
        "That is more than the roughly 2,400 American service members killed in 20 years in Afghanistan.",
        date(2022, 3, 17), 2400, historical=True),
    row("current-war-beside-comparison-is-not-historical",
        "Russia has lost at least 7,000 troops in three weeks, US officials say. "
        "That is more than the roughly 2,400 American service members killed in 20 years in Afghanistan.",
        date(2022, 3, 17), 7000, historical=False),
    row("current-war-since-the-invasion",
        "Ukrainian officials say more than 5,300 Russian troops have been killed since the invasion began.",
        TUE, 5300, historical=False),
    row("current-war-strike-on-monday",
        "At least 40 people died in Russian strikes on Kyiv on Monday, the city's mayor said.",
        date(2022, 10, 11), 40, historical=False),
    # --- constructions learned from the development set ------------------------------------------------------
    row("start-date-in-since-clause-is-not-as-of",
        "The monitor said on Sunday that 745 civilians had been killed since clashes erupted on Thursday.",
        date(2025, 3, 10), 745, as_of=date(2025, 3, 9)),
    row("event-possessive-is-not-as-of",
        "The number killed in Saturday's truck bombing has climbed to 358, the minister said on Friday.",
        date(2017, 10, 20), 358, as_of=date(2017, 10, 20)),
    row("past-24-hours-from-statement-day",
        "The ministry said on Monday that 100 fighters had been killed in the past 24 hours.",
        date(2023, 1, 24), 100, as_of=date(2023, 1, 23)),
    row("up-from-a-day-earlier-is-the-day-before",
        "The United Nations raised the death toll from the strike to 53 on Thursday, up from 44 a day earlier.",
        date(2019, 7, 5), 44, as_of=date(2019, 7, 3)),
    row("up-from-a-week-earlier",
        "The minister said on Monday the fighting had killed 920 militants, up from 847 a week earlier.",
        date(2017, 10, 24), 847, as_of=date(2017, 10, 16)),
    row("up-from-with-no-interval-has-no-day",
        "Officials said on Monday that 300 people had died, up from 250.",
        date(2017, 10, 24), 250, as_of=None),
    row("start-year-of-the-war-is-not-a-comparison",
        "The insurgency, which began in October 2017, has killed more than 5,000 people, the report said.",
        date(2024, 6, 13), 5000, historical=False),
    row("there-after-an-earlier-war-is-that-war",
        "The last comparable clash, in the Kargil heights in 1999, lasted ten weeks. India lost 527 soldiers "
        "there by its own count.",
        date(2025, 5, 20), 527, historical=True),
    row("at-the-time-follows-the-chain-back",
        "The last comparable clash, in the Kargil heights in 1999, lasted ten weeks. India lost 527 soldiers "
        "there by its own count. Indian officials at the time put Pakistani losses at about 4,000.",
        date(2025, 5, 20), 4000, historical=True),
    row("there-in-a-new-paragraph-is-not-that-war",
        "The last comparable clash, in the Kargil heights in 1999, lasted ten weeks.\n\nOn Tuesday the army said "
        "five soldiers had been killed there.",
        date(2025, 5, 20), 5, historical=False),
    row("half-the-dated-sentences-old-is-no-retrospective",
        "How May's fighting compares with 1971. Pakistan's military said on May 13 that 40 civilians had been "
        "killed. The Kargil clash was longer. A ceasefire announced on May 10 has held. In Kargil in 1999 "
        "India lost 527 soldiers.",
        date(2025, 5, 20), 527, historical=True),
    row("a-date-naming-the-event-is-not-as-of",
        "The 7 October attack on southern Israel killed about 1,200 people, according to Israeli tallies.",
        date(2024, 8, 15), 1200, as_of=date(2024, 8, 15)),
    row("a-count-running-up-to-the-present-is-not-a-comparison",
        "We documented 69 incidents between January 2010 and February 2018 in which 95 people were killed.",
        date(2018, 7, 2), 95, historical=False),
    row("a-list-is-dated-by-the-line-that-opens-it",
        "The figures below were compiled up to 14th September, 2023:\n\n   - Persons killed: 175\n",
        date(2023, 9, 15), 175, as_of=date(2023, 9, 14)),
    row("a-liveblogs-day-heading-dates-its-entries",
        "Live updates\n\nFRIDAY 22 MARCH\n\n22:10 — Officials say at least 40 people have been killed.\n\n"
        "SATURDAY 23 MARCH\n\n09:00 — The toll has risen to 133, investigators say.",
        date(2024, 3, 23), 40, as_of=date(2024, 3, 22)),
]
# fmt: on

KNOWN_FAILURES: list = []


def check(text: str, published, low: int, want: dict) -> None:
    claims = extract(text, published=published)
    require(claims, text, low=low, **want)


@pytest.mark.parametrize(("text", "published", "low", "want"), CASES)
def test_date(text, published, low, want):
    check(text, published, low, want)


@pytest.mark.xfail(strict=True, reason="known failure")
@pytest.mark.parametrize(("text", "published", "low", "want"), KNOWN_FAILURES)
def test_date_known_failure(text, published, low, want):
    check(text, published, low, want)
