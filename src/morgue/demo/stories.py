"""Write one fictional news story: headline, byline, dateline, date and clean paragraphs.

A story is the truth before any site renders it or any transfer damages it.
Everything is drawn from the ``random.Random`` passed in, so a story can be
written again from its seed alone (that is how near-duplicates are planted
without keeping earlier stories in memory).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from . import phrases, words
from .phrases import SECTIONS, NamedChoice

# Publication dates span 1950–2025; later years weigh more, as in a real morgue
# where the digital years hold most of the articles.
FIRST_DAY = date(1950, 1, 1)
LAST_DAY = date(2025, 12, 31)
_SPAN_DAYS = (LAST_DAY - FIRST_DAY).days


@dataclass(frozen=True)
class Person:
    """A fictional person as the story names them: "Alice Brandt" with title "Mayor"."""

    name: str
    title: str


@dataclass(frozen=True)
class Quote:
    """A quotation in the story and the name of who said it."""

    text: str
    speaker: str


@dataclass(frozen=True)
class Story:
    """One clean story. ``dateline`` is "" when the story carries none."""

    section: str
    headline: str
    author: str  # "" when unsigned
    byline: str  # as printed after "By ": "Jane Roe, Staff Writer"
    dateline: str  # "NORTHFIELD"
    published: datetime
    paragraphs: tuple[str, ...]
    people: tuple[Person, ...]
    organisations: tuple[str, ...]
    places: tuple[str, ...]
    quotes: tuple[Quote, ...]


class _Cast(dict):
    """Slot values for templates, drawn only when a template first asks for them.

    People are named in full ("Mayor Alice Brandt") the first time, then by surname.
    A slot spelled with a capital ("{Town}") gives the value capitalised, for
    slots that open a sentence.
    """

    def __init__(self, rng: random.Random, section: str, home: str):
        super().__init__()
        self.rng, self.section, self.home = rng, section, home
        self.people: list[Person] = []
        self.named: set[str] = set()
        self.choices: dict[str, int] = {}  # the story's named choices ("[=key:a|b]"), made once

    def __missing__(self, key: str) -> str:
        if key[0].isupper():
            value = self[key[0].lower() + key[1:]]
            value = value[0].upper() + value[1:]
        elif key in ("p1", "p2", "p3"):
            person = self._person(int(key[1]) - 1)
            full = f"{person.title} {person.name}" if person.title else person.name
            if key in self.named:
                return person.name.split(" ", 1)[1]
            self.named.add(key)
            return full
        else:
            value = _draw(self, key)
        self[key] = value
        return value

    def _person(self, index: int) -> Person:
        rng = self.rng
        while len(self.people) <= index:
            first, last = _pick(rng, words.FIRST_NAMES), _pick(rng, words.SURNAMES)
            # Sport's third person is a player; players carry no title.
            plain = self.section == "sport" and len(self.people) == 2
            title = "" if plain else _pick(rng, words.TITLES[self.section])
            self.people.append(Person(f"{first} {last}", title))
        return self.people[index]


def _role_before(text: str, name: str) -> str:
    """The role a text gives a person it names plainly: "curator" of "The curator Dmitri Okafor", else ""."""
    surname = name.split(" ", 1)[1]
    found = re.search(r"\b[Tt]he ((?:[a-z]+ )?[a-z]+) (?:" + re.escape(name) + "|" + re.escape(surname) + r")\b", text)
    return found.group(1) if found else ""


def _people_in(text: str, people) -> tuple[Person, ...]:
    """The people a text names (by surname at least), each with the title the text itself gives them.

    A title printed with the name stays ("Mayor Alice Brandt", "the striker Soto"); otherwise the role the
    text gives ("The curator Dmitri Okafor" → "curator"), or none — so a reprint that cut the paragraph
    naming the role no longer claims it.
    """
    found = []
    for person in people:
        surname = person.name.split(" ", 1)[1]
        if surname not in text:
            continue
        printed = person.title and any(f"{person.title} {who}" in text for who in (person.name, surname))
        found.append(person if printed else Person(person.name, _role_before(text, person.name)))
    return tuple(found)


def _pick(rng: random.Random, options: tuple):
    return options[int(rng.random() * len(options))]


def _draw(cast: _Cast, slot: str) -> str:
    """Return a fresh value for one slot of a story's cast."""
    rng, section = cast.rng, cast.section
    if slot in _POOLS:
        return _pick(rng, _POOLS[slot])
    if slot in phrases.FILLERS:
        return _pick(rng, phrases.FILLERS[slot])
    if slot[0] == "p" and slot[1].isdigit():  # p1s / p1t / p1n: surname, title+surname, name
        person = cast._person(int(slot[1]) - 1)
        surname = person.name.split(" ", 1)[1]
        return {"s": surname, "n": person.name,
                "t": f"{person.title} {surname}" if person.title else surname}[slot[2]]
    if slot == "town":
        return cast.home if rng.random() < 0.6 else _pick(rng, words.TOWNS)
    if slot in ("team1", "team2", "team3"):
        if "_teams" not in cast:
            cast["_teams"] = rng.sample(words.TEAMS, 3)
        return cast["_teams"][int(slot[-1]) - 1]
    if slot in ("score", "draw"):
        if slot == "draw":
            level = rng.randint(0, 3)
            return f"{level}–{level}"
        # The score fits the verb: "edged past" is by one goal, "thrashed" by three or more.
        how = cast.choices.get("win")
        margin = 1 if how == 1 else rng.randint(3, 5) if how == 2 else rng.randint(1, 2)
        least = {"twice": 2, "three times": 3}.get(("twice", "three times")[cast.choices["goals"]] if "goals" in cast.choices else "", 0)
        loser = rng.randint(0, 2)
        return f"{max(loser + margin, least)}–{loser}"
    if slot == "votes":
        ayes = rng.randint(7, 15)
        return f"{ayes}–{rng.randint(2, ayes - 1)}"
    if slot in ("he", "man"):
        cast["he"], cast["man"] = _pick(rng, (("he", "man"), ("she", "woman")))
        return cast[slot]
    if slot in ("money", "money2"):
        if rng.random() < 0.5:
            return f"£{rng.randint(12, 990)},000"
        return f"£{rng.randint(11, 950) / 10:.1f} million"
    if slot == "org":
        return _pick(rng, _ORGANISATIONS.get(section, words.COMPANIES))
    return _NUMBERS[slot](rng)


