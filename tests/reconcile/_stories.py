"""Invented news reports, and the two ways news gets repeated: syndicated copies and machine-reworded copies.

Every article, name and place here is made up for these tests. Four reports are about the same war on the same
day and share names, places and one figure (14 killed in Brennik), so that telling them apart is a real test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Story:
    key: str
    headline: str
    alt_headline: str  # what a syndicating outlet puts over the same copy
    dateline: str
    body: str

    @property
    def text(self) -> str:
        return f"{self.headline}\n\n{self.body}"


STORIES = (
    Story(
        key="brennik-market",
        headline="Shelling of Brennik market kills 14 civilians",
        alt_headline="Fourteen dead as shells hit crowded market in eastern Valdoria",
        dateline="BRENNIK, Valdoria",
        body="""Artillery shells struck the central market of Brennik on Saturday morning, killing 14 civilians and wounding at least 30 others, the regional governor said.

Governor Ilse Varkonen told reporters that the first shell landed shortly after nine o'clock, when the covered hall was full of shoppers buying bread and vegetables for the weekend. Two more shells followed within minutes, collapsing part of the roof.

"These were families, pensioners, children with their parents," Varkonen said, standing outside the damaged hall. "There is no military target anywhere near this street."

The Valdorian Ministry of Defence blamed Kestranian units positioned across the Dravna river, about twenty kilometres to the east. A spokesman for the Kestranian General Staff denied that its forces had fired on the town and said the claim was invented.

Ambulance crews worked through the afternoon to move the wounded to the regional hospital, where doctors appealed for blood donors. Among the dead were a market trader and her teenage son, according to a list published by the city council.

Brennik, a town of about 60,000 people, has been shelled repeatedly since the front line moved closer to the river last autumn. Local officials said one school and two clinics had already closed this month.

The governor declared three days of mourning and asked residents to stay near shelters until further notice.""",
    ),
    Story(
        key="lasova-battle",
        headline="Kestrania claims heavy Valdorian losses near Lasova",
        alt_headline="Kestranian army says 200 Valdorian troops killed in Lasova fighting",
        dateline="TIRASK, Kestrania",
        body="""The Kestranian General Staff said on Saturday that its forces had killed about 200 Valdorian soldiers in three days of fighting around the village of Lasova, a figure that could not be independently verified.

A spokesman, Colonel Teodor Malisz, told a televised briefing in Tirask that Kestranian armoured units had pushed Valdorian troops back from two defensive lines west of the Dravna river. He said 17 Kestranian servicemen had been killed and 45 wounded in the same period.

Valdoria's Ministry of Defence rejected the account as propaganda. Its own statement said Valdorian brigades were holding their positions near Lasova and had destroyed eleven armoured vehicles since Thursday.

Neither side allowed journalists near the fighting. Satellite images released by a commercial provider showed fresh craters and burned fields south of the village, but gave no indication of casualties.

Malisz also addressed the shelling of Brennik earlier in the day, in which Governor Ilse Varkonen says 14 civilians were killed. He called the accusation a provocation staged to win sympathy abroad and said no Kestranian battery was within range of the town.

Military analysts said Lasova matters because it sits on the only paved road connecting the northern farm districts with the regional capital. Losing it would force Valdorian supply convoys onto narrow tracks that turn to mud in spring.

The General Staff said its offensive would continue until the road was under Kestranian control.""",
    ),
    Story(
        key="dravna-displaced",
        headline="Thousands flee villages along the Dravna as fighting spreads",
        alt_headline="UN: 12,000 people displaced by Dravna river fighting this week",
        dateline="GENEVA",
        body="""About 12,000 people have left their homes in villages along the Dravna river this week, the United Nations humanitarian office said on Saturday, as fighting between Valdoria and Kestrania moved into farmland that had been largely spared.

Most of the displaced have travelled west by car, tractor or on foot to reception centres in Brennik and the regional capital, where schools and sports halls have been turned into dormitories. Aid workers said many arrived with only a bag of clothes and their documents.

"People tell us they waited until the shelling reached their own street," said Marta Olin, who coordinates the office's work in eastern Valdoria. "By then there was no time to bring animals or food."

The office said water and electricity had been cut in at least nineteen villages and that two bridges over the Dravna had been damaged, making it hard for convoys to reach the elderly residents who stayed behind.

