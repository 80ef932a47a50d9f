"""Template context: the paper every page speaks for."""

from __future__ import annotations

from morgue.web.paper import current_paper, version


def paper(request) -> dict:
    """Return ``paper`` (its name, words, colour and addresses) and ``paper_version``, which busts browsers' caches."""
    return {"paper": current_paper(), "paper_version": version()}
