"""The archive's vocabulary for the misspelling check, kept in the archive home between audits.

Learning the vocabulary reads every article's headline and body: a minute
or so at a million articles, on every run, even when one article changed.
So the vocabulary is kept as derived data, a file in the archive home
(``audit-vocabulary.json.gz``) that says what it was learned from: the
newest revision it saw (id and content hash), how many revisions there were
up to it, and how many articles.

Each audit then

1. reuses the file when no revision is newer than the one it names;
2. updates it when some are: each changed article's text as of the kept
   revision is forgotten and its text now is learned. Counts add and
   subtract exactly, so the result is the vocabulary a fresh learning would
   give, and the audit finds the same defects;
3. learns it afresh when there is no file, when it cannot be read (damaged,
   another format), when it does not match the archive (its revision is
   gone or has another hash: another database; revisions missing or
   committed out of order below it), when more than a quarter of the
   articles changed (one read of every article is then cheaper than two
   reads of each changed one), or when asked (``morgue audit --relearn``).
   What was done, and why, is reported; a bad file never stops a run.

Revisions are append-only and every change to an article is one
(``append_revision``), so the revisions newer than the kept one are exactly
what changed. An edit made behind the archive's back (an UPDATE in SQL) is
not seen: run ``--relearn`` after one.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

from django.db.models import Max

from morgue.archive.models import Article, Revision
from morgue.audit import Vocabulary

log = logging.getLogger(__name__)

FILENAME = "audit-vocabulary.json.gz"
FORMAT = 1
# More changed articles than this share of the archive: relearn (one read of
# every article) rather than update (two reads of each changed one).
RELEARN_SHARE = 0.25
CHUNK = 500  # articles per query while updating (SQLite allows 999 parameters in old builds)

REUSED, UPDATED, LEARNED = "reused", "updated", "learned"


class VocabularyFileError(Exception):
    """The kept vocabulary file cannot be read or is not one this version wrote."""


@dataclass(frozen=True)
class LearnedFrom:
    """What a kept vocabulary was learned from: the archive up to one revision."""

    newest_revision: int  # id of the newest revision seen (0: an empty archive)
    newest_hash: str  # its content hash, so another database with the same ids is not taken for this one
    revisions: int  # revisions with an id up to newest_revision
    articles: int


@dataclass
class KeptVocabulary:
    """The vocabulary for this run, and how it was obtained."""

    vocabulary: Vocabulary
    how: str  # REUSED, UPDATED or LEARNED
    reason: str = ""  # why it was learned afresh
    changed_articles: int = 0  # articles forgotten and learned again by an update
    kept: bool = False  # written to the home for the next run


def vocabulary_path(home: Path) -> Path:
    """Return where the archive home keeps the audit's vocabulary."""
    return Path(home) / FILENAME


def keep_vocabulary(home: Path | None, *, relearn: bool = False) -> KeptVocabulary:
    """Return the archive's vocabulary as of now: reused, updated or learned afresh, and kept in ``home``.

    With ``home`` None nothing is kept: the vocabulary is learned afresh.
    """
    mark = archive_mark()
    if home is None:
        return KeptVocabulary(learn_vocabulary(), LEARNED, "no archive home to keep it in")
    path = vocabulary_path(home)
    reason = "relearning as asked" if relearn else ""
    if not relearn:
        try:
            vocabulary, learned_from = read_vocabulary(path)
        except FileNotFoundError:
            reason = "no vocabulary kept yet"
        except VocabularyFileError as exc:
            reason = f"the kept vocabulary could not be used ({exc})"
            log.warning("%s: %s; learning it afresh", path, exc)
        else:
            reason = _mismatch(learned_from)
            if not reason:
                kept = _bring_up_to_date(vocabulary, learned_from, mark, path)
                if isinstance(kept, KeptVocabulary):
                    return kept
                reason = kept
    vocabulary = learn_vocabulary()
    # Keep it only if nothing was revised while it was learned: the file must say exactly what it holds.
    kept = archive_mark() == mark and _write(path, vocabulary, mark)
    return KeptVocabulary(vocabulary, LEARNED, reason, kept=kept)


def learn_vocabulary() -> Vocabulary:
    """Return the word counts of every article's current headline and body."""
    vocabulary = Vocabulary()
    for headline, body in Article.objects.order_by("pk").values_list("headline", "body").iterator(chunk_size=2000):
        vocabulary.learn([headline, *body])
    return vocabulary


