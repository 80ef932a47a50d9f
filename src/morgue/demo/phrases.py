"""Sentence, quote and headline templates for each section of the demo archive.

A template is text with ``{slot}`` fields filled from a story's cast (see
``stories.py``) and ``[a|b|c]`` alternatives, one of which is picked at random.
The words are chosen so that each section can be told from its content alone
(sport talks about matches and goals, business about shares and profits), which
is what a later topic classifier has to learn.
"""

from __future__ import annotations

import re
from itertools import product
from math import prod
from typing import NamedTuple

SECTIONS = ("news", "politics", "business", "sport", "culture", "science", "opinion",
            "obituaries")

# Story plans: each is (topic, headline, lead). The headline and the lead tell one story: a choice
# written "[=key:a|b|c]" is made once per story, and every "[=key:…]" in it takes the same position,
# so "Fire [=hit:destroys|guts]" goes with "a blaze [=hit:destroyed|gutted]". Body sentences marked
# with a topic ("fire: …") are used only in stories of that topic; unmarked ones fit any story of
# the section.
PLANS = {
    "news": (
        ("fire", "Fire [=hit:destroys|guts|damages] [=building:warehouse|bakery|row of shops] on {street}",
         "[Firefighters|Crews from three stations] [spent the night|battled for hours] [tackling|bringing under control] a blaze that [=hit:destroyed|gutted|damaged] a [=building:warehouse|bakery|row of shops] on {street} in {town}, [officials said|the fire service said] on {day}."),
        ("flood", "{Town} residents [=flood:told to boil water|evacuated] after [=cause:flooding|burst main|storm damage]",
         "Residents of {town} were [=flood:told to boil their water|moved out of their homes] on {day} after [=cause:flooding|a burst main|storm damage] [left|cut off] {big} households."),
        ("crime", "Police [=police:appeal for witnesses|make arrest] after {street} [=crime:robbery|collision|break-in]",
         "Police [=police:are appealing for witnesses|have arrested a man] after a [=crime:robbery|collision|break-in] on {street} in {town} late on {day}."),
        ("roads", "[New|Long-awaited] bypass for {Town} [=bypass:approved|delayed again]",
         "The bypass around {town} was [=bypass:approved|delayed again] on {day}, [=bypass:ending|prolonging] {num} years of [argument|traffic misery]."),
        ("school", "{Town} school [=school:closes|reopens] after [=why:roof collapse|heating failure]",
         "A [primary school|secondary school] in {town} [=school:was closed|reopened] on {day} [=school:after|a month after] [=why:part of its roof collapsed|its heating failed]."),
        ("roads", "Bridge on {street} [=bridge:to close|closed] for [=work:repairs|safety checks]",
         "The bridge on {street} in {town} [=bridge:will close|was closed] [=bridge:next month|on {day}] for [=work:repairs|safety checks] that engineers expect to last {n} weeks."),
        ("hospital", "{Hospital} [=ward:expands|cuts] [=service:night services|emergency ward]",
         "{Hospital} [=ward:will expand|is to cut] its [=service:night services|emergency ward], health managers said on {day}, [=ward:after a rise in|blaming a fall in] patient numbers."),
    ),
    "politics": (
        ("council", "{p1t} [vows|promises] to [=plan:rebuild the town centre|push on with the harbour scheme]",
         "{p1} [promised|vowed] on {day} to [=plan:rebuild the town centre|push ahead with the harbour scheme] after {council} narrowly voted {votes} to approve it."),
        ("election", "{Party} [=won:wins|loses] {town} by-election",
         "{Party} [=won:won|lost] the {town} by-election on {day}, [=won:taking|losing] the seat by {big} votes on a turnout of {pct} per cent."),
        ("council", "Council votes to [=rates:raise|freeze] {town} rates",
         "{council} voted on {day} to [=rates:raise local rates by {pct} per cent|freeze local rates for a second year], [after a heated debate|despite protests outside the chamber]."),
        ("council", "Minister [=backs:backs|rejects] {town} [=scheme:rail|harbour|housing] scheme",
         "The minister [=backs:backed|rejected] plans for a new [=scheme:rail link|harbour wall|housing estate] in {town} on {day}, [=backs:delighting|dealing a blow to] {party}."),
        ("council", "{p1t} [resigns|steps down] over [=row:expenses|planning] row",
         "{p1} [resigned|stepped down] on {day} after [=row:an inquiry into expenses claims|a row over planning decisions] that had [split|divided] {council}."),
    ),
    "business": (
        ("results", "{Org} [=up:profits jump|profits slump] {pct} per cent",
         "Profits at {org} [=up:rose|fell] {pct} per cent to {money} [last year|in the first half], [=up:beating|missing] [analysts’ forecasts|expectations]."),
        ("jobs", "{Org} to [=jobs:cut|create] {num} jobs at {town} [=site:plant|works|depot]",
         "{org} [=jobs:will cut|plans to create] {num} jobs at its {town} [=site:plant|works|depot], the company said on {day}, [=jobs:blaming weak orders|citing strong demand]."),
        ("deal", "{Org} [=deal:agrees|abandons] [=kind:takeover|merger] with {org2}",
         "{org} [=deal:has agreed|has walked away from] a [=kind:{money} takeover|merger] with {org2}, [=deal:ending|after] months of talks."),
        ("results", "Shareholders [=vote:back|reject] {org} pay deal",
         "Shareholders in {org} [=vote:backed|rejected] the board’s pay plans at the annual meeting in {town} on {day}, with {pct} per cent of votes [=vote:in favour|against]."),
        ("jobs", "{Town} factory [=factory:reopens|closes] as [=factory:orders return|demand dries up]",
         "A {town} factory [=factory:reopened|closed] on {day} as [=factory:orders returned|demand dried up], [=factory:bringing back|putting] {num} jobs [=factory:to the town|at risk]."),
        ("rates", "Interest rate [=rate:rise hits|cut helps] {town} exporters",
         "Exporters in {town} [=rate:were hit by|welcomed] the interest rate [=rate:rise|cut] announced on {day}, [=rate:warning of|hoping for] [higher|lower] costs on loans."),
    ),
    "sport": (
        ("match", "{Team1} [=win:beat|edge past|thrash] {team2} {score}",
         "{team1} [=win:beat|edged past|thrashed] {team2} {score} at {venue} on {day}, [moving up|climbing] to {ordinal} in the league table."),
        ("draw", "{Team1} and {team2} [draw|share the points] {draw}",
         "{team1} and {team2} [played out|fought out] a {draw} draw at {venue} on {day}, [a result that suits neither side|leaving both clubs short of the play-off places]."),
        ("match", "[=late:Late goal|Penalty|Injury-time header] wins it for {team1}",
         "[=late:A late goal|A penalty|An injury-time header] from {p3} gave {team1} a {score} win over {team2} in front of {big} [supporters|fans] at {venue}."),
        ("manager", "{Team1} sack manager after poor run",
         "{team1} [sacked|parted company with] their manager on {day} after a run of {n} defeats left the club [in the relegation places|bottom of the table|nineteenth in the division]."),
        ("match", "{p3s} [=goals:double|hat-trick] lifts {team1}",
         "{p3} scored [=goals:twice|three times] as {team1} beat {team2} {score} at {venue} on {day}."),
    ),
    "culture": (
        ("show", "[=show:New exhibition|Retrospective] [opens|draws crowds] at {gallery}",
         "A [=show:new exhibition|retrospective] of [paintings|photographs|sculpture] by {p1n} [opened|drew long queues] at {gallery} on {day}."),
        ("festival", "{Town} festival [=fest:returns|sells out] [=with:with record line-up|despite the rain]",
         "The {town} festival [=fest:returned|sold out] this [summer|weekend] [=with:with a record line-up of {n} stages|despite the rain], drawing more than {big} visitors."),
        ("review", "[Review|First night]: {work} at {gallery}",
         "{work}, the [new play|opera|novel adaptation] at {gallery}, is [a triumph|uneven but brave|long and rewarding], [with|thanks to] a [fine|fearless] performance from {p1}."),
        ("prize", "[=art:Novelist|Composer|Painter] {p1s} [=won:wins|shortlisted for] {prize}",
         "The [=art:novelist|composer|painter] {p1n} [=won:has won|has been shortlisted for] {prize} for [=art:a novel|a symphony|a series of canvases] about [the harbour|childhood in {town}|the mills]."),
        ("funding", "{Gallery} [=saved:to close|saved] after [=saved:funding row|public appeal]",
         "{gallery} [=saved:will close at the end of the year|has been saved] after [=saved:a row over its council funding|a public appeal raised {money}], its trustees said on {day}."),
    ),
    "science": (
        ("discovery", "[Researchers|Scientists] [=find:discover|identify] new [=what:species|compound|fault line] near {town}",
         "Researchers at {uni} have [=find:discovered|identified] a new [=what:species of beetle|compound|fault line] near {town}, according to a study published in {journal}."),
        ("study", "{Uni} study [=link:links|finds no link between] {topic}",
         "A [study|ten-year survey] by {uni} has [=link:found a link between|found no link between] {topic}, researchers said on {day}."),
        ("space", "[=inst:Telescope|Probe|Survey] [=saw:spots|maps|detects] {object}",
         "The [=inst:telescope|probe|survey] run by {uni} has [=saw:spotted|mapped|detected] {object}, astronomers reported in {journal}."),
        ("trial", "Trial shows new [=drug:treatment|vaccine] cuts {illness}",
         "A clinical trial of {big} patients at {hospital} shows a new [=drug:treatment|vaccine] cuts {illness} by {pct} per cent, researchers said on {day}."),
        ("climate", "[=heat:Warming seas|Drought] [threaten|change] {town} [=what:wildlife|coastline]",
         "[=heat:Warming seas|Years of drought] are changing the [=what:wildlife|coastline] around {town}, a {uni} survey published in {journal} has found."),
    ),
    "opinion": (
        ("plea", "[Why|How] {town} [must|should] [=verb:rethink|protect] {thing}",
         "It is time for {town} to [=verb:rethink|stand up for] {thing}. [For too long|For {num} years], [we have|the council has] [looked away|muddled through]."),
        ("plea", "The council has failed on {thing}",
         "[Few|Not many] [readers|people in {town}] will [mourn|defend] {thing}, but this newspaper believes the council has failed it."),
        ("letter", "A letter to the people of {town}",
         "[I have lived|My family has lived] in {town} for {num} years, and I [have never seen|cannot remember] {thing} in such a state."),
        ("plea", "In praise of {thing}",
         "[This newspaper|We] [have argued|have long believed] that {thing} deserves better than [it gets|a line in the budget]."),
    ),
    "obituaries": (
        ("charity", "{p1n}, [founder|champion] of {charity}, dies at {age}",
         "{p1}, who [=c:founded|championed] {charity} and [=c:ran it|worked for it] for {num} years, died on {day} [at home in {town}|in hospital|after a short illness]. {He} was {age}."),
        ("career", "{p1n}: a life in {calling}",
         "{p1}, whose life was given to {calling} in {town} for [half a century|{num} years], has died at the age of {age}."),
        ("first", "Tributes paid to {p1n}, {town}’s first {role}",
         "{p1n}, who became {town}’s first {role} in [the year the mills closed|a year of change for the town], has died at the age of {age}."),
        ("career", "{p1n}, [=job:teacher|doctor|campaigner] who served {town}, dies aged {age}",
         "{p1}, [=job:a teacher|a doctor|a campaigner] who served {town} for {num} years, has died at the age of {age}."),
    ),
}

