"""Deterministic synthetic news corpus for benchmarks.

`generate(n_docs, words_per_doc, seed)` returns `CorpusDoc`s of news-like prose in several registers
(politics, economy, sport, weather, courts, science, and conflict reporting). About 7 % of all sentences
state a casualty figure (a number and a casualty word, in varied forms), about 2 % of the other sentences
use a trap word in another sense ("lost the vote", "quarterly losses", "missing luggage"), and somewhat under
half of all sentences contain a digit (money, dates, scores, ages, percentages).

Every template and word list here is written for this file; nothing is quoted from real articles.
The output depends only on the arguments (a seeded `random.Random`), so runs are comparable.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta

# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

# fmt: off


def _words(s: str) -> list[str]:
    return s.split()


FIRST = _words("""
Anna Oleksandr Maria Dmitri Sofia Yusuf Leila Tomas Ingrid Rahul Amara Pedro Chen Noura Pavel
Hannah Kwame Elif Marco Priya Jonas Fatima Lukas Grace Omar Ines Viktor Aisha Mateo Keiko Samuel Olga
Tariq Beatriz Henrik Zainab Felix Carmen Andriy Nadia Rafael Yara Emil Chloe Idris Mirela Gustavo Alina
Kofi Helena Ruslan Lucia Bogdan Esther Karim Wiebke Daniel Svetlana Musa Teresa""")

LAST = _words("""
Kovalenko Petrov Haddad Lindqvist Moreau Okafor Novak Tanaka Rossi Mensah Schneider Alvarez Bondar
Karimi Sato Dubois Nakamura Shevchenko Ibrahim Fischer Marchetti Osei Horvath Castillo Yilmaz Andersen
Kowalski Mahmoud Popescu Brennan Ferreira Volkov Hassan Lindgren Adeyemi Rocha Kuznetsova Melnyk Weber
Sandoval Grieve Abiodun Costa Pereira Holm Tkachenko Barzani Quinn Varga Ostrowski Nwosu Delacroix
Hakimi Lund Serrano Ozturk Malik Brandt Fontaine""")

HOME_CITIES = _words("""
Lyon Porto Gdansk Tampere Leipzig Bilbao Brno Ghent Turin Aarhus Rotterdam Bristol Leeds Glasgow
Cork Denver Tucson Halifax Winnipeg Nairobi Accra Lagos Dakar Kampala Mumbai Pune Osaka Busan Perth Auckland
Cordoba Valparaiso Medellin Recife""")

REGIONS = [
    "the north", "the south", "the east", "the west", "the capital region", "the border region",
    "the highlands", "the river valley", "the delta", "the plains", "the mountain districts",
    "the industrial belt", "the farming provinces", "the coastal districts", "the eastern oblasts",
]

# (country, adjective, forces noun, opponent country, opponent adjective, war name, towns)
CONFLICTS = [
    ("Russia", "Russian", "Russian forces", "Ukraine", "Ukrainian", "the war in Ukraine",
     _words("Kharkiv Odesa Dnipro Zaporizhzhia Mykolaiv Kherson Sumy Kramatorsk Bakhmut Avdiivka Pokrovsk")),
    ("Ukraine", "Ukrainian", "Ukrainian forces", "Russia", "Russian", "the war in Ukraine",
     _words("Belgorod Kursk Sudzha Bryansk Donetsk Horlivka Melitopol Tokmak Berdiansk Sevastopol")),
    ("Israel", "Israeli", "the Israeli military", "Hamas", "Palestinian", "the war in Gaza",
     _words("Gaza Rafah Khan-Younis Jabalia Deir-al-Balah Jenin Nablus Tulkarm Sderot Ashkelon")),
    ("Sudan", "Sudanese", "the Sudanese army", "the Rapid Support Forces", "RSF", "the war in Sudan",
     _words("Khartoum Omdurman El-Fasher Nyala Geneina Wad-Madani Kadugli El-Obeid")),
    ("Ethiopia", "Ethiopian", "federal troops", "Tigray", "Tigrayan", "the Tigray conflict",
     _words("Mekelle Adigrat Axum Shire Humera Gondar Dessie Kombolcha")),
    ("Myanmar", "Burmese", "the junta", "the resistance", "rebel", "the civil war in Myanmar",
     _words("Mandalay Sittwe Lashio Myawaddy Hpakant Sagaing Loikaw Kyaukphyu")),
    ("Azerbaijan", "Azerbaijani", "Azerbaijani forces", "Armenia", "Armenian", "the Karabakh fighting",
     _words("Stepanakert Shusha Ganja Tartar Goris Jermuk Martuni Fuzuli")),
    ("Yemen", "Yemeni", "government forces", "the Houthis", "Houthi", "the war in Yemen",
     _words("Sanaa Hodeidah Marib Taiz Aden Saada Mokha Hajjah")),
    ("Syria", "Syrian", "government troops", "the opposition", "opposition", "the Syrian civil war",
     _words("Aleppo Idlib Homs Hama Raqqa Deir-ez-Zor Daraa Latakia")),
]

CLAIMANTS = [
    "the defence ministry", "the health ministry", "the interior ministry", "the general staff", "NATO",
    "the Pentagon", "an American official", "a senior European diplomat", "the United Nations",
    "the UN human rights office", "the Red Cross", "local officials", "the regional governor", "the mayor",
    "a military spokesman", "British intelligence", "a Western intelligence assessment", "the army",
    "emergency services", "hospital staff", "a monitoring group", "the presidential office",
    "two officials familiar with the assessment", "a government statement", "the prosecutor general",
    "local authorities quoted by the Associated Press", "a military source quoted by Reuters",
]

MIL_NOUNS = ["soldiers", "troops", "servicemen", "fighters", "marines", "paratroopers", "conscripts",
             "officers", "generals", "militants", "personnel", "reservists", "tank crew members", "pilots"]
CIV_NOUNS = ["civilians", "people", "children", "women", "residents", "aid workers", "journalists", "medics",
             "villagers", "passengers", "farmers", "teachers", "rescue workers", "students", "pensioners"]
DISPLACED_NOUNS = ["people", "residents", "families", "civilians", "refugees"]

WEAPONS = ["a missile", "a drone", "an artillery shell", "a glide bomb", "a rocket", "an air strike",
           "a car bomb", "a cluster munition", "mortar fire", "a landmine", "a ballistic missile"]
TARGETS = ["a crowded market", "an apartment block", "a railway station", "a hospital", "a school",
           "a shopping centre", "a bus stop", "a power plant", "a grain terminal", "a refugee camp",
           "a checkpoint", "a barracks", "a fuel depot", "a church", "a bakery queue", "a convoy"]

NUMBER_WORDS = {
    2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
    11: "eleven", 12: "twelve", 14: "fourteen", 15: "fifteen", 17: "seventeen", 20: "twenty",
    23: "twenty-three", 30: "thirty", 40: "forty", 45: "forty-five", 50: "fifty", 100: "a hundred",
}

PARTIES = ["the Social Democrats", "the Green Alliance", "the National Union", "the Liberal Front",
           "the Farmers' League", "the Reform Party", "the Christian Democrats", "the Labour bloc",
           "the centrist coalition", "the opposition"]
INSTITUTIONS = ["parliament", "the senate", "the cabinet", "the constitutional court", "the city council",
                "the central bank", "the finance ministry", "the election commission", "the treasury",
                "the competition authority", "the audit office"]
COMPANIES = ["Norvik Steel", "Altamira Foods", "Belcastro Motors", "Kestrel Airlines", "Dunmore Energy",
             "Halvorsen Shipping", "Quillon Pharma", "Redwater Mining", "Solano Telecom", "Tessaro Bank",
             "Veldt Logistics", "Yarrow Retail", "Ostrava Chemicals", "Brightline Rail", "Calder Insurance"]
CLUBS = ["Rovers", "United", "Athletic", "City", "Wanderers", "Dynamo", "Sporting", "Olympic", "Albion",
         "Rangers", "Harriers", "Spartans"]
SPORTS_EVENTS = ["the cup final", "the league opener", "the semi-final", "the derby", "the qualifier",
                 "the home fixture", "the away leg", "the season finale"]
SCIENCE_FIELDS = ["astronomers", "marine biologists", "geologists", "climate scientists", "physicists",
                  "neuroscientists", "epidemiologists", "botanists", "chemists", "archaeologists"]
SCIENCE_THINGS = ["a comet", "a coral reef", "an ancient glacier", "a new antibiotic", "a fossil bed",
                  "a deep-sea vent", "a superconducting alloy", "a migratory bird population",
                  "a buried Roman villa", "a gene linked to drought tolerance", "a distant exoplanet"]
WEATHER_THINGS = ["heavy rain", "a heatwave", "strong winds", "a cold snap", "thick fog", "hail",
                  "a late frost", "thunderstorms", "snowfall", "a dust storm"]
CRIMES = ["fraud", "bribery", "tax evasion", "money laundering", "embezzlement", "insider trading",
          "arson", "burglary", "forgery", "smuggling"]
ROLES = ["the finance minister", "the prime minister", "the central bank governor", "the mayor",
         "the opposition leader", "the health minister", "a union leader", "the chief executive",
         "an economist at a Frankfurt bank", "the coach", "the judge", "the lead researcher",
         "a forecaster", "the defence lawyer", "a parliamentary aide", "the trade minister"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
AM_PM = ["a.m.", "p.m."]
CURRENCIES = [("$", ""), ("€", ""), ("£", ""), ("", " rubles"), ("", " hryvnias"), ("", " yen"),
              ("", " Swiss francs")]

# fmt: on

# --------------------------------------------------------------------------------------------------
# Slot generators
# --------------------------------------------------------------------------------------------------


def _comma(n: int) -> str:
    return f"{n:,}"


def _money(r: random.Random) -> str:
    pre, post = r.choice(CURRENCIES)
    form = r.random()
    if form < 0.45:
        amount = f"{r.randint(1, 95)}.{r.randint(1, 9)} {r.choice(['million', 'billion'])}"
    elif form < 0.8:
        amount = _comma(r.choice([r.randint(100, 9_999), r.randint(10_000, 990_000)]))
    else:
        amount = f"{r.randint(2, 900)} million"
    return f"{pre}{amount}{post}"


def _pct(r: random.Random) -> str:
    v = f"{r.randint(0, 14)}.{r.randint(0, 9)}"
    return r.choice([f"{v}%", f"{v} per cent", f"{v} percent"])


def _day(r: random.Random) -> str:
    m, d = r.choice(MONTHS), r.randint(1, 28)
    return r.choice([f"{m} {d}", f"{d} {m}", f"{m} {d}, {r.randint(2015, 2024)}"])


def _score(r: random.Random) -> str:
    return f"{r.randint(0, 5)}{r.choice(['-', '–'])}{r.randint(0, 4)}"


class _Slots(dict):
    """Fills `{name}` on first use; a repeated name in one sentence keeps its value."""

    def __init__(self, r: random.Random, topic: dict) -> None:
        super().__init__(topic)
        self.r = r

    def __missing__(self, key: str) -> str:
        r = self.r
        gen = {
            "person": lambda: f"{r.choice(FIRST)} {r.choice(LAST)}",
            "person2": lambda: f"{r.choice(FIRST)} {r.choice(LAST)}",
            "surname": lambda: r.choice(LAST),
            "home": lambda: r.choice(HOME_CITIES),
            "home2": lambda: r.choice(HOME_CITIES),
            "region": lambda: r.choice(REGIONS),
            "party": lambda: r.choice(PARTIES),
            "inst": lambda: r.choice(INSTITUTIONS),
            "company": lambda: r.choice(COMPANIES),
            "company2": lambda: r.choice(COMPANIES),
            "club": lambda: f"{r.choice(HOME_CITIES)} {r.choice(CLUBS)}",
            "club2": lambda: f"{r.choice(HOME_CITIES)} {r.choice(CLUBS)}",
            "event": lambda: r.choice(SPORTS_EVENTS),
            "field": lambda: r.choice(SCIENCE_FIELDS),
            "thing": lambda: r.choice(SCIENCE_THINGS),
            "weather": lambda: r.choice(WEATHER_THINGS),
            "crime": lambda: r.choice(CRIMES),
            "role": lambda: r.choice(ROLES),
            "weekday": lambda: r.choice(WEEKDAYS),
            "month": lambda: r.choice(MONTHS),
            "claimant": lambda: r.choice(CLAIMANTS),
            "weapon": lambda: r.choice(WEAPONS),
            "target": lambda: r.choice(TARGETS),
            "money": lambda: _money(r),
            "money2": lambda: _money(r),
            "pct": lambda: _pct(r),
            "pct2": lambda: _pct(r),
            "day": lambda: _day(r),
            "year": lambda: str(r.randint(1989, 2024)),
            "age": lambda: str(r.randint(19, 88)),
            "score": lambda: _score(r),
            "n": lambda: str(r.randint(2, 60)),
            "n2": lambda: str(r.randint(2, 60)),
            "mid": lambda: str(r.randint(61, 950)),
            "big": lambda: _comma(r.randint(1_200, 480_000)),
            "temp": lambda: str(r.randint(-18, 44)),
            "km": lambda: str(r.randint(3, 400)),
            "minute": lambda: str(r.randint(3, 90)),
            "clock": lambda: f"{r.randint(1, 12)}:{r.choice(['00', '15', '30', '45'])} {r.choice(AM_PM)}",
            "votes": lambda: str(r.randint(101, 412)),
            "votes2": lambda: str(r.randint(20, 300)),
        }
        try:
            value = gen[key]()
        except KeyError:
            raise KeyError(f"unknown slot {{{key}}}") from None
        self[key] = value
        return value


# --------------------------------------------------------------------------------------------------
# Sentence templates: "num" lists contain a digit once filled, "plain" lists do not
# --------------------------------------------------------------------------------------------------

# fmt: off

TOPICS: dict[str, dict[str, list[str]]] = {
    "politics": {
        "num": [
            "The bill passed by {votes} votes to {votes2} after a debate that ran past midnight.",
            "{party} won {n} seats in the regional election, up from {n2} four years ago.",
            "Turnout reached {pct}, the highest figure since {year}, according to {inst}.",
            "{person}, {age}, has led {party} since {year} and faces a leadership challenge in {month}.",
            "The coalition agreement, signed on {day}, runs to {mid} pages and promises a smaller cabinet.",
            "Polls published on {weekday} put {party} at {pct}, narrowly ahead of its main rival.",
            "The campaign spent {money} on advertising in the final {n} days, filings show.",
            "A vote on the reform is expected before {day}, {role} told reporters in {home}.",
            "About {big} people signed a petition calling for early elections in {home}.",
            "The new cabinet of {n} ministers will be sworn in on {day}.",
        ],
        "plain": [
            "{person} said the government would not bow to pressure from {party} over the budget.",
            "Critics accused {inst} of rushing the legislation without proper scrutiny.",
            "The prime minister defended the reshuffle, calling it a necessary step toward stability.",
            "Members of {party} walked out of the chamber in protest on {weekday}.",
            "Analysts in {home} said the coalition looked fragile after weeks of public quarrelling.",
            "The opposition leader called the proposal a gift to large landowners.",
            "{person} is widely seen as a compromise candidate acceptable to both wings of the party.",
            "The president is due to address {inst} later this month on the state of the economy.",
            "Several deputies said privately that they would abstain rather than defy the whip.",
            "Officials in {home} declined to comment on reports of a rift within the cabinet.",
            "The debate exposed deep divisions over immigration, housing and the cost of energy.",
            "{role} urged lawmakers to put national interest ahead of party loyalty.",
        ],
    },
    "economy": {
        "num": [
            "Inflation eased to {pct} in {month}, down from {pct2} a month earlier, official data showed.",
            "{company} said revenue rose to {money} in the first half, beating analysts' forecasts.",
            "The central bank held its main interest rate at {pct} on {weekday}.",
            "Shares in {company} rose {pct} in early trading in {home} after the results.",
            "Exports of grain fell by {pct} in {year}, customs figures show.",
            "The government plans to borrow an extra {money} to cover rising energy subsidies.",
            "{company} will cut about {mid} jobs at its plant near {home} by {year}.",
            "Unemployment stood at {pct} in the third quarter, the statistics office said on {day}.",
            "The deal, valued at {money}, is expected to close before {day}.",
            "Petrol prices climbed to {money} a litre in some regions, a record since {year}.",
        ],
        "plain": [
            "Economists warned that higher borrowing costs could push the economy into recession.",
            "{role} said the outlook remained uncertain but that wages were finally catching up with prices.",
            "Retailers in {home} reported weaker demand for furniture and household goods.",
            "{company} said supply chain problems had largely eased but freight costs remained high.",
            "The currency weakened against the dollar as investors sought safer assets.",
            "Manufacturers blamed expensive electricity for a slowdown in orders.",
            "The finance minister promised targeted help for households struggling with heating bills.",
            "Trade unions are pressing for a pay settlement that keeps pace with the cost of living.",
            "Bond yields rose after the budget was published, reflecting concerns about public debt.",
            "Small businesses said access to credit had become harder over the past year.",
            "{person}, an economist in {home}, said the housing market was cooling rather than collapsing.",
        ],
    },
    "sport": {
        "num": [
            "{club} beat {club2} {score} in {event} on {weekday} night.",
            "{person} scored in the {minute}th minute to give the visitors the lead.",
            "The {age}-year-old striker has now scored {n} goals in {n2} appearances this season.",
            "A crowd of {big} watched the match at the rebuilt stadium in {home}.",
            "{person} finished the marathon in 2 hours {n} minutes, a course record.",
            "The club paid a reported {money} for the midfielder in {month}.",
            "{club} sit {n} points clear at the top of the table with {n2} games left.",
            "The tournament begins on {day} with {n} teams taking part.",
            "The sprinter ran the 100 metres in 9.{n} seconds at the meeting in {home}.",
        ],
        "plain": [
            "The manager praised his side's discipline but admitted they had ridden their luck.",
            "{person} limped off before half-time with what looked like a hamstring injury.",
            "The home fans booed the referee after a contentious penalty decision.",
            "{club} have not won away from home since the autumn.",
            "The captain said the squad would take each game as it came.",
            "Rain delayed the start of play, and the covers stayed on until after lunch.",
            "{person} called the victory the proudest moment of her career.",
            "The visitors looked tired in the second half and struggled to keep possession.",
            "The federation opened an investigation into crowd trouble outside the ground.",
            "Coaches from both sides agreed that the pitch had been in poor condition.",
        ],
    },
    "weather": {
        "num": [
            "Temperatures reached {temp} degrees in {home} on {weekday}, the highest reading this year.",
            "Forecasters expect up to {n} centimetres of snow on higher ground by {weekday}.",
            "More than {mid} flights were cancelled at the airport in {home} because of {weather}.",
            "Wind gusts of {mid} kilometres per hour were recorded along the coast.",
            "Rainfall in {month} was {pct} above the long-term average, the weather service said.",
            "About {big} homes were left without power after {weather} brought down cables.",
            "The river rose {n} centimetres overnight and is expected to peak at {clock}.",
            "A yellow warning for {weather} remains in force until {clock} on {weekday}.",
        ],
        "plain": [
            "{weather} is expected to spread from the west during the afternoon.",
            "Drivers were urged to avoid unnecessary journeys until conditions improved.",
            "Farmers said the dry spell had already damaged this year's wheat crop.",
            "Schools in several districts stayed closed as a precaution.",
            "{person}, a forecaster, said the unsettled pattern would probably last into next week.",
            "Residents in low-lying streets of {home} piled sandbags against their doors.",
            "The weather service said the heat would ease slightly by the weekend.",
            "Ferries between the islands were suspended because of rough seas.",
            "Gardeners were advised to protect young plants from a late frost.",
        ],
    },
    "courts": {
        "num": [
            "{person}, {age}, was sentenced to {n} years in prison for {crime}.",
            "The court ordered {company} to pay {money} in damages to former employees.",
            "The trial, which began on {day}, has heard from {n} witnesses so far.",
            "Prosecutors say the scheme cost taxpayers more than {money} between {year} and {year}.",
            "The judge adjourned the hearing until {day} to allow the defence more time.",
            "{person} was fined {money} and banned from holding company directorships for {n} years.",
            "The appeal court reduced the sentence from {n} to {n2} years.",
            "A jury of {n} deliberated for two days before reaching its verdict.",
        ],
        "plain": [
            "{person} denied all charges and said he would appeal.",
            "The defence argued that the evidence had been obtained unlawfully.",
            "Prosecutors alleged that {company} had hidden the payments in a web of shell firms.",
            "The judge criticised both sides for the slow pace of disclosure.",
            "Outside the courthouse in {home}, supporters of the accused chanted slogans.",
            "The verdict is likely to be challenged before the supreme court.",
            "Lawyers for {person} said their client had cooperated fully with investigators.",
            "The case has drawn attention to weaknesses in the country's anti-corruption laws.",
            "Witnesses described a culture of fear inside the ministry's procurement department.",
        ],
    },
    "science": {
        "num": [
            "The study, published on {day}, followed {big} volunteers for {n} years.",
            "{field} estimate that {thing} is roughly {mid} million years old.",
            "The telescope cost {money} and took {n} years to build.",
            "Researchers sampled {mid} sites along a {km}-kilometre stretch of coastline.",
            "The trial found a {pct} reduction in hospital admissions among those treated.",
            "The probe should reach its target in {year}, after a journey of {km} million kilometres.",
            "Only {n} of the {mid} samples showed signs of contamination.",
        ],
        "plain": [
            "{field} from a university in {home} described {thing} in a paper this week.",
            "The researchers cautioned that the findings needed to be confirmed in larger studies.",
            "{person}, who led the work, said the result had surprised the whole team.",
            "The discovery could help explain how the climate shifted at the end of the last ice age.",
            "Independent experts called the methods sound but the conclusions premature.",
            "Funding for the project came from a consortium of European research councils.",
            "The team plans to return to the site next summer with better equipment.",
            "{field} have long debated how {thing} formed.",
            "The data will be made public so that other groups can check the analysis.",
        ],
    },
    "conflict": {
        "num": [
            "Air raid sirens sounded in {city} at {clock} on {weekday}.",
            "{forces} said they had shot down {n} drones overnight.",
            "The front line has barely moved in {n} weeks, according to {claimant}.",
            "Western allies pledged a further {money} in military aid on {day}.",
            "About {mid} tonnes of food aid crossed the border on {weekday}.",
            "The talks, the first since {month} {year}, ended without agreement.",
            "The strike hit a depot about {km} kilometres from {city}, officials said.",
            "Satellite images taken on {day} show {n} damaged buildings near the airfield.",
            "The ceasefire agreed on {day} collapsed within {n} hours.",
        ],
        "plain": [
            "Explosions were heard across {city} before dawn, residents said.",
            "{forces} claimed to have pushed back an assault near {city}.",
            "The claims could not be independently verified.",
            "{claimant} accused the other side of targeting civilian infrastructure.",
            "Aid agencies warned that supplies of clean water were running low in {city}.",
            "Diplomats in {home} said a negotiated settlement remained a distant prospect.",
            "Heavy shelling continued along the southern front throughout the night.",
            "Engineers worked to restore electricity to districts in {region} after the attack.",
            "{person}, a resident of {city}, said her family had spent the night in a basement.",
            "The foreign minister is expected to raise the issue at the summit next week.",
            "Both sides have accused each other of violating humanitarian law.",
            "Volunteers loaded vans with medicine and blankets bound for {region}.",
            "Mobile phone coverage in {city} has been patchy since the bombardment began.",
        ],
    },
}

TRAPS = [
    "{party} lost the vote on the pension reform by a narrow margin.",
    "{company} reported quarterly losses of {money}, its worst result in a decade.",
    "Travellers at the airport in {home} complained of missing luggage after the baggage system failed.",
    "The incumbent mayor lost her seat to a political newcomer.",
    "{club} lost {score} at home, their third defeat in a row.",
    "The bill was killed in committee before it could reach a vote.",
    "Losses at the state railway widened to {money} last year.",
    "The phone line went dead halfway through the interview, {person} said.",
    "Investigators said the missing files were later found in a storage room in {home}.",
    "The company's shares died a slow death over the autumn.",
    "The reform was dead on arrival in {inst}.",
    "The insurer wrote off its losses in the region and withdrew from the market.",
    "A search is under way for a missing hiker in the hills above {home}.",
    "The proposal fell victim to a budget dispute between {party} and its partners.",
    "Police recovered a painting that had been missing from a gallery in {home} since {year}.",
    "The striker said the team had been killed by two late goals.",
    "{person} said she had lost count of the number of meetings.",
    "The batteries in the sensors went dead after {n} days in the cold.",
    "Voters punished the government, which lost {n} seats to the opposition.",
    "{company} said it would absorb currency losses of about {pct}.",
    "The casualty department at the hospital in {home} was renovated at a cost of {money}.",
    "Fans mourned the death of the club's founder, who died aged {age}.",
]

OPENERS = [""] * 11 + ["Meanwhile, ", "On {weekday}, ", "Separately, ", "Earlier, ", "In a statement, ",
                       "Later, ", "However, ", "By contrast, ", "In {home}, "]
ENDINGS = [""] * 10 + [", officials said", ", a spokesman added",
           ", according to a statement", ", she said", ", he said", ", local media reported"]

# fmt: on

# --------------------------------------------------------------------------------------------------
# Casualty sentences
# --------------------------------------------------------------------------------------------------

CATEGORY_VERBS = {
    "killed": [
        "were killed",
        "have been killed",
        "died",
        "were killed in action",
        "lost their lives",
        "have died",
        "were confirmed dead",
        "were reported killed",
    ],
    "wounded": [
        "were wounded",
        "were injured",
        "suffered injuries",
        "have been wounded",
        "were taken to hospital with wounds",
    ],
    "casualties": ["were killed or wounded", "have been killed or injured", "were listed as casualties"],
    "captured": ["were taken prisoner", "were captured", "have been detained", "were taken captive"],
    "missing": ["remain missing", "are missing", "were reported missing", "are unaccounted for"],
    "surrendered": ["surrendered", "laid down their arms", "gave themselves up"],
}
CATEGORY_WEIGHTS = {
    "killed": 50,
    "wounded": 18,
    "casualties": 8,
    "captured": 8,
    "missing": 8,
    "surrendered": 3,
}
TIME_PHRASES = [
    "",
    "",
    "",
    " on {weekday}",
    " since the start of the war",
    " in the past 24 hours",
    " over the weekend",
    " so far",
    " since {month}",
    " as of {day}",
    " last week",
    " during the night",
    " in the fighting around {city}",
    " near {city}",
    " since the invasion began",
    " in {city} on {weekday}",
]


LOWER = ["at least", "more than", "over", "no fewer than", "upwards of"]
APPROX = ["about", "around", "nearly", "almost", "roughly", "some", "an estimated"]
UPPER = ["up to", "as many as", "fewer than"]
EARLIER_WARS = [
    "the Soviet war in Afghanistan",
    "the 2008 war in Georgia",
    "the first Chechen war",
    "the Iran-Iraq war",
    "the Balkan wars of the 1990s",
]
SOURCES_OF_RECORD = ["historians estimate", "records show", "scholars say", "archives suggest"]


def _figure(r: random.Random, low: int, high: int) -> str:
    """A figure phrase for a count between low and high, in one of many stated forms."""
    n = r.randint(low, high)
    if n >= 1000 and r.random() < 0.15:
        n = round(n, -3)
    digits = _comma(n) if r.random() < 0.85 else str(n)
    form = r.random()
    if form < 0.30:
        return digits
    if form < 0.50:
        return f"{r.choice(LOWER)} {digits}"
    if form < 0.62:
        return f"{r.choice(APPROX)} {digits}"
    if form < 0.68:
        return f"{r.choice(UPPER)} {digits}"
    if form < 0.78:
        a = r.randint(max(2, low), max(3, high // 2))
        b = a + r.randint(1, max(2, a))
        lo, hi = _comma(a), _comma(b)
        return r.choice([f"{lo} to {hi}", f"between {lo} and {hi}", f"{lo}-{hi}", f"{lo} and {hi}"])
    if form < 0.88:
        k, word = r.choice(list(NUMBER_WORDS.items()))
        return r.choice([word, f"at least {word}", f"some {word}"]) if k < 100 else word
    if form < 0.93:
        return r.choice(["dozens of", "hundreds of", "thousands of", "scores of", "tens of thousands of"])
    if form < 0.97:
        return f"{r.randint(1, 9)}.{r.randint(1, 9)} thousand"
    return f"{r.randint(2, 9)} thousand"


def _scale(r: random.Random) -> tuple[int, int]:
    return r.choice([(2, 60), (2, 60), (10, 400), (100, 3_000), (1_000, 90_000), (20_000, 400_000)])


def _casualty(r: random.Random, c: tuple[str, ...]) -> str:
    """One casualty sentence about conflict `c`."""
    country, adj, forces, opp, opp_adj, war, _towns = c
    side_adj, side = r.choice([(adj, country), (opp_adj, opp)])
    category = r.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
    military = r.random() < 0.6 and category != "displaced"
    noun = r.choice(MIL_NOUNS if military else CIV_NOUNS)
    low, high = _scale(r)
    fig = _figure(r, low, high)
    verb = r.choice(CATEGORY_VERBS[category])
    when = r.choice(TIME_PHRASES)
    claimant = r.choice(CLAIMANTS)
    cap = claimant[0].upper() + claimant[1:]
    n = str(r.randint(2, 80))
    n2 = str(r.randint(2, 200))
    noun_phrase = f"{side_adj} {noun}" if r.random() < 0.7 else noun
    subject = f"{fig} {noun_phrase}"
    bare = fig.removesuffix(" of")  # "dozens of" closing a clause: "put the toll at dozens"
    big = _comma(r.randint(2_000, 900_000))
    templates = [
        f"{cap} said {subject} {verb}{when}.",
        f"{subject[0].upper() + subject[1:]} {verb}{when}, according to {claimant}.",
        f"{cap} estimates that {subject} {verb} since the start of {war}.",
        f"The death toll from the strike on {{target}} in {{city}} rose to {bare}, {claimant} said.",
        f"At least {n} people died when {{weapon}} hit {{target}} in {{city}} on {{weekday}}.",
        f"{side} has lost {fig} {noun}, {claimant} claimed, a figure that could not be verified.",
        f"{cap} put the number of {noun_phrase} killed at {bare}.",
        f"The attack left {n} dead and {n2} wounded, {claimant} said.",
        f"Casualties among {side_adj} forces now exceed {bare}, {claimant} told reporters{when}.",
        f"Rescuers in {{city}} have recovered {n} bodies from the rubble, {claimant} said.",
        f"About {big} residents have fled {{city}} since {{month}}, the UN refugee agency said.",
        f"{cap} said {fig} {noun} had been killed and {n2} wounded{when}.",
        f"The ministry said {fig} {noun_phrase} {verb}, while {claimant} gave a higher figure.",
        f"In {{city}}, {n} {r.choice(CIV_NOUNS)} were killed and dozens more hurt when {{weapon}} struck {{target}}.",
        f"{cap} reported that {fig} {noun} {verb} in a single week of fighting.",
        f"More than {big} people have been displaced by the fighting in {{region}}, {claimant} said.",
        f"During {r.choice(EARLIER_WARS)}, {r.choice(['about', 'some', 'more than'])} "
        f"{_comma(r.randint(3, 900) * 100)} troops were killed, {r.choice(SOURCES_OF_RECORD)}.",
        f"Officials said {n} {r.choice(['soldiers', 'civilians', 'guards'])} died in a raid near {{city}}.",
    ]
    weights = [14, 10, 6, 5, 6, 5, 5, 5, 4, 4, 3, 5, 4, 5, 4, 3, 3, 4]
    return r.choices(templates, weights=weights)[0]


# --------------------------------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------------------------------

TOPIC_WEIGHTS = {
    "conflict": 30,
    "politics": 14,
    "economy": 14,
    "sport": 10,
    "weather": 10,
    "courts": 11,
    "science": 11,
}
# Within conflict documents: share of sentences that are casualty sentences; conflict docs are about 28 % of
# the corpus, so about 7 % of all sentences are casualty sentences.
CASUALTY_RATE_IN_CONFLICT = 0.245
TRAP_RATE = 0.02
DIGIT_TEMPLATE_RATE = 0.40  # chance a non-casualty sentence is drawn from a topic's "num" list
HEADLINES = {
    "politics": [
        "Coalition talks stall in {home}",
        "{party} sets out its programme",
        "Vote on reform delayed again",
        "{person} faces a leadership test",
    ],
    "economy": [
        "{company} beats forecasts",
        "Inflation slows but prices stay high",
        "Central bank holds rates",
        "Jobs cut at plant near {home}",
    ],
    "sport": ["{club} edge past {club2}", "Late goal settles {event}", "Record crowd in {home}"],
    "weather": ["{weather} disrupts travel", "Warnings issued as {weather} arrives", "A wet month in {home}"],
    "courts": ["{person} sentenced for {crime}", "Court fines {company}", "Trial hears from key witness"],
    "science": ["{field} describe {thing}", "Study links diet to longer life", "New telescope opens"],
    "conflict": [
        "Strikes hit {city} overnight",
        "Fighting intensifies near {city}",
        "Toll rises in {city}",
        "Talks stall as shelling continues",
        "Aid reaches {region} after delay",
    ],
}

_SPACES = re.compile(r"\s+")
# Sentence-initial words that an opener ("Meanwhile, ...") may lower-case; names keep their capital.
_LOWERABLE = {
    "The",
    "A",
    "An",
    "About",
    "More",
    "Only",
    "Air",
    "Explosions",
    "Heavy",
    "Engineers",
    "Both",
    "Volunteers",
    "Mobile",
    "Aid",
    "Diplomats",
    "Critics",
    "Members",
    "Analysts",
    "Officials",
    "Several",
    "Economists",
    "Retailers",
    "Manufacturers",
    "Trade",
    "Bond",
    "Small",
    "Rain",
    "Coaches",
    "Temperatures",
    "Forecasters",
    "Wind",
    "Rainfall",
    "Drivers",
    "Farmers",
    "Schools",
    "Residents",
    "Ferries",
    "Gardeners",
    "Prosecutors",
    "Lawyers",
    "Outside",
    "Witnesses",
    "Researchers",
    "Independent",
    "Funding",
    "Polls",
    "Turnout",
    "Inflation",
    "Shares",
    "Exports",
    "Unemployment",
    "Petrol",
    "Satellite",
    "Western",
    "Police",
    "Voters",
    "Fans",
    "Losses",
    "Travellers",
    "Investigators",
}


@dataclass(frozen=True)
class CorpusDoc:
    id: str
    text: str
    published: date
    topic: str
    sentences: int
    casualty_sentences: int
    trap_sentences: int
    digit_sentences: int


def _fill(r: random.Random, template: str, extra: dict) -> str:
    s = _SPACES.sub(" ", template.format_map(_Slots(r, extra))).strip()
    return s[:1].upper() + s[1:]


def _capitalise(s: str) -> str:
    return s[0].upper() + s[1:] if s else s


def _sentence(r: random.Random, topic: str, conflict: tuple[str, ...]) -> tuple[str, str]:
    """(kind, sentence): kind is "casualty", "trap" or "other"."""
    extra = {"forces": _capitalise(conflict[2]), "city": r.choice(conflict[6])}
    if topic == "conflict" and r.random() < CASUALTY_RATE_IN_CONFLICT:
        return "casualty", _fill(r, _casualty(r, conflict), extra)
    if r.random() < TRAP_RATE:
        return "trap", _fill(r, r.choice(TRAPS), extra)
    # Conflict docs borrow some politics/economy sentences; other docs stay on their topic.
    src = topic
    if topic == "conflict" and r.random() < 0.2:
        src = r.choice(["politics", "economy"])
    pool = TOPICS[src]["num" if r.random() < DIGIT_TEMPLATE_RATE else "plain"]
    body = _fill(r, r.choice(pool), extra)
    opener = _fill(r, r.choice(OPENERS), extra)
    if opener:
        first, _, rest = body.partition(" ")
        if first in _LOWERABLE:
            first = first.lower()
        body = f"{opener} {first} {rest}"
    attributed = " said" in body or "according to" in body or " told " in body
    ending = "" if attributed else r.choice(ENDINGS)
    if ending and body.endswith("."):
        body = body[:-1] + ending + "."
    return "other", body


def generate(n_docs: int = 1000, words_per_doc: int = 600, seed: int = 20240301) -> list[CorpusDoc]:
    """`n_docs` documents of about `words_per_doc` whitespace words each, deterministic for `seed`."""
    r = random.Random(seed)
    topics, weights = list(TOPIC_WEIGHTS), list(TOPIC_WEIGHTS.values())
    start = date(2022, 2, 24)
    docs: list[CorpusDoc] = []
    for i in range(n_docs):
        topic = r.choices(topics, weights=weights)[0]
        conflict = r.choice(CONFLICTS)
        published = start + timedelta(days=r.randint(0, 900))
        target = int(words_per_doc * r.uniform(0.9, 1.1))
        headline = _fill(r, r.choice(HEADLINES[topic]), {"city": r.choice(conflict[6])})
        dateline = (r.choice(conflict[6]) if topic == "conflict" else r.choice(HOME_CITIES)).upper()
        paragraphs: list[str] = []
        para: list[str] = []
        words = len(headline.split())
        counts = {"casualty": 0, "trap": 0, "other": 0}
        digit = 0
        para_len = r.randint(2, 4)
        while words < target:
            kind, s = _sentence(r, topic, conflict)
            counts[kind] += 1
            digit += any(ch.isdigit() for ch in s)
            if not paragraphs and not para:
                s = f"{dateline} — {s}"
            para.append(s)
            words += len(s.split())
            if len(para) >= para_len:
                paragraphs.append(" ".join(para))
                para, para_len = [], r.randint(2, 4)
        if para:
            paragraphs.append(" ".join(para))
        text = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
        docs.append(
            CorpusDoc(
                id=f"bench-{i:05d}",
                text=text,
                published=published,
                topic=topic,
                sentences=sum(counts.values()),
                casualty_sentences=counts["casualty"],
                trap_sentences=counts["trap"],
                digit_sentences=digit,
            )
        )
    return docs


def vocabulary_size(docs: list[CorpusDoc]) -> int:
    """Distinct lower-cased alphabetic word forms in the corpus."""
    seen: set[str] = set()
    for d in docs:
        seen.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", d.text))
    return len(seen)


if __name__ == "__main__":  # a quick look: python benchmarks/_corpus.py
    sample = generate(3, 600, 1)
    for d in sample:
        print(d.id, d.topic, d.published, d.sentences, "sentences", d.casualty_sentences, "casualty")
        print(d.text[:1200])
        print("-" * 60)


def host_gflops(seconds: float = 1.0) -> float:
    """One thread of numpy's single-precision matrix product on 512x512, in GFLOP/s: a probe of how fast this host
    is right now, printed beside each benchmark so that figures from different days or machines can be compared
    (131 on the project machine on a quiet day; shared hosts vary by a third)."""
    import time

    import numpy as np
    from threadpoolctl import threadpool_limits

    a = np.random.default_rng(0).random((512, 512), dtype=np.float32)
    with threadpool_limits(1, "blas"):
        a @ a
        best = 0.0
        for _ in range(3):
            t, n = time.perf_counter(), 0
            while time.perf_counter() - t < seconds / 3:
                a @ a
                n += 1
            best = max(best, n * 2 * 512**3 / (time.perf_counter() - t) / 1e9)
    return best
