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

SECTIONS = ("news", "politics", "business", "sport", "culture", "science", "opinion",
            "obituaries")

HEADLINES = {
    "news": (
        "Fire [destroys|guts|damages] [warehouse|bakery|row of shops] on {street}",
        "{Town} residents [told to boil water|evacuated] after [flooding|burst main|storm damage]",
        "Police [appeal for witnesses|make arrest] after {street} [robbery|collision|break-in]",
        "[New|Long-awaited] bypass for {Town} [approved|delayed again]",
        "{Town} school [closes|reopens] after [roof collapse|heating failure|inspection]",
        "[Hundreds|Dozens] [join search|turn out] for missing {town} [walker|fisherman]",
        "Bridge on {street} [to close|closed] for [repairs|safety checks]",
        "{Hospital} [expands|cuts] [night services|emergency ward]",
    ),
    "politics": (
        "Council [votes|narrowly votes] to [raise|freeze] {town} rates",
        "{p1t} [vows|promises] to [rebuild|fight on|cut waiting lists]",
        "{Party} [wins|loses] {town} by-election",
        "[Budget|Housing plan] [row|vote] [splits|divides] {council}",
        "Minister [backs|rejects] {town} [harbour|rail|housing] scheme",
        "[Election|Ballot] [turnout|result] [surprises|worries] {party} leaders",
        "{p1t} [resigns|steps down] over [expenses|planning] row",
    ),
    "business": (
        "{Org} [profits|shares] [jump|slump|rise|fall] {pct} per cent",
        "{Org} to [cut|create] {num} jobs at {town} [plant|works|depot]",
        "{Org} [agrees|abandons] [takeover|merger] with {org2}",
        "[Investors|Shareholders] [cheer|reject] {org} [results|pay deal]",
        "{Town} factory [reopens|closes] as [orders|demand] [return|dry up]",
        "Interest rate [rise|cut] [hits|helps] {town} [borrowers|exporters]",
        "{Org} [chief executive|chairman] [quits|unveils plan] after [losses|record year]",
    ),
    "sport": (
        "{Team1} [beat|edge past|thrash] {team2} {score}",
        "{Team1} and {team2} [draw|share the points] {draw}",
        "[Late goal|Penalty|Injury-time header] [sinks|rescues] {team1}",
        "{Team1} [sack|appoint] [manager|coach] after [poor run|promotion]",
        "[Cup|League] [glory|heartbreak] for {team1}",
        "{p1s} [hat-trick|double] [fires|lifts] {team1} to [win|top of table]",
        "[Record crowd|Rain] at {venue} as {team1} [win|stumble]",
    ),
    "culture": (
        "[New exhibition|Retrospective] [opens|draws crowds] at {gallery}",
        "{Town} festival [returns|sells out] [with|despite] [record line-up|rain]",
        "[Review|First night]: {work} at {gallery}",
        "[Novelist|Composer|Painter] {p1s} [wins|shortlisted for] {prize}",
        "{Gallery} [to close|saved] after [funding row|appeal]",
        "[Orchestra|Theatre company] [celebrates|marks] {num} years",
    ),
    "science": (
        "[Researchers|Scientists] [discover|identify] new [species|compound|fault line] near {town}",
        "{Uni} study [links|finds no link between] {topic}",
        "[Telescope|Probe|Survey] [spots|maps|detects] {object}",
        "[Trial|Study] [shows|suggests] [new treatment|vaccine] [cuts|reduces] {illness}",
        "[Warming seas|Drought] [threaten|change] {town} [wildlife|coastline]",
        "[Breakthrough|Setback] for {uni} [battery|fusion|gene] research",
    ),
    "opinion": (
        "[Why|How] {town} [must|should] [rethink|protect] {thing}",
        "[The council|Our leaders] [are wrong|have failed] on {thing}",
        "[A letter|A plea] [to|for] the people of {town}",
        "[Let us|We must] [not forget|defend] {thing}",
        "[In praise of|The case against] {thing}",
    ),
    "obituaries": (
        "{p1n}, [founder|stalwart|champion] of {charity}, dies at {age}",
        "{p1n}: a [life|lifetime] [in|of] {calling}",
        "[Tributes paid to|Farewell to] {p1n}, [{town}’s|the town’s] [first|longest-serving] {role}",
        "{p1n}, [teacher|doctor|campaigner] who [shaped|served] {town}, dies aged {age}",
    ),
}

