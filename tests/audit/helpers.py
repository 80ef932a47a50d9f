"""Small helpers for audit tests."""

from morgue.extract.article import Article


def article(*body, headline="Talks end in Dushanbe", section="World", **fields):
    """Return an Article with the given body paragraphs and sensible clean metadata."""
    from datetime import date

    fields.setdefault("published", date(2004, 3, 5))
    fields.setdefault("byline", "Anna Smith")
    return Article(headline=headline, body=tuple(body), section=section, **fields)


def of_kind(defects, kind):
    return [d for d in defects if d.kind == kind]


def span(art, defect):
    """Return the text a defect points at."""
    if defect.field == "body":
        return art.body[defect.paragraph][defect.start:defect.end]
    return getattr(art, defect.field)[defect.start:defect.end]