BODY = {
    "news": (
        "[A spokesman for|A spokeswoman for] {council} said [an update|more details] would follow [next week|on {day2}].",
        "[Residents|People in {town}] [were invited|are being asked] to [a public meeting|a drop-in session] at the [library|community centre] on {street2} on {day2}.",
        "The news [spread quickly through {town}|was the talk of {street}] [by the evening|within hours].",
        "{p2} said [lessons would be learned|the town would pull together] [and|while] [a full report|a review] [was prepared|would follow].",
        "fire,crime: [No one was hurt|Two people were treated for smoke inhalation|One man was taken to {hospital}], [a spokesman said|officials confirmed].",
        "fire,crime,flood,roads: The [road|street] [remained closed|was reopened] [overnight|by the afternoon] while [engineers|investigators] [examined the site|checked the damage].",
        "fire: Neighbours said they [heard a loud bang|saw smoke] [shortly after midnight|just before dawn].",
        "fire,crime: Police [cordoned off|sealed] {street} and [asked drivers to avoid the area|diverted buses] [for several hours|until the evening].",
        "fire: [The cause|What started it] [is not yet known|is under investigation], [police said|the fire service said].",
        "fire,flood,crime: It is the {ordinal} [such incident|fire|flood] in {town} [this year|in {n} months].",
        "fire,flood: [Volunteers|Local businesses] [set up|opened] a [collection point|rest centre] at the [church hall|community centre] on {street2}.",
        "fire,flood,school: [Insurance assessors|Council inspectors] are expected [on site|in {town}] [later this week|on {day2}].",
        "flood: The [water company|council|fire service] said [{big} homes|hundreds of people] had been [affected|contacted].",
        "crime: Anyone with information is asked to [call police|contact the station on {street2}].",
    ),
    "politics": (
        "council: The motion [passed|was carried] by {votes} [after a three-hour debate|with two abstentions].",
        "[Opposition|Rebel] councillors [accused|criticised] the [administration|leadership] of [rushing the vote|ignoring residents|wasting public money].",
        "{Party} [now controls|has lost control of] {council} [for the first time in|after] {num} years.",
        "council: The [budget|plan] [includes|sets aside] {money} for [roads|schools|social housing|the harbour wall].",
        "[Campaigners|Residents] [gathered|protested] outside the town hall [before the vote|during the meeting], [holding placards|chanting].",
        "election: [Ballot papers|Postal votes] were counted [overnight|at the leisure centre], with [the result|turnout] declared [just after 3 a.m.|on {day2}].",
        "[Critics|Opponents] say the [rise|scheme] will [hit pensioners hardest|cost more than promised|take years to deliver].",
        "The [minister|council leader] is expected to [set out|publish] [further details|a timetable] [next month|before the recess].",
        "election: [Both parties|All sides] [claimed|insisted] the [result|vote] [vindicated|justified] their [campaigns|positions].",
    ),
    "business": (
        "results,jobs,deal: [Revenue|Turnover|Sales] [rose|fell] {pct} per cent to {money}, [the company said|according to the annual report].",
        "results: [Analysts|Investors] had [expected|forecast] [profits|earnings] of about {money2}.",
        "results,deal: The [shares|stock] [closed|finished the day] {pct2} per cent [higher|lower] [on the exchange|at {price} pence].",
        "The company [employs|has] {big} people, [most of them|about half] in {town}.",
        "jobs: [Unions|Staff representatives] [said they would fight|welcomed] the [job cuts|plan] and [called for talks|asked for guarantees].",
        "results: [The board|Directors] [recommended|proposed] a [final dividend|payout] of {price} pence a share.",
        "[Rising costs|Higher interest rates|Cheaper imports] [have squeezed|have helped] [margins|orders] across the [sector|industry].",
        "deal: [The deal|The merger] [values|would value] the [group|business] at {money2} and [needs|still needs] [regulatory approval|shareholder approval].",
        "[Debt|Borrowing] at the group [fell|rose] to {money2} [at the end of the year|over the period].",
        "[Orders|Exports] to {city} [picked up|slowed] in the [final quarter|second half], [it said|the company added].",
    ),
    "sport": (
        "manager: The club said a successor would be named [before the next match|within a fortnight].",
        "manager: {p2} [will take charge|takes temporary charge] of the team for the visit of {team2} on {day2}.",
        "manager: [Supporters|Fans] had [called for a change|chanted against the board] [at the last home game|for weeks].",
        "match,draw: {team1} [took the lead|went ahead] [after {minute} minutes|midway through the first half] when {p2} [headed in|fired home] from a [corner|free kick|cross].",
        "match,draw: {team2} [equalised|pulled one back] [early in the second half|on the hour] [through|thanks to] a [penalty|deflected shot] from {p3}.",
        "match: The [win|result] [leaves|lifts] {team1} {n} points [clear|behind the leaders] with {n2} [matches|games] [left|to play].",
        "match,draw: [A crowd of|Some] {big} [watched|saw the match] at {venue} [despite the rain|in bright sunshine].",
        "match,draw: {p3} was [booked|sent off] [for a late tackle|after a second yellow card] [ten minutes from time|just before half-time].",
        "match: [The goalkeeper|Their keeper] [made a string of saves|kept a clean sheet] to [keep|preserve] the [score|lead].",
        "match: {team2} [have now lost|are without a win in] {n} [league games|matches] [this season|since the autumn].",
        "[Next up|Next weekend], {team1} [travel to|host] {team3} in the [cup|league].",
        "[The striker|The midfielder] {p3} [has scored|now has] {n2} goals [this season|in his last five games].",
    ),
    "culture": (
        "show,festival,review: The [exhibition|show|season] [runs until|continues until] the end of [the month|the summer] and [admission is free|tickets cost {price} pounds].",
        "[Critics|Audiences] [have praised|were divided over] the [staging|hang|score], [which|and it] [draws on|borrows from] [folk songs|old photographs|the town’s mills].",
        "show,festival: [More than|Nearly] {big} [visitors|people] [came|attended] on the opening [weekend|night].",
        "The [gallery|theatre|festival] [received|lost] {money} in [public funding|sponsorship] [last year|this season].",
        "[The director|The curator] {p2n} said the [programme|collection] [was chosen|had been assembled] over {n} years.",
        "show,review,festival: [A second|A new] [performance|date|room] has been added [to meet demand|after the first sold out].",
        "prize,review: [The novel|The album|The film] [was first published|came out] {num} years ago and [has never been out of print|divided critics at the time].",
        "[Young|Local] [musicians|artists|actors] from {town} [open|close] the [evening|programme] with [a short set|new work].",
    ),
    "science": (
        "study,trial,climate,discovery: The [researchers|team] [collected|analysed] [samples|data] from {big} [sites|patients|stars] over {n} years.",
        "[The findings|The results] [were published|appear] in {journal} [this week|on {day}].",
        "study,trial: [Further work|A larger trial] is [needed|planned] before [any treatment|the method] can be [used widely|approved].",
        "discovery,space: [The species|The compound|The signal] was [first noticed|spotted] by [a student|a volunteer] [during fieldwork|on a routine survey].",
        "[Funding|Money] for the [project|research] came from {org} and a {money} [grant|award].",
        "[Other scientists|Independent experts] [cautioned|said] that the [sample|study] was [small|early] and [the effect|the link] [may not hold|needs testing].",
        "study,climate,trial: [Measurements|Readings] showed a [rise|drop] of {pct} per cent [compared with|against] the [previous decade|control group].",
        "space,discovery: [The telescope|The instrument|The laboratory] [at|near] {town} [cost|was built for] {money} and [opened|began work] {num} years ago.",
    ),
    "opinion": (
        "[The truth is|Let us be honest:] [nobody|no one in charge] [has a plan|wants to pay] for {thing}.",
        "[We have|This newspaper has] [said before|argued for years] that [small savings|short-term fixes] [cost more in the end|only delay the bill].",
        "[Ask anyone|Talk to anyone] on {street} and [you will hear|they will tell you] the same [story|thing].",
        "[Of course|Yes,] [money is tight|times are hard]. But [a town|a community] that [neglects|forgets] {thing} [pays for it later|loses something it cannot buy back].",
        "[The council|The government] [should|must] [listen|think again] [before it is too late|while there is still time].",
        "[Our readers|Many of you] have written to [say|tell us] [much the same|that they agree].",
        "[What is needed|What we ask] is [simple|modest]: [an honest budget|a clear timetable|a public meeting] and [a straight answer|a vote].",
    ),
    "obituaries": (
        "[Born in|Raised in] {town2}, {he} [left school at fifteen|studied at {uni}] and [worked in|joined] [the mills|the harbour office|a local practice].",
        "[For {num} years|For decades] {he} [ran|led] {charity}, [raising|collecting] {money} for [families in need|the lifeboat|the hospice].",
        "[Friends|Colleagues] [remember|recall] a [generous|stubborn|funny] {man} who [never missed a meeting|knew everyone on {street}].",
        "{He} [was made|became] [a freeman|an honorary citizen] of {town} in [the same year|recognition of that work].",
        "{He} is survived by [{n} children|a sister|{n} grandchildren] and [a wide circle of friends|the many people {he} helped].",
        "[The funeral|A memorial service] will be held at [St Mary’s Church|the Friends Meeting House] on {street} on {day2}.",
    ),
}

