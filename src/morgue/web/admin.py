"""The site's pages and the paper's settings in the Django admin."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from morgue.paper import Paper, field_problems
from morgue.web.models import PaperSettings, SitePage
from morgue.web.paper import MAX_IMAGE_BYTES, image_type


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at")


PAPER_FIELDS = ["name", "short_name", "url", "founded", "publisher", "accent", "contact", "notice"]


class PaperSettingsForm(forms.ModelForm):
    """The paper's settings, each checked as morgue.toml's are; images uploaded as files and kept as bytes."""

    logo_file = forms.FileField(required=False, label="Logo", help_text="PNG, JPEG, GIF, WebP or SVG, at most 512 KiB.")
    favicon_file = forms.FileField(required=False, label="Favicon", help_text="ICO, PNG or SVG, at most 512 KiB.")
    remove_logo = forms.BooleanField(required=False, help_text="Go back to the logo morgue.toml names (or none).")
    remove_favicon = forms.BooleanField(required=False)

    class Meta:
        model = PaperSettings
        fields = PAPER_FIELDS

    def clean(self):
        data = super().clean()
        values = {k: data.get(k) for k in PAPER_FIELDS if data.get(k) not in ("", None)}
        for name, problem in field_problems(Paper(**values)).items():
            self.add_error(name if name in self.fields else None, f"This {problem}.")
        for which in ("logo", "favicon"):
            upload = data.get(f"{which}_file")
            if upload:
                content = upload.read(MAX_IMAGE_BYTES + 1)
                kind = image_type(content)
                if len(content) > MAX_IMAGE_BYTES:
                    self.add_error(f"{which}_file", "The image is larger than 512 KiB.")
                elif kind is None:
                    self.add_error(f"{which}_file", "This is not an image the site can serve (PNG, JPEG, GIF, WebP, ICO, or SVG without script).")
                else:
                    data[f"{which}_content"] = (content, kind)
        return data

    def save(self, commit=True):
        settings = super().save(commit=False)
        for which in ("logo", "favicon"):
            if self.cleaned_data.get(f"remove_{which}"):
                setattr(settings, which, b"")
                setattr(settings, f"{which}_type", "")
            if self.cleaned_data.get(f"{which}_content"):
                content, kind = self.cleaned_data[f"{which}_content"]
                setattr(settings, which, content)
                setattr(settings, f"{which}_type", kind)
        if commit:
            settings.save()
        return settings


@admin.register(PaperSettings)
class PaperSettingsAdmin(admin.ModelAdmin):
    form = PaperSettingsForm
    fieldsets = [
        (None, {"fields": ["name", "short_name", "publisher", "founded", "url", "contact"],
                "description": "Empty fields keep the values in morgue.toml in the archive home."}),
        ("Look", {"fields": ["accent", "logo_file", "remove_logo", "favicon_file", "remove_favicon"]}),
        ("Words", {"fields": ["notice"]}),
    ]
    list_display = ("__str__", "updated_at")

    def has_add_permission(self, request):
        return not PaperSettings.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
