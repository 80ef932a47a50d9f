"""Shared fixtures: a small archive vocabulary written for these tests."""

import pytest

from morgue.audit import AuditContext, Vocabulary

# Twenty short articles in the voice of a foreign desk, so the vocabulary has
# seen the names ("Peskov", "Dushanbe") and the ordinary words often.
_STORIES = [
    "Kremlin spokesman Dmitry Peskov said the government in Moscow would respond. "
    "The talks in Dushanbe ended on Tuesday, and Britain said the government would wait.",
    "Officials in Dushanbe said the government had agreed. Peskov told reporters the "
    "agreement with Britain was signed after the meeting.",
    "The government of Britain said on Monday that the economy grew. Ministers in "
    "Dushanbe and Moscow welcomed the figures, Peskov said.",
]


@pytest.fixture(scope="session")
def vocabulary():
    return Vocabulary.from_texts([[story] for story in _STORIES * 8])


@pytest.fixture(scope="session")
def context(vocabulary):
    return AuditContext(vocabulary=vocabulary)
