"""The audit stage: article → defects, each with a span, a severity and, when safe, a fix.

Pure: plain data in, plain data out; no Django, no database. The archive
calls ``find_defects`` per article, the archive-level functions over rows
it reads, and ``apply_safe_fixes`` to make a revision an editor need not
check.
"""

from __future__ import annotations

from morgue.audit.archive import (
    ArchiveFinding,
    normalise_url,
    one_article_many_urls,
    same_url_different_articles,
    section_size_jumps,
)
from morgue.audit.chrome import find_chrome
from morgue.audit.context import AuditContext
from morgue.audit.dates import find_date_defects
from morgue.audit.defect import INFO, KINDS, SAFE_KINDS, Defect
from morgue.audit.dictionary import english_lexicon
from morgue.audit.duplicates import find_duplicated_content
from morgue.audit.fields import text_fields
from morgue.audit.fixes import apply_safe_fixes
from morgue.audit.language import is_english
from morgue.audit.markup import find_leftover_markup
from morgue.audit.metadata import find_metadata_defects
from morgue.audit.mojibake import find_control_characters, find_mojibake, find_replacement_characters
from morgue.audit.spelling import RARE_ARTICLES, find_misspellings
from morgue.audit.truncation import find_truncation
from morgue.audit.vocabulary import Vocabulary
from morgue.extract.article import Article

__all__ = [
    "KINDS", "SAFE_KINDS", "ArchiveFinding", "AuditContext", "Defect", "Vocabulary",
    "apply_safe_fixes", "find_defects", "normalise_url", "one_article_many_urls",
    "same_url_different_articles", "section_size_jumps",
]


def find_defects(article: Article, context: AuditContext | None = None) -> list[Defect]:
    """Return every defect found in one article, family by family, in the order below."""
    context = context or AuditContext()
    texts = list(text_fields(article))
    defects: list[Defect] = []
    # 1. Broken characters first: they explain much of what follows.
    # (Whether a word is known tells a lost letter or a cut word from a whole
    # one; it needs the language, and only English has a dictionary.)
    english = is_english(_sample(article), article.language)
    lexicon = english_lexicon() if english else None
    is_word = _word_test(lexicon, context.vocabulary)
    defects += find_mojibake(texts)
    defects += find_replacement_characters(texts, is_word)
    defects += find_control_characters(texts)
    # 2. Markup the old site's templates should have turned into text.
    defects += find_leftover_markup(texts)
    # 3. A body cut short, or pointing to a page that is not there.
    defects += find_truncation(article.body, is_word, article.headline)
    # 4. Paragraphs and sentences the transfer repeated.
    defects += find_duplicated_content(article.headline, article.body)
    # 5. The site's chrome that got into the body.
    defects += find_chrome(article.body)
    # 6. Misspellings, judged against the archive's own vocabulary; only English has a dictionary.
    if context.check_spelling and lexicon is not None:
        defects += find_misspellings(texts, lexicon, context.vocabulary)
    elif context.check_spelling and (article.headline.strip() or any(p.strip() for p in article.body)):
        defects.append(Defect(
            "spelling-not-checked", INFO, "body" if article.body else "headline", None, 0, 0,
            "no dictionary for this language", None,
        ))
    # 7. Dates against each other, the capture, today and the paper's founding.
    defects += find_date_defects(article, context)
    # 8. Headline, byline and section.
    defects += find_metadata_defects(article, context)
    return defects


def _sample(article: Article) -> str:
    """Return the start of the article's text, enough to tell its language."""
    parts, size = [article.headline], len(article.headline)
    for paragraph in article.body:
        if size > 20_000:
            break
        parts.append(paragraph)
        size += len(paragraph)
    return "\n".join(parts)


def _word_test(lexicon, vocabulary):
    """Return a test of whether a lower-case word is known, for telling half words from whole ones."""
    if lexicon is None:
        return lambda word: True  # another language: no half-word judgement
    return lambda word: (
        lexicon.knows(word) or lexicon.derives(word) or (vocabulary is not None and vocabulary.article_count(word) > RARE_ARTICLES)
    )