Olin said her teams had also delivered medical supplies to the hospital in Brennik, which received dozens of wounded after Saturday's attack on the town market. Governor Ilse Varkonen has said 14 people were killed there.

The humanitarian office appealed for 40 million dollars to provide shelter, heating fuel and food for the coming three months. Only a fifth of the amount requested in its previous appeal has been received so far.

Donor governments are expected to discuss the appeal at a meeting next week.""",
    ),
    Story(
        key="geneva-talks",
        headline="Valdoria-Kestrania talks stall as prisoner exchange is postponed",
        alt_headline="Geneva talks between Valdoria and Kestrania end without agreement",
        dateline="GENEVA",
        body="""Negotiators from Valdoria and Kestrania ended a second round of talks in Geneva on Saturday without agreeing on a ceasefire, and a planned exchange of prisoners was postponed for at least a week.

The two delegations had been expected to sign an agreement under which each side would release 40 captured soldiers. Diplomats close to the talks said the deal collapsed over a list of names that Kestrania refused to confirm.

Valdoria's foreign minister, Anselm Drovic, said news of the deaths in Brennik, announced by Governor Ilse Varkonen, had reached the delegation during the morning session. "We were asked to discuss confidence building while 14 civilians were being buried," he told reporters. He said Valdoria would not return to the table until the shelling of towns stopped.

The Kestranian delegation issued a short statement saying it remained committed to dialogue and accusing Valdoria of using the Brennik incident to avoid concessions. It made no mention of the fighting around Lasova, where both armies claim to have inflicted heavy losses.

Swiss mediators said they would keep contact with both capitals and hoped to arrange a third round before the end of the month. They noted that the two sides had agreed, for the first time, on a channel for exchanging the bodies of soldiers killed in action.

Relatives of captured Valdorian soldiers held a silent protest outside the conference centre, carrying photographs of men they have not heard from since last summer.""",
    ),
    Story(
        key="qaseth-ambush",
        headline="Nine soldiers killed in ambush in southern Qaseth",
        alt_headline="Qaseth army patrol hit by roadside bomb and gunfire near Al-Miran",
        dateline="AL-MIRAN, Qaseth",
        body="""Nine Qasethi soldiers were killed and six wounded when their patrol was ambushed on a desert road near the town of Al-Miran on Saturday, the army said.

An army statement said the convoy of four vehicles struck a roadside bomb before fighters opened fire from a ridge overlooking the road. Reinforcements arrived by helicopter about an hour later and the attackers withdrew toward the Wadi Tesh valley.

The Northern Liberation Front, which has fought the government in Ma'dar for more than a decade, said in a message on a messaging channel that its fighters had carried out the attack. It claimed that twenty soldiers had died, a figure the army dismissed.

A resident of Al-Miran, reached by telephone, said the sound of explosions could be heard across the town and that shops closed early as military trucks drove through the main square.

The attack was the deadliest on the army in the south since January, when a checkpoint near the border was overrun. The government has since sent two additional battalions to the region and imposed a night curfew on several towns.

Interior minister Samir Haddan promised that those responsible would be found. "The desert will not hide them," he said in a short speech broadcast on state television.

The army said the wounded were taken to a military hospital in the capital and that two were in critical condition.""",
    ),
    Story(
        key="qaseth-convoy",
        headline="Aid workers missing after convoy attacked in Qaseth",
        alt_headline="Red Crescent loses contact with three staff in southern Qaseth",
        dateline="MA'DAR, Qaseth",
        body="""Three aid workers have been missing since their convoy was attacked on the road to the Wadi Tesh valley on Friday evening, the Qaseth Red Crescent said.

The society said the trucks were carrying flour, cooking oil and blankets for families who fled fighting in the south last month. Two drivers escaped on foot and walked through the night to reach a village, where residents gave them shelter and water.

"We have had no contact with our colleagues since the attack, and we are extremely worried," the society's director, Leila Farouz, said at a news conference. She appealed to whoever was holding them to let them go unharmed.

About 5,000 displaced people live in tents near the valley entrance, according to the society, and depend almost entirely on deliveries from the north. Farouz said the convoy route had been agreed with the authorities and with local elders beforehand.

No group has said it carried out the attack. The army said it had started a search operation with drones and ground patrols, and that the area had seen clashes with Northern Liberation Front fighters in recent weeks.