LEADS = {
    "news": (
        "[Firefighters|Crews from three stations] [spent the night|battled for hours] [tackling|bringing under control] a blaze at a [warehouse|bakery|row of shops] on {street} in {town}, [officials said|police said] on {day}.",
        "Residents of {town} were [told to boil their water|moved out of their homes] on {day} after [flooding|a burst main|a storm] [left|cut off] {big} households.",
        "Police are [appealing for witnesses|questioning a man] after a [robbery|collision|break-in] on {street} in {town} late on {day}.",
        "[A long-awaited|The] bypass around {town} was [approved|delayed again] on {day}, [ending|prolonging] {num} years of [argument|traffic misery].",
        "A [primary school|secondary school] in {town} [was closed|reopened] on {day} after [part of the roof collapsed|the heating failed|inspectors visited].",
    ),
    "politics": (
        "{p1} [promised|vowed] on {day} to [rebuild|push ahead with] the [town centre|harbour scheme|housing plan] after {council} [voted|narrowly voted] {votes} to [approve|reject] it.",
        "{Party} [won|lost] the {town} by-election on {day}, [taking|losing] the seat by {big} votes on a turnout of {pct} per cent.",
        "{council} [voted|agreed] on {day} to [raise|freeze] local rates [by {pct} per cent|for a second year], [after a heated debate|despite protests outside the chamber].",
        "The [minister|government] [backed|rejected] plans for a new [rail link|harbour wall|housing estate] in {town} on {day}, [dealing a blow to|delighting] {party}.",
    ),
    "business": (
        "Shares in {org} [jumped|fell|slumped|rose] {pct} per cent on {day} after the company [reported|warned of] [annual profits|quarterly losses] of {money}.",
        "{org} [will cut|plans to create] {num} jobs at its {town} [plant|works|depot], the company said on {day}, [blaming|citing] [weak orders|rising costs|strong demand].",
        "{org} [has agreed|has walked away from] a [{money} takeover|merger] [with|of] {org2}, [ending|after] months of talks.",
        "Profits at {org} [rose|fell] to {money} [last year|in the first half], [beating|missing] [analysts’ forecasts|expectations] as [sales|revenue] [grew|slipped] {pct} per cent.",
    ),
    "sport": (
        "{team1} [beat|edged past|swept aside] {team2} {score} at {venue} on {day}, [moving up|climbing] to {ordinal} in the league table.",
        "[A late goal|An injury-time header|A penalty] from {p3} [gave|handed] {team1} a {score} win over {team2} [in front of|before] {big} [supporters|fans] at {venue}.",
        "{team1} and {team2} [played out|fought out] a {draw} draw at {venue} on {day}, [a result that suits neither side|leaving both clubs short of the play-off places].",
        "{team1} [sacked|parted company with] their manager on {day} after a run of {n} defeats left the club {ordinal} in the [league|division].",
    ),
    "culture": (
        "A [new exhibition|retrospective] of [paintings|photographs|sculpture] by {p1} [opened|drew long queues] at {gallery} on {day}.",
        "The {town} [festival|book fair|jazz week] [returned|sold out] this [summer|weekend] with [a record line-up|more than {big} visitors|{n} new stages].",
        "{work}, the [new play|opera|novel adaptation] [at|from] {gallery}, is [a triumph|uneven but brave|long and rewarding], [with|thanks to] a [fine|fearless] performance from {p1}.",
        "The [novelist|composer|painter] {p1} [has won|has been shortlisted for] {prize} for [a novel|a symphony|a series of canvases] about [the harbour|childhood in {town}|the mills].",
    ),
    "science": (
        "[Researchers|Scientists] at {uni} have [identified|discovered] a new [species of beetle|compound|fault line] near {town}, [according to|reports] a study published in {journal}.",
        "A [study|ten-year survey] by {uni} [has found|suggests] {topic}, [researchers|scientists] said on {day}.",
        "[The|A new] [telescope|survey|probe] [run by|built at] {uni} has [spotted|mapped|detected] {object}, [astronomers|the team] reported in {journal}.",
        "A [clinical trial|study] of {big} patients at {hospital} [shows|suggests] a new [treatment|vaccine] [cuts|reduces] {illness} by {pct} per cent.",
    ),
    "opinion": (
        "[It is time|The moment has come] for {town} to [rethink|stand up for] {thing}. [For too long|For {num} years], [we have|the council has] [looked away|muddled through].",
        "[Few|Not many] [readers|people in {town}] will [mourn|defend] {thing}, but [they should|this newspaper believes they are wrong].",
        "[I have lived|My family has lived] in {town} for {num} years, and I [have never seen|cannot remember] {thing} in such a state.",
        "[This newspaper|We] [have argued|have long believed] that {thing} deserves better than [it gets|a line in the budget].",
    ),
    "obituaries": (
        "{p1}, who [founded|ran|championed] {charity} for {num} years, died on {day} [at home in {town}|in hospital|after a short illness]. {He} was {age}.",
        "{p1}, [a teacher|a doctor|a campaigner] who [shaped|served] {town} for [half a century|{num} years], has died at the age of {age}.",
    ),
}

