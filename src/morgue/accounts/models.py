"""A reader's bookmarks and saved searches, and the failed sign-ins that rate-limit guessing."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from morgue.archive.models import Article


class Bookmark(models.Model):
    """An article a reader keeps to come back to."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookmarks")
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "article"], name="one_bookmark_per_article")]
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user} → article {self.article_id}"


class SavedSearch(models.Model):
    """A search query a reader keeps, in the site's query language."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches")
    query = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "query"], name="one_saved_search_per_query")]
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.query


class SignInFailure(models.Model):
    """One failed sign-in: counted per username and per address over a window (see ratelimit.py)."""

    username = models.CharField(max_length=254, db_index=True)  # as typed, lower-cased
    ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)
    at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.username} from {self.ip} at {self.at:%Y-%m-%d %H:%M}"