QUOTES = {
    "news": (
        "fire,flood: We will rebuild", "fire: It was terrifying, the whole street was lit up",
        "fire,flood: Our crews did a remarkable job in very difficult conditions",
        "fire,crime: We are keeping an open mind about the cause",
        "flood: People need to stay away from the water until we say it is safe",
        "roads: Nobody should have to wait this long for a bridge to be fixed",
        "school,hospital: The families deserve a straight answer about what happens next",
        "hospital: Patients will always come first in this hospital",
        "school: The children’s safety is the only thing that matters",
        "crime: We are asking anyone who saw anything to come forward",
    ),
    "politics": (
        "council: We will rebuild", "This is a vote for the whole of {town}",
        "election: The people have spoken and we will listen",
        "council: Nobody likes raising rates, but the money has to come from somewhere",
        "This plan has been rushed through without proper scrutiny",
        "We are not going anywhere", "I have never been prouder of this town",
    ),
    "business": (
        "This has been a difficult year for the whole industry",
        "We remain confident in the long-term future of the {town} site",
        "jobs,results: Our order book has never been stronger",
        "deal: The board believes this deal is in the best interests of shareholders",
        "jobs: These are painful decisions and we do not take them lightly",
        "Margins are under pressure from every direction",
    ),
    "sport": (
        "match,draw: The lads gave everything today", "draw: We were second best for an hour",
        "match: That’s the best we’ve played all season",
        "manager: The club thanks him for his work and wishes him well",
        "draw: You don’t win anything by drawing at home",
        "draw: The referee had a shocker, but we can’t hide behind that",
        "match: We’ll take the three points and move on",
    ),
    "culture": (
        "show,prize: I wanted people to see the town as it really was",
        "review,festival: Every night has been different, and that is the joy of it",
        "funding: We cannot keep the doors open on goodwill alone",
        "prize: It took me ten years to finish, and I would do it again",
        "Music belongs to everyone in this town",
    ),
    "science": (
        "discovery: This is the first time anyone has seen this in the wild",
        "The data are clear, but we need to understand why",
        "It is an exciting result, but it is one study",
        "discovery,space: We were not expecting to find anything at all",
        "trial: This could change how we treat patients within a decade",
    ),
    "opinion": (),
    "obituaries": (
        "{He} never said no to anyone who knocked on the door",
        "{He} was the heart of this community",
        "There will never be another like them",
        "Everyone in {town} owes something to that family",
    ),
}

