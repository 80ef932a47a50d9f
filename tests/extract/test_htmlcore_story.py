"""Golden pages for where the story's edges are: a story in chunks, a publisher-marked body, what sits inside it."""

import pytest


def _body(article) -> str:
    return "\n".join(article.body)


@pytest.fixture
def reservoir(extract):
    # The story in two chunks split by a promo, a standfirst in its own box
    # before them, a tweet in a box named "widget", linked lines inside.
    return extract("core-split-story.html")


@pytest.fixture
def bakery(extract):
    # itemprop=articleBody around two parts; a recipe card in a box named for
    # its photo; a gallery counter and a share prompt as plain lines.
    return extract("core-stated-body-recipe.html")


def test_both_chunks_of_a_split_story_are_kept(reservoir):
    text = _body(reservoir)
    assert "Reservoirs across the Dales held 48 per cent" in text
    assert "Anglers have been asked to stay away from the lower reservoir" in text
    assert reservoir.body[-1] == "https://www.daleswater.example/save"


def test_standfirst_in_its_own_box_before_the_story_is_kept(reservoir):
    assert reservoir.body[0].startswith("Water company asks households to cut use by a fifth")


def test_embedded_tweet_the_story_quotes_is_kept(reservoir):
    assert "Our reservoirs are at 48% today. Every litre you save helps" in _body(reservoir)


def test_linked_sentence_and_spelled_out_address_are_story_but_a_teaser_is_not(reservoir):
    assert "The last time the levels fell this low, in 2014, a hosepipe ban lasted for six weeks." in reservoir.body
    assert "https://www.daleswater.example/save" in reservoir.body
    assert "Bridge closure extended into August" not in _body(reservoir)
    assert any(r.text == "Bridge closure extended into August" and r.reason == "link list" for r in reservoir.removed)


def test_promo_between_chunks_is_removed(reservoir):
    assert "Get the Courier delivered" not in _body(reservoir)


def test_marked_article_body_holds_both_parts(bakery):
    text = _body(bakery)
    assert bakery.body[0].startswith("A bakery in Upper Wick has won the county show's top prize")
    assert "The county show's baking classes drew more than four hundred entries" in text


def test_recipe_card_named_for_its_photo_is_kept(bakery):
    for line in ("Ingredients", "500g strong white flour, and a little more for rolling out",
                 "Press into a greased tin, leave to rise for half an hour, then bake at 200C for forty minutes."):
        assert line in bakery.body


@pytest.mark.parametrize("line, reason", [
    ("Image 1 of 3", "navigation"),
    ("Sharing is caring!", "share prompt"),
])
def test_gallery_and_share_lines_inside_the_story_are_chrome(bakery, line, reason):
    assert line not in bakery.body
    assert any(r.text == line and r.reason == reason for r in bakery.removed)


def test_sidebar_and_footer_stay_out(bakery):
    text = _body(bakery)
    assert "Fete raises record sum" not in text
    assert "All rights reserved" not in text


def test_marked_article_body_inside_a_box_named_for_its_rail_is_kept(extract):
    # The story's column is marked itemprop=articleBody but sits in a layout
    # named "page-rail-layout" (chrome words), beside teasers that hold more
    # text than the story, and a box about the paper holds more prose than it;
    # a hidden copy of the body for search engines stays out.
    ferry = extract("core-stated-body-in-rail.html")
    text = _body(ferry)
    assert ferry.body[0].startswith("The island ferry will sail four times a day instead of six")
    assert "recruiting deckhands and engineers" in text
    assert "Teaser headline number" not in text
    assert "metadata copy" not in text
    assert "printed in Portsea since 1881" not in text


def test_table_rows_named_for_what_they_list_are_kept(extract):
    # A results table inside the story whose rows are classed "player": a
    # class on a table row describes its data, not a video player.
    marathon = extract("core-results-table.html")
    assert "| 1 | Ana Ruiz | Harbour AC | 2:31:04 |" in marathon.body
    assert "| 4 | Jo Rees | Fell Runners | 2:36:58 |" in marathon.body
    assert marathon.body[-1].startswith("Organisers said 2,400 runners had finished")


def test_story_in_sections_of_the_same_shape_is_kept_whole(extract):
    # The story is cut into sections, each wrapped four levels deep in the
    # same markup (too deep for the vote or the climb to reach their common
    # wrapper); a teaser box elsewhere stays out.
    basin = extract("core-story-in-sections.html")
    assert basin.body[0].startswith("The harbour commissioners voted on Monday")
    assert basin.body[3].startswith("Not everyone welcomed the plan.")
    assert basin.body[-1].startswith("Skippers at the meeting applauded the vote.")
    assert "Lifeboat crew rescue two walkers" not in "\n".join(basin.body)


def test_links_to_the_next_and_previous_story_are_navigation(extract):
    # A "next-prev" box after the story: each neighbour's headline as a link
    # and its standfirst as a plain paragraph.
    bus = extract("core-next-prev-teasers.html")
    assert bus.body[-1].startswith("The council will pay for the first two years")
    assert "Commissioners vote to clear silt" not in "\n".join(bus.body)
    assert any(r.reason == "navigation" and "Ferry timetable cut" in r.text for r in bus.removed)


def test_teaser_cards_between_paragraphs_are_related_links(extract):
    # Cards promoting other stories (a section link, a linked headline and a
    # line about it, in boxes of one class) sit between the paragraphs.
    mill = extract("core-teaser-cards.html")
    assert len(mill.body) == 4
    assert mill.body[0].startswith("The county's last paper mill will close in the spring")
    assert mill.body[3].startswith("The council's leader said the closure was a blow")
    text = _body(mill)
    for teaser in ("Brewery to double its staff", "The Fenbridge brewery will take on forty",
                   "A quarter of the shops on the high street"):
        assert teaser not in text
    assert any(r.reason == "related links" and r.text.startswith("A quarter of the shops") for r in mill.removed)
