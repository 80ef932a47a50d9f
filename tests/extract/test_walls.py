"""Walls: a page that is only a paywall, consent wall or sign-in wall holds no article."""

import pytest

from morgue.errors import ExtractionError
from morgue.extract.walls import find_wall


@pytest.mark.parametrize("name, wall", [
    ("walls/paywall.html", "paywall"),
    ("walls/signin-wall.html", "sign-in wall"),
    ("walls/consent-wall.html", "consent wall"),
    ("walls/signin-wall.txt", "sign-in wall"),
])
def test_a_wall_is_rejected_and_named(extract, name, wall):
    with pytest.raises(ExtractionError) as caught:
        extract(name)
    assert caught.value.reason == "no-text"
    assert str(caught.value) == f"no article text found: page is a {wall}"


def test_a_teaser_before_the_wall_is_an_article(extract):
    article = extract("walls/paywall-teaser.html")
    assert article.headline == "Mill fire: owners promise to rebuild"
    assert any(p.startswith("The owners of the Riverside mill") for p in article.body)


def test_a_story_about_paywalls_is_not_one(extract):
    article = extract("walls/subscription-story.html")
    assert any("subscribe to continue reading" in p for p in article.body)


def test_find_wall_needs_the_prompt_to_be_all_there_is():
    prompt = "Subscribe now to continue reading this story."
    assert find_wall([prompt]) == "paywall"
    assert find_wall(["Please log in to read the rest of this article.", prompt]) in {"paywall", "sign-in wall"}
    lead = "The council met on Tuesday and agreed a budget for the harbour " * 4
    assert find_wall([lead, prompt]) is None
    assert find_wall(["Subscribe from £1 a week", "Sign in"]) is None
