"""Stories for the enrich tests: the demo generator's clean stories, with their sections and reprints (no database)."""

import pytest

from morgue.demo.generate import DemoOptions, demo_versions


@pytest.fixture(scope="session")
def stories():
    """(number, story, number reprinted or None, edit) for 400 demo articles, a tenth of them reprints."""
    return list(demo_versions(DemoOptions(articles=400, seed=5, near_duplicate_rate=0.1)))


def text_of(story) -> str:
    return "\n".join([story.headline, *story.paragraphs])