_POOLS = {
    "town2": words.TOWNS, "city": words.CITIES, "street": words.STREETS,
    "street2": words.STREETS, "day2": words.WEEKDAYS, "n": words.NUMBER_WORDS,
    "n2": words.NUMBER_WORDS, "org2": words.COMPANIES, "party": words.PARTIES,
    "council": words.COUNCILS, "uni": words.UNIVERSITIES, "journal": words.JOURNALS,
    "hospital": words.HOSPITALS, "gallery": words.GALLERIES, "charity": words.CHARITIES,
    "venue": words.VENUES,
    "ordinal": ("second", "third", "fourth", "fifth", "sixth", "tenth"),
}
_ORGANISATIONS = {"science": words.UNIVERSITIES + words.COMPANIES,
                  "culture": words.GALLERIES, "politics": words.PARTIES}
_NUMBERS = {
    "num": lambda rng: str(rng.randint(3, 60)),
    "big": lambda rng: f"{rng.randint(120, 48000):,}",
    "pct": lambda rng: f"{rng.randint(2, 190) / 10:.1f}",
    "pct2": lambda rng: f"{rng.randint(1, 90) / 10:.1f}",
    "price": lambda rng: str(rng.randint(5, 480)),
    "minute": lambda rng: str(rng.randint(3, 88)),
    "age": lambda rng: str(rng.randint(58, 103)),
}


def _expand(rng: random.Random, template: tuple, cast: _Cast | None = None) -> str:
    """Return a compiled template with one alternative picked from each choice (a named one as the story made it)."""
    how, parts = template
    rnd = rng.random
    if how == "whole":
        return parts[int(rnd() * len(parts))]
    out = []
    for part in parts:
        if part.__class__ is str:
            out.append(part)
        elif part.__class__ is NamedChoice:
            made = cast.choices if cast is not None else {}
            if part.key not in made:
                made[part.key] = int(rnd() * len(part.options))
            out.append(part.options[min(made[part.key], len(part.options) - 1)])
        else:
            out.append(part[int(rnd() * len(part))])
    return "".join(out)


def _fill(rng: random.Random, template: tuple, cast: _Cast) -> str:
    """Return a template expanded and its slots filled from the cast."""
    return _expand(rng, template, cast).format_map(cast)


def _pick_date(rng: random.Random) -> datetime:
    """Return a publication time between FIRST_DAY and LAST_DAY, later years likelier."""
    day = FIRST_DAY + timedelta(days=int(_SPAN_DAYS * rng.random() ** 0.6))
    return datetime(day.year, day.month, day.day, rng.randint(6, 22), rng.randrange(0, 60, 5))


