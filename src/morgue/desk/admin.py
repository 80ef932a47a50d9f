"""The archive's tables in Django's admin, read-only: they change only through revisions and ingest runs."""

from __future__ import annotations

from django.contrib import admin

from morgue.archive.models import Article, ArchiveDefect, Defect, IngestRun, Original, Rejection, Revision, SourceLocation


class ReadOnlyAdmin(admin.ModelAdmin):
    """A table that may be looked at here, never changed: originals and revisions are append-only (DESIGN.md)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    list_display = ("pk", "headline", "published", "section", "withdrawn", "revision_count")
    list_filter = ("withdrawn", "section")
    search_fields = ("headline", "byline")


@admin.register(Revision)
class RevisionAdmin(ReadOnlyAdmin):
    list_display = ("article", "number", "kind", "author", "created_at", "reason")
    list_filter = ("kind",)
    raw_id_fields = ("article",)


@admin.register(Defect)
class DefectAdmin(ReadOnlyAdmin):
    list_display = ("article", "kind", "severity", "status", "field", "excerpt")
    list_filter = ("status", "kind", "severity")


@admin.register(Original)
class OriginalAdmin(ReadOnlyAdmin):
    list_display = ("sha256", "kind", "size", "stored_at")


@admin.register(SourceLocation)
class SourceLocationAdmin(ReadOnlyAdmin):
    list_display = ("key", "url", "captured_at")
    search_fields = ("key", "url")


@admin.register(Rejection)
class RejectionAdmin(ReadOnlyAdmin):
    list_display = ("key", "stage", "reason", "created_at")
    list_filter = ("stage", "reason")


@admin.register(IngestRun)
class IngestRunAdmin(ReadOnlyAdmin):
    list_display = ("pk", "started_at", "finished_at", "status", "documents", "new_articles", "rejected")


@admin.register(ArchiveDefect)
class ArchiveDefectAdmin(ReadOnlyAdmin):
    list_display = ("kind", "severity", "subject", "found_at")