BODY = {
    "news": (
        "[No one was hurt|Two people were treated for smoke inhalation|One man was taken to {hospital}], [a spokesman said|officials confirmed].",
        "The [road|street] [remained closed|was reopened] [overnight|by the afternoon] while [engineers|investigators] [examined the site|checked the damage].",
        "Neighbours said they [heard a loud bang|saw smoke] [shortly after midnight|just before dawn].",
        "Police [cordoned off|sealed] {street} and [asked drivers to avoid the area|diverted buses] [for several hours|until the evening].",
        "[The cause|What started it] [is not yet known|is under investigation], [police said|the fire service said].",
        "It is the {ordinal} [such incident|fire|flood] in {town} [this year|in {n} months].",
        "[Volunteers|Local businesses] [set up|opened] a [collection point|rest centre] at the [church hall|community centre] on {street2}.",
        "[Insurance assessors|Council inspectors] are expected [on site|in {town}] [later this week|on {day2}].",
        "The [water company|council|fire service] said [{big} homes|hundreds of people] had been [affected|contacted].",
        "Anyone with information is asked to [call police|contact the station on {street2}].",
    ),
    "politics": (
        "The motion [passed|was carried] by {votes} [after a three-hour debate|with two abstentions].",
        "[Opposition|Rebel] councillors [accused|criticised] the [administration|leadership] of [rushing the vote|ignoring residents|wasting public money].",
        "{Party} [now controls|has lost control of] {council} [for the first time in|after] {num} years.",
        "The [budget|plan] [includes|sets aside] {money} for [roads|schools|social housing|the harbour wall].",
        "[Campaigners|Residents] [gathered|protested] outside the town hall [before the vote|during the meeting], [holding placards|chanting].",
        "[Ballot papers|Postal votes] were counted [overnight|at the leisure centre], with [the result|turnout] declared [just after 3 a.m.|on {day2}].",
        "[Critics|Opponents] say the [rise|scheme] will [hit pensioners hardest|cost more than promised|take years to deliver].",
        "The [minister|council leader] is expected to [set out|publish] [further details|a timetable] [next month|before the recess].",
        "[Both parties|All sides] [claimed|insisted] the [result|vote] [vindicated|justified] their [campaigns|positions].",
    ),
    "business": (
        "[Revenue|Turnover|Sales] [rose|fell] {pct} per cent to {money}, [the company said|according to the annual report].",
        "[Analysts|Investors] had [expected|forecast] [profits|earnings] of about {money2}.",
        "The [shares|stock] [closed|finished the day] {pct2} per cent [higher|lower] [on the exchange|at {price} pence].",
        "The company [employs|has] {big} people, [most of them|about half] in {town}.",
        "[Unions|Staff representatives] [said they would fight|welcomed] the [job cuts|plan] and [called for talks|asked for guarantees].",
        "[The board|Directors] [recommended|proposed] a [final dividend|payout] of {price} pence a share.",
        "[Rising costs|Higher interest rates|Cheaper imports] [have squeezed|have helped] [margins|orders] across the [sector|industry].",
        "[The deal|The merger] [values|would value] the [group|business] at {money2} and [needs|still needs] [regulatory approval|shareholder approval].",
        "[Debt|Borrowing] at the group [fell|rose] to {money2} [at the end of the year|over the period].",
        "[Orders|Exports] to {city} [picked up|slowed] in the [final quarter|second half], [it said|the company added].",
    ),
    "sport": (
        "{team1} [took the lead|went ahead] [after {minute} minutes|midway through the first half] when {p2} [headed in|fired home] from a [corner|free kick|cross].",
        "{team2} [equalised|pulled one back] [early in the second half|on the hour] [through|thanks to] a [penalty|deflected shot] from {p3}.",
        "The [win|result] [leaves|lifts] {team1} {n} points [clear|behind the leaders] with {n2} [matches|games] [left|to play].",
        "[A crowd of|Some] {big} [watched|saw the match] at {venue} [despite the rain|in bright sunshine].",
        "{p2} was [booked|sent off] [for a late tackle|after a second yellow card] [ten minutes from time|just before half-time].",
        "[The goalkeeper|Their keeper] [made a string of saves|kept a clean sheet] to [keep|preserve] the [score|lead].",
        "{team2} [have now lost|are without a win in] {n} [league games|matches] [this season|since the autumn].",
        "[Next up|Next weekend], {team1} [travel to|host] {team3} in the [cup|league].",
        "[The striker|The midfielder] {p3} [has scored|now has] {n2} goals [this season|in his last five games].",
    ),
    "culture": (
        "The [exhibition|show|season] [runs until|continues until] the end of [the month|the summer] and [admission is free|tickets cost {price} pounds].",
        "[Critics|Audiences] [have praised|were divided over] the [staging|hang|score], [which|and it] [draws on|borrows from] [folk songs|old photographs|the town’s mills].",
        "[More than|Nearly] {big} [visitors|people] [came|attended] on the opening [weekend|night].",
        "The [gallery|theatre|festival] [received|lost] {money} in [public funding|sponsorship] [last year|this season].",
        "[The director|The curator] {p2} said the [programme|collection] [was chosen|had been assembled] over {n} years.",
        "[A second|A new] [performance|date|room] has been added [to meet demand|after the first sold out].",
        "[The novel|The album|The film] [was first published|came out] {num} years ago and [has never been out of print|divided critics at the time].",
        "[Young|Local] [musicians|artists|actors] from {town} [open|close] the [evening|programme] with [a short set|new work].",
    ),
    "science": (
        "The [researchers|team] [collected|analysed] [samples|data] from {big} [sites|patients|stars] over {n} years.",
        "[The findings|The results] [were published|appear] in {journal} [this week|on {day}].",
        "[Further work|A larger trial] is [needed|planned] before [any treatment|the method] can be [used widely|approved].",
        "[The species|The compound|The signal] was [first noticed|spotted] by [a student|a volunteer] [during fieldwork|on a routine survey].",
        "[Funding|Money] for the [project|research] came from {org} and a {money} [grant|award].",
        "[Other scientists|Independent experts] [cautioned|said] that the [sample|study] was [small|early] and [the effect|the link] [may not hold|needs testing].",
        "[Measurements|Readings] showed a [rise|drop] of {pct} per cent [compared with|against] the [previous decade|control group].",
        "[The telescope|The instrument|The laboratory] [at|near] {town} [cost|was built for] {money} and [opened|began work] {num} years ago.",
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
        "We will rebuild", "It was terrifying, the whole street was lit up",
        "Our crews did a remarkable job in very difficult conditions",
        "We are keeping an open mind about the cause",
        "People need to stay away from the water until we say it is safe",
        "Nobody should have to wait this long for a bridge to be fixed",
        "We are asking anyone who saw anything to come forward",
    ),
    "politics": (
        "We will rebuild", "This is a vote for the whole of {town}",
        "The people have spoken and we will listen",
        "Nobody likes raising rates, but the money has to come from somewhere",
        "This plan has been rushed through without proper scrutiny",
        "We are not going anywhere", "I have never been prouder of this town",
    ),
    "business": (
        "This has been a difficult year for the whole industry",
        "We remain confident in the long-term future of the {town} site",
        "Our order book has never been stronger",
        "The board believes this deal is in the best interests of shareholders",
        "These are painful decisions and we do not take them lightly",
        "Margins are under pressure from every direction",
    ),
    "sport": (
        "The lads gave everything today", "We were second best for an hour",
        "That’s the best we’ve played all season",
        "You don’t win anything by drawing at home",
        "The referee had a shocker, but we can’t hide behind that",
        "We’ll take the three points and move on",
    ),
    "culture": (
        "I wanted people to see the town as it really was",
        "Every night has been different, and that is the joy of it",
        "We cannot keep the doors open on goodwill alone",
        "It took me ten years to finish, and I would do it again",
        "Music belongs to everyone in this town",
    ),
    "science": (
        "This is the first time anyone has seen this in the wild",
        "The data are clear, but we need to understand why",
        "It is an exciting result, but it is one study",
        "We were not expecting to find anything at all",
        "This could change how we treat patients within a decade",
    ),
    "opinion": (),
    "obituaries": (
        "She never said no to anyone who knocked on the door",
        "He was the heart of this community",
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


def compile_template(text: str) -> tuple:
    """Return a template ready to fill: a tuple of whole strings or of parts.

    A template with few combinations of alternatives is expanded in advance
    into every combination (one random pick then chooses the sentence); one
    with many is kept as parts — fixed strings and tuples of alternatives.
    """
    parts: list = []
    for piece in re.split(r"(\[[^\]]*\])", text):
        if piece.startswith("[") and piece.endswith("]"):
            parts.append(tuple(piece[1:-1].split("|")))
        elif piece:
            parts.append((piece,))
    if prod(len(p) for p in parts) <= _EXPAND_LIMIT:
        return ("whole", tuple("".join(combo) for combo in product(*parts)))
    return ("parts", tuple(p[0] if len(p) == 1 else p for p in parts))


# Expanding every template fully would take a few hundred thousand strings.
_EXPAND_LIMIT = 200


def _compile_all(table: dict) -> dict:
    return {key: tuple(compile_template(t) for t in items) for key, items in table.items()}


# Compiled once at import: expanding "[a|b]" per sentence would otherwise be
# the slowest part of writing a million articles.
HEADLINE_TEMPLATES = _compile_all(HEADLINES)
LEAD_TEMPLATES = _compile_all(LEADS)
BODY_TEMPLATES = _compile_all(BODY)
QUOTE_FORM_TEMPLATES = tuple(compile_template(t) for t in QUOTE_FORMS)
