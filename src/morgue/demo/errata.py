"""Editorial errors the paper itself printed, for the demo's editor to correct (not transfer damage).

A real archive holds two kinds of wrong: what the move broke (morgue.demo.damage,
repaired mechanically) and what the paper got wrong when it printed the story —
a misspelt name, a wrong date — which only an editor can put right, with a
public note. A few demo stories carry one of the second kind. The page prints
the error (so the truth's headline, body and date stay what the page says,
which is what extraction must read) and the truth records it in ``errata``:
what was printed, what is correct, and the note the correction carries.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import timedelta

from .stories import Story


def misspell(rng: random.Random, surname: str) -> str:
    """Return a plausible misspelling of ``surname``: two inner letters swapped, or one doubled or dropped."""
    inner = [i for i in range(1, len(surname) - 2) if surname[i].isalpha() and surname[i + 1].isalpha()
             and surname[i] != surname[i + 1]]
    how = rng.random()
    if inner and how < 0.5:
        i = rng.choice(inner)
        return surname[:i] + surname[i + 1] + surname[i] + surname[i + 2:]
    i = rng.randrange(1, len(surname))
    if how < 0.8:
        return surname[:i] + surname[i] + surname[i:]
    return surname[:i] + surname[i + 1:] if len(surname) > 4 else surname + surname[-1]


def plant_errata(rng: random.Random, story: Story, rate: float, dated: bool) -> tuple[Story, list[dict]]:
    """Return the story as the paper printed it (maybe with one editorial error) and the errata it carries."""
    roll = rng.random()
    if roll < rate:
        for person in story.people:
            surname = person.name.split(" ", 1)[1]
            where = [i for i, p in enumerate(story.paragraphs) if i > 0 and surname in p]
            if not where or " " in surname or len(surname) < 4:
                continue
            index = where[0]
            wrong = misspell(rng, surname)
            if wrong == surname:
                continue
            paragraphs = list(story.paragraphs)
            paragraphs[index] = paragraphs[index].replace(surname, wrong, 1)
            note = f"An earlier version of this article misspelt the name of {person.name}."
            return dataclasses.replace(story, paragraphs=tuple(paragraphs)), [
                {"kind": "misspelt-name", "field": "body", "paragraph": index, "printed": wrong, "correct": surname,
                 "note": note}]
        return story, []
    if roll < 2 * rate and dated:
        shift = rng.choice((-7, -1, 1, 7, 10))
        wrong = story.published + timedelta(days=shift)
        note = (f"An earlier version of this article gave its date as {wrong:%-d %B %Y}; "
                f"it was published on {story.published:%-d %B %Y}.")
        return dataclasses.replace(story, published=wrong), [
            {"kind": "wrong-date", "field": "published", "printed": wrong.date().isoformat(),
             "correct": story.published.date().isoformat(), "note": note}]
    return story, []
