"""The site's own editable pages (About, Terms of Use, Privacy Policy)."""

from __future__ import annotations

from django.db import models


class SitePage(models.Model):
    """A page of the site's own text, edited in the Django admin; overrides the setting and the default."""

    ABOUT, TERMS, PRIVACY = "about", "terms", "privacy"
    SLUGS = [(ABOUT, "About"), (TERMS, "Terms of Use"), (PRIVACY, "Privacy Policy")]

    slug = models.CharField(max_length=20, choices=SLUGS, unique=True)
    title = models.CharField(max_length=200)
    # Plain text: paragraphs separated by a blank line; never rendered as HTML.
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title
