"""The desk's forms: a correction, a reason (for dismissals, reverts, withdrawals), the queue's filters."""

from __future__ import annotations

import re

from django import forms

from morgue.archive.models import Article

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def body_text(paragraphs) -> str:
    """Return body paragraphs as the textarea shows them: separated by blank lines."""
    return "\n\n".join(paragraphs)


def body_paragraphs(text: str) -> list[str]:
    """Return the paragraphs of a textarea's text (separated by blank lines), trimmed, empty ones dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [p.strip() for p in _BLANK_LINE.split(text) if p.strip()]


class ReasonForm(forms.Form):
    """Why (kept for the editors) and, optionally, what readers are told."""

    reason = forms.CharField(max_length=2000, widget=forms.TextInput(attrs={"size": 60}),
                             help_text="Kept with the revision, for the editors.")
    public_note = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
                                  help_text="Shown to readers with the article. Leave empty for none.")


class DismissForm(forms.Form):
    reason = forms.CharField(max_length=2000, widget=forms.TextInput(attrs={"size": 60}),
                             help_text="Why this is not a defect, or not worth fixing.")


class CorrectionForm(ReasonForm):
    """An article's editable fields, then the reason and the public note."""

    headline = forms.CharField(required=False, max_length=2000, widget=forms.TextInput(attrs={"size": 70}))
    byline = forms.CharField(required=False, max_length=500, widget=forms.TextInput(attrs={"size": 50}))
    dateline = forms.CharField(required=False, max_length=500)
    published = forms.DateField(required=False, label="Date published", help_text="YYYY-MM-DD; empty if unknown.",
                                widget=forms.DateInput(attrs={"type": "date"}))
    section = forms.CharField(required=False, max_length=200, widget=forms.TextInput(attrs={"list": "sections"}))
    body = forms.CharField(required=False, strip=False, widget=forms.Textarea(attrs={"rows": 24, "cols": 80}),
                           help_text="Paragraphs separated by a blank line.")
    field_order = ["headline", "byline", "dateline", "published", "section", "body", "reason", "public_note"]

    @classmethod
    def for_article(cls, article: Article, data=None) -> CorrectionForm:
        initial = {"headline": article.headline, "byline": article.byline, "dateline": article.dateline,
                   "published": article.published, "section": article.section, "body": body_text(article.body)}
        return cls(data, initial=initial)

    def fields_changed(self, article: Article) -> dict:
        """Return the article fields as the editor left them (the body as paragraphs, unless its text is unchanged)."""
        data = self.cleaned_data
        fields = {name: data[name] for name in ("headline", "byline", "dateline", "published", "section")}
        posted = data["body"].replace("\r\n", "\n").replace("\r", "\n")
        if posted.strip() != body_text(article.body).strip():
            fields["body"] = body_paragraphs(posted)
        return fields
