"""Specification: numbers that are not casualty claims.

Every row is a sentence that has casualty words and a number, and the number (the distractor) that must not
be read as a count of people harmed: no claim may have it as its low or its high. Money, dates, ages,
durations, distances, percentages, ratios, counts of events or equipment, force sizes, mobilisation, people
rescued, footnote markers, names, and digits standing for words in garbled text. A sentence may hold a real
claim as well ("a 50-year-old soldier was killed" is one death); the row asserts only about the distractor.
"""

from __future__ import annotations

import pytest

from ._helpers import dump, extract, numbers_in


def row(id: str, text: str, distractor: int):
    return pytest.param(text, distractor, id=id)


# fmt: off
CASES = [
    # --- money ----------------------------------------------------------------------------------------------
    row("money-rubles",
        "Families of soldiers killed in Ukraine are promised 5 million rubles in compensation.", 5000000),
    row("money-dollars",
        "The government pays $12,000 to the family of each soldier killed in action.", 12000),
    row("money-hryvnias",
        "Kyiv offers 100,000 hryvnias to Russian soldiers who surrender with their weapons.", 100000),
    row("money-euros-per-victim",
        "Each injured civilian is entitled to \u20ac2,000 under the new compensation scheme.", 2000),
    # --- dates and years ------------------------------------------------------------------------------------
    row("date-year",
        "At least 40 people were killed in the attack on 24 February 2022.", 2022),
    row("date-day",
        "At least 40 people were killed in the attack on 24 February 2022.", 24),
    row("year-war-began",
        "The war that began in 2014 has killed more than 14,000 people.", 2014),
    row("year-alone",
        "In 1995 Russian troops stormed Grozny, and many civilians were killed.", 1995),
    row("month-day",
        "On March 16, an airstrike on the theatre killed hundreds of people sheltering inside.", 16),
    # --- ages -----------------------------------------------------------------------------------------------
    row("age-hyphenated",
        "A 50-year-old soldier was killed by shrapnel near Bakhmut.", 50),
    row("age-child",
        "The dead included a 12-year-old girl and her grandmother.", 12),
    row("age-apposition",
        "The victim, 34, died at the scene, police said.", 34),
    row("age-range-of-conscripts",
        "Men aged 18 to 60 may not leave the country, and many have been killed at the front.", 60),
    # --- durations ------------------------------------------------------------------------------------------
    row("duration-years-before-figure",
        "Twenty years of war in Afghanistan killed more than 2,400 American troops.", 20),
    row("duration-days",
        "The siege lasted 86 days, and thousands of civilians died.", 86),
    row("duration-hours",
        "Within 48 hours, five soldiers had been wounded by sniper fire.", 48),
    row("duration-sentence",
        "He was sentenced to 15 years in prison for killing a civilian.", 15),
    row("time-of-day",
        "At 4:30 am a missile killed three people in Lviv.", 30),
    # --- distances and areas --------------------------------------------------------------------------------
    row("distance-kilometres",
        "A missile struck 30 kilometres from the border, killing two people.", 30),
    row("distance-front-line",
        "The front line stretches for 1,000 kilometres, and soldiers die along it every day.", 1000),
    row("area-square-kilometres",
        "The strikes have hit an area of 365 square kilometres where many people have been killed.", 365),
    # --- percentages and ratios -----------------------------------------------------------------------------
    row("percent-word",
        "About 70 percent of those killed were women and children, the ministry said.", 70),
    row("percent-sign",
        "Deaths rose by 40% in the second week of the offensive.", 40),
    row("ratio-times-as-many",
        "Russia is losing three times as many soldiers as Ukraine, a Ukrainian commander said.", 3),
    row("ratio-one-to-seven",
        "Kyiv claims that for every Ukrainian soldier killed, 7 Russians die.", 7),
    # --- counts of events -----------------------------------------------------------------------------------
    row("events-massacres",
        "Investigators have documented three massacres in which civilians were killed.", 3),
    row("events-incidents",
        "Police recorded 50 incidents in which protesters were injured.", 50),
    row("events-attacks-on-health-care",
        "The WHO has verified 400 attacks on health facilities, killing doctors and patients.", 400),
    row("events-missiles-launched",
        "Russia launched 120 missiles overnight, killing at least two people.", 120),
    # --- equipment ------------------------------------------------------------------------------------------
    row("equipment-tanks",
        "Ukraine says 12 Russian tanks were destroyed and their crews killed.", 12),
    row("equipment-drones",
        "Air defences shot down 35 drones overnight; no one was hurt.", 35),
    row("equipment-vehicles-lost",
        "Over 200 armoured vehicles have been lost since the offensive began.", 200),
    row("equipment-aircraft-and-tanks",
        "Russia has lost 30 aircraft and 500 tanks, Ukraine's general staff says.", 500),
    # --- force sizes, deployments, mobilisation -------------------------------------------------------------
    row("force-initial-up-to",
        "The invasion began with an initial force of up to 202,000 soldiers, many of whom were killed "
        "in the first weeks.", 202000),
    row("force-deployed",
        "Some 2,900 soldiers deployed to the region will help evacuate the wounded.", 2900),
    row("force-massed",
        "Russia has massed 150,000 troops on the border, raising fears of heavy casualties.", 150000),
    row("force-unit-strength",
        "Of the 1,100 soldiers in the battalion, dozens were killed.", 1100),
    row("mobilisation-reservists",
        "Moscow called up 300,000 reservists to replace soldiers killed in Ukraine.", 300000),
    row("mobilisation-more-men",
        "Kyiv wants to mobilise 500,000 more men to make up for its losses.", 500000),
    # --- people rescued, evacuated, living ------------------------------------------------------------------
    row("rescued",
        "Forty people were rescued from the rubble, but the search for the dead continues.", 40),
    row("evacuated",
        "More than 600 civilians were evacuated from the besieged city, where dozens have died.", 600),
    row("population",
        "The city, home to 400,000 people before the war, has lost hundreds to shelling.", 400000),
    # --- footnote markers -----------------------------------------------------------------------------------
    row("footnote-marker",
        "Ukraine said 100 Russian soldiers were killed.[4]", 4),
    row("footnote-markers-stacked",
        "The attack left 12 people dead.[23][24]", 23),
    # --- names and labels -----------------------------------------------------------------------------------
    row("name-cargo-200",
        "Russian soldiers call the bodies of their dead 'Cargo 200'.", 200),
    row("name-website",
        "Data compiled by 200rf.com, a site run by Ukraine's interior ministry, lists soldiers it says were "
        "killed.", 200),
    row("name-unit-ordinal",
        "Soldiers of the 93rd Mechanized Brigade said two comrades were killed.", 93),
    row("name-flight-number",
        "Flight MH17 was shot down over eastern Ukraine, killing all 298 people on board.", 17),
    row("name-article-5",
        "NATO's Article 5 would be invoked if soldiers of a member state were killed.", 5),
    row("name-resolution-number",
        "Resolution 2334 condemned the killing of civilians in the occupied territories.", 2334),
    row("name-hotline-number",
        "Families can call the hotline at 1545 to report soldiers missing in action.", 1545),
    row("name-ten-point-plan",
        "The 10-point peace plan calls for the release of all prisoners of war.", 10),
    # --- digits standing for words in garbled text ----------------------------------------------------------
    row("garbled-no-1-can-say",
        "No 1 can say how many died in the shelling of the city.", 1),
    row("garbled-1-american-official",
        "1 American official said Russian losses were heavy.", 1),
    row("garbled-the-2-sides",
        "Ukraine's president said the 2 sides were still counting their dead.", 2),
    row("liveblog-time-stamp",
        "14:25 The regional governor said air defences had shot down 11 drones overnight.",
        25),
    row("rescued-passive-after",
        "The spokesman said 346 hostages had been rescued in all.", 346),
    row("rescued-after-the-killed",
        "Twelve people were killed and 30 were rescued from the rubble, the civil defence said.", 30),
    row("equipment-firearms",
        "Troops have seized more than 850 firearms left behind by the militants.", 850),
    row("fate-of-a-place-is-no-missing-count",
        "The fate of the 12 villages near the front line is unknown after the dam burst.", 12),
    row("negated-not-killed",
        "Officials stressed that 40 soldiers were not killed in the blast but had been moved before it.", 40),
    row("names-of-places",
        "The memorial lists 40 names of villages destroyed in the war.", 40),
    row("share-nine-in-ten",
        "Some 1.9 million Gazans, or about nine in ten of the enclave's residents, have been forced from their homes.",
        9),
    row("age-youngest-were",
        "The youngest confirmed dead were 18, and most were men in their forties.", 18),
    row("age-child-under-five",
        "Most of the deaths are of young children, and a child under five dies every nine minutes.", 5),
    row("the-doers-of-an-active-killing",
        "Twelve gunmen killed 40 people in the village, police said.", 12),
    row("the-doers-inside-a-group-of",
        "A group of 32 armed men and women seized School No. 1 in Beslan on the first day of the school year.", 32),
    row("school-no-1",
        "Gunmen seized School No. 1 and held the pupils hostage, killing many of them.", 1),
    row("list-line-of-houses",
        "The figures up to 14 September:\n   - Persons killed: 175\n   - Houses burnt: 4,786\n", 4786),
    row("a-stadium-holds-people",
        "The stadium, where 12 fans were killed in a crush in 2001, held 40,000 people on Saturday.", 40000),
]
# fmt: on

KNOWN_FAILURES: list = []


def check(text: str, distractor: int) -> None:
    claims = extract(text)
    bad = [c for c in claims if distractor in numbers_in([c])]
    assert not bad, (
        f"{distractor} is not a casualty figure, but claims carry it\n  text: {text!r}\n"
        f"  offending claims:\n{dump(bad)}"
    )


@pytest.mark.parametrize(("text", "distractor"), CASES)
def test_not_a_claim(text, distractor):
    check(text, distractor)


@pytest.mark.xfail(strict=True, reason="known failure")
@pytest.mark.parametrize(("text", "distractor"), KNOWN_FAILURES)
def test_not_a_claim_known_failure(text, distractor):
    check(text, distractor)
