"""One demo archive shared by the tests that only read it."""

from __future__ import annotations

import json

import pytest

from morgue.demo.generate import DemoOptions, generate_demo


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """Return (summary, truth records) of a 1,500-article demo with default damage rates."""
    dest = tmp_path_factory.mktemp("demo")
    summary = generate_demo(dest, DemoOptions(articles=1500, seed=7))
    with open(summary.truth, encoding="utf-8") as lines:
        truth = [json.loads(line) for line in lines]
    return summary, truth