QUOTE_FORMS = (
    "“{quote},” said {who}.",
    "“{quote},” {who} said.",
    "“{quote},” {who} told [the paper|reporters|a packed meeting].",
    "{who} said: “{quote}.”",
    "“{quote},” said {who}. “[We owe it to people|It matters|That is the point].”",
)

FILLERS = {
    "thing": ("the town’s libraries", "the harbour", "the bus routes", "the old mills",
              "the parks", "the high street", "local newspapers", "the schools",
              "the night shelter", "the lifeboat station", "the swimming baths"),
    "topic": ("coffee and longer life", "sea temperatures and storm damage",
              "screen time and sleep", "air pollution and asthma", "diet and memory"),
    "object": ("a comet heading for the inner solar system", "a faint ring around a nearby star",
               "a new moon of Saturn", "an ancient riverbed under the moor"),
    "illness": ("infection rates", "hospital stays", "relapses", "complications after surgery"),
    "work": ("The Tide Clock", "Salt and Iron", "A Winter at the Quay", "The Glass Orchard",
             "Nine Bells", "Harbour Lights", "The Last Tram"),
    "prize": ("the Northern Book Prize", "the Vale Arts Medal", "the Kestrel Award",
              "the Harbour Prize for Music"),
    "calling": ("public service", "the classroom", "medicine", "the lifeboats", "music"),
    "role": ("woman mayor", "lifeboat coxswain", "headmistress", "librarian", "GP"),
}


