"""Template context: the paper every page speaks for."""

from __future__ import annotations

from morgue.web.paper import current_paper


def paper(request) -> dict:
    """Return ``paper``: its name, words, colour and addresses (morgue.toml with the admin's changes)."""
    return {"paper": current_paper()}
