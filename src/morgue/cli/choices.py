"""A value given on the command line that names nothing the archive knows: say which ones it knows, and the nearest."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

import click


def check_known(what: str, option: str, given: Iterable[str], known: Sequence[str], *, listed: int = 12,
                known_by: str = "morgue knows") -> None:
    """Raise ClickException for the first of ``given`` not in ``known``: name the nearest and list the known ones."""
    for value in given:
        if value in known:
            continue
        raise click.ClickException(unknown_message(what, option, value, known, listed=listed, known_by=known_by))


def unknown_message(what: str, option: str, value: str, known: Sequence[str], *, listed: int = 12,
                    known_by: str = "morgue knows") -> str:
    """Return the one line for a ``value`` of ``option`` that is not one of the ``known`` (none known is said too)."""
    if not known:
        return f"{option} {value!r}: this archive has no {what}s yet"
    folded = {k.casefold(): k for k in known}
    nearest = folded.get(value.casefold()) or next(iter(difflib.get_close_matches(value, known, n=1, cutoff=0.6)), None)
    if nearest is None:
        close = difflib.get_close_matches(value.casefold(), list(folded), n=1, cutoff=0.6)
        nearest = folded[close[0]] if close else None
    hint = f"did you mean {nearest!r}? " if nearest else ""
    shown = ", ".join(known[:listed]) + (f", … ({len(known):,} in all)" if len(known) > listed else "")
    return f"{option} {value!r} is not a {what} {known_by}: {hint}the {what}s are {shown}"