class NamedChoice(NamedTuple):
    """A choice made once per story: every template of the story with the same key takes the same position."""

    key: str
    options: tuple[str, ...]


def compile_template(text: str) -> tuple:
    """Return a template ready to fill: a tuple of whole strings or of parts.

    A template with few combinations of alternatives is expanded in advance
    into every combination (one random pick then chooses the sentence); one
    with many is kept as parts — fixed strings and tuples of alternatives. A
    named choice ("[=key:a|b]") is kept as a list ``[key, (a, b)]``: the
    story makes it once.
    """
    parts: list = []
    named = False
    for piece in re.split(r"(\[[^\]]*\])", text):
        if piece.startswith("[=") and piece.endswith("]"):
            key, _, options = piece[2:-1].partition(":")
            parts.append(NamedChoice(key, tuple(options.split("|"))))
            named = True
        elif piece.startswith("[") and piece.endswith("]"):
            parts.append(tuple(piece[1:-1].split("|")))
        elif piece:
            parts.append((piece,))
    if not named and prod(len(p) for p in parts) <= _EXPAND_LIMIT:
        return ("whole", tuple("".join(combo) for combo in product(*parts)))
    return ("parts", tuple(p[0] if isinstance(p, tuple) and len(p) == 1 else p for p in parts))


