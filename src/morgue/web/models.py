"""The site's own editable pages (About, Terms of Use, Privacy Policy)."""

from __future__ import annotations

from django.db import models


class SitePage(models.Model):
    """A page of the site's own text, edited in the Django admin; overrides the setting and the default."""

    ABOUT, TERMS, PRIVACY = "about", "terms", "privacy"
    SLUGS = [(ABOUT, "About"), (TERMS, "Terms of Use"), (PRIVACY, "Privacy Policy")]

    slug = models.CharField(max_length=20, choices=SLUGS, unique=True)
    title = models.CharField(max_length=200)
    # Markdown (raw HTML off: written HTML is shown as text, never run; see morgue.web.markdown).
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        from morgue.web.paper import forget

        forget()  # the pages are part of the paper every page speaks for


class PaperSettings(models.Model):
    """What the admin changed about the paper while the site runs; an empty field keeps morgue.toml's value.

    One row (pk 1). The logo and favicon are kept here as bytes, so every
    server process and machine serves the same ones.
    """

    name = models.CharField(max_length=200, blank=True, default="", help_text="The paper's name, e.g. The Oldcastle Courier.")
    short_name = models.CharField(max_length=60, blank=True, default="", help_text="A short name for small screens and feeds.")
    url = models.CharField("canonical base URL", max_length=200, blank=True, default="",
                           help_text="The archive's public address, e.g. https://archive.example.com (sitemaps, feeds, JSON-LD, e-mails).")
    founded = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The year the paper began; the audit flags articles dated before it.")
    publisher = models.CharField(max_length=200, blank=True, default="", help_text="The organisation search engines are told publishes the articles.")
    accent = models.CharField("accent colour", max_length=7, blank=True, default="", help_text="#rrggbb, e.g. #8b1a1a.")
    contact = models.CharField("contact address", max_length=200, blank=True, default="")
    notice = models.TextField("archive notice", blank=True, default="", help_text="The sentence at the foot of every page.")
    logo = models.BinaryField(blank=True, default=b"", editable=True)
    logo_type = models.CharField(max_length=40, blank=True, default="")
    favicon = models.BinaryField(blank=True, default=b"", editable=True)
    favicon_type = models.CharField(max_length=40, blank=True, default="")
    logo_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    favicon_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "paper settings"

    def __str__(self) -> str:
        return self.name or "The paper"

    def save(self, *args, **kwargs):
        import hashlib

        self.pk = 1  # one row: the paper
        self.logo_digest = hashlib.sha256(bytes(self.logo or b"")).hexdigest() if self.logo else ""
        self.favicon_digest = hashlib.sha256(bytes(self.favicon or b"")).hexdigest() if self.favicon else ""
        super().save(*args, **kwargs)
        from morgue.web.paper import forget

        forget()