Aid agencies suspended all movement on southern roads until further notice. A spokesman for a coalition of relief groups said the suspension would hurt thousands of people who have no other source of food.

The society said its teams would continue working in the town of Al-Miran, where its clinic remains open.""",
    ),
    Story(
        key="coravel-boats",
        headline="Six fishermen missing after boats sink off Coravel",
        alt_headline="Coast guard searches for crew after two fishing boats sunk near Coravel islands",
        dateline="PORT ISEL, Coravel",
        body="""Six fishermen are missing after two boats sank near the disputed Lumen shoals on Saturday, the Coravel coast guard said, in an incident the islands' government blamed on a foreign patrol vessel.

According to the coast guard, the boats left Port Isel before dawn with eleven crew members between them. Five men were pulled from the water by another fishing boat and taken to hospital with hypothermia.

The survivors told officials that a grey patrol ship had sailed at high speed across their nets and struck one of the boats on its side, the fisheries minister, Ana Belcourt, said. The second boat overturned while trying to help.

The government of Coravel summoned the ambassador of neighbouring Ostmark and demanded an explanation. Ostmark's navy said one of its ships had been in the area on a routine patrol but denied any collision.

Coast guard aircraft and three vessels searched the shoals throughout the day in rough seas. Belcourt said the search would continue overnight but warned that the chances of finding survivors were falling.

The Lumen shoals are rich fishing grounds claimed by both countries, and fishermen from Port Isel have complained for months of being chased away by Ostmark patrols. Last year a similar confrontation ended with nets cut but no injuries.

Families of the missing gathered at the harbour in the evening, where a priest led prayers on the quay.""",
    ),
    Story(
        key="coravel-navy",
        headline="Ostmark navy detains Coravel sailors near disputed shoals",
        alt_headline="Ostmark says it captured 11 sailors from Coravel patrol boat",
        dateline="HALDEN, Ostmark",
        body="""The navy of Ostmark said on Saturday it had detained eleven sailors from a Coravel patrol boat that entered waters near the Lumen shoals, hours after Coravel accused an Ostmark ship of sinking two fishing boats.

An Ostmark navy spokesman, Commander Rune Aldahl, said the patrol boat had ignored repeated radio warnings and was boarded without shots being fired. The sailors were being held at the naval base in Halden and were in good health, he said.

Coravel's government called the detention an act of piracy and said the patrol boat had been searching for six missing fishermen. Fisheries minister Ana Belcourt said the crew were rescuers, not intruders.

Aldahl repeated that no Ostmark vessel had been involved in any collision and said the navy had offered to help with the search. He said a recording of the radio exchange would be shared with international maritime authorities.

The two countries have argued over the shoals for decades, but until now the dispute had been limited to fishing licences and the occasional seizure of nets. Diplomats in Halden said the detention marked a sharp escalation.

The foreign ministry of Ostmark said the sailors could be released once an investigation was complete, but gave no timetable. Relatives of the crew have asked to visit them.

Shipping companies have been advised to avoid the area until tensions ease.""",
    ),
)

BOILERPLATE = (
    "Copyright 2026 Northwire News Agency. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.\n\nSign up for our morning briefing to get the day's top stories in your inbox."
)


def syndicated(story: Story) -> str:
    """Wire copy as a client outlet prints it: its own headline, a dateline, curly quotes, a trimmed last
    paragraph and the agency's boilerplate."""
    paragraphs = story.body.split("\n\n")[:-1]
    paragraphs[0] = f"{story.dateline} (Northwire) \u2014 {paragraphs[0]}"
    body = "\n\n".join(paragraphs)
    body = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", body).replace("'", "\u2019")
    return f"{story.alt_headline}\n\n{body}\n\n{BOILERPLATE}"


