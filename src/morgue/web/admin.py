"""The site's pages in the Django admin (when the project installs django.contrib.admin)."""

from django.contrib import admin

from morgue.web.models import SitePage


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at")