# Expanding every template fully would take a few hundred thousand strings.
_EXPAND_LIMIT = 200
_TAG = re.compile(r"([a-z]+(?:,[a-z]+)*): ")


def _compile_all(table: dict) -> dict:
    return {key: tuple(compile_template(t) for t in items) for key, items in table.items()}


def _compile_body(table: dict) -> dict:
    """Return each section's body sentences as (topics or None for any, compiled template)."""
    compiled = {}
    for section, items in table.items():
        rows = []
        for text in items:
            tag = _TAG.match(text)
            topics = frozenset(tag.group(1).split(",")) if tag else None
            rows.append((topics, compile_template(text[tag.end():] if tag else text)))
        compiled[section] = tuple(rows)
    return compiled


# Compiled once at import: expanding "[a|b]" per sentence would otherwise be
# the slowest part of writing a million articles.
PLAN_TEMPLATES = {section: tuple((topic, compile_template(h), compile_template(lead)) for topic, h, lead in plans)
                  for section, plans in PLANS.items()}
HEADLINE_TEMPLATES = {section: tuple(h for _t, h, _l in plans) for section, plans in PLAN_TEMPLATES.items()}
BODY_TEMPLATES = _compile_body(BODY)
QUOTE_TOPICS = {section: tuple((frozenset(m.group(1).split(",")) if (m := _TAG.match(q)) else None, q[m.end():] if m else q)
                               for q in quotes) for section, quotes in QUOTES.items()}
QUOTE_FORM_TEMPLATES = tuple(compile_template(t) for t in QUOTE_FORMS)