# A spinner's thesaurus: one fixed replacement per word, as the article-rewriting tools do it, numbers included.
SYNONYMS = {
    "about": "roughly", "accused": "charged", "account": "version", "addressed": "tackled", "after": "following",
    "agency": "company", "agreed": "accepted", "agreement": "deal", "aid": "help", "aircraft": "planes",
    "amount": "sum", "announced": "declared", "appeal": "request", "appealed": "pleaded", "area": "region",
    "armed": "equipped", "army": "military", "arrived": "came", "attack": "assault", "attacked": "assaulted",
    "attackers": "assailants", "authorities": "officials", "because": "due to the fact that", "before": "prior to",
    "big": "large", "blamed": "faulted", "boat": "vessel", "boats": "vessels", "bomb": "explosive",
    "bring": "take", "broadcast": "aired", "building": "constructing", "buried": "interred", "buying": "purchasing",
    "called": "termed", "capital": "money", "carried": "conducted", "carrying": "transporting",
    "centre": "center", "chances": "odds", "children": "kids", "city": "metropolis", "claim": "assertion",
    "claimed": "asserted", "close": "near", "closed": "shut", "collapsed": "fell apart", "coming": "upcoming",
    "committed": "dedicated", "complained": "grumbled", "complete": "finished", "confirm": "verify",
    "continue": "proceed", "convoy": "column", "convoys": "columns", "country": "nation", "countries": "nations",
    "crew": "team", "damaged": "harmed", "deadliest": "most lethal", "deal": "arrangement", "decade": "ten years",
    "decades": "generations", "declared": "announced", "delivered": "supplied", "demanded": "insisted on",
    "denied": "refused", "destroyed": "wrecked", "died": "perished", "discuss": "talk about", "drove": "rode",
    "early": "soon", "eight": "8", "eleven": "11", "ended": "finished", "entered": "went into",
    "escaped": "fled", "expected": "anticipated", "explanation": "clarification", "extremely": "exceptionally",
    "families": "households", "fighters": "combatants", "fighting": "combat", "figure": "number",
    "finding": "locating", "fired": "shot", "first": "initial", "five": "5", "food": "meals", "forces": "troops",
    "four": "4", "full": "packed", "gathered": "collected", "gave": "offered", "government": "administration",
    "hard": "difficult", "heavy": "hefty", "help": "assist", "held": "kept", "hit": "struck", "homes": "houses",
    "hospital": "clinic", "hours": "hrs", "hurt": "harm", "incident": "event", "indication": "sign",
    "international": "global", "involved": "included", "largely": "mostly", "last": "past", "left": "departed",
    "limited": "restricted", "losses": "casualties", "main": "primary", "matters": "issues", "meeting": "conference",
    "message": "communication", "military": "armed forces", "minister": "secretary", "missing": "lacking",
    "month": "30 days", "moved": "relocated", "nine": "9", "nineteen": "19", "official": "formal",
    "officials": "authorities", "one": "1", "only": "just", "operation": "procedure", "others": "other people",
    "people": "individuals", "planned": "scheduled", "positions": "placements", "promised": "vowed",
    "provide": "offer", "published": "released", "reached": "got to", "received": "gotten", "refused": "declined",
    "region": "area", "regional": "local", "released": "launched", "remained": "stayed", "repeated": "duplicated",
    "reporters": "journalists", "residents": "locals", "road": "street", "roads": "streets", "said": "explained",
    "search": "hunt", "searched": "scoured", "second": "2nd", "seven": "7", "sharp": "steep", "shelling": "bombardment",
    "ship": "vessel", "short": "brief", "shortly": "soon", "since": "due to the fact", "six": "6", "soldiers": "troops",
    "sound": "noise", "spokesman": "representative", "started": "began", "statement": "declaration",
    "stopped": "ceased", "struck": "hit", "suspended": "halted", "talks": "negotiations", "ten": "10",
    "thousands": "hundreds of", "three": "3", "told": "informed", "town": "city", "towns": "cities",
    "trucks": "lorries", "twenty": "20", "two": "2", "until": "till", "warned": "cautioned", "week": "7 days",
    "village": "hamlet", "images": "pictures", "fresh": "new", "analysts": "experts", "narrow": "slim",
    "tracks": "trails", "units": "devices", "journalists": "reporters", "propaganda": "publicity",
    "briefing": "rundown", "independently": "separately", "verified": "confirmed", "whoever": "whomever", "within": "inside", "worked": "labored", "worried": "anxious", "wounded": "injured",
}


def reworded(text: str) -> str:
    """What a spinning tool makes of an article: every word it knows replaced by its fixed synonym."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = SYNONYMS.get(word.lower())
        if new is None:
            return word
        return new.capitalize() if word[0].isupper() else new

    return re.sub(r"[A-Za-z]+", swap, text)
