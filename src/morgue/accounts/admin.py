"""Readers' bookmarks and saved searches, and the failed sign-ins, in Django's admin (users and groups come with Django)."""

from __future__ import annotations

from django.contrib import admin

from morgue.accounts.models import Bookmark, SavedSearch, SignInFailure

admin.site.site_header = "morgue: users, roles and the archive's tables"
admin.site.site_title = "morgue admin"


@admin.register(Bookmark)
class BookmarkAdmin(admin.ModelAdmin):
    list_display = ("user", "article", "created_at")
    raw_id_fields = ("user", "article")


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("user", "query", "created_at")
    raw_id_fields = ("user",)


@admin.register(SignInFailure)
class SignInFailureAdmin(admin.ModelAdmin):
    """Failed sign-ins (deleting them lifts a lockout early)."""

    list_display = ("username", "ip", "at")
    search_fields = ("username", "ip")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