def archive_mark() -> LearnedFrom:
    """Return the archive's newest revision, the revisions up to it and the articles, now."""
    newest = Revision.objects.order_by("-pk").values_list("pk", "content_hash").first() or (0, "")
    return LearnedFrom(
        newest_revision=newest[0], newest_hash=newest[1],
        revisions=Revision.objects.filter(pk__lte=newest[0]).count(), articles=Article.objects.count(),
    )


def _mismatch(learned_from: LearnedFrom) -> str:
    """Return why a kept vocabulary does not belong to this archive's history, or "" if it does."""
    if learned_from.newest_revision:
        hashes = Revision.objects.filter(pk=learned_from.newest_revision).values_list("content_hash", flat=True)
        if list(hashes) != [learned_from.newest_hash]:
            return "the kept vocabulary was learned from other revisions (another database?)"
    if Revision.objects.filter(pk__lte=learned_from.newest_revision).count() != learned_from.revisions:
        return "revisions were removed, or committed out of order, below the one the kept vocabulary names"
    return ""


def _bring_up_to_date(vocabulary: Vocabulary, learned_from: LearnedFrom, mark: LearnedFrom, path: Path) -> KeptVocabulary | str:
    """Return the kept vocabulary updated to ``mark``, or the reason it must be learned afresh instead."""
    if mark == learned_from:
        return KeptVocabulary(vocabulary, REUSED)
    changed = sorted(set(
        Revision.objects.filter(pk__gt=learned_from.newest_revision, pk__lte=mark.newest_revision).values_list("article_id", flat=True)
    ))
    if len(changed) > RELEARN_SHARE * max(mark.articles, 1):
        return f"{len(changed):,} of {mark.articles:,} articles changed since it was learned"
    for start in range(0, len(changed), CHUNK):
        chunk = changed[start:start + CHUNK]
        # What was learned: each article's last revision up to the kept one (none for a new article).
        for headline, body in _texts_as_of(chunk, learned_from.newest_revision):
            vocabulary.forget([headline, *body])
        for headline, body in _texts_as_of(chunk, mark.newest_revision):
            vocabulary.learn([headline, *body])
    if vocabulary.articles != mark.articles:
        return (f"the kept vocabulary counts {vocabulary.articles:,} articles once updated, the archive {mark.articles:,} "
                "(articles added or removed outside revisions)")
    kept = archive_mark() == mark and _write(path, vocabulary, mark)
    return KeptVocabulary(vocabulary, UPDATED, changed_articles=len(changed), kept=kept)


def _texts_as_of(article_ids: list[int], newest_revision: int) -> list[tuple[str, list]]:
    """Return the headline and body of each article's last revision with an id up to ``newest_revision``."""
    last = (
        Revision.objects.filter(article_id__in=article_ids, pk__lte=newest_revision)
        .values("article_id").annotate(last=Max("pk")).values_list("last", flat=True)
    )
    return list(Revision.objects.filter(pk__in=list(last)).order_by("pk").values_list("headline", "body"))


def read_vocabulary(path: Path) -> tuple[Vocabulary, LearnedFrom]:
    """Return the vocabulary kept at ``path`` and what it was learned from.

    Raises FileNotFoundError if there is none, VocabularyFileError if it is damaged or of another format.
    """
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        raise
    except (OSError, EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise VocabularyFileError(f"unreadable: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise VocabularyFileError(f"not a vocabulary of format {FORMAT}")
    try:
        learned_from = LearnedFrom(**data["learned_from"])
        counts = data["vocabulary"]
        if not (isinstance(learned_from.newest_revision, int) and isinstance(learned_from.revisions, int)
                and isinstance(learned_from.articles, int) and isinstance(learned_from.newest_hash, str)):
            raise TypeError("learned_from has values of the wrong type")
        if not isinstance(counts.get("articles"), int):
            raise TypeError("the article count is not a number")
        for name in ("words", "articles_with", "capitalised"):
            table = counts[name]
            if not isinstance(table, dict) or not all(type(n) is int for n in table.values()):
                raise TypeError(f"{name} is not a table of counts")
        vocabulary = Vocabulary.from_dict(counts)
    except (KeyError, TypeError, AttributeError) as exc:
        raise VocabularyFileError(f"incomplete: {exc}") from exc
    return vocabulary, learned_from


def _write(path: Path, vocabulary: Vocabulary, learned_from: LearnedFrom) -> bool:
    """Write the vocabulary atomically (a new file renamed over the old); return False if the home is read-only."""
    data = {"format": FORMAT, "learned_from": asdict(learned_from), "vocabulary": vocabulary.to_dict()}
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Level 1: the file is rewritten on every update; speed matters more than the last few per cent.
        with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=1) as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("could not keep the audit vocabulary in %s: %s", path, exc)
        tmp.unlink(missing_ok=True)
        return False
    return True