def write_story(rng: random.Random, section: str, home: str, staff: tuple[str, ...]) -> Story:
    """Return a new clean story of ``section`` for a paper based in ``home``.

    ``staff`` is the paper's list of reporters' names to sign it with.
    """
    published = _pick_date(rng)
    cast = _Cast(rng, section, home)
    # The lead refers to "on Tuesday": the weekday before publication.
    cast["day"] = words.WEEKDAYS[(published.weekday() - 1) % 7]

    # One plan tells the story: its headline and its lead share their choices, its body sentences its topic.
    topic, headline_template, lead_template = _pick(rng, phrases.PLAN_TEMPLATES[section])
    headline = _fill(rng, headline_template, cast)
    headline = headline[0].upper() + headline[1:]
    cast.named.clear()  # a mention in the headline does not count as the text's first

    lead = _fill(rng, lead_template, cast)
    paragraphs = [lead[0].upper() + lead[1:]]
    sentences = [template for topics, template in phrases.BODY_TEMPLATES[section] if topics is None or topic in topics]
    rng.shuffle(sentences)
    quotes_pool = [quote for topics, quote in phrases.QUOTE_TOPICS[section] if topics is None or topic in topics]
    rng.shuffle(quotes_pool)
    quotes: list[Quote] = []
    wanted = rng.randint(4, 12)
    while len(paragraphs) < wanted and (sentences or quotes_pool):
        if quotes_pool and (not sentences or rng.random() < 0.3):
            speaker = _pick(rng, ("p1", "p1", "p2", "p3"))
            text = quotes_pool.pop().format_map(cast)
            form = _expand(rng, _pick(rng, phrases.QUOTE_FORM_TEMPLATES))
            paragraphs.append(form.replace("{quote}", text).replace("{who}", cast[speaker]))
            quotes.append(Quote(text, cast.people[int(speaker[1]) - 1].name))
            continue
        count = min(len(sentences), 1 if rng.random() < 0.45 else 2)
        paragraphs.append(" ".join(_fill(rng, sentences.pop(), cast) for _ in range(count)))

    # Who and what the text names, read back from the text itself.
    text = " ".join(paragraphs)
    # A person carries the title the text gives them ("Mayor Alice Brandt"), none if it names them plainly.
    # "The curator Dmitri Okafor" gives the role ("curator") as their title.
    people = _people_in(text, cast.people)
    places = tuple(sorted({cast[k] for k in _PLACE_SLOTS if k in cast and cast[k] in text}))
    organisations = tuple(sorted({cast[k] for k in _ORGANISATION_SLOTS
                                  if k in cast and cast[k] in text}))

    author, byline = "", ""
    if section == "opinion" and rng.random() < 0.4:
        byline = "The Editorial Board"
    elif rng.random() < 0.1:
        byline = _pick(rng, words.AGENCIES)
    elif rng.random() < 0.9:
        author = _pick(rng, staff)
        byline = f"{author}, {_pick(rng, words.ROLES[section])}"
    dateline = cast["town"].upper() if section != "opinion" and rng.random() < 0.55 else ""
    return Story(section, headline, author, byline, dateline, published, tuple(paragraphs),
                 people, organisations, places, tuple(quotes))


_PLACE_SLOTS = ("town", "town2", "city")
_ORGANISATION_SLOTS = ("org", "org2", "party", "uni", "hospital", "gallery", "charity",
                       "team1", "team2", "team3", "council")


# How a reprint differs from the story it re-publishes (each a way papers really reprint; the truth names it).
REPRINT_EDITS = ("headline", "cut-last", "byline", "update")
_UPDATES = (
    "This article was updated on {day} with further details.",
    "Further details emerged on {day}, a spokesman said, and the story has been updated.",
    "Updated on {day}: the figures above were confirmed by officials.",
)


def retell_story(rng: random.Random, original: Story, source: str) -> tuple[Story, str]:
    """Return the story as another paper re-published it, and how it was edited (one of REPRINT_EDITS).

    ``source`` is the name of the paper that first ran it, credited at the end.
    A reprint appears the same day or up to two days later; an update a day later, with a paragraph added.
    """
    edit = _pick(rng, REPRINT_EDITS)
    paragraphs = list(original.paragraphs)
    headline, byline = original.headline, original.byline or "Staff"
    published = original.published + timedelta(days=rng.randint(0, 2), hours=rng.randint(0, 5))
    if edit == "headline":
        headline = _pick(rng, (f"Update: {original.headline}", f"{original.headline}, officials say",
                               f"{source} reports: {original.headline}"))
    elif edit == "cut-last" and len(paragraphs) > 3:
        del paragraphs[-1]
    elif edit == "byline":
        byline = _pick(rng, ("Staff and agencies", f"{source} staff"))
    elif edit == "update":
        published = original.published + timedelta(days=1, hours=rng.randint(0, 5))
        paragraphs.append(_pick(rng, _UPDATES).format(day=words.WEEKDAYS[published.weekday()]))
    paragraphs.append(f"This story first appeared in {source}.")
    text = " ".join(paragraphs)
    story = Story(original.section, headline, "", byline, original.dateline, published,
                  tuple(paragraphs),
                  _people_in(text, original.people),
                  tuple(o for o in original.organisations if o in text),
                  tuple(p for p in original.places if p in text),
                  tuple(q for q in original.quotes if q.text in text))
    return story, edit


def write_headline(rng: random.Random, section: str, home: str) -> str:
    """Return a headline alone, for "related stories" boxes in site chrome."""
    headline = _fill(rng, _pick(rng, phrases.HEADLINE_TEMPLATES[section]), _Cast(rng, section, home))
    return headline[0].upper() + headline[1:]


def staff_of(paper: str, count: int = 30) -> tuple[str, ...]:
    """Return the fixed list of reporters' names of a paper (the same on every run)."""
    rng = random.Random(paper)
    return tuple(sorted({f"{rng.choice(words.FIRST_NAMES)} {rng.choice(words.SURNAMES)}"
                         for _ in range(count)}))


__all__ = ["REPRINT_EDITS", "SECTIONS", "Person", "Quote", "Story", "retell_story", "staff_of", "write_headline", "write_story"]
