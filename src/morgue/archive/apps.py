from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "morgue.archive"
    label = "archive"
    verbose_name = "Archive"
